// One stage prefix of a file sweep, timed inside a process of its own, for `bench:throughput`'s
// breakdown of where a sweep's time goes. Each run does the stages up to the one named, exactly as the
// sweep chains them; the difference between two prefixes is the cost of the stage between them.
//
//   node dist/bench/sweep-stages.js split|source|normalize|classify|sweep FILE
//
//   split      read the file and split it into entry texts (nothing parsed, but for an indented JSON
//              array: the splitter ends each of its elements by parsing it, so its parse is counted here)
//   source     the file source: split, parse, window/service/severity prefilter
//   normalize  + reassembly of split traces, the severity floor, normalize and redact
//   classify   + the classifier, to its clusters
//   sweep      the whole dry-run sweep (plan, report, worklog) as the CLI runs it, less start-up, all in
//              this thread (the CLI reads a large file in a worker thread beside the classifier)
// Prints {"stage", "ms", "cpuMs", "count"} on stdout (CPU time: user + system, every thread).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createClassifier } from '../src/classify/index.js';
import { loadSettings } from '../src/config/load-settings.js';
import { meetsSeverityFloor, normalizeEntry } from '../src/normalize/index.js';
import { createFileSource } from '../src/source/log-file.js';
import { MAX_ENTRY_BYTES, readByteChunks } from '../src/source/read-text-file.js';
import { checkExport } from '../src/source/check-export.js';
import { splitJsonStream } from '../src/source/split-json-stream.js';
import { reassemble } from '../src/source/reassemble.js';
import { runSweep } from '../src/sweep.js';

export const STAGES = ['split', 'source', 'normalize', 'classify', 'sweep'] as const;
export type Stage = (typeof STAGES)[number];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The window every bench file is generated in, and the end the CLI is given (--now … --window 24h). */
export const BENCH_END = '2025-09-12T00:00:00Z';
const END = Date.parse(BENCH_END);
const START = END - 24 * 3600 * 1000;

async function runStage(stage: Stage, path: string): Promise<number> {
  const settings = loadSettings(readFileSync(join(ROOT, 'config', 'gardener.yaml'), 'utf8'), {}).settings;
  const query = { window: { start: START, end: END }, services: settings.services, severityFloor: settings.severityFloor };
  let count = 0;
  if (stage === 'split') {
    for await (const pieces of splitJsonStream(checkExport(readByteChunks(path, path), path), MAX_ENTRY_BYTES)) count += pieces.length;
    return count;
  }
  const read = () => createFileSource(path).read(query);
  if (stage === 'source') {
    for await (const raw of read().entries) if (raw) count++;
    return count;
  }
  if (stage === 'sweep') {
    const { report, worklog } = await runSweep(
      // In this thread, as the other stages run: the figures say where the work is, not how it is shared.
      { source: createFileSource(path, { offThread: false }), store: null, logger: pino({ level: 'silent' }) },
      { runId: 'bench', window: query.window, services: query.services, dryRun: true, settings },
    );
    return JSON.stringify(report, null, 2).length + worklog.length;
  }
  const classifier = createClassifier();
  for await (const { raw } of reassemble(read().entries)) {
    if (!meetsSeverityFloor(raw, settings.severityFloor)) continue;
    const entry = normalizeEntry(raw);
    if ('skip' in entry) continue;
    count++;
    if (stage === 'classify') classifier.add(entry);
  }
  if (stage === 'classify') count = classifier.clusters().length;
  return count;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [stage, path] = process.argv.slice(2) as [Stage, string];
  if (!STAGES.includes(stage) || !path) throw new Error(`usage: sweep-stages.js ${STAGES.join('|')} FILE`);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const count = await runStage(stage, path);
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ stage, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, count }) + '\n');
}
