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
const RECOVERED_PANIC = /^ {1,4}panic: \S/;
const RUNTIME_ERROR = /^runtime error: [a-z]/;

/** True when the message (a header already taken off) says on its own that a call failed. */
export function statesFailure(message: string): boolean {
  const text = message.length > MESSAGE_CHARS ? message.slice(0, MESSAGE_CHARS) : message;
  if (text.includes('rpc error: ') && GRPC_STATUS.test(text)) return true;
  return SHOWN_EXCEPTION.test(text) || NAMED_ERROR.test(text) || RECOVERED_PANIC.test(text) || RUNTIME_ERROR.test(text);
}
// The server-side filter needs nothing of its own for these: each holds `error`, `exception` or
// `panic`, which it matches anywhere (text-severity.ts, TRACE_WORDS).
