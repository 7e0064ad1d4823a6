// Apache Camel's error handler (RedeliveryErrorHandler, the DefaultErrorHandler and the dead letter
// channel) reports an exchange it gave up on as `Failed delivery for (MessageId: … on ExchangeId: …).
// Exhausted after delivery attempt: N caught: <the exception's toString()>` (Camel 1-2 wrote
// `Failed delivery for exchangeId: …`), maybe followed by `. Processed by failure processor: …` or
// `. Handled and continue routing.`, then its message history table and the trace. The ids, the
// attempt count and the handler's words are the same for every failure of every route: what failed is
// the exception it caught (Islandora/documentation#1029, fabric8io/fabric8#2481 paste the record).
// Read alone (its trace cut off, or printed by another formatter) the line is that exception's, so
// two failures stay two and one failure's lines meet. A retry's `On delivery attempt: N caught: …`
// is another thing (the exchange is tried again) and keeps its words.
const HEAD = /^(?:[^\n]{0,300}? )?Failed delivery for (?:\(MessageId: [^\s()]{1,300} on ExchangeId: [^\s()]{1,300}\)|exchangeId: [^\s]{1,300})\. Exhausted after delivery attempt: (?:\d{1,9}|<NUM>) caught: /;
const HANDLER_TAILS = ['. Processed by failure processor: ', '. Handled and continue routing.'];
// The exception's toString(): its qualified class name, then its message after a colon, if any
// (`caught: null` when the exchange held none).
const THROWABLE = /^(?:[a-z_$][\w$]{0,100}\.){1,20}[A-Z][\w$]{0,100}(?::|$|\s)/;
const MAX_SCAN = 4096;

/** The exception a failed-delivery record names (read off its first line), or the line as it is. */
export function failedDeliveryLine(line: string): string {
  if (!line.includes('Failed delivery for ')) return line;
  const m = HEAD.exec(line.length > MAX_SCAN ? line.slice(0, MAX_SCAN) : line);
  if (m === null) return line;
  let inner = line.slice(m[0].length);
  for (const tail of HANDLER_TAILS) {
    const at = inner.lastIndexOf(tail);
    if (at >= 0) inner = inner.slice(0, at);
  }
  return THROWABLE.test(inner) ? inner : line;
}

/**
 * Whether a trace's header (the lines above it, joined) is only Camel's failed-delivery record of the
 * trace's own exception: the record names no caller, so it is no context of the trace's.
 */
export function reportsCaught(header: string, type: string): boolean {
  const inner = failedDeliveryLine(header);
  if (inner === header || !inner.startsWith(type)) return false;
  const after = inner.charAt(type.length);
  return after === '' || after === ':' || after === ' ';
}

const RULER = /^-{20,400}$/;
/** Lines searched for the trace's title: the record's line and its message history table come first. */
const MAX_TITLE_AT = 200;

/**
 * The trace of a Camel record that prints its message history before it (MessageHelper's
 * dumpMessageHistoryStacktrace: the record's line, the `Message History` table, then `Stacktrace`
 * and a ruler of dashes over the trace): the lines under the ruler, or `ls` as it is. The record's
 * line names the exception the trace restates, and the table the route's steps; the trace is read
 * as it would be logged alone.
 */
export function camelTrace(ls: string[]): string[] {
  const end = Math.min(ls.length - 1, MAX_TITLE_AT);
  for (let i = 1; i < end; i++) {
    if ((ls[i] as string).trim() === 'Stacktrace' && RULER.test((ls[i + 1] as string).trim())) return ls.slice(i + 2);
  }
  return ls;
}
