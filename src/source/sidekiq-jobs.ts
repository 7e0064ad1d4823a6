// Sidekiq's default error handler logs one failed job as three records, one logger call each, on the
// job's thread within milliseconds: the context as JSON (`{"context":"Job raised exception","job":{…}}`),
// then `Class: message`, then the backtrace (`backtrace.join("\n")`). Through the Pretty formatter each
// opens with `TIME pid=1 tid=2ss [class=C jid=J] WARN: `, through the JSON formatter each is an object
// `{"ts","pid","tid","lvl","msg","ctx"}`. Apart, the context names no error and the backtrace no
// exception; together they are one record: the job's class, the error, its frames. This joins them
// back, per writer and thread, in either time order, after the lines of each were joined (reassemble.ts).
import { entryService, sidekiqThread } from '../normalize/index.js';
import type { RawEntry } from '../shared/types.js';
import type { Joined } from './reassemble.js';
import { BARE_FRAME_BODY, isBareRubyFrame } from './ruby-lines.js';
import { cloudRunStream, microTime } from './stdout-line.js';

/**
 * Most time, in µs, between two records of one failure: the handler's three calls follow each other
 * on one thread, stamped microseconds to milliseconds apart; a record further away is another's.
 */
const GAP_US = 250_000;
/**
 * How long, in µs of entry time, a failure waits for its other records: reassembly holds a record's
 * lines for a second after its last one before it passes the record on, while entries of other
 * streams pass at once.
 */
const WAIT_US = 5_000_000;
/** Most failures held open at once (the oldest goes out first). */
const MAX_OPEN = 256;
/** Most characters of a context record parsed for the job's class. */
const MAX_CONTEXT_CHARS = 16 * 1024;

type Role = 'context' | 'error' | 'backtrace';

interface JobRecord {
  joined: Joined;
  role: Role;
  /** The writer and thread. */
  key: string;
  time: number;
  jid?: string;
  /** The message the record logged, without Sidekiq's header. */
  message: string;
}

// `Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>`: `ex.class.name: ex.message`.
const ERROR_LINE = /^[A-Z]\w{0,80}(?:::[A-Z]\w{0,80}){0,8}: \S/;
const CONTEXT_OPEN = /^\{(?:"context":|:context=>)/;

/**
 * RE2: the message of a record jobRecord reads as a failure's context or backtrace (CONTEXT_OPEN, or a
 * first line that is a bare frame). Log Analytics reads the JSON formatter's records of a failure, the
 * ones near such a record on the same writer, whole (shape-query.ts), so that they are joined here as a
 * file sweep joins them instead of each standing as a problem of its own.
 */
export const JOB_TRACE_MESSAGE_RE2 = `^(?:\\{(?:"context":|:context=>)|${BARE_FRAME_BODY}[ \\t\\r]*(?:\\n|$))`;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The entry as one of a failed job's records, or null. */
function jobRecord(joined: Joined): JobRecord | null {
  const raw = joined.raw;
  const time = microTime(raw);
  if (time === null) return null;
  let tid: string;
  let jid: string | undefined;
  let message: string;
  if (typeof raw.textPayload === 'string') {
    const text = raw.textPayload;
    if (text.indexOf('tid=') < 0 && text.indexOf(' TID-') < 0) return null;
    const thread = sidekiqThread(text.slice(0, 800));
    if (thread === null || (thread.level !== 'WARN' && thread.level !== 'ERROR')) return null;
    ({ tid, jid } = thread);
    message = text.slice(thread.length);
  } else if (isRecord(raw.jsonPayload)) {
    const p = raw.jsonPayload;
    if (typeof p.tid !== 'string' || typeof p.msg !== 'string' || (p.lvl !== 'WARN' && p.lvl !== 'ERROR')) return null;
    tid = p.tid;
    const ctxJid = isRecord(p.ctx) ? p.ctx.jid : undefined;
    if (typeof ctxJid === 'string') jid = ctxJid;
    message = p.msg;
  } else {
    return null;
  }
  const role: Role | null = CONTEXT_OPEN.test(message) ? 'context' : isBareRubyFrame(firstLineOf(message)) ? 'backtrace' : ERROR_LINE.test(message) ? 'error' : null;
  if (role === null) return null;
  const stream = cloudRunStream(raw) ?? entryService(raw);
  return { joined, role, key: `${stream}\u0000${tid}`, time, ...(jid !== undefined ? { jid } : {}), message };
}

function firstLineOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}

/** The context record in a few words: what it says happened and the job's class (an ActiveJob's own). */
function contextLine(message: string): string | null {
  if (!message.startsWith('{"') || message.length > MAX_CONTEXT_CHARS) return null;
  try {
    const ctx: unknown = JSON.parse(message);
    if (!isRecord(ctx) || typeof ctx.context !== 'string') return null;
    const job = isRecord(ctx.job) ? ctx.job : null;
    const cls = job === null ? undefined : typeof job.wrapped === 'string' ? job.wrapped : job.class;
    return typeof cls === 'string' && /^[A-Z][\w:]{0,200}$/.test(cls) ? `${ctx.context}, class=${cls}` : ctx.context;
  } catch {
    return null;
  }
}

interface Failure {
  key: string;
  records: Partial<Record<Role, JobRecord>>;
  first: number;
  last: number;
}

export class JobJoiner {
  private readonly open = new Map<string, Failure>();

  push(joined: Joined, out: Joined[]): void {
    const record = jobRecord(joined);
    const time = record?.time ?? microTime(joined.raw);
    if (time !== null) this.expire(time, out);
    if (record === null) {
      out.push(joined);
      return;
    }
    let failure = this.open.get(record.key);
    if (failure !== undefined && !fits(failure, record)) {
      this.flush(failure, out);
      failure = undefined;
    }
    if (failure === undefined) {
      failure = { key: record.key, records: {}, first: record.time, last: record.time };
      this.open.set(record.key, failure);
      if (this.open.size > MAX_OPEN) this.flush(this.open.values().next().value!, out);
    }
    failure.records[record.role] = record;
    failure.first = Math.min(failure.first, record.time);
    failure.last = Math.max(failure.last, record.time);
    if (failure.records.context && failure.records.error && failure.records.backtrace) this.flush(failure, out);
  }

  end(out: Joined[]): void {
    for (const failure of [...this.open.values()]) this.flush(failure, out);
  }

  private expire(time: number, out: Joined[]): void {
    for (const failure of [...this.open.values()]) {
      if (time - failure.last > WAIT_US || failure.first - time > WAIT_US) this.flush(failure, out);
    }
  }

  private flush(failure: Failure, out: Joined[]): void {
    this.open.delete(failure.key);
    const { context, error, backtrace } = failure.records;
    if (error === undefined) {
      for (const r of [context, backtrace]) if (r !== undefined) out.push(r.joined);
      return;
    }
    const lines = [contextLine(context?.message ?? ''), error.message, backtrace?.message].filter((l): l is string => l !== null && l !== undefined);
    const members = [context, error, backtrace].flatMap((r) => r?.joined.members ?? []).sort((a, b) => a - b);
    // A backtrace cut short leaves the failure a piece of what the whole failures say; so does one whose
    // backtrace was lost (its first line, the one with Sidekiq's header, not read): the handler writes
    // the backtrace of every exception raised (`unless ex.backtrace.nil?`), after the context and error.
    // (Frames read under the error line are that backtrace, whatever line carried the header.)
    const piece = [context, error, backtrace].some((r) => r?.joined.piece === true) ||
      (context !== undefined && backtrace === undefined && !error.message.split('\n').some(isBareRubyFrame));
    out.push({ raw: withMessage(error, lines.join('\n')), members, ...(piece ? { piece } : {}) });
  }
}

/** A failure's records in the order the handler writes them, within the gap, of one job. */
function fits(failure: Failure, record: JobRecord): boolean {
  if (failure.records[record.role] !== undefined) return false;
  if (record.time - failure.last > GAP_US || failure.first - record.time > GAP_US) return false;
  const held = Object.values(failure.records).filter((r): r is JobRecord => r !== undefined);
  // Oldest first the context comes first and the backtrace last; newest first, the other way round.
  if (held.some((r) => (record.time - r.time) * (RANK[record.role] - RANK[r.role]) < 0)) return false;
  const jid = held.find((r) => r.jid !== undefined)?.jid;
  return jid === undefined || record.jid === undefined || jid === record.jid;
}

const RANK: Record<Role, number> = { context: 0, error: 1, backtrace: 2 };

/** The error record's entry, its message now the whole failure's (Sidekiq's header kept on text). */
function withMessage(error: JobRecord, message: string): RawEntry {
  const raw = error.joined.raw;
  if (typeof raw.textPayload === 'string') {
    const header = raw.textPayload.slice(0, raw.textPayload.length - error.message.length);
    return { ...raw, textPayload: header + message };
  }
  return { ...raw, jsonPayload: { ...(raw.jsonPayload as Record<string, unknown>), msg: message } };
}
