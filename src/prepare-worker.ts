// A worker thread of a file sweep (see read-off-thread.ts): reads the file as the sweep's own thread
// would (split, parse, window/service/severity prefilter, reassembly), prepares its share of the
// joined entries (floor, normalize) and posts them in order, a batch at a time. It posts no more than
// `inFlight` batches ahead of what the sweep has taken, so memory stays bounded whichever side is faster.
import { parentPort, workerData } from 'node:worker_threads';
import { prepareJoined, type Prepared } from './prepare-entries.js';
import { InputError, oneLine } from './shared/errors.js';
import { createFileSource } from './source/log-file.js';
import { reassemble } from './source/reassemble.js';
import type { PartMessage, PartTask } from './read-off-thread.js';

const task = workerData as PartTask;
const port = parentPort!;

let credits = task.inFlight;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits++;
  wake?.();
  wake = null;
});

async function post(message: PartMessage): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  port.postMessage(message);
}

const reading = createFileSource(task.path).read(task.query);
let batch: Prepared[] = [];
try {
  // Every part joins the whole file (joins depend on what came before); each prepares only the
  // batches it owns: batch b (entries b·size to (b+1)·size - 1 of the joined stream) is part b mod parts.
  let index = 0;
  for await (const joined of reassemble(reading.entries)) {
    if (Math.floor(index / task.batchSize) % task.parts === task.part) batch.push(prepareJoined(joined, task.query.severityFloor));
    index++;
    if (index % task.batchSize === 0 && batch.length > 0) {
      await post({ batch });
      batch = [];
    }
  }
  if (batch.length > 0) await post({ batch });
  port.postMessage({ done: reading.result() } satisfies PartMessage);
} catch (error) {
  // What was prepared before the failure was already classified when read in one thread: sent first.
  if (batch.length > 0) await post({ batch });
  port.postMessage({ failed: oneLine(error), input: error instanceof InputError, result: reading.result() } satisfies PartMessage);
}
