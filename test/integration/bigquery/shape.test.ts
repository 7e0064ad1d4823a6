// The shape Log Analytics groups by, computed by the product's SQL on a real engine: variable parts
// masked (UUIDs, addresses, quoted values, hex, numbers), the message read from the field the
// classifier reads first, long texts cut to their head and tail.
import { maskedMessageExpression, shapeExpression } from '../../../src/source/analytics/shape-sql.js';
import { toDuckDb } from '../servers/bigquery-dialect.js';
import { startBigQueryServer, type BigQueryServer } from '../servers/bigquery-server.js';

const at = '2025-09-11T10:00:00Z';
const resource = { type: 'cloud_run_revision', labels: { service_name: 'api' } };
const CASES: Array<[string, Record<string, unknown>, string]> = [
  ['numbers', { textPayload: 'payment 4411 declined after 3 tries' }, 'payment <N> declined after <N> tries'],
  ['a UUID before its hex and numbers', { textPayload: 'user e1720414-e633-4a9a-af1a-2b8cf712dea6 not found' }, 'user <UUID> not found'],
  ['an address with its port', { textPayload: 'connect to 10.0.3.4:6379 refused' }, 'connect to <IP> refused'],
  ['double and single quoted values', { textPayload: `phase "init" and 'ready' timed out` }, `phase "<Q>" and '<Q>' timed out`],
  ['hex with digits, and 0x values', { textPayload: 'order 8f3a2b9c failed at 0xdeadbeef' }, 'order <HEX> failed at <HEX>'],
  ['a word with digits keeps its letters', { textPayload: 'worker-12 restarted' }, 'worker-<N> restarted'],
  ['a JSON message', { jsonPayload: { message: 'cache miss 42', logger: 'x' } }, 'cache miss <N>'],
  ['a JSON message with its stack head', { jsonPayload: { message: 'boom', stack_trace: 'TypeError: x is 7\n    at f (a.js:1:2)' } }, 'boom TypeError: x is <N>\n    at f (a.js:<N>:<N>)'],
  ['a JSON message with the error it names beside it', { jsonPayload: { message: 'resize failed', error: 'read gs://b/u_12.jpg: storage: object doesn\'t exist' } },
    'resize failed read gs://b/u_<N>.jpg: storage: object doesn\'t exist'],
  ['an error object is not a message: its message is', { jsonPayload: { error: { message: 'denied 403' } } }, 'denied <N>'],
  ['an error object beside a message: the message, then the error\'s', { jsonPayload: { msg: 'request error', err: { type: 'Error', message: 'connect ECONNREFUSED 10.8.0.7:6379' } } },
    'request error connect ECONNREFUSED <IP>'],
  ['tslog\'s record: its first argument, then its error argument\'s message', { jsonPayload: { 0: 'Upload 4f2a failed', 1: { name: 'MongoServerSelectionError', message: 'Server selection timed out after 30000 ms' }, _meta: { logLevelName: 'ERROR' } } },
    'Upload <HEX> failed Server selection timed out after <N> ms'],
  ['a message under another key the classifier reads (loguru\'s text)', { jsonPayload: { text: '2026-12-07 10:00:01.123 | WARNING  | main:handle:48 - duplicate delivery\n', record: { level: { name: 'WARNING' } } } },
    '<N>-<N>-<N> <N>:<N>:<N>.<N> | WARNING  | main:handle:<N> - duplicate delivery'],
  ['a request with no payload: method, path, status', { httpRequest: { requestMethod: 'GET', requestUrl: 'https://x.run.app/api/threads/42?x=1', status: 500 } }, 'GET /api/threads/<N> <N>'],
  ['terminal colours go, as the normalizer drops them', { textPayload: '\u001b[33m[Nest] 1  - \u001b[0m\u001b[33m   WARN\u001b[0m provider slow \u001b[1;33m+12ms\u001b[0m' },
    '[Nest] <N>  -    WARN provider slow +<N>ms'],
  ['a JSON payload without a message: its fields', { jsonPayload: { event_id: 12, kind: 'sync' } }, '{"event_id":<N>,"kind":"<Q>"}'],
];

let server: BigQueryServer;
beforeAll(async () => {
  const entries = CASES.map(([, payload], i) => ({ timestamp: at, insertId: `e${i}`, resource, ...payload }));
  server = await startBigQueryServer({ entries });
});
afterAll(async () => {
  await server.stop();
});

async function shapes(): Promise<Map<string, string>> {
  const sql = `SELECT insert_id, ${shapeExpression(`(${maskedMessageExpression()})`)} AS shape FROM \`p.d._AllLogs\``;
  const rows = await server.sql(toDuckDb(sql, new Set()).sql);
  return new Map(rows.map((r) => [String(r.insert_id), String(r.shape).trimEnd()]));
}

describe('the shape of an entry, in SQL', () => {
  it.each(CASES.map(([name, , shape], i) => [name, i, shape] as const))('%s', async (_name, i, expected) => {
    expect((await shapes()).get(`e${i}`)).toBe(expected);
  });

  it('cuts a long text to its head and its tail, where a traceback names its error', async () => {
    const frames = Array.from({ length: 40 }, (_, k) => `  File "/app/m${'x'.repeat(k % 3)}.py", line ${k}, in f`).join('\n');
    const text = `Traceback (most recent call last):\n${frames}\nIndexError: list index out of range`;
    const local = await startBigQueryServer({ entries: [{ timestamp: at, insertId: 'long', resource, textPayload: text }] });
    try {
      const sql = `SELECT ${shapeExpression(`(${maskedMessageExpression()})`)} AS shape FROM \`p.d._AllLogs\``;
      const [row] = await local.sql(toDuckDb(sql, new Set()).sql);
      const shape = String(row!.shape).trimEnd();
      expect(shape.length).toBeLessThanOrEqual(303);
      expect(shape.startsWith('Traceback (most recent call last):')).toBe(true);
      expect(shape.endsWith('IndexError: list index out of range')).toBe(true);
      expect(shape).toContain(' … ');
    } finally {
      await local.stop();
    }
  });
});
