// undici's `fetch failed` printed bare by console.error, after an application prefix (console.error's
// util.format), and through pino's err serializer (its cause folded in as `caused by:`): one problem per
// cause and call site.
import { stackSignature } from '../../../src/classify/index.js';
import { errorAfterPrefix } from '../../../src/classify/node-error-prefix.js';

describe('errorAfterPrefix', () => {
  it.each([
    ['price lookup failed SKU-ICQAA7ZL TypeError: fetch failed', 'price lookup failed SKU-ICQAA7ZL', 'TypeError: fetch failed'],
    ['stock reservation failed TypeError: fetch failed', 'stock reservation failed', 'TypeError: fetch failed'],
    ['upload failed AxiosError: Request failed with status code 503', 'upload failed', 'AxiosError: Request failed with status code 503'],
    ['job 12 failed errors.QueueError [ERR_QUEUE_CLOSED]: queue closed', 'job 12 failed', 'errors.QueueError [ERR_QUEUE_CLOSED]: queue closed'],
  ])('%j -> prefix %j, error %j', (line, prefix, error) => {
    expect(errorAfterPrefix(line)).toEqual({ prefix, error });
  });

  it.each([
    'TypeError: fetch failed', // no prefix
    'price lookup failed for SKU-1', // no error
    'the TypeError count is 3', // a word, not an error line
    'retrying after TimeoutError', // no message after it
  ])('%j has none', (line) => {
    expect(errorAfterPrefix(line)).toBeNull();
  });
});

const FRAMES = ['    at node:internal/deps/undici/undici:13502:13', '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)', '    at async getPrice (file:///app/src/pricing.js:22:15)'];
const cause = (head: string, code: string) => [`  [cause]: ${head}`, '      at onConnectTimeout (node:internal/deps/undici/undici:2602:28) {', `    code: '${code}'`, '  }', '}'];
const TIMEOUT = 'ConnectTimeoutError: Connect Timeout Error (attempted address: pricing.internal:443, timeout: 10000ms)';
const inspectBare = (head = TIMEOUT, code = 'UND_ERR_CONNECT_TIMEOUT') => ['TypeError: fetch failed', ...FRAMES.slice(0, -1), `${FRAMES[2]} {`, ...cause(head, code)].join('\n');
const inspectPrefixed = (prefix: string, head = TIMEOUT, code = 'UND_ERR_CONNECT_TIMEOUT') => inspectBare(head, code).replace(/^/, `${prefix} `);
const pinoStack = (head = TIMEOUT) => ['TypeError: fetch failed', ...FRAMES, `caused by: ${head}`, '    at onConnectTimeout (node:internal/deps/undici/undici:2602:28)'].join('\n');

describe('stackSignature: undici fetch failed in its three surfaces', () => {
  const key = (text: string) => {
    const s = stackSignature(text)!;
    return [s.exceptionType, s.message, s.rootCause, ...s.frames].join('|');
  };

  it('bare, after a prefix and through pino: the same error, frames and cause', () => {
    expect(key(inspectPrefixed('price lookup failed SKU-ICQAA7ZL'))).toBe(key(inspectBare()));
    expect(key(pinoStack())).toBe(key(inspectBare()));
    expect(stackSignature(inspectBare())!.rootCause).toBe('ConnectTimeoutError');
  });

  it('the prefix is the line it was logged under', () => {
    expect(stackSignature(inspectPrefixed('price lookup failed SKU-ICQAA7ZL'))!.reportedAs).toBe('price lookup failed <ID>');
  });

  it('another cause is another problem', () => {
    const socket = inspectBare('SocketError: other side closed', 'UND_ERR_SOCKET');
    expect(key(socket)).not.toBe(key(inspectBare()));
    expect(key(pinoStack('SocketError: other side closed'))).not.toBe(key(pinoStack()));
  });

  it('a prefixed line with no frame under it is no trace of the error', () => {
    expect(stackSignature('price lookup failed SKU-1 TypeError: fetch failed\nretrying in 5s')).toBeNull();
  });
});
