// The run of a generated Cloud Run day bench (bench:mixed, bench:polyglot): one seed's day, its two
// exports and truth written to a temp dir, the classify and sweep measures of bench:plaintext for each.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure, printResults, type Measures } from '../plaintext.js';
import { exportsOf, type Day } from './cloud-run-day.js';
import { AT_LEAST_NOTICE } from './stranger/model.js';
import { scratchDir } from './scratch-dir.js';

function seedFromArgv(): number {
  const i = process.argv.indexOf('--seed');
  if (i > 0) return Number(process.argv[i + 1]);
  const bare = process.argv.slice(2).find((a) => /^-?\d+$/.test(a));
  return bare === undefined ? 0 : Number(bare);
}

/** Builds the seed's day (argv: `[SEED] [--seed N] [--verbose]`), writes both exports with their truth,
 * and prints bench:plaintext's measures for each. */
export async function runDayBench(name: string, buildDay: (seed: number) => Day): Promise<void> {
  const seed = seedFromArgv();
  const verbose = process.argv.includes('--verbose');
  const day = buildDay(seed);
  const scratch = scratchDir(name);
  const dir = scratch.path;
  const shapes = new Map<string, number>();
  for (const t of day.truth) shapes.set(t.shape, (shapes.get(t.shape) ?? 0) + 1);
  const notice = day.truth.filter((t) => AT_LEAST_NOTICE.has(t.severity));
  const noSeverity = day.entries.filter((e, i) => e.severity === undefined && AT_LEAST_NOTICE.has(day.truth[i]?.severity ?? '')).length;
  console.log(`${name} day, seed ${seed}: ${day.entries.length} entries from ${day.services.length} services, ${notice.length} at NOTICE or above `
    + `(${noSeverity} of them with no entry severity), ${new Set(notice.map((t) => t.family)).size} problems; `
    + `shapes: ${[...shapes].map(([k, n]) => `${k} ${n}`).join(', ')}`);

  const results: Array<[string, Measures]> = [];
  for (const e of exportsOf(day)) {
    const path = join(dir, e.name);
    writeFileSync(path, e.text);
    writeFileSync(join(dir, `${e.name}.truth.jsonl`), `${e.truth.map((t, i) => JSON.stringify({ index: i, ...t })).join('\n')}\n`);
    // A day the classifier cannot read is a figure too: say so and go on with the other export.
    try {
      results.push([e.name, await measure(path, e.truth, new Date(day.end).toISOString())]);
    } catch (err) {
      console.log(`${e.name}: classify failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (results.length > 0) printResults(results, day.services, verbose);
  scratch.done();
}
