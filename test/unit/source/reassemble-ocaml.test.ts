// OCaml's backtrace (Printexc: `Raised at …`, `Called from …`, `Re-raised at …`, `Raised by primitive
// operation at …`) is the frames of the record it follows, also when a reporter writes each of its lines
// as a record of its own under its header (OCaml Dream's: `dd.mm.yy time  source LEVEL REQ n line`).
import { describe, expect, it } from '@jest/globals';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { isPieceLine, lineKind, opensOwnRecord } from '../../../src/source/trace-lines.js';
import { cloudRunLines, texts } from '../../support/cloud-run-lines.js';

const { line } = cloudRunLines('stderr');

const BACKTRACE = [
  'Raised at Stdlib.failwith in file "stdlib.ml", line 29, characters 17-33',
  'Called from Store.latest.(fun) in file "lib/store.ml", line 41, characters 15-52',
  'Re-raised at Lwt.Miscellaneous.poll in file "src/core/lwt.ml", lines 3068-3070, characters 20-29',
  'Called from unknown location',
];
const dream = (source: string, level: string, text: string) => `02.12.26 10:00:01.123 ${source.padStart(15)} ${level.padStart(5)} REQ 7 ${text}`;
const FAILURE = 'Failure("connection refused")';

/** One entry per line, 20 µs apart. */
const at = (lines: readonly string[]) => lines.map((t, i) => line(t, 20 * i));

describe('OCaml backtrace lines', () => {
  it.each([
    ...BACKTRACE.map((l) => ['bare', l] as const),
    ...BACKTRACE.map((l) => ["under Dream's header", dream('dream.http', 'ERROR', l)] as const),
    ['before 4.11, no function name', 'Raised at file "stdlib.ml", line 29, characters 17-33'],
    ['the runtime raised it', 'Raised by primitive operation at Stdlib__Hashtbl.find in file "hashtbl.ml", line 546, characters 13-28'],
  ])('%s: %s only continues a record', (_how, s) => {
    expect(lineKind(s)).toBe('cont');
    expect(isPieceLine(s)).toBe(true);
    expect(opensOwnRecord(s, lineKind(s))).toBe(false);
  });

  it.each([
    'Called from the front desk: the printer is out of paper',
    'Raised at the meeting: deploy freeze on Friday',
    dream('dream.http', 'ERROR', 'Called from a cron job, the export failed'),
  ])('a message that starts with the same words is no frame: %s', (s) => {
    expect(isPieceLine(s)).toBe(false);
    expect(lineKind(s)).not.toBe('cont');
  });

  it("joins Dream's records of one error, each backtrace line under its own header, in both time orders", () => {
    const head = dream('dream.http', 'ERROR', FAILURE);
    const lines = [head, ...BACKTRACE.map((l) => dream('dream.http', 'ERROR', l))];
    const entries = at(lines);
    for (const input of [entries, [...entries].reverse()]) expect(texts(reassembleAll(input))).toEqual([lines.join('\n')]);
  });

  it('joins a bare backtrace under the line naming the error', () => {
    const lines = [`Fatal error: exception ${FAILURE}`, ...BACKTRACE];
    expect(texts(reassembleAll(at(lines)))).toEqual([lines.join('\n')]);
  });
});
