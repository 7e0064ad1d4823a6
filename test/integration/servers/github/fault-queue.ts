// Injected faults: the next matching requests fail with a given status, before or after the write.
import type { Fault } from './fake-github.js';
import type { Reply } from './route.js';

export class FaultQueue {
  private readonly queue: Array<Fault & { left: number; pass: number }> = [];

  add(fault: Fault): void {
    this.queue.push({ ...fault, left: fault.times ?? 1, pass: fault.skip ?? 0 });
  }

  /** The fault for this request, if one is due. */
  take(method: string, path: string, afterWrite: boolean): Reply | null {
    const index = this.queue.findIndex((f) => (f.method ?? method) === method && f.path.test(path) && Boolean(f.afterWrite) === afterWrite);
    if (index < 0) return null;
    const fault = this.queue[index]!;
    if (fault.pass > 0) {
      fault.pass--;
      return null;
    }
    if (--fault.left <= 0) this.queue.splice(index, 1);
    return reply(fault);
  }
}

function reply(fault: Fault): Reply {
  const message =
    fault.status === 403 ? 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
    : fault.status >= 500 ? 'Server Error' : 'Injected fault';
  return { status: fault.status, body: fault.body ?? { message, documentation_url: 'https://docs.github.com/rest' }, headers: fault.headers ?? {} };
}
