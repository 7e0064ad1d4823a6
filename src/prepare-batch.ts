// A file sweep's prepared entries on their way from the worker thread that reads them to the thread
// that classifies them (read-off-thread.ts), packed so that the crossing costs little on either side:
// the numbers of a batch in one Float64Array whose buffer is handed over (transferred, not copied),
// its strings in one array, and what repeats sent once.
//
// Most entries repeat a message seen shortly before (a failure every few seconds). The packer reads a
// message once (redacted, bounded, its header set aside: what normalizeEntry would read) and gives it
// a number; the next entry with the same message carries only the number, and the classifying thread
// finds that message's reading, the same string, by index rather than by hashing its text again.
// Both sides keep the same numbers, in step because batches arrive in order; both forget them together
// (a `reset` batch) once the packer holds MAX_MESSAGES readings or MAX_CHARS characters, so memory
// stays bounded whatever the input. A long message is numbered the second time it is seen (the first
// time only its fingerprint is noted): most messages that carry their own id are seen once, and a
// number for each would only push out the ones that repeat. Every reading is the one normalizeEntry
// gives, so the entries, and the sweep's result, are the same; only the time differs.
import { entrySeverityWithSource, type SkipReason } from './normalize/index.js';
import { completeEntry, outlineEntry, readMessage, requestMessage, type MessageText } from './normalize/normalize-entry.js';
import { detached, fingerprint } from './normalize/text-memo.js';
import type { Prepared } from './prepare-entries.js';
import { SEVERITIES, type Entry, type EntryKind, type HttpRequestInfo, type Severity } from './shared/types.js';
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

// Per entry: tag, lines, then for an entry: time, severity, severity source, service, revision,
// message, error type, flags; for a skip: its reason.
const STRIDE = 10;
const TAG_ENTRY = 0, TAG_BELOW_FLOOR = 1, TAG_SKIP = 2;
// A name or a message: its number, or one of these.
const NONE = -1, NEW = -2, INLINE = -3;
/** A message numbered id whose reading comes with this entry: NEW_ID - id. */
const NEW_ID = -10;
const PIECE = 1, HAS_LEAD = 2, HAS_REQUEST = 4;
const KINDS: readonly EntryKind[] = ['text', 'stack', 'request'];
const SKIPS: readonly SkipReason[] = ['not an object', 'no timestamp', 'no message', 'unreadable entry'];
const SOURCES = [undefined, 'level', 'text'] as const;

/** Readings kept, and characters of their messages and texts, before both sides start over. */
const MAX_MESSAGES = 8192;
const MAX_CHARS = 4_000_000;
/** Messages shorter than this are numbered the first time (see TextMemo). */
const NUMBER_AT_ONCE_BELOW = 48;

const RANK = new Map<Severity, number>(SEVERITIES.map((s, i) => [s, i]));

interface Known {
  /** NONE when the message reads as nothing (the entry is skipped). */
  id: number;
  read: MessageText | null;
}

/** The worker's side: joined entries in, floored and normalized, packed batch by batch. */
export class BatchPacker {
  private readonly names = new Map<string, number>();
  private readonly messages = new Map<string, Known>();
  private readonly sighted = new Set<number>();
  private nextId = 0;
  private chars = 0;
  private resetNext = false;
  private numbers: Float64Array;
  private strings: string[] = [];
  private requests: HttpRequestInfo[] = [];
  private count = 0;
  private readonly floor: number;

  constructor(floor: Severity, private readonly batchSize: number) {
    this.floor = RANK.get(floor) ?? 0;
    this.numbers = new Float64Array(batchSize * STRIDE);
  }

  get size(): number {
    return this.count;
  }

  /** As prepareJoined does: the severity floor, normalization, the piece mark, the lines it stands for. */
  add({ raw, members, piece }: Joined): void {
    const at = this.slot();
    const n = this.numbers;
    n[at + 1] = members.length;
    const severity = entrySeverityWithSource(raw);
    if ((RANK.get(severity.severity) ?? 0) < this.floor) {
      n[at] = TAG_BELOW_FLOOR;
      return;
    }
    let entry: Entry | { skip: SkipReason };
    let id: number = INLINE;
    try {
      const outline = outlineEntry(raw, severity);
      if ('skip' in outline) entry = outline;
      else if (outline.message.request) entry = completeEntry(outline, requestMessage(outline.message.text));
      else {
        const known = this.read(outline.message.text);
        id = known.id;
        entry = completeEntry(outline, known.read);
      }
    } catch {
      // As normalizeEntry: only an exotic object gets here; JSON never does.
      entry = { skip: 'unreadable entry' };
    }
    if ('skip' in entry) {
      n[at] = TAG_SKIP;
      n[at + 2] = SKIPS.indexOf(entry.skip);
      return;
    }
    n[at] = TAG_ENTRY;
    n[at + 2] = entry.time;
    n[at + 3] = RANK.get(entry.severity) ?? 0;
    n[at + 4] = entry.severitySource === undefined ? 0 : SOURCES.indexOf(entry.severitySource);
    n[at + 5] = this.name(entry.service);
    n[at + 6] = this.name(entry.revision);
    let flags = KINDS.indexOf(entry.kind) << 4;
    if (piece) flags |= PIECE;
    const sentBefore = id >= 0 ? this.sent(id) : true;
    // The first entry with a message just numbered carries its reading; later ones only the number.
    n[at + 7] = id < 0 ? INLINE : sentBefore ? id : NEW_ID - id;
    if (id < 0 || !sentBefore) this.strings.push(entry.text);
    if (entry.lead !== undefined) {
      flags |= HAS_LEAD;
      if (id < 0 || !sentBefore) this.strings.push(entry.lead);
    }
    if (entry.request) {
      flags |= HAS_REQUEST;
      this.requests.push(entry.request);
    }
    n[at + 8] = entry.errorType === undefined ? NONE : this.name(entry.errorType);
    n[at + 9] = flags;
  }

  /** The batch so far (null when empty); the next one starts empty. */
  take(): PackedBatch | null {
    if (this.count === 0) return null;
    const batch: PackedBatch = { reset: this.resetNext, count: this.count, numbers: this.numbers, strings: this.strings, requests: this.requests };
    this.resetNext = false;
    // Numbers are only forgotten between batches, so a batch never refers to two generations.
    if (this.messages.size >= MAX_MESSAGES || this.chars >= MAX_CHARS || this.names.size >= MAX_MESSAGES) {
      this.messages.clear();
      this.names.clear();
      this.readingsSent.clear();
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

  /** Numbers whose reading was sent (in this generation). */
  private readonly readingsSent = new Set<number>();

  /** Whether the reading of `id` was sent already; noted as sent from now on. */
  private sent(id: number): boolean {
    if (this.readingsSent.has(id)) return true;
    this.readingsSent.add(id);
    return false;
  }

  private slot(): number {
    if (this.count * STRIDE >= this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    return this.count++ * STRIDE;
  }

  private read(message: string): Known {
    const known = this.messages.get(message);
    if (known !== undefined) return known;
    const read = readMessage(message);
    if (message.length >= NUMBER_AT_ONCE_BELOW) {
      const seen = fingerprint(message);
      if (!this.sighted.has(seen)) {
        if (this.sighted.size >= 4 * MAX_MESSAGES) this.sighted.clear();
        this.sighted.add(seen);
        return { id: INLINE, read };
      }
    }
    const id = read === null ? NONE : this.nextId++;
    this.messages.set(detached(message), { id, read });
    this.chars += message.length + (read?.text.length ?? 0);
    return { id, read };
  }

  /** A name's number; a new one is sent with the entry that first uses it. */
  private name(value: string): number {
    const known = this.names.get(value);
    if (known !== undefined) return known;
    this.names.set(value, this.names.size);
    this.strings.push(value);
    return NEW;
  }
}

/** A message's reading as the classifying thread keeps it, with what the classifier remembers of it. */
export interface KnownReading {
  text: string;
  lead: string | undefined;
  /** Given to the classifier with every entry of this message (see Classifier.add). */
  memo: object;
}

/** The sweep's side: the same batches unpacked into the entries prepareJoined gives, in order. */
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
      const service = this.name(n[at + 5] as number, strings, s);
      if (n[at + 5] === NEW) s++;
      const revision = this.name(n[at + 6] as number, strings, s);
      if (n[at + 6] === NEW) s++;
      const flags = n[at + 9] as number;
      const ref = n[at + 7] as number;
      let known: KnownReading | undefined;
      let text: string;
      let lead: string | undefined;
      if (ref >= 0) {
        known = this.messages[ref] as KnownReading;
        text = known.text;
        lead = known.lead;
      } else {
        text = strings[s++] as string;
        lead = flags & HAS_LEAD ? (strings[s++] as string) : undefined;
        if (ref <= NEW_ID) {
          known = { text, lead, memo: {} };
          this.messages[NEW_ID - ref] = known;
        }
      }
      const entry: Entry = {
        time: n[at + 2] as number,
        severity: SEVERITIES[n[at + 3] as number] as Severity,
        service,
        revision,
        kind: KINDS[(flags >> 4) & 3] as EntryKind,
        text,
      };
      if (flags & HAS_REQUEST) entry.request = requests[r++] as HttpRequestInfo;
      if (lead !== undefined) entry.lead = lead;
      const source = SOURCES[n[at + 4] as number];
      if (source !== undefined) entry.severitySource = source;
      const errorType = n[at + 8] as number;
      if (errorType !== NONE) {
        entry.errorType = this.name(errorType, strings, s);
        if (errorType === NEW) s++;
      }
      if (flags & PIECE) entry.piece = true;
      out[i] = known === undefined ? { entry, lines } : { entry, lines, memo: known.memo };
    }
    return out;
  }

  private name(ref: number, strings: readonly string[], s: number): string {
    if (ref !== NEW) return this.names[ref] as string;
    const value = strings[s] as string;
    this.names.push(value);
    return value;
  }
}
