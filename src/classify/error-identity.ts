// Some errors carry their identity in a vocabulary every library prints the same way: an errno code
// with the system call that failed (Node's `listen EADDRINUSE`, `connect ECONNREFUSED`, `getaddrinfo
// ENOTFOUND`; Python's `[Errno 98] Address already in use`), a TLS alert (Java's `Received fatal
// alert: handshake_failure`) and gRPC status codes in each language's spelling (`code =
// DeadlineExceeded desc = …`, `StatusCode.DEADLINE_EXCEEDED`, `4 DEADLINE_EXCEEDED: …`,
// `StatusRuntimeException: UNAVAILABLE: …`, `504 Deadline Exceeded`), Node's certificate codes
// (`SELF_SIGNED_CERT_IN_CHAIN` or its description: node-tls-code.ts), Go's network errors (`dial tcp
// …: connect: connection refused`: go-net-error.ts), PostgreSQL's refusal of a session (`FATAL:  sorry,
// too many clients already`: postgres-refusal.ts), the fixed texts a Go error chain roots in
// (`…: net/http: request canceled (Client.Timeout exceeded while reading body)`: go-error-chain.ts) and an exception's class in Ruby's
// shapes or saying nothing of its own (exception-class.ts). Where a message ends with such
// an identity and says nothing more than values, the code's own description and the error object's
// fields, the words before it (an application prefix, a wrapper) are context: `Error: listen
// EADDRINUSE <IP>`, `{ Error: listen EADDRINUSE <IP> errno: …` and `Error: listen EADDRINUSE: address
// already in use <IP>` are one error. The identity keeps what tells problems apart: the call and the
// code (`listen` / `connect`, ECONNREFUSED / ETIMEDOUT), a status's own detail when the server wrote
// one (`transport is closing`), a specific exception class naming the code
// (`MongooseServerSelectionError: connect ECONNREFUSED` is mongoose's, not a bare socket's), and the
// spelling itself, which says which language's client printed it. The context is returned apart:
// core-merge.ts decides what callers it tells apart.
import { tokenize } from '../normalize/mask.js';
import { coreWords } from './core-words.js';
import { grpcStatus } from './grpc-status.js';
import { exceptionClass } from './exception-class.js';
import { nodeTlsCode, tlsCodeWords } from './node-tls-code.js';
import { goNetError } from './go-net-error.js';
import { goChainRoot } from './go-error-chain.js';
import { postgresRefusal } from './postgres-refusal.js';
import { rustlsCertIdentity } from './rustls-cert-error.js';
import { workTimeLimit } from './work-time-limit.js';
import { redisReply } from './redis-reply.js';
import { memoryExhausted } from './memory-exhausted.js';
import { mailLoginRejected } from './mail-login-rejected.js';
import { cudaInitFailure } from './cuda-init.js';
import { playwrightError } from './playwright-error.js';
import { TextMemo } from '../normalize/text-memo.js';

// Where a trace's frames start: `at f (…)`, `File "…", line N`, `from x.rb:3:in`. Nothing after is
// the message.
const FRAME_START = /^(?:File|at|from)$/;

/** The message part of a template: its tokens before the first frame. */
function headTokens(template: string): string[] {
  const tokens = tokenize(template);
  // `object at <HEX>` in a repr is no frame: a masked value is not where code runs; nor is Go's
  // text/template naming the action it failed at (`executing "page" at <.User.Name>: …`).
  const cut = tokens.findIndex((t, i) => FRAME_START.test(t) && i + 1 < tokens.length && !/^<[A-Z]+>|^<.*>:$/.test(tokens[i + 1] as string)
    && (/^["<(]|[.(<]/.test(tokens[i + 1] as string) || (tokens[i + 2] ?? '').startsWith('(')));
  return cut < 0 ? tokens : tokens.slice(0, cut);
}

const OPENERS = /^[([{"'`<]+/;
const CLOSERS = /[)\]}"'`,;:.!?>]+$/;
const bare = (token: string): string => token.replace(OPENERS, '').replace(CLOSERS, '');

/** A found identity: its key, and where in the message it starts (a token index or an offset). */
interface Found {
  key: string;
  start: number;
}

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

// Event names a process prints before the error are no class of its own either.
const GENERIC_TYPES = new Set([
  'error', 'err', 'exception', 'systemerror', 'uncaught', 'unhandled', 'uncaughtexception', 'unhandledrejection',
  'unhandledpromiserejectionwarning',
]);
const TYPE_TOKEN = /^[A-Za-z_$][\w$.]*(?:Error|Exception)$/i;

/** The name of the class an identity is printed under, when it is specific (not a bare `Error`). */
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

// A certificate check Node failed, by its code or its description (node-tls-code.ts), saying nothing
// more than the code's own words, the error object's fields and the line prefix.
function nodeTlsError(tokens: readonly string[]): Found | null {
  const found = nodeTlsCode(tokens);
  if (found === null) return null;
  const allowed = new Set([...ERRNO_FIELDS, ...tlsCodeWords(found.code), ...prefixWords(tokens, found.start)]);
  if (!onlyRestates(tokens.slice(found.end), allowed)) return null;
  // The class it was printed under, when specific (`AxiosError: self signed certificate`).
  const at = found.end - found.start > 1 ? found.start + 1 : found.start;
  return { key: `node-tls\u0001${found.code}\u0001${qualifier(tokens, at)}`, start: found.start };
}

/** `syscall CODE` (and fs's `CODE: description, syscall '…'`), read from the end of the message. */
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

export interface ErrorIdentity {
  /** Equal for one error, whatever wraps it. */
  key: string;
  /**
   * The identity names the failing operation itself (`listen EADDRINUSE`), so the frames it was
   * raised through do not make it another problem; a status names only an outcome of some call.
   */
  namesOperation: boolean;
  /**
   * A trace's id carries the key (stack-signature.ts), so one call site's two errors (`connect
   * ECONNREFUSED` / `connect ETIMEDOUT`) are two problems. A vocabulary read after traces of it were
   * filed only joins call sites (core-merge.ts): their ids stay what they were.
   */
  keysTraces: boolean;
  /**
   * The words the message was logged under, before its identity (`[ioredis] Unhandled error event`),
   * '' for none: the line one caller logs the error under tells it from another's.
   */
  context: string;
}

// A trace's text differs from one entry to the next (an id, a time in its header), but the masked
// message of its exception, which is what this reads, repeats: its answer is remembered.
const identities = new TextMemo<Readonly<ErrorIdentity> | null>(2_000, 500_000);

/**
 * The identity a message's vocabulary gives it (see the top of this file), or null when the message
 * has none or says more after it than the identity itself.
 */
export function errorIdentity(template: string): Readonly<ErrorIdentity> | null {
  let identity = identities.get(template);
  if (identity === undefined) {
    identity = readIdentity(template);
    identities.set(template, identity);
  }
  return identity;
}

// Failures whose own words name the problem whatever call met them or which client printed them:
// neither frames nor the line they were logged under tell one problem from another. Read first, in
// this order, before a status or an exception class.
const SELF_NAMED: ReadonlyArray<(head: string) => string | null> = [
  // Work stopped at its time limit (work-time-limit.ts): raised wherever the work was, logged under the
  // supervisor's line.
  workTimeLimit,
  // Redis' refusal of a command (redis-reply.ts) meets every call alike.
  redisReply,
  // A runtime out of a kind of memory (memory-exhausted.ts) fails whichever allocation came next.
  memoryExhausted,
  // A mail server refusing the application's login (mail-login-rejected.ts) refuses every message alike.
  mailLoginRejected,
];

function readIdentity(template: string): ErrorIdentity | null {
  const tokens = headTokens(template);
  if (tokens.length === 0) return null;
  const head = tokens.join(' ');
  for (const read of SELF_NAMED) {
    const key = read(head);
    if (key !== null) return { key, namesOperation: true, keysTraces: false, context: '' };
  }
  // A status first: `14 UNAVAILABLE: … Last error: connect ECONNREFUSED …` is the RPC's failure.
  const status = grpcStatus(head);
  // A status whose detail is a text Go fixes (go-error-chain.ts) is rooted there, whatever wraps it.
  if (status !== null) return { key: status.key, namesOperation: false, keysTraces: false, context: status.fixed ? '' : contextOf(head.slice(0, status.start)) };
  // A Go error chain rooted in a text a package fixes (go-error-chain.ts): the layers in front are the
  // application's wrappers and logger's header, not a caller's line of its own.
  const root = goChainRoot(head);
  if (root !== null) return { key: `go-root\u0001${root.name}`, namesOperation: true, keysTraces: false, context: '' };
  // The other vocabularies name the failing operation itself.
  const system = nodeSystemError(tokens) ?? pythonErrno(tokens) ?? javaTlsAlert(tokens) ?? nodeTlsError(tokens) ?? goNetError(tokens) ??
    playwrightError(tokens, coreWords);
  if (system === null) {
    // A certificate check rustls failed (rustls-cert-error.ts) names the handshake's failure whatever
    // release printed it; no trace of Rust's is read by frames, so it keys none.
    const certificate = rustlsCertIdentity(head);
    if (certificate !== null) return { key: certificate.key, namesOperation: true, keysTraces: false, context: certificate.context };
    // PostgreSQL's refusal of a session names the operation too (postgres-refusal.ts); read after
    // traces of it were filed under their frames, it keeps their ids and only joins their call sites.
    const refusal = postgresRefusal(tokens) ?? cudaInitFailure(tokens);
    if (refusal !== null) return { key: refusal.key, namesOperation: true, keysTraces: false, context: lineContext(tokens, refusal.start) };
    // An exception's class names what went wrong, not the call that failed: like a status, an outcome.
    const found = exceptionClass(head, coreWords);
    return found === null ? null : { key: found.key, namesOperation: false, keysTraces: false, context: contextOf(head.slice(0, found.start)) };
  }
  return { key: system.key, namesOperation: true, keysTraces: true, context: lineContext(tokens, system.start) };
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

// A prefix a logger writes on every line (`npm ERR! `, `65 verbose stack `, a container's `app_1 | `)
// comes back after the error, on the lines of its frames: it is where the lines went, not a caller's
// line.
function lineContext(tokens: readonly string[], start: number): string {
  const prefix = prefixWords(tokens, start);
  const after = new Set(coreWords(tokens.slice(start).join(' ')));
  if (prefix.length > 0 && prefix.every((w) => after.has(w))) return '';
  return contextOf(tokens.slice(0, start).join(' '));
}

function contextOf(prefix: string): string {
  if (CHAIN_MARKER.test(prefix)) return '';
  return coreWords(prefix.replace(UNCAUGHT_JAVA, '')).filter((w) => !REPORT_WORDS.has(w)).join(' ');
}
