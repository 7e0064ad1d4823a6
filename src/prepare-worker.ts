// A worker thread of a file sweep (see read-off-thread.ts): reads the file as the sweep's own thread
// would (split, parse, window/service/severity prefilter, reassembly), prepares its share of the
// joined entries (floor, normalize) and posts them in order, a batch at a time. It posts no more than
// `inFlight` batches ahead of what the sweep has taken, so memory stays bounded whichever side is faster.
import { parentPort, workerData } from 'node:worker_threads';
import { BatchPacker, type PackedBatch } from './prepare-batch.js';
import { InputError, oneLine } from './shared/errors.js';
import { fileChunks, FileEntryReader } from './source/log-file.js';
import { MAX_ENTRY_BYTES } from './source/read-text-file.js';
import { createJoiner, type Joined } from './source/reassemble.js';
import { splitJsonStream } from './source/split-json-stream.js';
import type { RawEntry } from './shared/types.js';
import type { PartMessage, PartTask } from './read-off-thread.js';

const task = workerData as PartTask;
const port = parentPort!;

// A read that lets few entries through (a day of INFO under a NOTICE floor) posts no batch for long
// stretches: it says how far it got every HEARTBEAT_ENTRIES entries looked at, so the sweep can show
// its progress. A heartbeat is a number; it needs no credit.
const HEARTBEAT_ENTRIES = 20_000;
let told = 0;

let credits = task.inFlight;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits++;
  wake?.();
  wake = null;
});

/** A batch, its numbers handed over rather than copied. */
async function post(batch: PackedBatch): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  told = reader.scanned;
  port.postMessage({ batch, scanned: told } satisfies PartMessage, [batch.numbers.buffer as ArrayBuffer]);
}

const reader = new FileEntryReader(task.query);
const joiner = createJoiner();
const raws: RawEntry[] = [];
const joined: Joined[] = [];
const packer = new BatchPacker(task.query.severityFloor, task.batchSize, task.limits);
// Every part joins the whole file (joins depend on what came before); each prepares only the
// batches it owns: batch b (entries b·size to (b+1)·size - 1 of the joined stream) is part b mod parts.
let index = 0;
/** The next of `joined` to prepare. */
let at = 0;

/**
 * Prepares (or passes over) what the joiner let out, in order, up to the end of a batch this part
 * owns, which it returns to be posted; null once all of it is prepared.
 */
function packJoined(): PackedBatch | null {
  while (at < joined.length) {
    const one = joined[at++] as Joined;
    if (Math.floor(index / task.batchSize) % task.parts === task.part) {
      // Messages are read here while the sweep has half the batches it may hold waiting, else there.
      if (packer.size === 0) packer.reads = task.reads ?? 2 * credits <= task.inFlight;
      packer.add(one);
    }
    index++;
    if (index % task.batchSize === 0 && packer.size > 0) return packer.take();
  }
  joined.length = 0;
  at = 0;
  return null;
}

/** The entries the reader let out so far, to the joiner. */
function joinRead(): void {
  for (const raw of raws) joiner.push(raw, joined);
  raws.length = 0;
}

try {
  // In step within each slice read: an asynchronous step only per slice and per batch posted. Each
  // entry goes on through the joiner to its batch as soon as it is parsed, so its parsed object is
  // garbage before the next one is read: a chunk's thousand parsed entries alive at once outlived the
  // young generation's collections, which copied them and promoted them to the old generation.
  for await (const pieces of splitJsonStream(fileChunks(task.path), MAX_ENTRY_BYTES)) {
    for (const piece of pieces) {
      reader.pushOne(piece, raws);
      if (raws.length === 0) continue;
      joinRead();
      // An asynchronous step only when a batch is full.
      for (let batch = packJoined(); batch !== null; batch = packJoined()) await post(batch);
    }
    if (reader.scanned - told >= HEARTBEAT_ENTRIES) {
      told = reader.scanned;
      port.postMessage({ scanned: told } satisfies PartMessage);
    }
  }
  reader.end(raws);
  joinRead();
  joiner.end(joined);
  for (let batch = packJoined(); batch !== null; batch = packJoined()) await post(batch);
  if (packer.size > 0) await post(packer.take() as PackedBatch);
  port.postMessage({ done: reader.result } satisfies PartMessage);
} catch (error) {
  // What was prepared before the failure was already classified when read in one thread: sent first.
  if (packer.size > 0) await post(packer.take() as PackedBatch);
  port.postMessage({ failed: oneLine(error), input: error instanceof InputError, result: reader.result } satisfies PartMessage);
}
