// A message that counts what failed and then lists it reads as it does for one item: how many items
// there were and which is data (BigQuery's PutMultiError of RowInsertionErrors, a validator's rejected lines).
import { problemText } from '../../../src/classify/problem-text.js';

const row = (id: string, index: number, location: string, message: string): string =>
  `insertion of row [insertID: "${id}"; insertIndex: ${index}] failed with error: {Location: "${location}"; Message: "${message}"; Reason: "invalid"}`;
const EMPTY = 'Field value of country cannot be empty.';
const NOT_INT = 'Cannot convert value to integer (bad value): 94.54';

describe('a list its count announces', () => {
  it.each([
    ['three rows, joined with "; "', `insert events: 3 row insertions failed: ${row('ev_a', 6, 'country', EMPTY)}; ${row('ev_b', 9, 'amount', NOT_INT)}; ${row('ev_c', 1, 'country', EMPTY)}`, `insert events: 3 row insertions failed: ${row('ev_a', 6, 'country', EMPTY)}`],
    ['two lines, joined with ", "', 'order rejected: 2 lines invalid: SKU-1 qty=0, SKU-2 qty=0', 'order rejected: 2 lines invalid: SKU-1 qty=0'],
    ['a count of errors (multierr)', 'sync failed: 2 errors occurred: dial tcp 10.0.0.1:5432: i/o timeout; dial tcp 10.0.0.2:5432: i/o timeout', 'sync failed: 2 errors occurred: dial tcp 10.0.0.1:5432: i/o timeout'],
  ])('%s reads as its first item', (_why, line, expected) => {
    expect(problemText(line)).toBe(expected);
  });

  it.each([
    ['one item: nothing tells a list from a message', `insert events: 1 row insertion failed: ${row('ev_a', 6, 'country', EMPTY)}`],
    ['a count that is not the number of parts', 'upload failed after 3 attempts: connection reset by peer; giving up'],
    ['a single error after a count', 'retry 2 of job: timeout'],
    ['a separator inside a quoted value does not count', 'validation: 2 fields invalid: name "a; b"'],
    ['a bracket that does not close', 'parse: 2 tokens left: [a, b'],
  ])('leaves %s', (_why, line) => {
    expect(problemText(line)).toBe(line);
  });

  it('one item and six read alike', () => {
    const six = `insert events: 6 row insertions failed: ${[1, 2, 3, 4, 5, 6].map((n) => row(`ev_${n}`, n, 'country', EMPTY)).join('; ')}`;
    const one = `insert events: 1 row insertion failed: ${row('ev_9', 303, 'country', EMPTY)}`;
    expect(problemText(six).replace(/\d+/g, 'N').replace(/ev_N/g, 'X').replace('insertions', 'insertion')).toBe(problemText(one).replace(/\d+/g, 'N').replace(/ev_N/g, 'X'));
  });
});
