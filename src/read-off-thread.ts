// A file sweep's reading and normalizing, done in worker threads beside the classifier. In one thread
// a sweep spends about a fifth of its time reading and parsing, a third joining and normalizing, a
// third classifying; only the classifier needs to see every entry in one place. Here worker threads
// read the file and prepare the entries (prepare-worker.ts) while the sweep's thread classifies them,
// so the time a sweep takes comes near its slowest part instead of the sum of all three.
//
// The result is the one a single thread gives: each worker runs the same reading and joining code on
// the same file, batches are taken in input order, and what reaches the classifier is what
// prepareJoined gives there. With `parts` workers, each reads and joins the whole file and normalizes
// every parts-th batch, so normalizing is shared too; one by default: a second worker took the
// busiest thread of a 1M-entry sweep from 19 to 13 s CPU, but peak RSS from 221 to 264-304 MB (each
// worker has its own heap and memos), past the 256 MB a sweep is meant to stay within.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BatchUnpacker, DEFAULT_PACK_LIMITS, type PackedBatch, type PackLimits } from './prepare-batch.js';
import type { Prepared, PreparedRead } from './prepare-entries.js';
import { InputError, oneLine } from './shared/errors.js';
import type { SourceQuery, SourceReadResult } from './shared/ports.js';

/** What one worker is asked to do (its workerData). */
export interface PartTask {
  path: string;
  query: SourceQuery;
  /** Which batches it prepares: those whose number is `part` modulo `parts`. */
  part: number;
  parts: number;
  /** Joined entries per batch. */
  batchSize: number;
  /** Batches it may post before the sweep has taken them. */
  inFlight: number;
  /** How much its numbering of messages may hold (prepare-batch.ts). */
  limits: PackLimits;
  /** Where messages are read: here (true), in the sweep's thread (false), or as the load goes (undefined). */
  reads?: boolean;
}

/**
 * What a worker posts: batches in order, then `done` or `failed` (then nothing). Each batch, and a
 * heartbeat between batches far apart, says how many entries of the file it has looked at.
 */
export type PartMessage =
  | { batch: PackedBatch; scanned: number }
  | { scanned: number }
  | { done: SourceReadResult }
  | { failed: string; input: boolean; result?: SourceReadResult };

export interface OffThreadOptions {
  /** Worker threads, each preparing every parts-th batch. */
  parts: number;
  batchSize: number;
  inFlight: number;
  limits: PackLimits;
  reads?: boolean;
}

// A batch big enough that posting it costs little next to preparing it (a message is a few
// microseconds, an entry about ten), small enough that the classifier starts at once.
const DEFAULTS: OffThreadOptions = { parts: 1, batchSize: 512, inFlight: 8, limits: DEFAULT_PACK_LIMITS };

const WORKER = new URL('./prepare-worker.js', import.meta.url);

/**
 * The worker's young generation. Left to V8 it grows to two 16 MB semi-spaces, and a worker's garbage is
 * short-lived (each line's text, its parsed object, its reading, gone once its batch is posted): at
 * 12 MB (4 MB semi-spaces) a 1M-entry sweep's peak RSS was 253 -> 222 MB, 250k 219-225 -> 194-200 MB,
 * with the same report and no change in the worker's CPU time that the load here let us see.
 */
export const WORKER_YOUNG_GENERATION_MB = 12;

/**
 * Whether there is a worker script to start: not when this module runs from its TypeScript source
 * (a test runner compiling on the fly), where the read stays in the sweep's thread.
 */
export const canReadOffThread = (): boolean => existsSync(fileURLToPath(WORKER));

export function readOffThread(path: string, query: SourceQuery, options: Partial<OffThreadOptions> = {}): PreparedRead {
  const { parts, batchSize, inFlight, limits, reads } = { ...DEFAULTS, ...options };
  let result: SourceReadResult = { filtered: 0, skippedBy: {}, complete: false };
  let scanned = 0;

  async function* batches(): AsyncGenerator<Prepared[]> {
    const workers = Array.from({ length: parts }, (_, part) => new Part({ path, query, part, parts, batchSize, inFlight, limits, ...(reads === undefined ? {} : { reads }) }));
    try {
      for (let b = 0; ; ) {
        const part = workers[b % parts]!;
        const message = await part.next();
        if ('batch' in message) {
          part.taken();
          scanned = Math.max(scanned, message.scanned);
          b++;
          yield part.unpacker.unpack(message.batch);
        } else if ('scanned' in message) {
          // A heartbeat: no entries, only how far the read got, for the sweep's progress.
          scanned = Math.max(scanned, message.scanned);
          yield [];
        } else if ('done' in message) {
          result = message.done;
          return;
        } else {
          if (message.result) result = message.result;
          throw message.input ? new InputError(message.failed) : new Error(message.failed);
        }
      }
    } finally {
      for (const part of workers) part.stop();
    }
  }
  return { batches: batches(), result: () => result, scanned: () => scanned };
}

/** One worker and the messages it posted that the sweep has not taken yet. */
class Part {
  /** Its batches unpacked in the order it posted them (it numbers messages for this side: prepare-batch.ts). */
  readonly unpacker = new BatchUnpacker();
  private readonly worker: Worker;
  private readonly queue: PartMessage[] = [];
  private waiting: ((message: PartMessage) => void) | null = null;

  constructor(task: PartTask) {
    this.worker = new Worker(WORKER, { workerData: task, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    // Never what keeps the process alive: the sweep stops it once it has what it needs.
    this.worker.unref();
    this.worker.on('message', (message: PartMessage) => this.deliver(message));
    this.worker.on('error', (error) => this.deliver({ failed: oneLine(error), input: false }));
    this.worker.on('exit', (code) => this.deliver({ failed: `reading stopped (worker exit ${code})`, input: false }));
  }

  next(): Promise<PartMessage> {
    const message = this.queue.shift();
    if (message !== undefined) return Promise.resolve(message);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** A batch was taken: the worker may post one more. */
  taken(): void {
    this.worker.postMessage(0);
  }

  stop(): void {
    void this.worker.terminate();
  }

  private deliver(message: PartMessage): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(message);
    } else this.queue.push(message);
  }
}
