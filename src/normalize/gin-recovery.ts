// gin's Recovery middleware in debug mode dumps the request that panicked (httputil.DumpRequest, its
// headers only, `Authorization: *` masked) between its head line and the panic's value; in release
// mode it prints the value right under the head (gin-gonic/gin recovery.go: `[Recovery] %s panic
// recovered:\n%s\n%s\n%s%s` with the headers, `…:\n%s\n%s%s` without; antoniomika/sish#19 pastes the
// first). The dump is the request, not the failure, and its values (a trace header, a length) differ
// every time: the record is read without it, so one panic is one text whichever mode printed it.

/**
 * The head as gin prints it (after the Go logger's own time, in red), or what is left of it once a log
 * header was set aside: the dump may follow it.
 */
const HEAD = /(?:^|\[Recovery\] \d{4}\/\d{2}\/\d{2} - \d{2}:\d{2}:\d{2} )panic recovered:\r?\n/;
/** The request line DumpRequest writes first. */
const REQUEST_LINE = /^[A-Z]{3,10} \S{1,8192} HTTP\/\d(?:\.\d)?\r?$/;
/** A header line, its name as Go's textproto canonicalises it (`Content-Type`, `X-Cloud-Trace-Context`). */
const HEADER_LINE = /^[A-Z][A-Za-z0-9-]{0,127}:[^\n]{0,8192}$/;
/** DumpRequest writes every header; more than this is no dump gin wrote. */
const MAX_HEADERS = 200;
/** Where the head is looked for: a Go logger's time and gin's colour before it, blank lines gin opens with. */
const HEAD_WITHIN = 400;

/** `text` without the request dump under gin's Recovery head, when it holds one; else `text` itself. */
export function withoutRecoveredRequest(text: string): string {
  const at = text.indexOf('panic recovered:');
  if (at < 0 || at > HEAD_WITHIN) return text;
  const head = HEAD.exec(text.slice(0, HEAD_WITHIN + 24));
  if (head === null) return text;
  const start = head.index + head[0].length;
  let pos = start;
  for (let n = 0; n <= MAX_HEADERS + 1; n++) {
    const end = text.indexOf('\n', pos);
    if (end < 0) return text;
    const line = text.slice(pos, end);
    if (n === 0) {
      if (!REQUEST_LINE.test(line)) return text;
    } else if (line === '' || line === '\r') {
      // The dump ends with an empty line, and gin's format a newline after it.
      pos = end + 1;
      while (text.startsWith('\r\n', pos) || text.startsWith('\n', pos)) pos += text.startsWith('\r\n', pos) ? 2 : 1;
      return text.slice(0, start) + text.slice(pos);
    } else if (!HEADER_LINE.test(line)) {
      // Printed one line per entry, the empty lines are no entries: the value follows the last header.
      return n > 1 ? text.slice(0, start) + text.slice(pos) : text;
    }
    pos = end + 1;
  }
  return text;
}
