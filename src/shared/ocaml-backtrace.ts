// OCaml's backtrace as Printexc prints it: `Raised at Stdlib.failwith in file "stdlib.ml", line 29,
// characters 17-33`, then `Called from …`, `Re-raised at …` where a handler raised it again, `Raised by
// primitive operation at …` where the runtime did. Unindented; the function's name is missing before 4.11
// (`Raised at file "x.ml", …`), a range of lines since 5.0 (`lines 12-14`), `Called from unknown location`
// where no place is known.
import { stripLogHeader } from '../normalize/log-header.js';

export const OCAML_FRAME = /^(?:Raised at|Re-raised at|Called from|Raised by primitive operation at) (?:unknown location|(?:[^\s"]{1,300} in )?file "[^"\n]{1,512}"(?: \(inlined\))?, lines? \d{1,7}(?:-\d{1,7})?, characters \d{1,7}-\d{1,7})\s*$/;

/**
 * A line of an OCaml backtrace, bare or under the log header a reporter writes again on each of its
 * lines (OCaml Dream's writes every line of a backtrace as a record of its own): a frame of the record
 * it follows, whatever level its header states.
 */
export function isOcamlFrame(line: string): boolean {
  // Cheap first (this runs for every line the reassembly reads): a backtrace line, bare or under a
  // header, holds the words it starts with; only then is the pattern tried, and a header stripped.
  if (!(line.includes('Raised ') || line.includes('Called from ') || line.includes('Re-raised '))) return false;
  if (OCAML_FRAME.test(line)) return true;
  const { rest } = stripLogHeader(line);
  return rest.length < line.length && OCAML_FRAME.test(rest);
}
