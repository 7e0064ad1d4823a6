// The run of a generated Cloud Run day bench (bench:mixed, bench:polyglot): one seed's day, its two
// exports and truth written to a temp dir, the classify and sweep measures of bench:plaintext for each,
// and the same day swept from a local Cloud Logging server (the real client over gRPC, the product's
// filter evaluated by the server): the issue asks for the same problems from either source.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoggingServer } from '../../test/integration/servers/logging/server.js';
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

/** Builds the seed's day (argv: `[SEED] [--seed N] [--verbose] [--no-server]`), writes both exports with
 * their truth, and prints bench:plaintext's measures for each and for the day read from a Cloud Logging server. */
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
  // `--no-server`: the two exports only, for a quicker look while writing a rule.
  const server = process.argv.includes('--no-server') ? undefined : await serverMeasures(day, join(dir, 'day.jsonl'));
  if (server !== undefined) results.push(['Cloud Logging', server]);
  if (results.length > 0) printResults(results, day.services, verbose);
  const file = results.find(([n]) => n === 'day.jsonl')?.[1];
  if (file !== undefined && server !== undefined) console.log(`\n${sameProblems(file, server)}`);
  scratch.done();
}

const SHIPPED_CONFIG = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'config', 'gardener.yaml');

/**
 * The day swept from a local Cloud Logging server seeded with its entries; classify figures are the
 * JSONL's. The shipped settings but an hour's time budget: the server evaluates the filter in this
 * process, slower than Cloud Logging, and a read cut short by it would say nothing of the sources.
 */
async function serverMeasures(day: Day, jsonl: string): Promise<Measures | undefined> {
  const project = /^projects\/([^/]+)\//.exec(String(day.entries[0]?.logName ?? ''))?.[1] ?? 'bench';
  const config = join(dirname(jsonl), 'gardener.yaml');
  writeFileSync(config, readFileSync(SHIPPED_CONFIG, 'utf8').replace(/timeBudgetSeconds: \d+/, 'timeBudgetSeconds: 3600'));
  const server = await startLoggingServer({ entries: day.entries });
  try {
    return await measure(jsonl, day.truth, new Date(day.end).toISOString(), { loggingHost: server.address, project, config });
  } catch (err) {
    console.log(`Cloud Logging: classify failed: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  } finally {
    await server.stop();
  }
}

/** Whether the server's sweep found what the file's did: the same cluster ids with the same counts. */
function sameProblems(file: Measures, server: Measures): string {
  const same = [...file.sweepIds].filter(([id, n]) => server.sweepIds.get(id) === n).length;
  const onlyFile = [...file.sweepIds.keys()].filter((id) => !server.sweepIds.has(id)).length;
  const onlyServer = [...server.sweepIds.keys()].filter((id) => !file.sweepIds.has(id)).length;
  const counted = file.sweepIds.size - same - onlyFile;
  return `Cloud Logging server vs day.jsonl: entries read ${server.read} vs ${file.read}; clusters ${server.sweepIds.size} vs ${file.sweepIds.size}: `
    + `${same} the same with the same count, ${counted} counted differently, ${onlyFile} only from the file, ${onlyServer} only from the server`;
}
