// Node's crash output for an error with no stack of its own (a promise rejected with a non-Error, an error
// whose stack was deleted): the throwing place, its source line and caret, the error in brackets, its
// properties and Node's version. Split by Cloud Run, one record in either order.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { textSeverity } from '../../../src/normalize/text-severity.js';
import { cloudRunLines, noBlank, texts } from '../../support/cloud-run-lines.js';

const { line, split } = cloudRunLines('stderr');

// Node 22 (ERR_UNHANDLED_REJECTION), as the docs and nodejs/node#41676 show it.
const REJECTION = [
  'node:internal/process/promises:394',
  '    triggerUncaughtException(err, true /* fromPromise */);',
  '    ^',
  '',
  '[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "Redis connection lost".] {',
  "  code: 'ERR_UNHANDLED_REJECTION'",
  '}',
  '',
  'Node.js v22.11.0',
].join('\n');
// Node 18: another line of promises.js, the reason a number.
const REJECTION_18 = REJECTION.replace('promises:394', 'promises:288').replace('"Redis connection lost"', '"42"').replace('v22.11.0', 'v18.19.1');
// An error thrown with its stack deleted: no properties, no braces.
const NO_STACK = ['/app/dist/worker.js:12', '    throw err;', '    ^', '', '[Error: queue closed]', '', 'Node.js v20.11.1'].join('\n');

describe("reassemble: Node's crash output for an error without a stack", () => {
  it.each([['Node 22, unhandled rejection', REJECTION], ['Node 18, unhandled rejection', REJECTION_18], ['an error whose stack was deleted', NO_STACK]])(
    '%s: one record in either order, whole untouched, CRITICAL', (_name, record) => {
      expect(texts(reassembleAll(split(record, 0)))).toEqual([noBlank(record)]);
      expect(texts(reassembleAll(split(record, 0).reverse()))).toEqual([noBlank(record)]);
      expect(texts(reassembleAll([line(record, 0)]))).toEqual([record]);
      expect(textSeverity(noBlank(record))).toBe('CRITICAL');
    },
  );

  it('a bracketed line with no crash place above it is a line of its own', () => {
    const lines = ['[worker] queue drained', '[Error: queue closed]'];
    expect(texts(reassembleAll(split(lines.join('\n'), 0)))).toEqual(lines);
  });

  it('a bracketed text that is no error class under a crash place is not joined', () => {
    const lines = ['/app/dist/worker.js:12', '    throw err;', '    ^', '[object Object]'];
    expect(texts(reassembleAll(split(lines.join('\n'), 0)))).not.toContain(lines.join('\n'));
  });
});
