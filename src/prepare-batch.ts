// A file sweep's prepared entries on their way from the worker thread that reads them to the thread
// that classifies them (read-off-thread.ts), packed so that the crossing costs little on either side:
// the numbers of a batch in one Float64Array whose buffer is handed over (transferred, not copied),
// its strings in one array, and what repeats sent once.
//
// Most entries repeat a message seen shortly before (a failure every few seconds). A message is read
// once (redacted, bounded, its header set aside: normalizeEntry's reading) and given a number; the
// next entry with the same message carries only the number, and the classifying thread finds that
// reading, the same string, by index instead of hashing its text again, with what the classifier
// derived from it (Classifier.add's memo). Both sides number in step, as batches arrive in order, and
// forget together (a `reset` batch) once MAX_MESSAGES readings or MAX_CHARS characters are held, so
// memory stays bounded whatever the input. A long message is numbered the second time it is seen (the
// first time only its fingerprint is noted): most messages that carry their own id are seen once, and
// numbering each would push out the ones that repeat.
//
// Who reads a message balances the two threads: the worker reads the messages of a batch while the
// sweep's thread has batches waiting, and leaves them to it (the message as extracted, read there
// first thing, before anything else sees it) while it waits for work. Either way the reading is
// normalizeEntry's, and completeEntry builds the entry, so the entries, and the sweep's result, are
// the same; only where the time is spent differs.
import { entrySeverityWithSource, type SkipReason } from './normalize/index.js';
import {
  completeEntry, outlineEntry, readMessage, requestMessage, type EntryOutline, type MessageText,
} from './normalize/normalize-entry.js';
import { detached, fingerprint } from './normalize/text-memo.js';
import type { Prepared } from './prepare-entries.js';
import { SEVERITIES, type EntryKind, type HttpRequestInfo, type Severity } from './shared/types.js';
import type { Joined } from './source/reassemble.js';

/** One batch as it crosses: `numbers` holds STRIDE numbers per entry; `strings` and `requests` are read in order. */
export interface PackedBatch {
  /** Both sides forget their numbered names and messages before this batch. */
  reset: boolean;
  count: number;
  numbers: Float64Array;
  strings: string[];
  requests: HttpRequestInfo[];
}

export interface PackLimits {
  /** Readings numbered before both sides start over. */
  messages: number;
  /** Characters of numbered messages and their readings before both sides start over. */
  chars: number;
}

export const DEFAULT_PACK_LIMITS: PackLimits = { messages: 4096, chars: 2_000_000 };

// Per entry: tag, lines, then for an entry: time, severity, severity source, service, revision,
// message, the payload's error type, flags, the instance that wrote it, its request's trace (0: none); for
// a skip: its reason.
const STRIDE = 13;
const TAG_ENTRY = 0, TAG_BELOW_FLOOR = 1, TAG_SKIP = 2;
// A name: its number, or NONE, or NEW (the next string, numbered next). A message: its number, or
// INLINE (its text in the strings, not numbered), or NEW_ID - n (its text in the strings, numbered n).
const NONE = -1, NEW = -2, INLINE = -3, NEW_ID = -10;
// Flags. READ: the strings hold the message's reading (text, then lead and stack type when flagged),
// else the message as extracted, which the sweep's thread reads.
const PIECE = 1, READ = 2, HAS_LEAD = 4, HAS_STACK_TYPE = 8, HAS_REQUEST = 16, KIND_SHIFT = 5;
const KINDS: readonly EntryKind[] = ['text', 'stack', 'request'];
const SKIPS: readonly SkipReason[] = ['not an object', 'no timestamp', 'no message', 'unreadable entry'];
const SOURCES = [undefined, 'level', 'text'] as const;

/** Messages shorter than this are numbered the first time (see TextMemo). */
const NUMBER_AT_ONCE_BELOW = 48;

const RANK = new Map<Severity, number>(SEVERITIES.map((s, i) => [s, i]));

interface Known {
  id: number;
  /** undefined: not read here (the sweep's thread reads it). */
  read: MessageText | null | undefined;
}

/** The worker's side: joined entries in, floored, outlined and (when it reads) normalized, packed. */
export class BatchPacker {
  private readonly names = new Map<string, number>();
  private readonly messages = new Map<string, Known>();
  private readonly sighted = new Set<number>();
  /** Numbers whose message or reading went out already (in this generation). */
  private readonly sent = new Set<number>();
  private nextId = 0;
  private chars = 0;
  private resetNext = false;
  private numbers: Float64Array;
  private strings: string[] = [];
  private requests: HttpRequestInfo[] = [];
  private count = 0;
  private readonly floor: number;
  /** Whether this batch's messages are read here (see the header). */
  reads = true;

  constructor(floor: Severity, private readonly batchSize: number, private readonly limits: PackLimits = DEFAULT_PACK_LIMITS) {
    this.floor = RANK.get(floor) ?? 0;
    this.numbers = new Float64Array(batchSize * STRIDE);
  }

  get size(): number {
    return this.count;
  }

  /** As prepareJoined: the severity floor, the outline, the piece mark, the lines it stands for. */
  add({ raw, members, piece }: Joined): void {
    const at = this.slot();
    const n = this.numbers;
    n[at + 1] = members.length;
    const severity = entrySeverityWithSource(raw);
    if ((RANK.get(severity.severity) ?? 0) < this.floor) {
      n[at] = TAG_BELOW_FLOOR;
      return;
    }
    try {
      const outline = outlineEntry(raw, severity);
      if ('skip' in outline) return this.skip(at, outline.skip);
      const { message } = outline;
      // A request's line is read here, from its request: it is not numbered.
      const known: Known = message.request ? { id: INLINE, read: requestMessage(message.text) } : this.known(message.text);
      if (known.read === null) return this.skip(at, 'no message');
      this.pack(at, outline, known, piece === true);
    } catch {
      // As normalizeEntry: only an exotic object gets here; JSON never does.
      this.skip(at, 'unreadable entry');
    }
  }

  /** The batch so far (null when empty); the next one starts empty. */
  take(): PackedBatch | null {
    if (this.count === 0) return null;
    const batch: PackedBatch = { reset: this.resetNext, count: this.count, numbers: this.numbers, strings: this.strings, requests: this.requests };
    this.resetNext = false;
    // Numbers are only forgotten between batches, so a batch never refers to two generations.
    if (this.messages.size >= this.limits.messages || this.chars >= this.limits.chars || this.names.size >= this.limits.messages) {
      this.messages.clear();
      this.names.clear();
      this.sent.clear();
      this.nextId = 0;
      this.chars = 0;
      this.resetNext = true;
    }
    this.numbers = new Float64Array(this.batchSize * STRIDE);
    this.strings = [];
    this.requests = [];
    this.count = 0;
    return batch;
  }

  private pack(at: number, outline: EntryOutline, known: Known, piece: boolean): void {
    const n = this.numbers;
    n[at] = TAG_ENTRY;
    n[at + 2] = outline.time;
    n[at + 3] = RANK.get(outline.severity) ?? 0;
    n[at + 4] = outline.severitySource === undefined ? 0 : SOURCES.indexOf(outline.severitySource);
    n[at + 5] = this.name(outline.service);
    n[at + 6] = this.name(outline.revision);
    let flags = piece ? PIECE : 0;
    const { id } = known;
    const sendText = id < 0 || !this.sent.has(id);
    if (id >= 0) this.sent.add(id);
    n[at + 7] = id < 0 ? INLINE : sendText ? NEW_ID - id : id;
    if (sendText) {
      const read = known.read;
      if (read) {
        flags |= READ | (KINDS.indexOf(read.kind) << KIND_SHIFT);
        this.strings.push(read.text);
        if (read.lead !== undefined) {
          flags |= HAS_LEAD;
          this.strings.push(read.lead);
        }
        if (read.stackType !== undefined) {
          flags |= HAS_STACK_TYPE;
          this.strings.push(read.stackType);
        }
      } else this.strings.push(outline.message.text);
    }
    if (outline.message.request) {
      flags |= HAS_REQUEST;
      this.requests.push(outline.message.request);
    }
    n[at + 8] = outline.message.errorType === undefined ? NONE : this.name(outline.message.errorType);
    n[at + 9] = flags;
    n[at + 10] = outline.writer === undefined ? NONE : this.name(outline.writer);
    n[at + 11] = outline.trace ?? 0;
    n[at + 12] = outline.message.answered ?? 0;
  }

  private skip(at: number, reason: SkipReason): void {
    this.numbers[at] = TAG_SKIP;
    this.numbers[at + 2] = SKIPS.indexOf(reason);
  }

  private slot(): number {
    if (this.count * STRIDE >= this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    return this.count++ * STRIDE;
  }

  /** A message's number (or INLINE) and its reading, when it is read here. */
  private known(message: string): Known {
    const kept = this.messages.get(message);
    if (kept !== undefined) {
      // Numbered while the other side read, now read here: the reading is the same either way.
      if (kept.read === undefined && this.reads && !this.sent.has(kept.id)) kept.read = readMessage(message);
      return kept;
    }
    const read = this.reads ? readMessage(message) : undefined;
    if (message.length >= NUMBER_AT_ONCE_BELOW) {
      const seen = fingerprint(message);
      if (!this.sighted.has(seen)) {
        if (this.sighted.size >= 4 * this.limits.messages) this.sighted.clear();
        this.sighted.add(seen);
        return { id: INLINE, read };
      }
    }
    // A message that reads as nothing is remembered as such, without a number: its entries are skipped.
    const known: Known = { id: read === null ? INLINE : this.nextId++, read };
    this.messages.set(detached(message), known);
    this.chars += message.length + (read?.text.length ?? 0);
    return known;
  }

  /** A name's number; a new one goes out with the entry that first uses it. */
  private name(value: string): number {
    const known = this.names.get(value);
    if (known !== undefined) return known;
    this.names.set(value, this.names.size);
    this.strings.push(value);
    return NEW;
  }
}

/** A message's reading as the sweep's thread keeps it, with what the classifier derives from it. */
interface KnownReading {
  read: MessageText | null;
  /** Handed to the classifier with every entry of this message (Classifier.add). */
  memo: object;
}

/** The sweep's side: the same batches unpacked into what prepareJoined gives, in order. */
export class BatchUnpacker {
  private names: string[] = [];
  private messages: KnownReading[] = [];

  unpack(batch: PackedBatch): Prepared[] {
    if (batch.reset) {
      this.names = [];
      this.messages = [];
    }
    const { numbers: n, strings, requests } = batch;
    let s = 0;
    let r = 0;
    const name = (ref: number): string => {
      if (ref !== NEW) return this.names[ref] as string;
      const value = strings[s++] as string;
      this.names.push(value);
      return value;
    };
    const out: Prepared[] = new Array(batch.count);
    for (let i = 0; i < batch.count; i++) {
      const at = i * STRIDE;
      const lines = n[at + 1] as number;
      const tag = n[at];
      if (tag === TAG_BELOW_FLOOR) {
        out[i] = { belowFloor: lines };
        continue;
      }
      if (tag === TAG_SKIP) {
        out[i] = { skip: SKIPS[n[at + 2] as number] as SkipReason, lines };
        continue;
      }
      const service = name(n[at + 5] as number);
      const revision = name(n[at + 6] as number);
      const flags = n[at + 9] as number;
      const ref = n[at + 7] as number;
      let known: KnownReading | undefined;
      let read: MessageText | null;
      if (ref >= 0) {
        known = this.messages[ref] as KnownReading;
        read = known.read;
      } else {
        if (flags & READ) {
          const text = strings[s++] as string;
          const kind = KINDS[flags >> KIND_SHIFT] as EntryKind;
          read = { text, kind };
          if (flags & HAS_LEAD) read.lead = strings[s++] as string;
          if (flags & HAS_STACK_TYPE) read.stackType = strings[s++] as string;
        } else {
          // Read here, before anything else sees it.
          read = readMessage(strings[s++] as string);
        }
        if (ref <= NEW_ID) {
          known = { read, memo: {} };
          this.messages[NEW_ID - ref] = known;
        }
      }
      const message: EntryOutline['message'] = { text: '' };
      if (flags & HAS_REQUEST) message.request = requests[r++] as HttpRequestInfo;
      const errorType = n[at + 8] as number;
      if (errorType !== NONE) message.errorType = name(errorType);
      const answered = n[at + 12] as number;
      if (answered !== 0) message.answered = answered;
      const writer = n[at + 10] as number;
      const outline: EntryOutline = {
        time: n[at + 2] as number,
        severity: SEVERITIES[n[at + 3] as number] as Severity,
        service,
        revision,
        message,
      };
      const source = SOURCES[n[at + 4] as number];
      if (source !== undefined) outline.severitySource = source;
      if (writer !== NONE) outline.writer = name(writer);
      const trace = n[at + 11] as number;
      if (trace !== 0) outline.trace = trace;
      const entry = completeEntry(outline, read);
      if ('skip' in entry) {
        out[i] = { skip: entry.skip, lines };
        continue;
      }
      if (flags & PIECE) entry.piece = true;
      out[i] = known === undefined ? { entry, lines } : { entry, lines, memo: known.memo };
    }
    return out;
  }
}
