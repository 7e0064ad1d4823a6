// A Python chain whose cause is grpc's error repr, split one line an entry and cut at its head: every
// line of it is read (the repr's private class, its closing `>`), the lines join into one record, and
// the record reads as the whole chain does, its cause included.
import { stackSignature } from '../../../src/classify/index.js';
import { mayBelongToTrace, severityTextPattern } from '../../../src/normalize/text-severity.js';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, texts } from '../../support/cloud-run-lines.js';

// The repr as people paste it: notAI-tech/deepsegment#24 (`grpc._channel._Rendezvous: <_Rendezvous of
// RPC that terminated with:`, its fields, `>` alone); the chain as googleapis/python-ndb#483 shows it.
const cause = [
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/site-packages/google/api_core/grpc_helpers.py", line 170, in error_remapped_callable',
  '    return _StreamingResponseIterator(',
  '  File "/usr/local/lib/python3.12/site-packages/grpc/_channel.py", line 969, in _next',
  '    raise self',
  'grpc._channel._Rendezvous: <_Rendezvous of RPC that terminated with:',
  '\tstatus = StatusCode.DEADLINE_EXCEEDED',
  '\tdetails = "Deadline Exceeded"',
  '\tdebug_error_string = "UNKNOWN:Deadline Exceeded {grpc_status:4}"',
  '>',
];
const surfaced = [
  '',
  'The above exception was the direct cause of the following exception:',
  '',
  'Traceback (most recent call last):',
  '  File "/app/app/seatmap.py", line 31, in seatmap',
  '    rows = list(snapshot.execute_sql(SEATMAP_SQL))',
  '  File "/usr/local/lib/python3.12/site-packages/google/cloud/spanner_v1/snapshot.py", line 88, in _restart_on_unavailable',
  '    iterator = method(request=request, metadata=metadata)',
  'google.api_core.exceptions.DeadlineExceeded: 504 Deadline Exceeded',
];
const whole = [...cause, ...surfaced].join('\n');
// The write lost its first line: the chain opens with the cause's first frame.
const headless = [...cause.slice(1), ...surfaced].join('\n');

function re2(pattern: string): RegExp {
  const insensitive = pattern.startsWith('(?i)');
  return new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'i' : '');
}

describe('a chain with grpc\'s error repr as its cause', () => {
  const server = re2(severityTextPattern('NOTICE'));

  it.each([
    ['the repr\'s private class', 'grpc._channel._Rendezvous: <_Rendezvous of RPC that terminated with:'],
    ['its class in a module of its own', 'grpc._channel._MultiThreadedRendezvous: <_MultiThreadedRendezvous of RPC that terminated with:'],
    ['the `>` that closes it', '>'],
  ])('reads %s, in the file and on the server', (_, line) => {
    expect(mayBelongToTrace(line)).toBe(true);
    expect(server.test(line)).toBe(true);
  });

  it.each([
    ['a dotted name in lower case', 'app._internal.ready: 3 workers'],
    ['a quoted reply', '> see above'],
    ['an arrow in prose', 'a -> b'],
  ])('leaves %s alone', (_, line) => {
    expect(mayBelongToTrace(line)).toBe(false);
  });

  it('joins the lines of a headless chain across the repr\'s `>`', () => {
    const { split } = cloudRunLines('stderr');
    expect(texts(reassembleAll(split(headless, 1_000)))).toEqual([headless.split('\n').filter((l) => l.trim() !== '').join('\n')]);
  });

  it('reads the headless chain as the whole one: the same exception, frames and cause', () => {
    const full = stackSignature(whole);
    expect(full?.rootCause).toBe('grpc._channel._Rendezvous');
    const cut = stackSignature(headless);
    expect({ type: cut?.exceptionType, frames: cut?.frames, root: cut?.rootCause }).toEqual({ type: full?.exceptionType, frames: full?.frames, root: full?.rootCause });
  });

  it('reads a lone exception line with frames above it as no chain', () => {
    const lone = surfaced.slice(4).join('\n');
    expect(stackSignature(lone)?.rootCause).toBeUndefined();
  });
});
