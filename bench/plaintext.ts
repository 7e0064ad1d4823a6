// A held-out day of Cloud Run services in several stacks, mostly plain text with no severity
// (bench/lib/plaintext): built from a seed, exported twice (JSONL oldest first, gcloud's JSON array
// newest first), each run through the real `classify` path and a dry-run sweep. Prints grouping
// accuracy over the entries at NOTICE or above, and what the sweep would file.
//   node dist/bench/plaintext.js [SEED] [--seed N] [--verbose]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyRecords } from './lib/classify-records.js';
import { score } from './accuracy.js';
import { buildDay, exportsOf, type Truth } from './lib/plaintext/day.js';
import { AT_LEAST_NOTICE } from './lib/plaintext/model.js';
import { scratchDir } from './lib/scratch-dir.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RANK: Record<string, number> = { DEFAULT: 0, DEBUG: 1, INFO: 2, NOTICE: 3, WARNING: 4, ERROR: 5, CRITICAL: 6, ALERT: 7, EMERGENCY: 8 };

export interface Row { cluster: string; template: string }
interface ReportCluster { id: string; template: string; count: number; severity?: string; matters?: boolean }

function seedFromArgv(): number {
  const i = process.argv.indexOf('--seed');
  if (i > 0) return Number(process.argv[i + 1]);
  const bare = process.argv.slice(2).find((a) => /^-?\d+$/.test(a));
  return bare === undefined ? 0 : Number(bare);
}

export async function classify(path: string): Promise<Row[]> {
  const { records } = await classifyRecords(path);
  return records.map((r) => ({ cluster: r.cluster ?? 'skipped', template: r.template ?? '(skipped)' }));
}

const cut = (s: string, n = 150): string => (s.length > n ? `${s.slice(0, n - 3)}...` : s).replace(/\n/g, '\\n');

function majority<T>(m: Map<T, number>): [T, number] | undefined {
  let best: [T, number] | undefined;
  for (const [k, n] of m) if (!best || n > best[1]) best = [k, n];
  return best;
}

export interface Measures {
  entries: number;
  notice: number;
  problems: number;
  ga: number;
  fga: number;
  predicted: number;
  split: string[];
  merged: string[];
  sweepExit: number | null;
  read: number;
  clusters: number;
  matter: number;
  filedTwice: string[];
  none: string[];
  noneMatter: string[];
  noiseMatter: string[];
  unmapped: number;
  /** GA over the entries of whole records and their split lines only (no cut or headless pieces). */
  gaWhole: number;
  sevAgree: number;
  sevKnown: number;
  sevOff: string[];
  sweepError: string;
  byService: Map<string, string>;
  /** The sweep's clusters: id -> count, to compare what two sources found. */
  sweepIds: Map<string, number>;
  /** The ids of the sweep's clusters that matter, and every cluster's template: what differs between sources, named. */
  sweepMatters: Set<string>;
  sweepTemplates: Map<string, string>;
}

/** Where the sweep reads the day from: the export file itself, a Cloud Logging server holding it, or a
 * BigQuery server holding it as a Log Analytics view (the config names the view, the mode and the server). */
export type SweepFrom = { file: true } | { loggingHost: string; project: string; config: string } | { analytics: true; project: string; config: string };

/** A child process run to its end without blocking this one (a server in this process may be what it reads). */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** `classified`: `classify(path)` already read, when another source's sweep is measured against the same file. */
export async function measure(path: string, truth: readonly Truth[], now: string, from: SweepFrom = { file: true }, classified?: Row[]): Promise<Measures> {
  const rows = classified ?? await classify(path);
  if (rows.length !== truth.length) throw new Error(`classify gave ${rows.length} rows for ${truth.length} entries`);
  const idx = truth.map((t, i) => (AT_LEAST_NOTICE.has(t.severity) ? i : -1)).filter((i) => i >= 0);
  const pred = idx.map((i) => (rows[i] as Row).cluster);
  const real = idx.map((i) => (truth[i] as Truth).family);
  const s = score(pred, real);
  // The same, leaving out the pieces of traces cut short or missing their head line: what the grouping
  // of whole records reaches, apart from what no rule can put back.
  const whole = idx.filter((i) => (truth[i] as Truth).shape === 'whole' || (truth[i] as Truth).shape === 'line');
  const sWhole = score(whole.map((i) => (rows[i] as Row).cluster), whole.map((i) => (truth[i] as Truth).family));
  const byService = new Map<string, string>();
  for (const svc of [...new Set(idx.map((i) => (truth[i] as Truth).service))].sort()) {
    const sub = idx.filter((i) => (truth[i] as Truth).service === svc);
    const ss = score(sub.map((i) => (rows[i] as Row).cluster), sub.map((i) => (truth[i] as Truth).family));
    byService.set(svc, `${ss.ga.toFixed(3)} ${ss.predictedGroups}/${ss.trueGroups}`);
  }

  // Per cluster: which families (NOTICE+ entries only) it holds; per family: which clusters.
  const byCluster = new Map<string, Map<string, number>>();
  const byFamily = new Map<string, Map<string, number>>();
  const template = new Map<string, string>();
  const sevOf = new Map<string, Map<string, number>>();
  for (const i of idx) {
    const r = rows[i] as Row;
    const t = truth[i] as Truth;
    const c = byCluster.get(r.cluster) ?? new Map<string, number>();
    c.set(t.family, (c.get(t.family) ?? 0) + 1);
    byCluster.set(r.cluster, c);
    const f = byFamily.get(t.family) ?? new Map<string, number>();
    f.set(r.cluster, (f.get(r.cluster) ?? 0) + 1);
    byFamily.set(t.family, f);
    template.set(r.cluster, r.template);
    const sv = sevOf.get(r.cluster) ?? new Map<string, number>();
    sv.set(t.severity, (sv.get(t.severity) ?? 0) + 1);
    sevOf.set(r.cluster, sv);
  }
  // Noise (below NOTICE) entries' clusters too, to name a noise cluster the sweep read.
  const noiseCluster = new Map<string, Map<string, number>>();
  rows.forEach((r, i) => {
    const t = truth[i] as Truth;
    if (AT_LEAST_NOTICE.has(t.severity)) return;
    const c = noiseCluster.get(r.cluster) ?? new Map<string, number>();
    c.set(t.family, (c.get(t.family) ?? 0) + 1);
    noiseCluster.set(r.cluster, c);
  });

  const split: string[] = [];
  for (const [family, clusters] of [...byFamily].sort()) {
    if (clusters.size < 2) continue;
    split.push(`SPLIT  ${family} into ${clusters.size}`);
    for (const [c, n] of [...clusters].sort((a, b) => b[1] - a[1]).slice(0, 5)) split.push(`         ${String(n).padStart(4)} ${cut(template.get(c) ?? '')}`);
  }
  const merged: string[] = [];
  for (const [c, families] of byCluster) {
    if (families.size < 2) continue;
    merged.push(`MERGED ${[...families].map(([f, n]) => `${f} (${n})`).join(' + ')}`);
    merged.push(`         ${cut(template.get(c) ?? '')}`);
  }

  const quiet = { GITHUB_APP_ID: '', GITHUB_REPOSITORY: '', GITHUB_APP_PRIVATE_KEY: '', LOG_LEVEL: 'error' };
  const source = 'file' in from
    ? { args: ['--logs-file', path], env: {}, config: join(ROOT, 'config', 'gardener.yaml') }
    : 'loggingHost' in from
      ? { args: [], env: { LOGGING_EMULATOR_HOST: from.loggingHost, GOOGLE_CLOUD_PROJECT: from.project }, config: from.config }
      : { args: [], env: { GOOGLE_CLOUD_PROJECT: from.project }, config: from.config };
  const sweep = await run([
    join(ROOT, 'bin', 'log-gardener.js'), 'sweep', '--config', source.config, ...source.args,
    '--dry-run', '--json', '--now', now, '--window', '24h',
  ], { ...process.env, ...quiet, ...source.env });
  const m: Measures = {
    entries: truth.length, notice: idx.length, problems: byFamily.size, ga: s.ga, gaWhole: sWhole.ga, fga: s.fga, predicted: s.predictedGroups, split, merged,
    sweepExit: sweep.status, read: -1, clusters: -1, matter: -1, filedTwice: [], none: [], noneMatter: [], noiseMatter: [], unmapped: 0,
    sevAgree: 0, sevKnown: 0, sevOff: [], sweepError: '', byService, sweepIds: new Map(),
    sweepMatters: new Set(), sweepTemplates: new Map(),
  };
  let report: { clusters: ReportCluster[]; entries: { read: number }; source?: { complete?: boolean; stoppedAt?: string }; errors?: unknown[] };
  try {
    report = JSON.parse(sweep.stdout) as typeof report;
  } catch {
    m.sweepError = `sweep failed (exit ${sweep.status}): ${sweep.stderr.slice(0, 300)}`;
    return m;
  }
  m.read = report.entries.read;
  // A read that stopped early (time budget, errors) finds fewer problems for a reason of its own: say so.
  if (report.source?.complete === false || (report.errors?.length ?? 0) > 0) {
    m.sweepError = `read incomplete: ${JSON.stringify({ source: report.source, errors: report.errors }).slice(0, 400)}`;
  }
  m.clusters = report.clusters.length;
  m.matter = report.clusters.filter((c) => c.matters === true).length;
  for (const c of report.clusters) {
    m.sweepIds.set(c.id, c.count);
    m.sweepTemplates.set(c.id, c.template);
    if (c.matters === true) m.sweepMatters.add(c.id);
  }
  const mattering = new Map<string, number>();
  const anyCluster = new Map<string, number>();
  for (const c of report.clusters) {
    const fam = byCluster.get(c.id);
    const noise = noiseCluster.get(c.id);
    const top = fam ? majority(fam) : undefined;
    if (!top) {
      m.unmapped += 1;
      const nTop = noise ? majority(noise) : undefined;
      if (c.matters && nTop) m.noiseMatter.push(`${nTop[0]} (${c.count}): ${cut(c.template, 110)}`);
      continue;
    }
    anyCluster.set(top[0], (anyCluster.get(top[0]) ?? 0) + 1);
    if (c.matters) mattering.set(top[0], (mattering.get(top[0]) ?? 0) + 1);
    if (c.severity !== undefined) {
      const sv = sevOf.get(c.id);
      const want = sv ? majority(sv)?.[0] : undefined;
      if (want) {
        m.sevKnown += 1;
        if (want === c.severity) m.sevAgree += 1;
        else m.sevOff.push(`${top[0]}: says ${c.severity}, text says ${want}`);
      }
    }
  }
  for (const family of byFamily.keys()) {
    if ((mattering.get(family) ?? 0) > 1) m.filedTwice.push(`${family} x${mattering.get(family)}`);
    if (!anyCluster.has(family)) m.none.push(family);
    else if (!mattering.has(family)) m.noneMatter.push(family);
  }
  return m;
}

async function main(): Promise<void> {
  const seed = seedFromArgv();
  const verbose = process.argv.includes('--verbose');
  const day = buildDay(seed);
  const scratch = scratchDir('plaintext');
  const dir = scratch.path;
  const now = new Date(day.end).toISOString();
  const exps = exportsOf(day);
  const shapes = new Map<string, number>();
  for (const t of day.truth) shapes.set(t.shape, (shapes.get(t.shape) ?? 0) + 1);
  const notice = day.truth.filter((t) => AT_LEAST_NOTICE.has(t.severity));
  const noSeverity = day.entries.filter((e, i) => e.severity === undefined && AT_LEAST_NOTICE.has((day.truth[i] as Truth).severity)).length;
  console.log(`plain-text day, seed ${seed}: ${day.entries.length} entries from ${day.services.length} services, ${notice.length} at NOTICE or above `
    + `(${noSeverity} of them with no entry severity), ${new Set(notice.map((t) => t.family)).size} problems; `
    + `shapes: ${[...shapes].map(([k, n]) => `${k} ${n}`).join(', ')}`);

  const results: Array<[string, Measures]> = [];
  for (const e of exps) {
    const path = join(dir, e.name);
    writeFileSync(path, e.text);
    writeFileSync(join(dir, `${e.name}.truth.jsonl`), e.truth.map((t, i) => JSON.stringify({ index: i, ...t })).join('\n') + '\n');
    results.push([e.name, await measure(path, e.truth, now)]);
  }

  printResults(results, day.services, verbose);
  scratch.done();
}

/** The figures of each export side by side, then per export what went wrong. */
export function printResults(results: ReadonlyArray<[string, Measures]>, services: readonly string[], verbose: boolean): void {
  const col = (s: string | number): string => String(s).padStart(18);
  const line = (label: string, f: (m: Measures) => string | number): void => console.log(`${label.padEnd(44)}${results.map(([, m]) => col(f(m))).join('')}`);
  console.log(`\n${''.padEnd(44)}${results.map(([n]) => col(n)).join('')}`);
  line('classify GA >= NOTICE', (m) => m.ga.toFixed(3));
  line('classify GA >= NOTICE, no cut/headless pieces', (m) => m.gaWhole.toFixed(3));
  line('classify FGA >= NOTICE', (m) => m.fga.toFixed(3));
  line('clusters / real problems (classify)', (m) => `${m.predicted}/${m.problems}`);
  line('problems split / clusters merged', (m) => `${m.split.filter((l) => l.startsWith('SPLIT')).length}/${m.merged.filter((l) => l.startsWith('MERGED')).length}`);
  line('sweep exit', (m) => String(m.sweepExit));
  line('sweep entries.read / true NOTICE+', (m) => `${m.read}/${m.notice}`);
  line('sweep clusters / real problems', (m) => `${m.clusters}/${m.problems}`);
  line('sweep clusters that matter', (m) => m.matter);
  line('problems filed twice (>1 mattering cluster)', (m) => m.filedTwice.length);
  line('problems with no cluster of their own', (m) => m.none.length);
  line('problems with clusters, none mattering', (m) => m.noneMatter.length);
  line('noise clusters that matter', (m) => m.noiseMatter.length);
  line('sweep clusters not seen by classify', (m) => m.unmapped);
  line('cluster severity = text severity', (m) => (m.sevKnown === 0 ? 'n/a' : `${m.sevAgree}/${m.sevKnown}`));
  console.log('classify GA >= NOTICE by service (clusters/problems):');
  for (const svc of services) line(`  ${svc}`, (m) => m.byService.get(svc) ?? '-');

  for (const [name, m] of results) {
    console.log(`\n--- ${name}`);
    if (m.sweepError) console.log(m.sweepError);
    if (m.filedTwice.length) console.log(`filed twice: ${m.filedTwice.join(', ')}`);
    if (m.none.length) console.log(`no cluster of their own: ${m.none.join(', ')}`);
    if (m.noneMatter.length) console.log(`none mattering: ${m.noneMatter.join(', ')}`);
    if (m.noiseMatter.length) console.log(`noise that matters:\n  ${m.noiseMatter.slice(0, 12).join('\n  ')}`);
    if (m.sevOff.length) console.log(`severity disagreements (${m.sevOff.length}):\n  ${m.sevOff.slice(0, verbose ? 200 : 12).join('\n  ')}`);
    const detail = [...m.split, ...m.merged];
    if (detail.length) console.log(verbose ? detail.join('\n') : `${detail.slice(0, 40).join('\n')}${detail.length > 40 ? `\n... ${detail.length - 40} more lines (--verbose)` : ''}`);
  }
}

// Run only as a script: the stranger bench imports the measures from here.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
