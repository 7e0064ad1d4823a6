// An access line of a request answered with a client error (4xx), in the shapes access-status.ts reads
// for a 5xx: a server's access logger stamps every request at one level, so its level says nothing;
// its status does. A 4xx is most often the client's mistake and the line chatter, but an application
// that catches its own failure answers one too (a transaction given up on answered `409`, a lost
// upstream answered `424`): written by the same instance a few milliseconds after the error it logged,
// the line is that failure's request, closing it (entry/classify-file.ts places it with the error).
// Which lines are such a request's is decided by where they were written, never by the status alone.
//
// The shapes, as each server documents its default line (see access-status.ts for their sources):
// the quoted request line then the status (NCSA common/combined, gunicorn, uvicorn, werkzeug), Rails'
// `Completed 409 Conflict in 12ms`, ASP.NET Core's `Request finished HTTP/1.1 POST http://h/x - 409`,
// Phoenix's `Sent 409 in 12ms`, gin's `[GIN] … | 409 | …`; and Serilog.AspNetCore's request logging,
// whose default completion template `HTTP {RequestMethod} {RequestPath} responded {StatusCode} in
// {Elapsed:0.0000} ms` (serilog/serilog-aspnetcore#94, #344) a console template prints with the strings
// bare (`HTTP POST /x responded 400 in 7.0348 ms`) and a JSON formatter's rendered message with them
// quoted (`HTTP "POST" "/x" responded 400 in 7.0348 ms`, Elastic's EcsTextFormatter, CLEF's `@m`). It
// logs a 4xx at Information, as every request that did not fail: its level says nothing either. A
// template with `{Properties:j}` prints the event's other properties after it, as JSON.

/** Only the head of a line is read: a summary line is short, and a 100 KB line costs no more. */
const HEAD = 16_384;

const QUOTED_REQUEST = /"(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE|PROPFIND) [^"\s]{1,8192} HTTP\/\d(?:\.\d)?" (4\d\d)\b/;
const RAILS_COMPLETED = /(?:^|[\]\s])Completed (4\d\d) [A-Z][A-Za-z' -]{0,40} in \d{1,9}(?:\.\d{1,6})?ms\b/;
const ASPNET_FINISHED = /(?:^|\s)Request finished HTTP\/\d(?:\.\d)? [A-Z]{3,9} [^\s]{1,8192} - (4\d\d)\b/;
const PLUG_SENT = /(?:^|[\]\s])Sent (4\d\d) in \d{1,9}(?:ms|µs)(?!\w)/;
const GIN_LOGGER = /^\[GIN\] \d{4}\/\d{2}\/\d{2} - \d{2}:\d{2}:\d{2} \|(?:\x1b\[[\d;]{0,12}m)? (4\d\d) (?:\x1b\[[\d;]{0,12}m)?\|/;
const SERILOG_RESPONDED = /(?:^|[\]\s])HTTP "?(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)"? (?:\/[^\s"]{0,8192}|"\/[^"]{0,8192}") responded (4\d\d) in \d{1,9}(?:\.\d{1,6})? ms(?: \{[^\n]{0,4096}\})?$/;
const SHAPES = [QUOTED_REQUEST, RAILS_COMPLETED, ASPNET_FINISHED, PLUG_SENT, GIN_LOGGER, SERILOG_RESPONDED];

/** The 4xx status an access line (one line alone) says its request was answered with, or null. */
export function answeredClientError(text: string): number | null {
  if (!text.includes(' 4')) return null;
  const end = text.indexOf('\n');
  // Lines printed under an access line are another record's: the status does not speak for them.
  if (end >= 0 && text.slice(end).trim() !== '') return null;
  const line = (end < 0 ? text : text.slice(0, end)).slice(0, HEAD);
  for (const shape of SHAPES) {
    const m = shape.exec(line);
    if (m !== null) return Number(m[1]);
  }
  return null;
}
