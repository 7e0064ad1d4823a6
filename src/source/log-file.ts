// A LogSource over an exported file: `gcloud logging read --format=json` (a JSON array) or one LogEntry
// per line. Streamed, so a 2 GB export is never held in memory, and filtered exactly as the Cloud
// Logging source filters: window [start, end), services, and the severity prefilter (mayMatter: what
// reaches the floor, and lines of a trace split over entries; the floor itself is applied after
// split traces are rejoined), with the lines a record head pulls in (follow-rules.ts).
import { statSync } from 'node:fs';
import { entryService, entryTime, mayMatter } from '../normalize/index.js';
import type { PreparingSource } from '../prepare-entries.js';
import { canReadOffThread, readOffThread, type OffThreadOptions } from '../read-off-thread.js';
import type { LogRead, SeenEntries, SourceQuery, SourceReadResult } from '../shared/ports.js';
import type { RawEntry } from '../shared/types.js';
import { checkExport } from './check-export.js';
import { LineFollower } from './follow-stream.js';
import { MAX_ENTRY_BYTES, readByteChunks } from './read-text-file.js';
import { splitJsonStream, type Piece } from './split-json-stream.js';

export interface FileSourceOptions {
  /**
   * Whether a large file is read and its entries prepared in worker threads (read-off-thread.ts),
   * and with how many; default: when the file is large enough to pay for starting them.
   */
  offThread?: boolean | Partial<OffThreadOptions> & { minBytes?: number };
}

// Starting a worker costs about a tenth of a second (its own modules, its own memos to fill): worth
// it from a few thousand entries on. Standard input is always read here.
const OFF_THREAD_MIN_BYTES = 8 * 1024 * 1024;

export function createFileSource(path: string, options: FileSourceOptions = {}): PreparingSource {
  const offThread = options.offThread ?? true;
  return {
    description: path === '-' ? 'standard input' : `file ${path}`,
    read: (query) => readFile(path, query),
    readPrepared: (query) => {
      if (offThread === false || path === '-' || !canReadOffThread()) return null;
      const { minBytes = OFF_THREAD_MIN_BYTES, ...threads } = offThread === true ? {} : offThread;
      if (fileSize(path) < minBytes) return null;
      return readOffThread(path, query, threads);
    },
  };
}

/** -1 when it cannot be read: the read in this thread then says why, as it always did. */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

function readFile(path: string, query: SourceQuery): LogRead {
  const reader = new FileEntryReader(query);
  const out: RawEntry[] = [];
  async function* entries(): AsyncGenerator<RawEntry> {
    for await (const pieces of splitJsonStream(fileChunks(path), MAX_ENTRY_BYTES)) {
      reader.push(pieces, out);
      if (out.length > 0) {
        yield* out;
        out.length = 0;
      }
    }
    reader.end(out);
    yield* out;
    out.length = 0;
  }
  return { entries: entries(), result: () => reader.result };
}

/** The file's bytes, checked for the shape of an export. */
export const fileChunks = (path: string): AsyncIterable<Uint8Array> => checkExport(readByteChunks(path, `logs file ${path}`), path);

/**
 * The file source's reading of split JSON texts, a batch at a time and in step: parse, window,
 * services, the severity prefilter and the lines a record head pulls in. What it reads goes to `out`
 * in input order; `result` counts the rest. A worker thread drives it batch by batch, with no
 * asynchronous step per entry.
 */
export class FileEntryReader {
  private readonly seen: SeenEntries = { first: null, last: null, services: {} };
  readonly result: SourceReadResult = { filtered: 0, skippedBy: {}, complete: true, seen: this.seen };
  private readonly services: Set<string>;
  private readonly follower = new LineFollower();
  /** Entries looked at so far, read or not: how far a read that lets few through has got. */
  scanned = 0;
  private readonly dropped = (raw: RawEntry): void => {
    this.result.filtered++;
    this.left?.(raw);
  };

  /** `left` hears each well-formed entry that is not read (no timestamp, outside the query, or the prefilter's). */
  constructor(private readonly query: SourceQuery, private readonly left?: (raw: RawEntry) => void) {
    this.services = new Set(query.services);
  }

  push(pieces: readonly Piece[], out: RawEntry[]): void {
    for (const piece of pieces) this.pushOne(piece, out);
  }

  /**
   * One piece: what `push` does for each. A reader that hands each entry on as soon as it is read
   * (the worker thread) calls this, so an entry's parsed object dies young instead of living as long
   * as its chunk's thousand others, which the young generation's collections would copy.
   */
  pushOne(piece: Piece, out: RawEntry[]): void {
    const { query, services } = this;
    this.scanned++;
    if ('skip' in piece) {
      this.skip(piece.skip);
      return;
    }
    let value = piece.value;
    if (value === undefined) {
      try {
        value = JSON.parse(piece.json);
      } catch {
        this.skip('malformed JSON');
        return;
      }
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.skip('not a LogEntry object');
      return;
    }
    const raw = value as RawEntry;
    const time = entryTime(raw);
    if (time === null) {
      this.skip('no timestamp');
      this.left?.(raw);
      return;
    }
    const service = entryService(raw);
    noteSeen(this.seen, time, service, entryProject(raw));
    const outside = time < query.window.start || time >= query.window.end;
    const otherService = services.size > 0 && !services.has(service);
    if (outside || otherService) {
      this.dropped(raw);
      return;
    }
    this.follower.push(raw, mayMatter(raw, query.severityFloor), out, this.dropped);
  }

  /** After the last batch: the lines still held. */
  end(out: RawEntry[]): void {
    this.follower.end(out, this.dropped);
    const counts = this.follower.counts;
    if (counts.pulled + counts.heads > 0) this.result.followed = { ...counts };
  }

  private skip(reason: string): void {
    this.result.skippedBy[reason] = (this.result.skippedBy[reason] ?? 0) + 1;
  }
}

function noteSeen(seen: SeenEntries, time: number, service: string, project: string | null): void {
  if (seen.first === null || time < seen.first) seen.first = time;
  if (seen.last === null || time > seen.last) seen.last = time;
  seen.services[service] = (seen.services[service] ?? 0) + 1;
  if (project) (seen.projects ??= {})[project] = (seen.projects[project] ?? 0) + 1;
}

// An export holds a handful of log names (requests, stdout, stderr…), each on thousands of entries.
const projectOfLog = new Map<string, string | undefined>();

/** The project an exported entry came from: its logName (`projects/P/logs/…`) or its resource's label. */
function entryProject(raw: RawEntry): string | null {
  let fromLog: string | undefined;
  if (typeof raw.logName === 'string') {
    fromLog = projectOfLog.get(raw.logName);
    if (fromLog === undefined && !projectOfLog.has(raw.logName)) {
      fromLog = /^projects\/([^/]+)\/logs\//.exec(raw.logName)?.[1];
      if (projectOfLog.size >= 1000) projectOfLog.clear();
      projectOfLog.set(raw.logName, fromLog);
    }
  }
  if (fromLog) return fromLog;
  const labels = (raw.resource as { labels?: Record<string, unknown> } | undefined)?.labels;
  return typeof labels?.project_id === 'string' && labels.project_id ? labels.project_id : null;
}
