// A fourth held-out Cloud Run day (bench/lib/polyglot), written apart from the plain-text, stranger and
// mixed days and from the classifier: PHP, Go, Java, Scala, Node, Rust and Python services mixing
// structured and plain-text output, with formatters that change at a rollout. Same measures as
// bench:plaintext.
//   node dist/bench/polyglot.js [SEED] [--seed N] [--verbose]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, printResults, type Measures } from './plaintext.js';
import { buildDay, exportsOf } from './lib/polyglot/day.js';
import { AT_LEAST_NOTICE } from './lib/stranger/model.js';

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
  const dir = mkdtempSync(join(tmpdir(), 'polyglot-'));
  const shapes = new Map<string, number>();
  for (const t of day.truth) shapes.set(t.shape, (shapes.get(t.shape) ?? 0) + 1);
  const notice = day.truth.filter((t) => AT_LEAST_NOTICE.has(t.severity));
  const noSeverity = day.entries.filter((e, i) => e.severity === undefined && AT_LEAST_NOTICE.has(day.truth[i]?.severity ?? '')).length;
  console.log(`polyglot day, seed ${seed}: ${day.entries.length} entries from ${day.services.length} services, ${notice.length} at NOTICE or above `
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
  console.log(`\nexports and truth in ${dir}`);
}

await main();
