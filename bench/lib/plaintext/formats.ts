// Log-line headers as each framework prints them by default (or in its commonly documented form).
// Times are epoch microseconds; every formatter prints the write's own time in its own way.
import type { Prng } from '../prng.js';

const p = (n: number, w = 2): string => String(n).padStart(w, '0');

interface Parts { Y: number; M: number; D: number; h: number; m: number; s: number; ms: number; us: number }

function parts(tUs: number): Parts {
  const ms = Math.floor(tUs / 1000);
  const d = new Date(ms);
  return {
    Y: d.getUTCFullYear(), M: d.getUTCMonth() + 1, D: d.getUTCDate(), h: d.getUTCHours(), m: d.getUTCMinutes(),
    s: d.getUTCSeconds(), ms: d.getUTCMilliseconds(), us: tUs % 1_000_000,
  };
}

const date = (x: Parts, sep = '-'): string => `${x.Y}${sep}${p(x.M)}${sep}${p(x.D)}`;
const clock = (x: Parts): string => `${p(x.h)}:${p(x.m)}:${p(x.s)}`;

/** `2026-03-10T12:00:01.123456789Z` for an entry's timestamp (nanoseconds made up below the microsecond). */
export function entryTimestamp(tUs: number, rng: Prng): string {
  const x = parts(tUs);
  return `${date(x)}T${clock(x)}.${p(x.us, 6)}${p(rng.int(0, 999), 3)}Z`;
}

export const time = {
  /** Python logging `%(asctime)s`: `2026-03-10 12:00:01,234`. */
  asctime: (t: number): string => { const x = parts(t); return `${date(x)} ${clock(x)},${p(x.ms, 3)}`; },
  /** loguru `{time:YYYY-MM-DD HH:mm:ss.SSS}`. */
  loguru: (t: number): string => { const x = parts(t); return `${date(x)} ${clock(x)}.${p(x.ms, 3)}`; },
  /** gunicorn error log `[%Y-%m-%d %H:%M:%S %z]`. */
  gunicorn: (t: number): string => { const x = parts(t); return `[${date(x)} ${clock(x)} +0000]`; },
  /** Go `log` default flags: `2026/03/10 12:00:01`. */
  goLog: (t: number): string => { const x = parts(t); return `${date(x, '/')} ${clock(x)}`; },
  /** RFC 3339 with milliseconds (slog text, Spring Boot 3, zap console). */
  rfc3339ms: (t: number): string => { const x = parts(t); return `${date(x)}T${clock(x)}.${p(x.ms, 3)}Z`; },
  /** RFC 3339 with nanoseconds (slog JSON). */
  rfc3339nano: (t: number): string => { const x = parts(t); return `${date(x)}T${clock(x)}.${p(x.us, 6)}${p((t * 7) % 1000, 3)}Z`; },
  /** RFC 3339 seconds (logrus text without a TTY). */
  rfc3339: (t: number): string => { const x = parts(t); return `${date(x)}T${clock(x)}Z`; },
  /** glog/klog `mmdd hh:mm:ss.uuuuuu`. */
  glog: (t: number): string => { const x = parts(t); return `${p(x.M)}${p(x.D)} ${clock(x)}.${p(x.us, 6)}`; },
  /** Ruby Logger `%Y-%m-%dT%H:%M:%S.%6N`. */
  ruby: (t: number): string => { const x = parts(t); return `${date(x)}T${clock(x)}.${p(x.us, 6)}`; },
  /** zap production `ts`: epoch seconds as a float. */
  epochSeconds: (t: number): number => Math.round(t / 1000) / 1000,
  epochMs: (t: number): number => Math.floor(t / 1000),
  /** Rails' "Started GET ... at 2026-03-10 12:00:01 +0000". */
  railsAt: (t: number): string => { const x = parts(t); return `${date(x)} ${clock(x)} +0000`; },
};

// ---- Python ----------------------------------------------------------------------------------

/** `logging.basicConfig(format='%(asctime)s - %(name)s - %(levelname)s - %(message)s')`. */
export const pyDashed = (t: number, logger: string, level: string, msg: string): string => `${time.asctime(t)} - ${logger} - ${level} - ${msg}`;

/** logging's default format (`BASIC_FORMAT = '%(levelname)s:%(name)s:%(message)s'`). */
export const pyBasic = (logger: string, level: string, msg: string): string => `${level}:${logger}:${msg}`;

/** uvicorn's default formatter: `%(levelprefix)s %(message)s`, the level followed by `:` padded to 9 columns. */
export const uvicorn = (level: string, msg: string): string => `${`${level}:`.padEnd(9)} ${msg}`;

/** gunicorn's error log: `[time] [pid] [LEVEL] message`. */
export const gunicorn = (t: number, pid: number, level: string, msg: string): string => `${time.gunicorn(t)} [${pid}] [${level}] ${msg}`;

/** loguru's default: `time | level: <8 | name:function:line - message`. */
export const loguru = (t: number, level: string, where: string, msg: string): string => `${time.loguru(t)} | ${level.padEnd(8)} | ${where} - ${msg}`;

/** A common hand-written format: `[%(asctime)s] [%(levelname)s] [%(name)s] %(message)s`. */
export const pyBracket = (t: number, level: string, logger: string, msg: string): string => `[${time.asctime(t)}] [${level}] [${logger}] ${msg}`;

// ---- Go --------------------------------------------------------------------------------------

/** A logfmt value as slog's TextHandler and logrus quote it. */
export function logfmtValue(v: string | number | boolean): string {
  const s = String(v);
  if (s === '') return '""';
  return /[\s"=\\]/.test(s) || /[^\x21-\x7e]/.test(s) ? JSON.stringify(s) : s;
}

const kv = (attrs: ReadonlyArray<readonly [string, string | number | boolean]>): string =>
  attrs.map(([k, v]) => ` ${k}=${logfmtValue(v)}`).join('');

/** slog.NewTextHandler: `time=... level=ERROR msg="..." k=v`. */
export const slogText = (t: number, level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR', msg: string, attrs: ReadonlyArray<readonly [string, string | number | boolean]> = []): string =>
  `time=${time.rfc3339ms(t)} level=${level} msg=${logfmtValue(msg)}${kv(attrs)}`;

/** slog.NewJSONHandler as a parsed jsonPayload. */
export const slogJson = (t: number, level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR', msg: string, attrs: Record<string, unknown> = {}): Record<string, unknown> =>
  ({ time: time.rfc3339nano(t), level, msg, ...attrs });

/** logrus TextFormatter without a TTY: `time="..." level=error msg="..." k=v` (fields sorted). */
export const logrus = (t: number, level: 'debug' | 'info' | 'warning' | 'error' | 'fatal', msg: string, fields: ReadonlyArray<readonly [string, string | number | boolean]> = []): string =>
  `time="${time.rfc3339(t)}" level=${level} msg=${logfmtValue(msg)}${kv([...fields].sort((a, b) => a[0].localeCompare(b[0])))}`;

/** glog/klog: `E0310 12:00:01.123456       1 file.go:42] msg`. */
export const glog = (t: number, sev: 'I' | 'W' | 'E' | 'F', tid: number, where: string, msg: string): string =>
  `${sev}${time.glog(t)} ${String(tid).padStart(7)} ${where}] ${msg}`;

/** zap's development console encoder: tab separated, fields as JSON at the end. */
export const zapConsole = (t: number, level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR', caller: string, msg: string, fields: Record<string, unknown> = {}): string => {
  const f = Object.keys(fields).length === 0 ? '' : `\t${JSON.stringify(fields).replace(/":/g, '": ').replace(/,"/g, ', "')}`;
  return `${time.rfc3339ms(t)}\t${level}\t${caller}\t${msg}${f}`;
};

// ---- Java ------------------------------------------------------------------------------------

/** Logback's `%-40.40logger{39}` after abbreviation: at most 39 chars, packages shortened to one letter from the left. */
export function abbreviateLogger(name: string, width = 39): string {
  if (name.length <= width) return name;
  const parts2 = name.split('.');
  for (let i = 0; i < parts2.length - 1; i += 1) {
    parts2[i] = (parts2[i] as string).slice(0, 1);
    if (parts2.join('.').length <= width) break;
  }
  return parts2.join('.');
}

/** Spring Boot 3's console pattern: `%d %5p PID --- [%15.15t] %-40.40logger{39} : %m`. */
export const spring = (t: number, level: 'ERROR' | 'WARN' | 'INFO' | 'DEBUG', pid: number, thread: string, logger: string, msg: string): string => {
  const th = thread.length > 15 ? thread.slice(thread.length - 15) : thread.padStart(15);
  const lg = abbreviateLogger(logger).padEnd(40).slice(0, 40);
  return `${time.rfc3339ms(t)} ${level.padStart(5)} ${pid} --- [${th}] ${lg} : ${msg}`;
};

// ---- Ruby ------------------------------------------------------------------------------------

/** Ruby's Logger::Formatter: `"%s, [%s #%d] %5s -- %s: %s"`, with Rails' request-id tag. */
export const rubyLogger = (t: number, level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL', pid: number, msg: string, progname = ''): string =>
  `${level[0]}, [${time.ruby(t)} #${pid}] ${level.padStart(5)} -- ${progname}: ${msg}`;

// ---- .NET ------------------------------------------------------------------------------------

/** Microsoft.Extensions.Logging's simple console formatter (multi-line, message indented 6 spaces). */
export const dotnet = (level: 'trce' | 'dbug' | 'info' | 'warn' | 'fail' | 'crit', category: string, eventId: number, message: string): string =>
  `${level}: ${category}[${eventId}]\n${message.split('\n').map((l) => `      ${l}`).join('\n')}`;
