// Some errors carry their identity in a vocabulary every library prints the same way: an errno code
// with the system call that failed (`listen EADDRINUSE`, `connect ECONNREFUSED`, `getaddrinfo
// ENOTFOUND`) and gRPC status codes in each language's spelling (`code = DeadlineExceeded desc = …`,
// `StatusCode.DEADLINE_EXCEEDED`, `4 DEADLINE_EXCEEDED: …`, `StatusRuntimeException: UNAVAILABLE: …`,
// `504 Deadline Exceeded`). Where a message ends with such an identity and says nothing more than
// values, the code's own description and the error object's fields, the words before it (an
// application prefix, a wrapper) are context: `Error: listen EADDRINUSE <IP>`, `{ Error: listen
// EADDRINUSE <IP> errno: …` and `Error: listen EADDRINUSE: address already in use <IP>` are one
// error. The identity keeps what tells problems apart: the call and the code (`listen` / `connect`,
// ECONNREFUSED / ETIMEDOUT), a status's own detail when the server wrote one (`transport is closing`),
// a specific exception class naming the code (`MongooseServerSelectionError: connect ECONNREFUSED`
// is mongoose's, not a bare socket's), and the spelling itself, which says which language's client
// printed it.
import { tokenize } from '../normalize/mask.js';
import { coreWords } from './core-merge.js';

// Where a trace's frames start: `at f (…)`, `File "…", line N`, `from x.rb:3:in`. Nothing after is
// the message.
const FRAME_START = /^(?:File|at|from)$/;

/** The message part of a template: its tokens before the first frame. */
function headTokens(template: string): string[] {
  const tokens = tokenize(template);
  // `object at <HEX>` in a repr is no frame: a masked value is not where code runs.
  const cut = tokens.findIndex((t, i) => FRAME_START.test(t) && i + 1 < tokens.length && !/^<[A-Z]+>/.test(tokens[i + 1] as string)
    && (/^["<(]|[.(<]/.test(tokens[i + 1] as string) || (tokens[i + 2] ?? '').startsWith('(')));
  return cut < 0 ? tokens : tokens.slice(0, cut);
}

const OPENERS = /^[([{"'`<]+/;
const CLOSERS = /[)\]}"'`,;:.!?>]+$/;
const bare = (token: string): string => token.replace(OPENERS, '').replace(CLOSERS, '');

// Node's system calls as its errors name them (uv and fs operations).
const SYSCALLS = new Set([
  'listen', 'connect', 'read', 'write', 'writev', 'getaddrinfo', 'getnameinfo', 'bind', 'accept', 'shutdown',
  'open', 'close', 'stat', 'lstat', 'fstat', 'mkdir', 'rmdir', 'unlink', 'rename', 'scandir', 'readlink',
  'symlink', 'chmod', 'chown', 'copyfile', 'spawn', 'kill', 'uv_cwd', 'queryA', 'queryAaaa', 'querySrv', 'queryTxt',
]);
const ERRNO_CODE = /^(?:E[A-Z]{3,}|EAI_[A-Z]+)$/;

// What the C library says for each code (strerror), as Node appends it: `…: address already in use`.
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EADDRINUSE: 'address already in use',
  EADDRNOTAVAIL: 'address not available',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  ETIMEDOUT: 'operation timed out connection timed out',
  EHOSTUNREACH: 'host is unreachable no route to host',
  ENETUNREACH: 'network is unreachable',
  EPIPE: 'broken pipe',
  EMFILE: 'too many open files',
  ENFILE: 'file table overflow too many open files in system',
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on device',
  ENOTFOUND: '',
  EAI_AGAIN: '',
};

// Fields Node prints on a system error object, and words every such message may carry.
const ERRNO_FIELDS = new Set(['errno', 'code', 'syscall', 'address', 'port', 'hostname', 'host', 'path', 'dest', 'info', 'error']);

/** The name of the class an identity is printed under, when it is specific (not a bare `Error`). */
// Event names a process prints before the error are no class of its own either.
const GENERIC_TYPES = new Set([
  'error', 'err', 'exception', 'systemerror', 'uncaught', 'unhandled', 'uncaughtexception', 'unhandledrejection',
  'unhandledpromiserejectionwarning',
]);
const TYPE_TOKEN = /^[A-Za-z_$][\w$.]*(?:Error|Exception)$/i;

function qualifier(tokens: readonly string[], at: number): string {
  // `X: connect …`, `X [Y]: connect …` (Sequelize names its own class in brackets).
  const before = tokens[at - 1];
  if (before === undefined || !before.endsWith(':')) return '';
  const name = bare(before);
  if (!TYPE_TOKEN.test(name) || GENERIC_TYPES.has(name.toLowerCase())) return '';
  return name.slice(name.lastIndexOf('.') + 1);
}

/** True when the words after an identity only restate it: values, its description, fields. */
function onlyRestates(rest: readonly string[], allowed: ReadonlySet<string>): boolean {
  return coreWords(rest.join(' ')).every((w) => allowed.has(w));
}

// Older Node prints the host a lookup failed for twice, the second time with its port
// (`getaddrinfo ENOTFOUND db db:5432`): a value, whether the masker knew it for a host or not.
function withoutRepeatedHost(rest: readonly string[]): readonly string[] {
  const first = rest[0];
  if (first === undefined || rest[1] === undefined) return rest;
  const host = first.replace(/:(?:<NUM>|\d+)$/, '');
  return rest[1].replace(/:(?:<NUM>|\d+)$/, '') === host ? rest.slice(2) : rest;
}

// A line prefix a logger or a process manager writes on every line (`app_1  | `, `[12:00:01] [Server
// thread/WARN]: `) comes back after the error, on its frames' lines: its words restate nothing new.
function prefixWords(tokens: readonly string[], start: number): string[] {
  return coreWords(tokens.slice(0, start).join(' '));
}

// Python prints an OS error as `[Errno 98] Address already in use` (the number masked): the
// description names what the system call could not do.
const PY_ERRNO = /^\[Errno$/;

function pythonErrno(tokens: readonly string[]): Found | null {
  for (let i = tokens.length - 2; i >= 0; i--) {
    if (!PY_ERRNO.test(tokens[i] as string) || !/^(?:<NUM>|-?\d+)\]$/.test(tokens[i + 1] as string)) continue;
    // The description runs to the first value, quote or closer: `…: '<PATH>'`, `…'))`, `….`.
    const words: string[] = [];
    let end = i + 2;
    for (; end < tokens.length; end++) {
      const token = tokens[end] as string;
      const word = token.replace(/[,.:;'")\]]+$/, '');
      if (!/^[A-Za-z][a-z'-]*$/.test(word)) break;
      words.push(word.toLowerCase());
      if (word !== token) {
        end++;
        break;
      }
    }
    if (words.length === 0) return null;
    if (!onlyRestates(tokens.slice(end), new Set(prefixWords(tokens, i)))) return null;
    return { key: `py-errno\u0001${words.join(' ')}`, start: i };
  }
  return null;
}

// A TLS peer's alert, as Java reports it (`Received fatal alert: handshake_failure`): the alert names
// why the handshake failed, whichever class wraps it (SSLHandshakeException, SSLException,
// ConnectException, a client's own).
function javaTlsAlert(tokens: readonly string[]): Found | null {
  for (let i = tokens.length - 3; i >= 0; i--) {
    if (tokens[i] !== 'Received' || tokens[i + 1] !== 'fatal' || tokens[i + 2] !== 'alert:') continue;
    const alert = bare(tokens[i + 3] ?? '');
    if (!/^[a-z_]+$/.test(alert)) return null;
    if (!onlyRestates(tokens.slice(i + 4), new Set(prefixWords(tokens, i)))) return null;
    return { key: `java-tls-alert\u0001${alert}`, start: i };
  }
  return null;
}

/** `syscall CODE` (and fs's `CODE: description, syscall '…'`), read from the end of the message. */
/** A found identity: its key, and where in the message it starts (a token index or an offset). */
interface Found {
  key: string;
  start: number;
}

function nodeSystemError(tokens: readonly string[]): Found | null {
  for (let i = tokens.length - 2; i >= 0; i--) {
    const call = bare(tokens[i] as string);
    const code = bare(tokens[i + 1] as string);
    if (SYSCALLS.has(call) && ERRNO_CODE.test(code)) {
      const allowed = new Set([...ERRNO_FIELDS, ...(ERRNO_TEXT[code] ?? '').split(' '), call, code.toLowerCase(), ...prefixWords(tokens, i)]);
      if (!onlyRestates(withoutRepeatedHost(tokens.slice(i + 2)), allowed)) return null;
      return { key: `node-errno\u0001${call} ${code}\u0001${qualifier(tokens, i)}`, start: i };
    }
    // `EMFILE: too many open files, open '…'`: the code first, the call after its description.
    if (ERRNO_CODE.test(call) && (tokens[i] as string).endsWith(':') && ERRNO_TEXT[call] !== undefined) {
      const text = (ERRNO_TEXT[call] as string).split(' ');
      const rest = tokens.slice(i + 1);
      const syscall = rest.map(bare).find((t) => SYSCALLS.has(t));
      if (syscall === undefined) continue;
      const allowed = new Set([...ERRNO_FIELDS, ...text, syscall, call.toLowerCase(), ...prefixWords(tokens, i)]);
      if (!onlyRestates(rest, allowed)) continue;
      return { key: `node-errno\u0001${syscall} ${call}\u0001${qualifier(tokens, i)}`, start: i };
    }
  }
  return null;
}

// gRPC's status codes, in the three spellings clients print them.
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

/** A gRPC status, read from the last place the message states one. */
function grpcStatus(head: string): Found | null {
  // Go: `rpc error: code = Unavailable desc = transport is closing`.
  const go = [...head.matchAll(/\bcode = ([A-Z][A-Za-z]+) desc = ?/g)].pop();
  if (go !== undefined) {
    const status = CAMEL.get(go[1] as string);
    if (status === undefined) return null;
    return { key: `go-grpc\u0001${status}\u0001${detailOf(status, coreWords(head.slice((go.index as number) + go[0].length)))}`, start: go.index as number };
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

export interface ErrorIdentity {
  /** Equal for one error, whatever wraps it. */
  key: string;
  /**
   * The identity names the failing operation itself (`listen EADDRINUSE`), so the frames it was
   * raised through do not make it another problem; a status names only an outcome of some call.
   */
  namesOperation: boolean;
  /**
   * The words the message was logged under, before its identity (`[ioredis] Unhandled error event`),
   * '' for none: the line one caller logs the error under tells it from another's.
   */
  context: string;
}

/**
 * The identity a message's vocabulary gives it (see the top of this file), or null when the message
 * has none or says more after it than the identity itself.
 */
export function errorIdentity(template: string): ErrorIdentity | null {
  const tokens = headTokens(template);
  if (tokens.length === 0) return null;
  const head = tokens.join(' ');
  // A status first: `14 UNAVAILABLE: … Last error: connect ECONNREFUSED …` is the RPC's failure.
  const status = grpcStatus(head);
  if (status !== null) return { key: status.key, namesOperation: false, context: contextOf(head.slice(0, status.start)) };
  // The other vocabularies name the failing operation itself.
  const system = nodeSystemError(tokens) ?? pythonErrno(tokens) ?? javaTlsAlert(tokens);
  if (system === null) return null;
  return { key: system.key, namesOperation: true, context: contextOf(tokens.slice(0, system.start).join(' ')) };
}

// Words of a process's own report around an error, not of any caller's: Node's `(node:123)` tag, the
// throw site it prints above an uncaught error (`events.js:160 throw er; // Unhandled 'error' event`).
const REPORT_WORDS = new Set(['node', 'throw', 'er', 'event', 'events.js', 'node:events', 'rpc']);

// A prefix that ends by handing over to its cause (`RetryError: Deadline of 120s exceeded while
// calling target function, last exception: …`) is a wrapper the library wrote, not a caller's line.
// Python's grpc says the same of itself: `<_InactiveRpcError of RPC that terminated with: status = …`.
const CHAIN_MARKER = /(?:last exception|Last error|Caused by|nested exception is|cause|of RPC that terminated with:?\s*(?:status =|\()?)\s*:?\s*$/i;

// Java's report of an exception no one caught names the thread, not a caller.
const UNCAUGHT_JAVA = /Exception in thread "[^"]*"/g;

function contextOf(prefix: string): string {
  if (CHAIN_MARKER.test(prefix)) return '';
  return coreWords(prefix.replace(UNCAUGHT_JAVA, '')).filter((w) => !REPORT_WORDS.has(w)).join(' ');
}
