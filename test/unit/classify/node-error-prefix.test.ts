// undici's `fetch failed` printed bare by console.error, after an application prefix (console.error's
// util.format), and through pino's err serializer (its cause folded in as `caused by:`): one problem per
// cause and call site.
import { stackSignature } from '../../../src/classify/index.js';
import { errorAfterPrefix } from '../../../src/classify/node-error-prefix.js';
import { createClassifier } from '../../../src/classify/index.js';
import type { Entry } from '../../../src/shared/types.js';

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

// Node 20's Happy Eyeballs (net's autoSelectFamily) rejects a refused connect with an AggregateError whose
// message is empty: util.inspect prints `AggregateError [ECONNREFUSED]: ` (redis/node-redis#2914, after
// console.log's `5 `), `err.stack` the name alone (`AggregateError`, then its frames).
describe('an error with an empty message after an application prefix', () => {
  const frames = [
    '    at /app/node_modules/pg-pool/index.js:45:11',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
    '    at async upsertOrder (file:///app/src/db.js:22:18)',
    '    at async handlePush (file:///app/src/handlers/pubsub.js:34:5)',
  ];
  const inspected = (prefix: string) => [
    `${prefix} AggregateError [ECONNREFUSED]: `, ...frames.slice(0, -1), `${frames[3]} {`, "  code: 'ECONNREFUSED',", '  [errors]: [',
    '    Error: connect ECONNREFUSED ::1:5432', '        at createConnectionError (node:net:1652:14)', '        at afterConnectMultiple (node:net:1682:16) {',
    "      errno: -111,", "      code: 'ECONNREFUSED',", "      syscall: 'connect',", "      address: '::1',", '      port: 5432', '    },', '  ]', '}',
  ].join('\n');
  const stackAfter = (prefix: string) => [`${prefix}: AggregateError`, ...frames].join('\n');

  it('reads the error after the prefix, inspected or as its stack, as one error at one call site', () => {
    const a = stackSignature(inspected('order upsert failed for message 18249617570'))!;
    const b = stackSignature(stackAfter('order upsert failed for message 12588307696'))!;
    for (const s of [a, b]) {
      expect(s.exceptionType).toBe('AggregateError');
      expect(s.frames).toEqual(['src/db.js:upsertOrder', 'handlers/pubsub.js:handlePush']);
      expect(s.message).toBe('');
    }
    expect(a.reportedAs).toBe('order upsert failed for message <NUM>');
  });

  it('reads the inspected line alone, and a name at a line\'s end only with frames under it', () => {
    expect(errorAfterPrefix('5 AggregateError [ECONNREFUSED]:')).toEqual({ prefix: '5', error: 'AggregateError [ECONNREFUSED]:' });
    expect(errorAfterPrefix('order upsert failed: AggregateError')).toBeNull();
    expect(errorAfterPrefix('order upsert failed: AggregateError', true)).toEqual({ prefix: 'order upsert failed:', error: 'AggregateError' });
    expect(stackSignature('order upsert failed: AggregateError\nretrying in 5s')).toBeNull();
  });

  const entry = (text: string): Entry => ({ time: Date.UTC(2026, 0, 5), severity: 'ERROR', service: 'events', revision: 'events-001', kind: 'stack', text });
  const cut = (text: string) => text.split('\n').slice(0, 3).join('\n');

  it('one cluster for the inspected error, its stack after the prefix and the write cut before the application\'s frames', () => {
    const c = createClassifier();
    const handles = [
      inspected('order upsert failed for message 18249617570'),
      stackAfter('order upsert failed for message 12588307696'),
      cut(inspected('order upsert failed for message 15862711635')),
    ].map((text) => c.add(entry(text)));
    expect(new Set(handles.map((h) => c.resolve(h).id)).size).toBe(1);
  });

  it('…but a cut logged under another line is not that trace', () => {
    const c = createClassifier();
    const whole = c.add(entry(inspected('order upsert failed for message 18249617570')));
    const other = c.add(entry(cut(inspected('cache warmup failed for shard 3'))));
    expect(c.resolve(other).id).not.toBe(c.resolve(whole).id);
  });
});
