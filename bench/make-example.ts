// Writes the bundled example: a day of netra-backend-staging as JSONL, the newest slice of it in gcloud's
// JSON-array format (newest first, as `gcloud logging read --limit` prints it), and the ground truth;
// then the multi-service test fixture. Run with `npm run example:generate`; the output is committed and
// tests check it byte for byte against the generator, so the same seed must give the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEntries, type GeneratorOptions } from './lib/cloud-run-generator.js';
import {
  EXAMPLE_BASENAME, EXAMPLE_COUNT, EXAMPLE_END, EXAMPLE_SEED, EXAMPLE_START, MULTI_SERVICE_BASENAME,
  MULTI_SERVICE_OPTIONS, SLICE_COUNT,
} from './lib/example-spec.js';

interface Written {
  entries: Array<Record<string, unknown>>;
  counts: Map<string, number>;
}

/** `<base>.jsonl` (one entry a line) and `<base>.truth.jsonl` (insertId -> family, same order). */
function writeJsonl(base: string, options: GeneratorOptions): Written {
  const lines: string[] = [];
  const truth: string[] = [];
  const entries: Array<Record<string, unknown>> = [];
  const counts = new Map<string, number>();
  for (const { entry, family } of generateEntries(options)) {
    entries.push(entry);
    lines.push(JSON.stringify(entry));
    truth.push(JSON.stringify({ insertId: entry.insertId, family }));
    counts.set(family, (counts.get(family) ?? 0) + 1);
  }
  writeFileSync(`${base}.jsonl`, `${lines.join('\n')}\n`);
  writeFileSync(`${base}.truth.jsonl`, `${truth.join('\n')}\n`);
  return { entries, counts };
}

function main(exampleDir: string, fixtureDir: string): void {
  mkdirSync(exampleDir, { recursive: true });
  const base = join(exampleDir, EXAMPLE_BASENAME);
  const { entries, counts } = writeJsonl(base, {
    seed: EXAMPLE_SEED, count: EXAMPLE_COUNT, start: new Date(EXAMPLE_START), end: new Date(EXAMPLE_END),
  });
  const slice = entries.slice(-SLICE_COUNT).reverse();
  writeFileSync(`${base}.json`, `${JSON.stringify(slice, null, 2)}\n`);

  mkdirSync(fixtureDir, { recursive: true });
  const m = MULTI_SERVICE_OPTIONS;
  const multi = writeJsonl(join(fixtureDir, MULTI_SERVICE_BASENAME), {
    ...m, services: [...m.services], start: new Date(m.start), end: new Date(m.end),
  });

  const summary = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${String(n).padStart(5)}  ${f}`);
  process.stdout.write(`${entries.length} entries -> ${base}.jsonl (+ .json slice of ${slice.length}, .truth.jsonl)\n`
    + `${multi.entries.length} entries -> ${join(fixtureDir, MULTI_SERVICE_BASENAME)}.jsonl\n${summary.join('\n')}\n`);
}

main(process.argv[2] ?? 'examples', process.argv[3] ?? join('test', 'fixtures', 'logs'));
