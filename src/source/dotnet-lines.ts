// Microsoft.Extensions.Logging's simple console formatter writes a record in one call: the category line
// (`info: Category[EventId]`), then the message and the exception padded by six spaces. When two records
// of one process land line by line among each other, the line right under a category line is that
// record's message once the record already open has its own (two category lines in a row, then two
// message lines: the first message is the first record's).
import { firstLine, NET_RECORD, takesHeader } from './trace-lines.js';

/** The padding of a message line: as wide as `info: `. Frames and `--- End of …` are indented deeper. */
const MESSAGE_LINE = /^ {6}\S/;

/**
 * `line` is the message line the .NET category line `header` heads: padded by six spaces, and not an
 * exception's own line (`System.X: …`), which the other record may be in the middle of.
 */
export function netMessageUnder(header: string, line: string): boolean {
  const s = firstLine(line);
  return MESSAGE_LINE.test(s) && NET_RECORD.test(firstLine(header)) && !takesHeader(s.trim());
}
