// Writes the bundled example: a day of netra-backend-staging as JSONL, the newest slice of it in gcloud's
// JSON-array format (newest first, as `gcloud logging read --limit` prints it), and the ground truth.
// Run with `npm run example:generate`; the output is committed, so the same seed must give the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEntries } from './lib/cloud-run-generator.js';
import {
  EXAMPLE_BASENAME, EXAMPLE_COUNT, EXAMPLE_END, EXAMPLE_SEED, EXAMPLE_START, SLICE_COUNT,
} from './lib/example-spec.js';

function main(outDir: string): void {
  const lines: string[] = [];
  const truth: string[] = [];
  const entries: Array<Record<string, unknown>> = [];
  const counts = new Map<string, number>();
  for (const { entry, family } of generateEntries({
    seed: EXAMPLE_SEED, count: EXAMPLE_COUNT, start: new Date(EXAMPLE_START), end: new Date(EXAMPLE_END),
  })) {
    entries.push(entry);
    lines.push(JSON.stringify(entry));
    truth.push(JSON.stringify({ insertId: entry.insertId, family }));
    counts.set(family, (counts.get(family) ?? 0) + 1);
  }
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, EXAMPLE_BASENAME);
  writeFileSync(`${base}.jsonl`, `${lines.join('\n')}\n`);
  writeFileSync(`${base}.truth.jsonl`, `${truth.join('\n')}\n`);
  const slice = entries.slice(-SLICE_COUNT).reverse();
  writeFileSync(`${base}.json`, `${JSON.stringify(slice, null, 2)}\n`);
  const summary = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${String(n).padStart(5)}  ${f}`);
  process.stdout.write(`${lines.length} entries -> ${base}.jsonl (+ .json slice of ${slice.length}, .truth.jsonl)\n${summary.join('\n')}\n`);
}

main(process.argv[2] ?? 'examples');
