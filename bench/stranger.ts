// A second held-out Cloud Run day (bench/lib/stranger), written apart from the plain-text one and from
// the classifier: other stacks (PHP, Django, Celery, Flask, Rust, Elixir, NestJS, Bunyan, Quarkus,
// Kotlin), their own formats, the same Cloud Run shaping. Same measures as bench:plaintext.
//   node dist/bench/stranger.js [SEED] [--seed N] [--verbose]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure, printResults, type Measures } from './plaintext.js';
import { buildDay, exportsOf } from './lib/stranger/day.js';
import { AT_LEAST_NOTICE } from './lib/stranger/model.js';
import { scratchDir } from './lib/scratch-dir.js';

function seedFromArgv(): number {
  const i = process.argv.indexOf('--seed');
  if (i > 0) return Number(process.argv[i + 1]);
  const bare = process.argv.slice(2).find((a) => /^-?\d+$/.test(a));
  return bare === undefined ? 0 : Number(bare);
}

async function main(): Promise<void> {
  const seed = seedFromArgv();
  const verbose = process.argv.includes('--verbose');
  const day = buildDay(seed);
  const scratch = scratchDir('stranger');
  const dir = scratch.path;
  const shapes = new Map<string, number>();
  for (const t of day.truth) shapes.set(t.shape, (shapes.get(t.shape) ?? 0) + 1);
  const notice = day.truth.filter((t) => AT_LEAST_NOTICE.has(t.severity));
  const noSeverity = day.entries.filter((e, i) => e.severity === undefined && AT_LEAST_NOTICE.has(day.truth[i]?.severity ?? '')).length;
  console.log(`stranger day, seed ${seed}: ${day.entries.length} entries from ${day.services.length} services, ${notice.length} at NOTICE or above `
    + `(${noSeverity} of them with no entry severity), ${new Set(notice.map((t) => t.family)).size} problems; `
    + `shapes: ${[...shapes].map(([k, n]) => `${k} ${n}`).join(', ')}`);

  const results: Array<[string, Measures]> = [];
  for (const e of exportsOf(day)) {
    const path = join(dir, e.name);
    writeFileSync(path, e.text);
    writeFileSync(join(dir, `${e.name}.truth.jsonl`), `${e.truth.map((t, i) => JSON.stringify({ index: i, ...t })).join('\n')}\n`);
    results.push([e.name, await measure(path, e.truth, new Date(day.end).toISOString())]);
  }
  printResults(results, day.services, verbose);
  scratch.done();
}

await main();
