// Messages with no level whose own words say that a call failed: what an application prints with a
// bare `log.Printf`, `show` or `print` of an error value it got back. Read by shape, in the message
// (the text after any header the header stripper knows), never as a free-text mention of "error":
// `health ok, error_count=0` and `retrying after an error` state no failure of their own.
//
// -> ERROR, since the process goes on:
// - a gRPC status error as every gRPC library formats one, whatever prints it (grpc-go's
//   `rpc error: code = Unavailable desc = …`, the code as a name or a number);
// - an exception value shown with its constructor first, as Haskell's `show` prints one
//   (http-client's `HttpExceptionRequest Request { … } (ConnectionFailure …)`): the first word names an
//   exception and what follows is the value's fields, not a sentence;
// - a message that opens with a short noun phrase ending in `error`, then what went wrong
//   (`WordPress database error Deadlock found …`, `Database error: SQLSTATE[HY000] …`);
// - a Go panic value printed indented by the middleware that recovered it (chi's Recoverer:
//   ` panic: runtime error: …`); Go's runtime prints an unrecovered one at the line start;
// - a Go runtime error's value printed alone by the middleware that recovered it (gorilla/handlers'
//   RecoveryHandler logs the value, then the stack it took as a second write): a runtime.Error's
//   text always opens with `runtime error: ` (`invalid memory address or nil pointer dereference`,
//   `index out of range [3] with length 3`).
// - an operation that went wrong, then the error it got, as Go's `log.Printf("Error reading body: %v",
//   err)` and `log.Printf("failed to dial %s: %v", addr, err)` print it (oauth2-proxy's `Error redeeming
//   code during OAuth2 callback: token exchange failed: …`): `Error`/`Failed to` opening the message, the
//   operation in words (`while …`, `during …`, a verb), then a colon and the cause. Only the whole shape
//   counts: `Error: boom` is Node's bare error text (a trace's first line), `Error rate: 0.1%` names no
//   operation, `Failed logins: 0` none either, and `Error handling`, `Error reporting` are features.
// - a known error of Prisma's CLI (`prisma migrate deploy`, `db push`, `db seed`), which it prints with
//   its code after `Error: ` and exits 1: `Error: P1001: Can't reach database server at …`, or the
//   code alone on its line and the message after a blank line (`Error: P3009`, then `migrate found
//   failed migrations …`). The codes are Prisma's error reference's: P and four digits (P1xxx common,
//   P2xxx the client's, P3xxx Migrate's, P4xxx introspection's); a message a person wrote never opens so.
// - the error a Go Cloud Run function returned, as the Functions Framework for Go prints it on stderr
//   (funcframework's fnErrorMessageStderrTmpl, `Function error: %v`, for a CloudEvent function's error
//   and the 500 of an event function's): `Function error: write gs://…: googleapi: Error 403: …`.

/** The message is looked at within this many characters. */
const MESSAGE_CHARS = 512;

// The canonical status code names (grpc/grpc doc/statuscodes.md) or their numbers.
const GRPC_STATUS =
  /\brpc error: code = (?:Canceled|Unknown|InvalidArgument|DeadlineExceeded|NotFound|AlreadyExists|PermissionDenied|ResourceExhausted|FailedPrecondition|Aborted|OutOfRange|Unimplemented|Internal|Unavailable|DataLoss|Unauthenticated|1[0-6]|[1-9]) desc = /;
// `HttpExceptionRequest Request {`, `StatusCodeException (Status {…`, `InvalidUrlException "x" "y"`:
// a CamelCase word holding `Exception`, then a constructor, a record, a parenthesis or a quoted field.
const SHOWN_EXCEPTION = /^[A-Z][A-Za-z0-9]{0,60}Exception[A-Za-z0-9]{0,40} (?:[A-Z][A-Za-z0-9]{0,60}(?: \{|$| \()|[{("])/;
// One to four words, the first capitalised, then `error` and its message, capitalised as a message
// (`Deadlock found …`, `SQLSTATE[…]`): a negation or a report of none (`No error: …`, `Last error:
// None`) says nothing failed.
const NAMED_ERROR =
  /^(?!(?:No|Zero|Without|Ignoring|Ignored|Retrying|Last|Previous|Cleared|Recovered)\b)[A-Z][A-Za-z]{1,30}(?: [A-Za-z]{2,30}){0,3} error:? (?!(?:None|Nil|Null|N\/A)\b)[A-Z]/;
// `Error while loading CSRF cookie: http: …`, `error reading body: EOF`, `Failed to connect to db: dial tcp …`,
// `failed to dial 10.0.0.3:5432: connect: connection refused`. The words before the cause are bounded;
// a colon inside them is an address's or a port's (`:2181`), with no space after it, or a field's inside
// parentheses (Active Job's `Error performing GenerateLabelJob (Job ID: 95d6…) from Async(default) in
// 30094.82ms: Faraday::TimeoutError (…)`, its LogSubscriber's text for a job that raised), after the
// tags ActiveSupport::TaggedLogging puts first (`[ActiveJob] [GenerateLabelJob] [job id] `).
const FAILED_OPERATION =
  /^(?:\[[^\]\n]{1,255}\] ){0,8}(?:[Ee]rror (?:while|during|when|in|on|from|for|at|(?!(?:handl|report|track|logg|monitor|rat|count)ing\b)[a-z]{2,30}ing)|[Ff]ailed to [a-z]{2,30}|[Ff]ailed [a-z]{2,30}ing)\b(?:[^:(\n]|:(?=\S)|\([^()\n]{0,120}\)){0,160}?: \S/;
const RECOVERED_PANIC = /^ {1,4}panic: \S/;
const RUNTIME_ERROR = /^runtime error: [a-z]/;
const FUNCTION_ERROR = /^Function error: \S/;
/** Prisma's CLI error line (below): the code, then its message on the line or after a blank one. */
export const PRISMA_CLI_ERROR = /^Error: P\d{4}(?::[ \t]|[ \t]*$)/;

/** True when the message (a header already taken off) says on its own that a call failed. */
export function statesFailure(message: string): boolean {
  const text = message.length > MESSAGE_CHARS ? message.slice(0, MESSAGE_CHARS) : message;
  if (text.includes('rpc error: ') && GRPC_STATUS.test(text)) return true;
  return SHOWN_EXCEPTION.test(text) || NAMED_ERROR.test(text) || FAILED_OPERATION.test(text) || RECOVERED_PANIC.test(text) || RUNTIME_ERROR.test(text) || PRISMA_CLI_ERROR.test(text) || FUNCTION_ERROR.test(text);
}
// The server-side filter needs nothing of its own for these: each holds `error`, `exception`, `fail` or
// `panic`, which it matches anywhere (text-severity.ts, TRACE_WORDS).
