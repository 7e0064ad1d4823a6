// The run of a generated Cloud Run day bench (bench:mixed, bench:polyglot): one seed's day, its two
// exports and truth written to a temp dir, the classify and sweep measures of bench:plaintext for each,
// and the same day swept from a local Cloud Logging server (the real client over gRPC, the product's
// filter evaluated by the server): the issue asks for the same problems from either source.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBigQueryServer } from '../../test/integration/servers/bigquery-server.js';
import { startLoggingServer } from '../../test/integration/servers/logging/server.js';
import { classify, measure, printResults, type Measures, type Row, type SweepFrom } from '../plaintext.js';
import { exportsOf, type Day } from './cloud-run-day.js';
import { AT_LEAST_NOTICE } from './stranger/model.js';
import { scratchDir } from './scratch-dir.js';

function seedFromArgv(): number {
  const i = process.argv.indexOf('--seed');
  if (i > 0) return Number(process.argv[i + 1]);
  const bare = process.argv.slice(2).find((a) => /^-?\d+$/.test(a));
  return bare === undefined ? 0 : Number(bare);
}

/** Builds the seed's day (argv: `[SEED] [--seed N] [--verbose] [--no-server] [--analytics]`), writes both
 * exports with their truth, and prints bench:plaintext's measures for each and for the day read from a Cloud
 * Logging server (and, with `--analytics`, from Log Analytics on a local BigQuery server). */
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
  // `--no-server`: the two exports only, for a quicker look while writing a rule. `--analytics`: opt-in,
  // loading the day into DuckDB costs as much as the rest of the bench.
  const wantServer = !process.argv.includes('--no-server');
  const wantAnalytics = process.argv.includes('--analytics');
  // The other sources' columns share the JSONL's classify figures: read them once.
  const jsonl = join(dir, 'day.jsonl');
  const rows = wantServer || wantAnalytics ? await classifiedOrNot(jsonl) : undefined;
  const server = wantServer && rows !== undefined ? await serverMeasures(day, jsonl, rows) : undefined;
  if (server !== undefined) results.push(['Cloud Logging', server]);
  const analytics = wantAnalytics && rows !== undefined ? await analyticsMeasures(day, jsonl, rows) : undefined;
  if (analytics !== undefined) results.push(['Log Analytics', analytics]);
  if (results.length > 0) printResults(results, day.services, verbose);
  const file = results.find(([n]) => n === 'day.jsonl')?.[1];
  if (file !== undefined && server !== undefined) {
    console.log(`\n${sameProblems(file, server)}`);
    if (verbose) console.log(differences(file, server));
  }
  if (file !== undefined && analytics !== undefined) {
    console.log(`\n${sameProblems(file, analytics, 'Log Analytics')}`);
    if (verbose) console.log(differences(file, analytics));
  }
  scratch.done();
}

const SHIPPED_CONFIG = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'config', 'gardener.yaml');

/** The project the day's entries were written in (their logName), which a server-side read names. */
function projectOf(day: Day): string {
  return /^projects\/([^/]+)\//.exec(String(day.entries[0]?.logName ?? ''))?.[1] ?? 'bench';
}

/**
 * The shipped settings, `edit`ed, with an hour's time budget, written beside the day: a local server
 * answers from this process, slower than Google Cloud, and a read cut short by it would say nothing of
 * the sources.
 */
function configFor(jsonl: string, name: string, edit: (text: string) => string = (text) => text): string {
  const config = join(dirname(jsonl), name);
  writeFileSync(config, edit(readFileSync(SHIPPED_CONFIG, 'utf8').replace(/timeBudgetSeconds: \d+/, 'timeBudgetSeconds: 3600')));
  return config;
}

/** The JSONL export's classify rows, or undefined (said) when classify fails on it. */
async function classifiedOrNot(jsonl: string): Promise<Row[] | undefined> {
  try {
    return await classify(jsonl);
  } catch (err) {
    console.log(`other sources: classify failed: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** The day's measures with the sweep reading `from` a local server, stopped afterwards; undefined when they fail. */
async function sweptFrom(label: string, day: Day, jsonl: string, rows: Row[], from: SweepFrom, stop: () => Promise<void>): Promise<Measures | undefined> {
  try {
    return await measure(jsonl, day.truth, new Date(day.end).toISOString(), from, rows);
  } catch (err) {
    console.log(`${label}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  } finally {
    await stop();
  }
}

/** The day swept from a local Cloud Logging server seeded with its entries; classify figures are the JSONL's. */
async function serverMeasures(day: Day, jsonl: string, rows: Row[]): Promise<Measures | undefined> {
  const config = configFor(jsonl, 'gardener.yaml');
  const server = await startLoggingServer({ entries: day.entries });
  return sweptFrom('Cloud Logging', day, jsonl, rows, { loggingHost: server.address, project: projectOf(day), config }, () => server.stop());
}

/**
 * The day swept in Log Analytics mode from a local BigQuery server holding its entries as the linked view
 * (the product's query, evaluated by DuckDB). The shipped settings, the analytics mode, an hour's budget.
 */
async function analyticsMeasures(day: Day, jsonl: string, rows: Row[]): Promise<Measures | undefined> {
  const project = projectOf(day);
  const server = await startBigQueryServer({ entries: day.entries, pendingPolls: 0, pageRows: 10_000 });
  // The server goes in the config, not BIGQUERY_EMULATOR_HOST: the BigQuery client reads that variable itself.
  const config = configFor(jsonl, 'gardener.analytics.yaml', (text) => text.replace(/^  mode: api\b.*$/m, [
    '  mode: analytics',
    '  analytics:',
    `    table: ${project}.logs_link._AllLogs`,
    '    maximumBytesBilled: 1000000000000000',
    '    queryTimeoutSeconds: 3600',
    `    emulatorHost: "${server.host}"`,
  ].join('\n')));
  return sweptFrom('Log Analytics', day, jsonl, rows, { analytics: true, project, config }, () => server.stop());
}

/** Whether another source's sweep found what the file's did: the same cluster ids with the same counts. */
function sameProblems(file: Measures, other: Measures, name = 'Cloud Logging server'): string {
  const same = [...file.sweepIds].filter(([id, n]) => other.sweepIds.get(id) === n).length;
  const onlyFile = [...file.sweepIds.keys()].filter((id) => !other.sweepIds.has(id));
  const onlyOther = [...other.sweepIds.keys()].filter((id) => !file.sweepIds.has(id));
  const counted = file.sweepIds.size - same - onlyFile.length;
  const mattering = (ids: string[], m: Measures): number => ids.filter((id) => m.sweepMatters.has(id)).length;
  return `${name} vs day.jsonl: entries read ${other.read} vs ${file.read}; clusters ${other.sweepIds.size} vs ${file.sweepIds.size}: `
    + `${same} the same with the same count, ${counted} counted differently, ${onlyFile.length} only from the file `
    + `(${mattering(onlyFile, file)} mattering), ${onlyOther.length} only from ${name} (${mattering(onlyOther, other)} mattering)`;
}

/** `--verbose`: the clusters one source found and the other did not, or counted differently, with templates. */
function differences(file: Measures, other: Measures): string {
  const cut = (s: string): string => s.replace(/\n/g, '\\n').slice(0, 140);
  const out: string[] = [];
  for (const [id, n] of file.sweepIds) {
    const o = other.sweepIds.get(id);
    const mark = file.sweepMatters.has(id) ? 'M' : '-';
    if (o === undefined) out.push(`  ONLY FILE ${n} ${mark} ${cut(file.sweepTemplates.get(id) ?? '')}`);
    else if (o !== n) out.push(`  COUNT ${n} -> ${o} ${mark} ${cut(file.sweepTemplates.get(id) ?? '')}`);
  }
  for (const [id, n] of other.sweepIds) {
    if (!file.sweepIds.has(id)) out.push(`  ONLY OTHER ${n} ${other.sweepMatters.has(id) ? 'M' : '-'} ${cut(other.sweepTemplates.get(id) ?? '')}`);
  }
  return out.join('\n');
}
