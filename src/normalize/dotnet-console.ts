// Microsoft.Extensions.Logging's simple console formatter (the default `AddConsole()` output) prints a
// record as a header line, `fail: Category[EventId]` (after a timestamp when TimestampFormat is set),
// then the message and the exception's ToString() with every line padded by six spaces, the scopes first
// on a line of their own (`=> scope => scope`) when IncludeScopes is on. The padding and the scopes say
// how the record was printed: without them the block reads as the JSON formatter's Message and
// Exception do (dotnet-json.ts), so both formatters give one text.
// https://learn.microsoft.com/dotnet/core/extensions/console-log-formatter

const HEADER = /^[^\n]{0,64}?(?:trce|dbug|info|warn|fail|crit): [^\s[\]]{1,256}\[\d{1,10}\]\n/;
/** `info`/`warn`…, a colon and a space, then the category: 6 characters of padding. */
const PADDING = '      ';
const SCOPES = /^=> \S/;

/** The simple formatter's block with its padding and scope line set aside; any other text as it is. */
export function unpadDotnetConsole(text: string): string {
  // Cheap refusal first: the header line ends with `]` right before the first line break.
  const lineEnd = text.indexOf('\n');
  if (lineEnd < 12 || text.charCodeAt(lineEnd - 1) !== 93 || !text.startsWith(PADDING, lineEnd + 1)) return text;
  const header = HEADER.exec(text);
  if (!header) return text;
  const lines = text.slice(header[0].length).split('\n');
  const body: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') body.push('');
    else if (line.startsWith(PADDING)) body.push(line.slice(PADDING.length));
    else return text; // not the formatter's block after all: leave it whole
  }
  if (body.length > 1 && SCOPES.test(body[0]!)) body.shift();
  return `${header[0]}${body.join('\n')}`;
}
