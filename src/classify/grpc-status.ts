// A gRPC status, read in each language's spelling: Go's `rpc error: code = Unavailable desc = …`,
// Java's `StatusRuntimeException: UNAVAILABLE: …` and `Status{code=UNAVAILABLE, description=…`,
// Python's `StatusCode.DEADLINE_EXCEEDED` and google.api_core's `504 Deadline Exceeded`, Node's
// `14 UNAVAILABLE: …`. The key holds the spelling (one language's client), the status and the detail
// a server wrote, without the words that only restate the status. See error-identity.ts.
import { coreWords } from './core-words.js';
import { goFixedText } from './go-error-chain.js';

// gRPC's status codes by name.
const STATUS_NAMES = [
  'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE',
  'DATA_LOSS', 'UNAUTHENTICATED',
] as const;
const STATUS = new Set<string>(STATUS_NAMES);
/** Go's `code = DeadlineExceeded` and the words of the status (`Deadline Exceeded`). */
const CAMEL = new Map(STATUS_NAMES.map((s) => [s.split('_').map((w) => w[0] + w.slice(1).toLowerCase()).join(''), s] as const));
CAMEL.set('Canceled', 'CANCELLED');

// The detail a status carries when nothing more was said: the status in words, Go's context error,
// the generic texts of Google's front ends.
const PLAIN_DETAIL: Readonly<Record<string, string>> = {
  DEADLINE_EXCEEDED: 'deadline exceeded context',
  CANCELLED: 'cancelled canceled context call',
  RESOURCE_EXHAUSTED: 'resource has been exhausted e.g check quota',
  UNAVAILABLE: 'the service is currently unavailable',
};

/** The words of a status's detail that say more than the status itself. */
function detailOf(status: string, words: readonly string[]): string {
  const plain = new Set([...(PLAIN_DETAIL[status] ?? '').split(' '), ...status.toLowerCase().split('_'), 'details', 'debug_error_string']);
  return words.filter((w) => !plain.has(w)).join(' ');
}

/**
 * A gRPC status, read from the last place the message states one; where it starts in `head`; `fixed`
 * when its detail is a text Go fixes (the root of its chain).
 */
export function grpcStatus(head: string): { key: string; start: number; fixed?: boolean } | null {
  // Go: `rpc error: code = Unavailable desc = transport is closing`.
  const go = [...head.matchAll(/\bcode = ([A-Z][A-Za-z]+) desc = ?/g)].pop();
  if (go !== undefined) {
    const status = CAMEL.get(go[1] as string);
    if (status === undefined) return null;
    // A detail that is a fixed text of Go's, reworded between releases, is one detail (go-error-chain.ts).
    const detail = head.slice((go.index as number) + go[0].length);
    const fixed = goFixedText(detail);
    return { key: `go-grpc\u0001${status}\u0001${fixed ?? detailOf(status, coreWords(detail))}`, start: go.index as number, fixed: fixed !== null };
  }
  // Java: `StatusRuntimeException: UNAVAILABLE: io exception`, `Status{code=UNAVAILABLE, description=io exception, …`.
  const javaStatus = /\bStatus\{code=([A-Z_]+), description=([^,}]*)/.exec(head);
  const javaException = [...head.matchAll(/\bStatus(?:Runtime)?Exception: ([A-Z_]+)(?::|\b)/g)].pop();
  if (javaStatus !== null || javaException !== undefined) {
    const status = javaStatus !== null ? (javaStatus[1] as string) : ((javaException as RegExpMatchArray)[1] as string);
    const start = javaStatus !== null ? javaStatus.index : ((javaException as RegExpMatchArray).index as number);
    if (!STATUS.has(status)) return null;
    const detail = javaStatus !== null
      ? (javaStatus[2] as string)
      : head.slice(((javaException as RegExpMatchArray).index as number) + (javaException as RegExpMatchArray)[0].length).split(/ Caused by: |: Caused by: /)[0] as string;
    return { key: `java-grpc\u0001${status}\u0001${detailOf(status, coreWords(detail))}`, start };
  }
  // Python's grpc: `status = StatusCode.DEADLINE_EXCEEDED details = "…"`, `(StatusCode.X, …)`.
  const py = [...head.matchAll(/\bStatusCode\.([A-Z_]+)\b(?:,| details = )?/g)].pop();
  if (py !== undefined && STATUS.has(py[1] as string)) {
    const status = py[1] as string;
    const rest = head.slice((py.index as number) + py[0].length).split(/ debug_error_string/)[0] as string;
    return { key: `py-grpc\u0001${status}\u0001${detailOf(status, coreWords(rest))}`, start: py.index as number };
  }
  // Node's grpc-js: `4 DEADLINE_EXCEEDED: Deadline exceeded after …` (the number masked, or not yet).
  const node = [...head.matchAll(/(?:^|\s)(?:<NUM>|\d{1,2}) ([A-Z_]+):/g)].pop();
  if (node !== undefined && STATUS.has(node[1] as string)) {
    const status = node[1] as string;
    return { key: `node-grpc\u0001${status}\u0001${detailOf(status, coreWords(head.slice((node.index as number) + node[0].length)))}`, start: node.index as number };
  }
  // Python's google.api_core: `504 Deadline Exceeded` closing a message (the number masked): the
  // status in words and nothing after it.
  const words = [...head.matchAll(/(?:^|\s)<NUM> ([A-Z][a-z]+(?: [A-Z][a-z]+)*)\.?\s*$/g)].pop();
  if (words !== undefined) {
    const status = CAMEL.get((words[1] as string).replace(/ /g, ''));
    if (status !== undefined) return { key: `py-grpc\u0001${status}\u0001`, start: words.index as number };
  }
  return null;
}
