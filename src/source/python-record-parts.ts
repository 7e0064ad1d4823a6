// The parts Python's logging puts after a record's message, in the one write of the record
// (logging.Formatter.format: the message, then `exc_text`, then `formatStack(stack_info)`), and the
// parts a message itself may span, as the libraries that raise them print them:
// - `Stack (most recent call last):` and the caller's frames: a record logged with `stack_info=True`
//   (logging's documentation: "This mimics the `Traceback (most recent call last):` which is used when
//   displaying exception frames"); it follows the message or the exception, never opens a record.
//   Strawberry logs every GraphQL error so (strawberry/utils/logging.py), Django's and Celery's users too.
// - SQLAlchemy's statement under its error (`[SQL: SELECT …` then the statement's further lines, up to
//   the one that ends with `]`): StatementError's text, its statement as compiled, one clause a line.
// - A source excerpt under a message: graphql-core's and graphql-js's `printLocation` (`GraphQL
//   request:2:3`, the numbered lines, `  |   ^` under the column), the numbered lines and the gutter
//   caret Babel's code frame prints too (`    |     ^`).
import { CODE_FRAME } from '../shared/tail-lines.js';

export const PY_STACK_INFO = 'Stack (most recent call last):';

/** A line that opens Python frames: a traceback or a record's stack_info. */
export function opensPythonFrames(s: string): boolean {
  return s.startsWith('Traceback (most recent call last)') || s.startsWith(PY_STACK_INFO);
}

/** SQLAlchemy's statement that goes on on the next lines (`[SQL: SELECT a, b ` with no closing `]`). */
export function opensSqlStatement(s: string): boolean {
  return s.startsWith('[SQL: ') && !s.trimEnd().endsWith(']');
}

/** The last line of SQLAlchemy's statement: ends with the `]` that closes `[SQL: `. */
export function closesSqlStatement(s: string): boolean {
  return s.trimEnd().endsWith(']');
}

// printLocation's first line: the source's name (`GraphQL request`, a file name), its line and column.
const EXCERPT_PLACE = /^[A-Za-z][\w .\/-]{0,100}:\d{1,7}:\d{1,7}$/;
// The caret under the gutter of a numbered excerpt (graphql's printLocation, Babel's code frame).
const GUTTER_CARET = /^\s{0,12}\|\s{0,400}\^{1,400}\s*$/;

/** printLocation's place line: its source's name, line and column alone. */
export function isExcerptPlace(s: string): boolean {
  return EXCERPT_PLACE.test(s);
}

/** A line of a numbered source excerpt: a numbered line, or the caret under its gutter. */
export function isExcerptLine(s: string): boolean {
  return CODE_FRAME.test(s) || GUTTER_CARET.test(s);
}
