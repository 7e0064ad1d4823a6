// Python's grpc prints a failed call's error as a repr over several lines, closed by a `>` alone
// (grpc/_channel.py, `_NON_OK_RENDEZVOUS_REPR_FORMAT`):
//
//     grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:
//     	status = StatusCode.ABORTED
//     	details = "Too much contention on these documents. Please try again."
//     	debug_error_string = "UNKNOWN:Error received from peer …"
//     >
//
// Google's client libraries raise their own error from it (`The above exception was the direct cause
// of the following exception:` … `google.api_core.exceptions.Aborted: 409 …`), and that last exception
// is what the record is about. A record that stops inside the repr, its last lines the repr's indented
// fields with no `>` and nothing unindented after them, was cut short there: it never reached the
// exception it is filed under, and is a piece of the records that did. (A record that goes on past the
// fields, to the chain's next traceback, is whole even when its `>` was read as a line of its own.)

// The repr's opening line, at the end of the exception line that carries it.
const REPR_OPEN = /<_?[A-Za-z]{1,60} of RPC that terminated with:\s*$/;
const OPENING = ' of RPC that terminated with:';
// Most characters after the opening read: the repr's three fields are a few lines.
const MAX_TAIL = 64 * 1024;

/** Whether the text ends inside grpc's error repr: only its indented fields after it (see above). */
export function endsInOpenRpcRepr(text: string): boolean {
  const at = text.lastIndexOf(OPENING);
  if (at < 0) return false;
  const found = text.indexOf('\n', at);
  const lineEnd = found < 0 ? text.length : found;
  const lineStart = text.lastIndexOf('\n', at) + 1;
  if (!REPR_OPEN.test(text.slice(Math.max(lineStart, at - 200), lineEnd))) return false;
  const tail = text.slice(lineEnd + 1, lineEnd + 1 + MAX_TAIL);
  if (tail.length === MAX_TAIL) return false;
  for (const line of tail.split('\n')) {
    if (line.trim() === '') continue;
    const c = line.charCodeAt(0);
    if (c !== 9 && c !== 32) return false; // `>`, or any unindented line: the repr was closed
  }
  return true;
}
