// Node's console.trace(err) writes `Trace: ` and the error's own line, then its frames (and util.inspect's
// properties), in one write to stderr: Uptime Kuma logs every monitor failure it did not expect so
// (louislam/uptime-kuma#2346, #3408, #7095). Cloud Run stores each line as an entry of its own: they come
// back as one trace, whichever way the input runs and with another instance's lines among them, and the
// trace reads as the error console.error would print bare. PHP's `Trace: #0 …` field stays a field.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { lineKind } from '../../../src/source/trace-lines.js';
import { createClassifier, stackSignature } from '../../../src/classify/index.js';
import type { Entry } from '../../../src/shared/types.js';
import { cloudRunLines, texts } from '../../support/cloud-run-lines.js';
import { expectWhole } from '../../support/expect-whole.js';

const { line, split } = cloudRunLines('stderr');
const OTHER_LINES = ['GET /healthz 200 1ms', 'worker 3 idle', 'GET /healthz 200 2ms'];

const KNEX = 'KnexTimeoutError: Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?';
// As pasted in louislam/uptime-kuma#7095 (2.0), without its container prefix.
const TRACE = [
  `Trace: ${KNEX}`,
  '    at Client_SQLite3.acquireConnection (/app/node_modules/knex/lib/client.js:332:26)',
  '    at async Runner.ensureConnection (/app/node_modules/knex/lib/execution/runner.js:305:28)',
  '    at async Runner.run (/app/node_modules/knex/lib/execution/runner.js:30:19)',
  '    at async RedBeanNode.findOne (/app/node_modules/redbean-node/dist/redbean-node.js:499:19)',
  '    at async Monitor.sendCertInfo (/app/server/model/monitor.js:1387:23)',
  '    at async Monitor.sendStats (/app/server/model/monitor.js:1370:13) {',
  '  sql: undefined,',
  '  bindings: undefined',
  '}',
].join('\n');

const stack = (text: string, time = 0): Entry => ({ time, severity: 'ERROR', service: 'status', revision: '', kind: 'stack', text });

describe("Node's console.trace of an error, split by Cloud Run", () => {
  it('opens a trace with its `Trace: ` line', () => {
    expect(lineKind(`Trace: ${KNEX}`)).toBe('head');
    expect(lineKind('Trace: TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string')).toBe('head');
  });

  it("keeps PHP's `Trace: #0 …` field and a message that names no error type a field", () => {
    expect(lineKind('Trace: #0 /var/www/src/Db.php(21): PDO->__construct()')).toBe('cont');
    expect(lineKind('Trace: request handled in 12 ms')).toBe('cont');
  });

  it('joins the trace whole, both time orders, among another instance\'s lines', () => {
    expectWhole(TRACE, OTHER_LINES);
  });

  it('joins the trace under the ERROR line logged a moment before it', () => {
    const before = line('2026-12-12T00:18:41+00:00 [MONITOR] ERROR: Please report to https://github.com/louislam/uptime-kuma/issues', 0);
    const out = texts(reassembleAll([before, ...split(TRACE, 900)]));
    expect(out.some((t) => t.includes('Trace: KnexTimeoutError') && t.endsWith('}'))).toBe(true);
  });

  it('reads as the error printed bare, the type its own', () => {
    const bare = TRACE.slice('Trace: '.length);
    expect(stackSignature(TRACE)).toMatchObject({ exceptionType: 'KnexTimeoutError' });
    const c = createClassifier();
    const [a, b] = [c.add(stack(TRACE, 0)), c.add(stack(bare, 1))];
    expect(c.resolve(a).id).toBe(c.resolve(b).id);
  });

  it('keeps a trace of a message, not an error, under its own name', () => {
    const text = 'Trace: checkpoint reached\n    at Object.<anonymous> (/app/index.js:3:9)';
    expect(stackSignature(text)?.exceptionType).toBe('Trace');
  });
});
