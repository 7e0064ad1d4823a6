// A stack trace is one problem per (exception type, the frames of our own code that raised it):
// message values, line numbers (they move with every deploy) and library frames are left out.
import { maskTokens } from '../normalize/mask.js';
import { TextMemo, detached } from '../normalize/text-memo.js';
import { DOTNET_FRAME, parseDotnet, parseRuby, RUBY_FRAME, RUBY_VIEW_FRAME } from './ruby-dotnet-traces.js';
import { reportedTrace } from './reported-frames.js';
import { rubyCallerLine } from './ruby-inspect.js';
import { CALLER_EXCERPT_LINE, callLine, problemText } from './problem-text.js';
import { withoutRequestMethod } from './request-context.js';
import { errorAfterPrefix } from './node-error-prefix.js';
import { afterPlaywrightBlocks, playwrightAfterPrefix } from './playwright-error.js';
import { playwrightBlockLine } from '../shared/playwright-blocks.js';
import { shortPath, stableName, type Section } from './trace-parts.js';
import { errorIdentity } from './error-identity.js';
import { servletReportLine } from './servlet-report.js';
import { camelTrace, reportsCaught } from './camel-delivery.js';
import { keptCodes } from '../normalize/http-status.js';

export type StackLanguage = 'python' | 'node' | 'java' | 'go' | 'ruby' | 'dotnet';

export interface StackSignature {
  language: StackLanguage;
  /** The exception that surfaced (for Go, the masked panic message). */
  exceptionType: string;
  /** The innermost exception of a chain, when it differs from exceptionType. */
  rootCause?: string;
  /** Top frames of our own code, innermost first (library frames only when there are none). */
  frames: string[];
  /** True when `frames` are the application's own (false: library frames, the trace holds none of ours). */
  ownFrames: boolean;
  /** First line of the surfaced exception's message, masked. */
  message: string;
  /**
   * Set when no frame is the application's own (`connect ECONNREFUSED` from `node:net` alone):
   * the masked line the trace was logged under, which then tells one caller from another.
   */
  context?: string;
  /** The masked line the trace was logged under, whatever its frames (`order sync failed`): the same problem as that line logged alone. */
  reportedAs?: string;
  /**
   * The failing call the message names in a vocabulary every library prints alike (error-identity.ts:
   * `connect ECONNREFUSED`, a certificate code, Go's `dial tcp: … connection refused`), when it does.
   * Frames say where an error was raised, not which: `Error: certificate has expired` and `Error: self
   * signed certificate` come up through the same frames of Node's TLS socket, and one call site may
   * fail with `connect ECONNREFUSED` one day and `connect ETIMEDOUT` the next. A client error status
   * (`Request failed with status code 429`) is read the same way.
   */
  identity?: string;
  /**
   * The exception a container's report above the trace names when the trace is its root cause's
   * (Tomcat's `threw exception [Request processing failed: X: m] with root cause`, then Y's trace): X,
   * masked, as a logger prints it above `Caused by: Y` (servlet-report.ts).
   */
  wrapper?: string;
}

/** Frames that name the problem; deeper ones are the route that led there. */
export const TOP_FRAMES = 2;
const MAX_LINES = 400;
const MAX_LINE_CHARS = 1000;

const PY_LIBRARY = ['site-packages', 'dist-packages', '/lib/python', '<frozen', '<string>'];
const NODE_LIBRARY = ['node_modules', 'node:', 'internal/', '<anonymous>', 'native'];
// The runtime, then the libraries services call (clients, drivers, pools, servers): a frame of theirs
// says where the library failed, not which of the application's operations called it.
const JAVA_LIBRARY = [
  'java.', 'javax.', 'jakarta.', 'jdk.', 'sun.', 'com.sun.', 'kotlin.', 'kotlinx.', 'scala.', 'org.springframework.',
  'org.apache.', 'io.netty.', 'io.grpc.', 'reactor.', 'org.eclipse.', 'org.hibernate.', 'okhttp3.', 'okio.',
  'com.fasterxml.', 'io.micronaut.', 'io.quarkus.', 'io.vertx.', 'com.google.common.', 'com.google.protobuf.',
  'com.google.cloud.', 'com.google.api.', 'com.google.auth.', 'com.google.gson.', 'com.zaxxer.hikari.', 'io.lettuce.',
  'redis.clients.', 'org.redisson.', 'org.postgresql.', 'com.mysql.', 'org.mariadb.', 'oracle.jdbc.', 'com.microsoft.sqlserver.',
  'org.h2.', 'com.mongodb.', 'org.mongodb.', 'com.datastax.', 'io.r2dbc.', 'org.jooq.', 'org.mybatis.', 'org.flywaydb.',
  'liquibase.', 'software.amazon.', 'com.amazonaws.', 'com.azure.', 'com.rabbitmq.', 'org.elasticsearch.', 'co.elastic.',
  'io.github.resilience4j.', 'feign.', 'retrofit2.', 'org.jboss.', 'io.undertow.', 'org.glassfish.', 'io.smallrye.',
  'io.reactivex.', 'akka.', 'io.opentelemetry.', 'io.micrometer.', 'ch.qos.logback.', 'org.slf4j.', 'net.bytebuddy.',
  'org.aspectj.', 'com.squareup.', 'graphql.', 'org.quartz.', 'io.helidon.', 'io.ktor.', 'org.jetbrains.exposed.',
];
const GO_LIBRARY = ['/usr/local/go/', '/usr/lib/go', '/go/pkg/mod/', '/pkg/mod/', 'GOROOT', '/src/runtime/'];

function lines(text: string): string[] {
  return text
    .slice(0, MAX_LINES * MAX_LINE_CHARS)
    .split('\n', MAX_LINES)
    .map((l) => (l.length > MAX_LINE_CHARS ? l.slice(0, MAX_LINE_CHARS) : l).replace(/\r$/, ''));
}

const TYPE_NAME = /^[A-Za-z_$][\w$.]*$/;

/** `ValueError: bad`, `Error [ERR_X]: bad`, `Uncaught TypeError: bad`, `com.acme.E: bad` -> type and message. */
const SYSTEM_ERROR_CODE = /^E[A-Z]{2,15}$/;
// The fields a formatter prints after the message (winston's simple(): `message {"service":"api"}`).
const TRAILING_META = / \{"[^\n]{0,2000}\}$/;
const withoutMeta = (message: string): string => message.replace(TRAILING_META, '');

const NAME_IN_BRACKETS = / \[[A-Za-z_$][\w$.-]{0,100}\]$/;
const TRACE_OF_ERROR = /^Trace: [A-Za-z_$][\w$.]{0,200}(?: \[[\w$.-]{1,100}\])?:/;

function typeLine(line: string): { type: string; message: string } | null {
  let s = line.trim();
  if (s.startsWith('Uncaught ')) s = s.slice(9);
  // Node's console.trace(err): `Trace: ` before the error's own line, which console.error prints bare.
  else if (TRACE_OF_ERROR.test(s)) s = s.slice(7);
  const m = /^Exception in thread "[^"]*" /.exec(s);
  if (m) s = s.slice(m[0].length);
  if (s.startsWith('Caused by: ')) s = s.slice(11);
  const colon = s.indexOf(':');
  let head = colon < 0 ? s : s.slice(0, colon);
  // A code in brackets (`TypeError [ERR_INVALID_ARG_TYPE]`), or util.inspect's `Class [name]` when an
  // error's name is not its class's (Sequelize's `DatabaseError [SequelizeDatabaseError]`): the class
  // is the type.
  const code = NAME_IN_BRACKETS.exec(head);
  if (code) head = head.slice(0, code.index);
  // Node's system errors: a logger that prints `err.message` and the frames drops the `Error: ` of
  // `Error: ENOENT: no such file…`; the code is the message's, the type is still Error.
  if (SYSTEM_ERROR_CODE.test(head) && colon > 0) return { type: 'Error', message: withoutMeta(s) };
  if (!TYPE_NAME.test(head) || head.length > 200) return null;
  return { type: head, message: colon < 0 ? '' : withoutMeta(s.slice(colon + 1).trim()) };
}

// An exception's message recurs in traces whose other lines differ.
const maskedMemo = new TextMemo<string>(2_000, 500_000);

function masked(message: string): string {
  let out = maskedMemo.get(message);
  if (out === undefined) {
    out = maskTokens(message, 24).join(' ');
    maskedMemo.set(message, out);
  }
  return out;
}

// loguru marks the frame that raised with `> File …` and annotates values on the lines below.
const PYTHON_FRAME = /^(?:\s+|> )File "([^"]*)", line \d+, in (\S+)/;

// As for Node's and Java's frames: a trace's frame lines, and the source lines under them, repeat
// while its first lines differ. Each line's reading (null: no frame) is remembered.
const pythonFrames = new TextMemo<Readonly<{ name: string; own: boolean }> | null>(2_000, 500_000);

/**
 * A Python traceback whose `Traceback (most recent call last):` line was cut off (a paste of its end, a
 * record whose first lines went elsewhere) is still one: frames of Python files, then the exception
 * line below them, less indented than they are. The header is put back above the first frame, so the
 * trace reads as it would whole. An exception line above the frames is another tool's view
 * (reported-frames.ts), not Python's. In a chain (`The above exception was the direct cause of the
 * following exception:`) the cut is the first traceback's: its frames and exception, the cause, come
 * before the first `Traceback` line left, and are read as the cause they are.
 */
function withPythonHeader(ls: readonly string[]): string[] | null {
  const kept = ls.findIndex((l) => l.trim() === 'Traceback (most recent call last):');
  const before = kept < 0 ? ls : ls.slice(0, kept);
  const frames = before.map((l, i) => [i, PYTHON_FRAME.exec(l)] as const).filter(([, m]) => m !== null);
  if (frames.length < MIN_HEADLESS_FRAMES) return null;
  if (frames.some(([, m]) => !PYTHON_SOURCE.test((m as RegExpExecArray)[1] as string))) return null;
  const [first] = frames[0] as readonly [number, RegExpExecArray];
  const [last] = frames[frames.length - 1] as readonly [number, RegExpExecArray];
  const indent = indentOf(ls[last] as string);
  const below = before.slice(last + 1).find((l) => l.trim() !== '' && indentOf(l) < indent);
  if (below === undefined || typeLine(below) === null) return null;
  return [...ls.slice(0, first), 'Traceback (most recent call last):', ...ls.slice(first)];
}

/** Frames a cut traceback must show to be read as one: a lone `File` line may be anyone's quote. */
const MIN_HEADLESS_FRAMES = 2;
/** A Python source, or code with no file of its own (`<string>`, `<frozen importlib._bootstrap>`). */
const PYTHON_SOURCE = /\.pyx?$|^</;

function pythonFrame(line: string): Readonly<{ name: string; own: boolean }> | null {
  let frame = pythonFrames.get(line);
  if (frame === undefined) {
    const f = PYTHON_FRAME.exec(line);
    const path = f?.[1];
    // Its name may be a cut of the whole trace: remembered as a copy of its own.
    frame = f && path !== undefined ? { name: detached(`${shortPath(path)}:${f[2]}`), own: !PY_LIBRARY.some((p) => path.includes(p)) } : null;
    pythonFrames.set(line, frame);
  }
  return frame;
}

/** The spaces and tabs a line opens with. */
function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

// A formatter may indent every line after a record's first (Tornado's LogFormatter puts four spaces
// before each): the traceback's lines keep their places relative to its `Traceback` line, which is
// where its exception line stands too.
function parsePython(ls: string[]): Section[] {
  const sections: Section[] = [];
  let frames: Section['frames'] | null = null;
  let base = 0;
  for (const line of ls) {
    if (line.trim() === 'Traceback (most recent call last):') {
      frames = [];
      base = indentOf(line);
      continue;
    }
    if (frames === null) continue;
    const opensWithText = line.trim() !== '' && indentOf(line) <= base;
    // Only a line that opens with a space or `> ` can be a frame.
    const frame = line !== '' && (!opensWithText || line.startsWith('> ')) ? pythonFrame(line) : null;
    if (frame !== null) {
      frames.push(frame);
      continue;
    }
    if (opensWithText) {
      const t = typeLine(line);
      if (t) sections.push({ ...t, frames: frames.reverse() });
      frames = null;
    }
  }
  // Python prints the cause first and the exception that surfaced last.
  return sections.reverse();
}

// A bundler names its output chunks by number or content hash (webpack's and Next's `chunks/412.js`,
// `main-3f2a9c1b.js`, Vite's `index-BfP9X2kq.js`): the names change with every build while the function
// in them stays. The number or hash is a value; the rest of the name (`page.js`, `index-`) is kept.
const CHUNK_NUMBER = /(^|\/)\d{1,12}(?=\.[cm]?js$)/;
const CHUNK_HASH = /([.-])(?:[0-9a-f]{8,32}|(?=[\w-]{0,7}\d)(?=[\w-]{0,7}[A-Z])[\w-]{8})(?=\.[cm]?js$)/;

function withoutChunkHash(file: string): string {
  return file.replace(CHUNK_NUMBER, '$1<N>').replace(CHUNK_HASH, '$1<H>');
}

function nodeFrame(rest: string): { name: string; own: boolean } {
  let fn = '';
  let loc = rest;
  const open = rest.lastIndexOf(' (');
  if (rest.endsWith(')') && open > 0) {
    fn = rest.slice(0, open);
    loc = rest.slice(open + 2, -1);
  }
  const file = loc.replace(/:\d+:\d+$/, '').replace(/:\d+$/, '');
  // `Promise.all (index 0)`, `<anonymous>`: built-ins name no file.
  const isFile = /[/\\]/.test(file) || /\.[cm]?[jt]sx?$/.test(file);
  const own = isFile && !NODE_LIBRARY.some((p) => file.includes(p));
  fn = fn.replace(/^async /, '').replace(/^new /, '');
  return { name: `${shortPath(withoutChunkHash(file))}:${stableName(fn) || '<anonymous>'}`, own };
}

// StackTraceElement.toString: `[class loader/][module[@version]/]class.method(…)`
// (`app//com.acme.Foo.bar`, `java.base@17.0.13/java.lang.Thread.run`): a class name holds no `/`, so
// all before the last one names where the class was loaded from, which a redeploy or a JDK update moves.
function javaFrame(rest: string): { name: string; own: boolean } {
  const name = stableName(rest.replace(/\(.*$/, '').replace(/^.*\//, ''));
  return { name, own: !JAVA_LIBRARY.some((p) => name.startsWith(p)) };
}

// Traces differ in their first lines (an id, a count) far more often than in their frames: each
// frame line's reading is remembered (read only, shared by the traces that hold it).
const nodeFrames = new TextMemo<Readonly<{ name: string; own: boolean }>>(2_000, 500_000);
const javaFrames = new TextMemo<Readonly<{ name: string; own: boolean }>>(2_000, 500_000);

/**
 * A trace's exceptions, the surfaced one first, and for Java and Node the line that one was read from:
 * all above it is the message the trace was logged under (headerLines).
 */
interface ReadTrace {
  sections: Section[];
  surfacedAt: number | null;
}

function parseJavaOrNode(ls: string[], language: 'java' | 'node'): ReadTrace {
  const sections: Section[] = [];
  let current: Section | null = null;
  /** The line the current section was read from. */
  let currentAt = -1;
  let surfacedAt: number | null = null;
  // Inside the properties util.inspect prints after an error's last frame (` {`, then `code: 'X'`,
  // `statusCode: 500`, `[cause]: …`, down to the `}` at the left edge): a property reads as `name: value`
  // and is no exception; only a `[cause]:` there opens one.
  let inProperties = false;
  for (let i = 0; i < ls.length; i++) {
    const trimmed = (ls[i] as string).trim();
    if (inProperties && trimmed === '}' && (ls[i] as string).startsWith('}')) inProperties = false;
    if (trimmed.startsWith('at ')) {
      if (language === 'node' && trimmed.endsWith(' {') && !inProperties) inProperties = true;
      // The first frame: the exception that threw is the line right above it, when that line names one.
      if (sections.length <= 1 && (current === null || (current.frames.length === 0 && currentAt !== i - 1))) {
        const above = exceptionAbove(ls, i, language);
        if (above !== null) {
          if (current !== null) sections.pop();
          current = { ...above, frames: [] };
          currentAt = i - 1;
          sections.push(current);
          surfacedAt = currentAt;
        } else if (current !== null && current.message === '' && current.frames.length === 0 && language === 'node') {
          current.message = messageBelow(ls, currentAt, i);
          if (current.message !== '') current.messageBelow = true;
        }
      }
      if (current === null) continue;
      // util.inspect ends the last frame with ` {` when the error's properties follow (`[cause]`, `code`):
      // no part of the frame, or the line number it hides behind would make each deploy another problem.
      const rest = trimmed.endsWith(' {') ? trimmed.slice(3, -2) : trimmed.slice(3);
      // Every Java frame names its method with a location in parentheses (`(Foo.java:12)`, `(Native
      // Method)`): a frame without one is a write cut short inside the method's name
      // (`at com.acme.orders.i`), which would read as a frame of its own and another problem.
      if (language === 'java' && !rest.includes('(')) continue;
      const memo = language === 'node' ? nodeFrames : javaFrames;
      let frame = memo.get(rest);
      if (frame === undefined) {
        const read = language === 'node' ? nodeFrame(rest) : javaFrame(rest);
        // Its name may be a cut of the whole trace: remembered as a copy of its own.
        frame = { name: detached(read.name), own: read.own };
        memo.set(rest, frame);
      }
      current.frames.push(frame);
      continue;
    }
    if (trimmed.startsWith('...') || trimmed.length === 0) continue;
    // A cause: Java's `Caused by:`, util.inspect's `[cause]:` block, pino-std-serializers' `caused by:`.
    if ((current === null && !inProperties) || trimmed.startsWith('Caused by: ') || trimmed.startsWith('caused by: ') || /^\[cause\]:/.test(trimmed)) {
      const t: { type: string; message: string } | null =
        typeLine(trimmed.replace(/^\[cause\]:\s*/, '').replace(/^caused by: /, '')) ?? (current === null ? prefixedError(ls, i, language) : null);
      if (t) {
        current = { ...t, frames: [] };
        currentAt = i;
        sections.push(current);
        if (sections.length === 1) surfacedAt = i;
      }
    }
  }
  return { sections, surfacedAt };
}

// A Node error whose message opens with a line break prints its type alone on the first line and its
// message on the lines down to the frames, Prisma's (`PrismaClientKnownRequestError: `, then `Invalid
// \`prisma.order.create()\` invocation in`, the caller's place and a code frame, then what failed, `Unique
// constraint failed on the fields: (\`idempotency_key\`)`). Its first line says which call failed, its
// last what went wrong; the place and the code frame between them say where, as frames do.

/** The message of an error whose type line holds none: its first and last lines above the frame at `frameAt`. */
function messageBelow(ls: readonly string[], typeAt: number, frameAt: number): string {
  const lines: string[] = [];
  for (let j = typeAt + 1; j < frameAt && j < typeAt + 64; j++) {
    const line = (ls[j] as string).trim();
    if (line !== '' && !CALLER_EXCERPT_LINE.test(line)) lines.push(line);
  }
  if (lines.length <= 1) return callLine(lines[0] ?? '');
  return `${callLine(lines[0]!)} ${lines[lines.length - 1]}`;
}

// A logger prints its message, then the exception with its frames (`%m%n%ex`); a message may read as
// `Word: text` (JBoss Logging's `UT005023: Exception handling request to /x`, hapi's `Debug: internal,
// implementation, error`), or the pattern may print the exception on the message's own line after it
// (`UT005023: … to /x: org.jboss.resteasy.spi.UnhandledException: …`). The exception is the line the
// frames follow: named as exceptions are, bare or after such a prefix.
const EXCEPTION_NAMED = /^(?:[A-Za-z_$][\w$]{0,100}\.){0,20}[A-Z][\w$]{0,100}(?:Error|Exception|Throwable)$/;
const QUALIFIED_AFTER_PREFIX = /: ((?:[a-z_][\w$]{0,60}\.){1,20}[A-Z][\w$]{0,100}(?:Error|Exception|Throwable))(?=: |$)/;

/** The exception on the line right above the frame at `frameAt`, when that line names one. */
function exceptionAbove(ls: readonly string[], frameAt: number, language: 'java' | 'node'): { type: string; message: string } | null {
  if (frameAt <= 0) return null;
  const line = (ls[frameAt - 1] as string).trim();
  const t = typeLine(line);
  if (t !== null) return EXCEPTION_NAMED.test(t.type) ? t : null;
  if (language === 'node') return null;
  const m = QUALIFIED_AFTER_PREFIX.exec(line.length > 1000 ? line.slice(0, 1000) : line);
  return m === null ? null : typeLine(line.slice(m.index + 2));
}

/** Node's error printed after an application prefix, on the line right above the first frame. */
function prefixedError(ls: readonly string[], i: number, language: 'java' | 'node'): { type: string; message: string } | null {
  // Playwright's call log or boxed notice may come between the error's line and its frames.
  if (language !== 'node' || !/^\s+at /.test(ls[afterPlaywrightBlocks(ls, i + 1)] ?? '')) return null;
  const split = splitPrefixed((ls[i] as string).trim());
  return split === null ? null : typeLine(split.error);
}

/** A Node error line's application prefix and error (node-error-prefix.ts; Playwright's bare `Error: page.goto: …`). */
function splitPrefixed(line: string): { prefix: string; error: string } | null {
  return errorAfterPrefix(line, true) ?? playwrightAfterPrefix(line);
}

function parseGo(ls: string[]): Section[] {
  // net/http recovers a handler's panic and prints `http: panic serving ADDR: message` instead.
  const first = ls.find((l) => /^(panic|fatal error): |^http: panic serving \S{1,300}: /.test(l));
  if (first === undefined) return recoveredPanic(ls);
  const message = first.replace(/^(panic|fatal error): |^http: panic serving \S{1,300}: /, '').replace(/ \[recovered\]$/, '');
  const section: Section = { type: masked(message), message: '', frames: [] };
  let inGoroutine = false;
  for (let i = 0; i < ls.length; i++) {
    const line = ls[i] as string;
    if (/^goroutine \d+ \[/.test(line)) {
      // Only the goroutine that panicked: the first one printed.
      if (inGoroutine) break;
      inGoroutine = true;
      continue;
    }
    if (!inGoroutine || /^\s/.test(line) || line.startsWith('created by ') || line.length === 0) continue;
    const fn = line.replace(/\([^()]*\)$/, '');
    const file = (ls[i + 1] ?? '').trim().replace(/:\d+( \+0x[0-9a-f]+)?$/, '');
    const own = !fn.startsWith('runtime.') && !GO_LIBRARY.some((p) => file.includes(p));
    section.frames.push({ name: stableName(fn), own });
  }
  return [section];
}

/**
 * A panic a deferred `recover()` caught and printed with `debug.Stack()` (gqlgen's DefaultRecover: the
 * value, a blank line, the stack; a slog or zap record's `panic` and `stack` fields): no `panic:` line,
 * and the dump is the recovering goroutine's, the handler's own frames (`runtime/debug.Stack`, the
 * recover function) above a `panic(…)` frame and the frames that panicked below it. The panic's value
 * is the line printed last before the dump; the frames are those below `panic(…)`, so the same panic
 * reads alike whichever handler recovered it. A dump with no `panic(…)` frame (a goroutine dump on
 * SIGQUIT, a deadlock) is no recovered panic.
 */
const GO_CALL_START = /^[\w./*$-]{1,512}\(/;

function recoveredPanic(ls: string[]): Section[] {
  const at = ls.findIndex((l) => /^goroutine \d+ \[/.test(l));
  if (at <= 0) return [];
  const raised = ls.findIndex((l, i) => i > at && /^panic\(/.test(l));
  // A record whose message holds the dump and whose `panic` field was put after it has the value last.
  let value = ls.slice(0, at).map((l) => l.trim()).filter((l) => l !== '').pop();
  const frames: Section['frames'] = [];
  for (let i = raised + 2; raised >= 0 && i < ls.length; i++) {
    const line = ls[i] as string;
    if (/^goroutine \d+ \[/.test(line)) break;
    if (/^\s/.test(line) || line.startsWith('created by ') || line.startsWith('...') || line.length === 0) continue;
    // A function line opens with its name and argument list (perhaps cut short after it); a location
    // line is indented. Anything else is no frame.
    if (!GO_CALL_START.test(line)) {
      value = line.trim();
      break;
    }
    const fn = line.replace(/\([^()]*\)$/, '');
    const file = (ls[i + 1] ?? '').trim().replace(/:\d+( \+0x[0-9a-f]+)?$/, '');
    frames.push({ name: stableName(fn), own: !fn.startsWith('runtime.') && !GO_LIBRARY.some((p) => file.includes(p)) });
  }
  // A value printed bare; a log record that carries the dump in a field (`msg="…" err="panic occurred:
  // …, stacktrace:`, watermill's) says more than the value, and is read as its text is.
  if (value === undefined || raised < 0 || /["=]/.test(value)) return [];
  return [{ type: masked(value), message: '', frames }];
}

// Log4j2's extended trace (`%xEx`) and Logback's packaging data: `(Cls.java:42) ~[app-2.1.jar:2.1]`, `[?:?]`.
const JAVA_FRAME_END = /(?:\.(?:java|kt|scala|groovy):\d+|\(Native Method|\(Unknown Source)\)(?: {1,4}~?\[[^\]]{0,200}\])?$/;

export function detectLanguage(ls: readonly string[]): StackLanguage | null {
  if (ls.some((l) => l.trim() === 'Traceback (most recent call last):')) return 'python';
  if (ls.some((l) => /^goroutine \d+ \[/.test(l))) return 'go';
  const frame = ls.find((l) => /^\s+at /.test(l));
  if (frame === undefined) return ls.some((l) => RUBY_FRAME.test(l)) ? 'ruby' : null;
  // Node frames name a file with line and column; Java frames a method with (File.java:12), maybe with
  // the jar it came from after it (JAVA_FRAME_END); .NET frames a method with its parameter types and no
  // space before them.
  if (JAVA_FRAME_END.test(frame.trim())) return 'java';
  return DOTNET_FRAME.test(frame.trim()) ? 'dotnet' : 'node';
}

// The same trace is logged many times over; parsing it again would find the same signature.
const memo = new TextMemo<Readonly<StackSignature> | null>(2_000, 2_000_000);

/**
 * Parses a multi-line trace; null when it is not one we can read (it is then mined as text).
 * `knownType` is the type the payload named apart from the text, for traces that do not print it.
 */
export function stackSignature(text: string, knownType?: string): Readonly<StackSignature> | null {
  const key = knownType === undefined ? text : `${knownType}\u0000${text}`;
  let signature = memo.get(key);
  if (signature === undefined) {
    signature = parseSignature(text, knownType);
    memo.set(key, signature);
  }
  return signature;
}

function readTrace(ls: string[], language: StackLanguage, knownType: string | undefined, reported: boolean): ReadTrace {
  switch (language) {
    case 'python': return { sections: parsePython(ls), surfacedAt: null };
    case 'go': return { sections: parseGo(ls), surfacedAt: null };
    case 'ruby': return { sections: parseRuby(ls, knownType, reported ? RUBY_VIEW_FRAME : RUBY_FRAME), surfacedAt: null };
    case 'dotnet': return { sections: parseDotnet(ls), surfacedAt: null };
    default: return parseJavaOrNode(ls, language);
  }
}

function parseSignature(text: string, knownType: string | undefined): StackSignature | null {
  const read = lines(text);
  // A Ruby or Node trace reprinted in Error Reporting's frame shape is read in its own (reported-frames.ts).
  const reported = reportedTrace(read);
  const ls = reported?.lines ?? withPythonHeader(read) ?? camelTrace(read);
  const language = reported?.language ?? detectLanguage(ls);
  if (language === null) return null;
  const { sections, surfacedAt } = readTrace(ls, language, knownType, reported !== null);
  const surfaced = sections[0];
  if (surfaced === undefined) return null;
  // Java and Node print the surfaced exception first and its causes after; the root is last.
  const root = sections[sections.length - 1] as Section;
  const withOwn = sections.find((s) => s.frames.some((f) => f.own));
  const frames = withOwn
    ? withOwn.frames.filter((f) => f.own).map((f) => f.name)
    : surfaced.frames.map((f) => f.name);
  const signature: StackSignature = {
    language,
    exceptionType: surfaced.type,
    frames: frames.slice(0, TOP_FRAMES),
    ownFrames: withOwn !== undefined,
    // Read as a message logged alone is (problem-text.ts), so the two meet by their words.
    message: language === 'go' ? surfaced.type : masked(problemText(surfaced.message)),
  };
  if (root !== surfaced && root.type !== surfaced.type) signature.rootCause = root.type;
  const identity = language === 'go' ? null : errorIdentity(`${surfaced.type}: ${signature.message}`);
  if (identity !== null && identity.namesOperation && identity.keysTraces) signature.identity = identity.key;
  else if (surfaced.messageBelow === true && signature.message !== '') {
    // A type whose message is printed under it is a client's one class for all its failures (Prisma's
    // PrismaClientKnownRequestError for a unique constraint and for a pool timeout alike): the message
    // (the call that failed, then what went wrong) is which failure.
    signature.identity = `message-below\u0001${signature.message}`;
  } else {
    // A client error status, a server's error number, is the error too (http-status.ts).
    const statuses = keptCodes(signature.message.split(' '));
    if (statuses !== '') signature.identity = `kept-code\u0001${statuses}`;
  }
  if (language === 'java') {
    const wrapper = rootCauseReport(ls, surfacedAt, surfaced);
    if (wrapper !== undefined) signature.wrapper = wrapper;
  }
  if (language !== 'go') {
    const header = withoutRepeatedException(headerLines(ls, language, surfacedAt), surfaced);
    if (header !== '') {
      signature.reportedAs = header;
      if (!withOwn) signature.context = header;
    }
  }
  return signature;
}

/**
 * The log message above the trace: lines before `Traceback` or the exception line, masked. A Java or
 * Node trace's message ends where its surfaced exception is read (parseJavaOrNode): the line the first
 * frame follows, when it names one and no exception is printed above it, so a message that reads as
 * `Word: text` is the message; and the first exception of the trace when the frames follow a later
 * one: an exception printed without frames (Netty's `AnnotatedConnectException`), then its
 * `Suppressed:` block (Reactor's checkpoints and `Original Stack Trace:`) and the `Caused by:` whose
 * frames come first.
 */
function headerLines(ls: readonly string[], language: StackLanguage, surfacedAt: number | null): string {
  const header: string[] = [];
  for (const [i, line] of ls.slice(0, 4).entries()) {
    const trimmed = line.trim();
    if (i === surfacedAt) {
      // Node's error printed after an application prefix (`order sync failed Error: boom`): the prefix is the message.
      const prefixed = language === 'node' && typeLine(trimmed) === null && prefixedError(ls, i, language) !== null ? splitPrefixed(trimmed) : null;
      if (prefixed !== null) header.push(prefixed.prefix);
      // A Java pattern that prints the exception on the message's own line (`%s%e`: Quarkus' error
      // handler `HTTP Request to /x failed, error id: …: a.b.XException: …`, Undertow's `UT005023: …
      // to /x: …`): the message before it is the line the trace was logged under, as on a line of its own.
      else if (language === 'java' && typeLine(trimmed) === null) {
        const m = QUALIFIED_AFTER_PREFIX.exec(trimmed.length > 1000 ? trimmed.slice(0, 1000) : trimmed);
        if (m !== null && m.index > 0) header.push(trimmed.slice(0, m.index));
      }
      break;
    }
    if (language === 'python' ? trimmed.startsWith('Traceback (') : (surfacedAt === null && typeLine(trimmed) !== null) || trimmed.startsWith('at ') || RUBY_FRAME.test(line)) break;
    // Prisma's call line read as the message under its class reads it (messageBelow): a header that
    // repeats the message (NestJS logs it, then the stack) is then seen to repeat it.
    if (trimmed !== '' && !playwrightBlockLine(line)) header.push(language === 'ruby' ? rubyCallerLine(trimmed) : callLine(trimmed));
  }
  return header.length === 0 ? '' : withoutRequestMethod(masked(header.join(' ')).split(' ')).join(' ');
}

// `log.error(e.getMessage(), e)`, `log.error(e.toString(), e)`, `logger.exception(str(e))`: the message
// logged above the trace is the exception's own message or line again. It says nothing of where the
// trace was logged, and as its context it would part the trace from the same exception logged under
// other words or none; what the application wrote before it stays.
function withoutRepeatedException(header: string, surfaced: Section): string {
  // Tomcat's report of the exception a servlet let through (`Servlet.service() for servlet [x] … threw
  // exception [Request processing failed; nested exception is a.b.X] with root cause`), with X's own
  // trace under it: the container's words for every failure, naming the exception the trace restates.
  const reported = servletReportLine(header);
  if (reported !== header && reported.replace(/:.*$/, '') === surfaced.type) return '';
  // Camel's failed-delivery record of the exception its trace restates (camel-delivery.ts).
  if (reportsCaught(header, surfaced.type)) return '';
  const message = masked(surfaced.message);
  if (message === '') return header;
  for (const tail of [`${surfaced.type}: ${message}`, message]) {
    const at = header.length - tail.length;
    if (at < 0 || !header.endsWith(tail) || (at > 0 && /\w/.test(header[at - 1] as string))) continue;
    // The separator the pattern put between its prefix and the message (`root:592 - `, `failed: `).
    let end = at;
    while (end > 0 && ' :-|'.includes(header[end - 1] as string)) end--;
    return header.slice(0, end);
  }
  return header;
}

/**
 * Tomcat prints an exception a servlet let through as its report line naming it (`threw exception
 * [Request processing failed: X: m] with root cause`) over the trace of its root cause Y alone: the same
 * X over Y that a logger prints as X's trace with `Caused by: Y` (Spring's scheduler, an error handler).
 * X as the report names it, when it is not the trace's own exception.
 */
function rootCauseReport(ls: readonly string[], surfacedAt: number | null, surfaced: Section): string | undefined {
  const end = Math.min(surfacedAt ?? 4, 4);
  for (let i = 0; i < end; i++) {
    const line = (ls[i] as string).trim();
    if (!line.includes('Servlet.service() ')) continue;
    const named = servletReportLine(line);
    if (named === line || named.replace(/:.*$/, '') === surfaced.type) return undefined;
    return masked(problemText(named));
  }
  return undefined;
}
