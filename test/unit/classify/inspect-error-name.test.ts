// util.inspect prints an error whose `name` is not its class's name as `Class [name]: message`
// (Node's improveStack): Sequelize's `DatabaseError [SequelizeDatabaseError]: …`,
// `ConnectionAcquireTimeoutError [SequelizeConnectionAcquireTimeoutError]: Operation timeout`, then the
// error's own properties (`parent:`, `original:`, `sql:`) after the last frame's ` {`. The class is the
// error's type; a property line is no exception of its own.
import { stackSignature } from '../../../src/classify/index.js';
import { createClassifier } from '../../../src/classify/index.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import type { Entry } from '../../../src/shared/types.js';

// As pasted from a Render service's log (console.error('Get nearby issues error:', err), Sequelize 6
// on pg; the same shape as sequelize/sequelize#16994 and Chocobozzz/PeerTube#6723).
const SQ = '/opt/render/project/src/backend/node_modules/sequelize/lib';
const acquireFrames = [
  `    at ConnectionManager.getConnection (${SQ}/dialects/abstract/connection-manager.js:206:15)`,
  '    at runNextTicks (node:internal/process/task_queues:65:5)',
  '    at listOnTimeout (node:internal/timers:549:9)',
  '    at process.processTimers (node:internal/timers:523:7)',
  `    at async ${SQ}/sequelize.js:305:26`,
  `    at async PostgresQueryInterface.select (${SQ}/dialects/abstract/query-interface.js:407:12)`,
  `    at async Issue.findAll (${SQ}/model.js:1140:21)`,
  '    at async result (/opt/render/project/src/backend/dist/controllers/issueController.js:193:28)',
  '    at async getNearbyIssues (/opt/render/project/src/backend/dist/controllers/issueController.js:227:28) {',
];
const poolCause = (key: string, last: string) => [
  `  ${key}: TimeoutError: Operation timeout`,
  '      at Timeout.<anonymous> (/opt/render/project/src/backend/node_modules/sequelize-pool/lib/Deferred.js:17:25)',
  '      at listOnTimeout (node:internal/timers:588:17)',
  `      at process.processTimers (node:internal/timers:523:7)${last}`,
];
const ACQUIRE = [
  'ConnectionAcquireTimeoutError [SequelizeConnectionAcquireTimeoutError]: Operation timeout',
  ...acquireFrames,
  ...poolCause('parent', ','),
  ...poolCause('original', ''),
  '}',
].join('\n');

// pg's error under Sequelize's DatabaseError, as ShubhamTatvamasi/magma-galaxy#16 pasted its `parent:`
// (the DatabaseError line as in sequelize-sscce and the many `DatabaseError [SequelizeDatabaseError]:` pastes).
const DEADLOCK = [
  'DatabaseError [SequelizeDatabaseError]: deadlock detected',
  '    at Query.formatError (/usr/src/node_modules/sequelize/lib/dialects/postgres/query.js:386:16)',
  '    at Query.run (/usr/src/node_modules/sequelize/lib/dialects/postgres/query.js:87:18)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  '    at async CartItem.update (/usr/src/node_modules/sequelize/lib/model.js:1990:28)',
  '    at async updateCart (/usr/src/scripts/cart.ts:56:16) {',
  '  parent: error: deadlock detected',
  '      at Parser.parseErrorMessage (/usr/src/node_modules/pg-protocol/src/parser.ts:369:69)',
  '      at Parser.handlePacket (/usr/src/node_modules/pg-protocol/src/parser.ts:188:21) {',
  '    length: 310,',
  "    severity: 'ERROR',",
  "    code: '40P01',",
  '  },',
  "  sql: 'UPDATE \"cart_items\" SET \"quantity\"=$1 WHERE \"cartId\" = $2',",
  '  parameters: undefined',
  '}',
].join('\n');

describe('stackSignature: util.inspect\'s `Class [name]: message`', () => {
  it('the class is the type, whatever error properties follow', () => {
    const s = stackSignature(ACQUIRE)!;
    expect(s.exceptionType).toBe('ConnectionAcquireTimeoutError');
    expect(s.message).toBe('Operation timeout');
    expect(s.frames).toEqual(['controllers/issueController.js:result', 'controllers/issueController.js:getNearbyIssues']);
    const d = stackSignature(DEADLOCK)!;
    expect(d.exceptionType).toBe('DatabaseError');
    expect(d.message).toBe('deadlock detected');
  });

  it('after an application prefix, the same error and frames; the prefix is the line it was logged under', () => {
    const prefixed = stackSignature(`Get nearby issues error: ${ACQUIRE}`)!;
    const bare = stackSignature(ACQUIRE)!;
    expect([prefixed.exceptionType, prefixed.message, ...prefixed.frames]).toEqual([bare.exceptionType, bare.message, ...bare.frames]);
    expect(prefixed.reportedAs).toBe('Get nearby issues error:');
  });

  it('a code in brackets is still set aside as before', () => {
    const s = stackSignature("TypeError [ERR_INVALID_ARG_TYPE]: The \"path\" argument must be of type string\n    at new NodeError (node:internal/errors:405:5)\n    at load (/app/src/config.js:12:9)")!;
    expect(s.exceptionType).toBe('TypeError');
  });

  it('a bracketed word that is no name (spaces, punctuation) leaves the line unread as a type', () => {
    expect(stackSignature('Worker [pool 2]: stopped\n    at run (/app/src/w.js:1:1)')).toBeNull();
  });
});

function entry(text: string, piece = false): Entry {
  const e = normalizeEntry({ timestamp: '2026-03-10T12:00:00Z', severity: piece ? 'DEFAULT' : 'ERROR', textPayload: text, resource: { type: 'cloud_run_revision', labels: { service_name: 'shop' } } });
  if ('skip' in e) throw new Error(`skipped: ${e.skip}`);
  return piece ? { ...e, piece: true } : e;
}

describe('stack clusters: Sequelize errors printed by console.error', () => {
  it('bare and after a prefix: one problem; the pool timeout and the deadlock: two', () => {
    const c = createClassifier();
    const a = c.add(entry(ACQUIRE));
    const b = c.add(entry(`[remix] GET /products/tents failed: ${ACQUIRE}`));
    const d = c.add(entry(DEADLOCK));
    expect(c.resolve(a).id).toBe(c.resolve(b).id);
    expect(c.resolve(d).id).not.toBe(c.resolve(a).id);
    expect(c.resolve(a).template).toContain('ConnectionAcquireTimeoutError: Operation timeout');
    expect(c.resolve(d).template).toContain('DatabaseError: deadlock detected');
  });

  it("a piece of the record whose head was lost, its bound parameters other values, joins the record's cluster", () => {
    const withParameters = (values: string) => DEADLOCK.replace('  parameters: undefined', `  parameters: [ ${values} ]`);
    const c = createClassifier();
    const whole = c.add(entry(withParameters("4, '2026-12-04 07:12:09.115 +00:00', 656128, 'SKU-G2KWYQ'")));
    const tail = withParameters("3, '2026-12-04 00:12:09.115 +00:00', 1289, 'SKU-INPI6K'").split('\n').slice(2).join('\n');
    const piece = c.add(entry(tail, true));
    expect(c.resolve(piece).id).toBe(c.resolve(whole).id);
  });

  // The same record cut short after its head and first frames (the platform lost the rest of the
  // write): a trace through library frames only, of the exception one trace through the
  // application's own frames surfaced.
  const cutAfter = (text: string, frames: number) => text.split('\n').slice(0, 1 + frames).join('\n');

  it('a trace cut before its own frames joins the one whole trace of that exception', () => {
    const c = createClassifier();
    const whole = c.add(entry(ACQUIRE));
    const prefixed = c.add(entry(`[remix] GET /products/packs failed: ${ACQUIRE}`));
    const cut = c.add(entry(cutAfter(`[remix] GET /products/packs failed: ${ACQUIRE}`, 2)));
    const bareCut = c.add(entry(cutAfter(ACQUIRE, 1)));
    expect(new Set([whole, prefixed, cut, bareCut].map((h) => c.resolve(h).id)).size).toBe(1);
  });

  it('…not when two call sites of the application raised it, nor when it was logged under another line', () => {
    const other = ACQUIRE.replace(/result \(/, 'sweep (').replace(/getNearbyIssues \(/, 'nightly (').replace(/controllers\/issueController/g, 'jobs/cleanup');
    const c = createClassifier();
    const a = c.add(entry(ACQUIRE));
    const b = c.add(entry(other));
    const cut = c.add(entry(cutAfter(ACQUIRE, 2)));
    expect(c.resolve(a).id).not.toBe(c.resolve(b).id);
    expect([c.resolve(a).id, c.resolve(b).id]).not.toContain(c.resolve(cut).id);

    const d = createClassifier();
    const logged = d.add(entry(`order sync failed: ${ACQUIRE}`));
    const elsewhere = d.add(entry(cutAfter(`price refresh failed: ${ACQUIRE}`, 2)));
    expect(d.resolve(elsewhere).id).not.toBe(d.resolve(logged).id);
  });
});
