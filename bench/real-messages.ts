// Real error messages copied from public bug reports (bench/lib/real-messages), each labelled with the
// problem it is, run through the real `classify` path as Cloud Run LogEntries. Prints grouping
// accuracy overall and per stack, the problems split into several clusters (with their templates) and
// the clusters that merge several problems: first for the first batch (messages.jsonl), then for the
// held-out batch (heldout.jsonl), the third (batch3.jsonl), the fourth (batch4.jsonl), the fifth (batch5.jsonl), the sixth (batch6.jsonl), the seventh (batch7.jsonl), the eighth (batch8.jsonl), the ninth (batch9.jsonl), the tenth (batch10.jsonl), the eleventh (batch11.jsonl), the twelfth (batch12.jsonl), the thirteenth (batch13.jsonl), the fourteenth (batch14.jsonl), the fifteenth (batch15.jsonl), the sixteenth (batch16.jsonl), the seventeenth (batch17.jsonl), the eighteenth (batch18.jsonl), the nineteenth (batch19.jsonl), the twentieth (batch20.jsonl), the twenty-first (batch21.jsonl), the twenty-second (batch22.jsonl), the twenty-third (batch23.jsonl), the twenty-fourth (batch24.jsonl), the twenty-fifth (batch25.jsonl), the twenty-sixth (batch26.jsonl) and the twenty-seventh (batch27.jsonl), whose
// problems are all new and which no rule was tuned on when each was written. Each batch is classified on its own, as a
// separate log.
//   --order file    keep the file's order (default: a seeded shuffle, as problems interleave in a log)
//   --seed N        the shuffle's seed
//   --stack NAME    only the messages of one stack
//   --batch NAME    only one batch: first, heldout, batch3, batch4, batch5, batch6, batch7, batch8, batch9, batch10, batch11, batch12, batch13, batch14, batch15, batch16, batch17, batch18, batch19, batch20, batch21, batch22, batch23, batch24, batch25, batch26 or batch27
//   --problem KEY   also list each message of that problem (or of every problem: all) with its cluster
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyRecords, type ClassifyRecord } from './lib/classify-records.js';
import { score } from './accuracy.js';
import { Prng } from './lib/prng.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIR = join(ROOT, 'bench', 'lib', 'real-messages');
const DATA = join(DIR, 'messages.jsonl');
const HELDOUT = join(DIR, 'heldout.jsonl');
const BATCH3 = join(DIR, 'batch3.jsonl');
const BATCH4 = join(DIR, 'batch4.jsonl');
const BATCH5 = join(DIR, 'batch5.jsonl');
const BATCH6 = join(DIR, 'batch6.jsonl');
const BATCH7 = join(DIR, 'batch7.jsonl');
const BATCH8 = join(DIR, 'batch8.jsonl');
const BATCH9 = join(DIR, 'batch9.jsonl');
const BATCH10 = join(DIR, 'batch10.jsonl');
const BATCH11 = join(DIR, 'batch11.jsonl');
const BATCH12 = join(DIR, 'batch12.jsonl');
const BATCH13 = join(DIR, 'batch13.jsonl');
const BATCH14 = join(DIR, 'batch14.jsonl');
const BATCH15 = join(DIR, 'batch15.jsonl');
const BATCH16 = join(DIR, 'batch16.jsonl');
const BATCH17 = join(DIR, 'batch17.jsonl');
const BATCH18 = join(DIR, 'batch18.jsonl');
const BATCH19 = join(DIR, 'batch19.jsonl');
const BATCH20 = join(DIR, 'batch20.jsonl');
const BATCH21 = join(DIR, 'batch21.jsonl');
const BATCH22 = join(DIR, 'batch22.jsonl');
const BATCH23 = join(DIR, 'batch23.jsonl');
const BATCH24 = join(DIR, 'batch24.jsonl');
const BATCH25 = join(DIR, 'batch25.jsonl');
const BATCH26 = join(DIR, 'batch26.jsonl');
const BATCH27 = join(DIR, 'batch27.jsonl');
const STACKS = ['python', 'node', 'java', 'go', 'ruby', 'dotnet', 'php', 'rust', 'elixir', 'gcp'] as const;

export interface RealMessage {
  message: string;
  problem: string;
  stack: (typeof STACKS)[number];
  source: string;
  variant?: 'header-added';
}

interface Row { cluster: string; template: string }

/** The data set, checked: every line a record with a message, a problem, a known stack and a source. */
export function readRealMessages(path = DATA): RealMessage[] {
  return readFileSync(path, 'utf8').split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    const r = JSON.parse(line) as Partial<RealMessage>;
    const ok = typeof r.message === 'string' && r.message.length > 0 && typeof r.problem === 'string'
      && typeof r.source === 'string' && STACKS.includes(r.stack as RealMessage['stack'])
      && (r.variant === undefined || r.variant === 'header-added');
    if (!ok) throw new Error(`${basename(path)} line ${i + 1}: not a {message, problem, stack, source} record`);
    return [r as RealMessage];
  });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const prng = new Prng(seed, 'real-messages');
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function classify(messages: readonly RealMessage[]): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'real-messages-'));
  const path = join(dir, 'entries.jsonl');
  const start = Date.parse('2025-09-11T00:00:00Z');
  writeFileSync(path, messages.map((m, i) => JSON.stringify({
    timestamp: new Date(start + i * 1000).toISOString(),
    severity: 'ERROR',
    textPayload: m.message,
    resource: { type: 'cloud_run_revision', labels: { service_name: 'svc' } },
  })).join('\n') + '\n');
  let records: ClassifyRecord[];
  try {
    ({ records } = await classifyRecords(path));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return records
    .map((r, i) => ({ cluster: r.cluster ?? `skipped#${i} (${r.skipped ?? '?'})`, template: r.template ?? `(skipped: ${r.skipped ?? '?'})` }));
}

/** Problems whose messages went to more than one cluster, and clusters holding more than one problem. */
function faults(rows: readonly Row[], set: readonly RealMessage[]): { split: string[]; merged: string[] } {
  const byProblem = new Map<string, Map<string, number>>();
  const byCluster = new Map<string, Map<string, number>>();
  const template = new Map<string, string>();
  rows.forEach((r, i) => {
    const p = (set[i] as RealMessage).problem;
    const a = byProblem.get(p) ?? new Map<string, number>();
    a.set(r.cluster, (a.get(r.cluster) ?? 0) + 1);
    byProblem.set(p, a);
    const b = byCluster.get(r.cluster) ?? new Map<string, number>();
    b.set(p, (b.get(p) ?? 0) + 1);
    byCluster.set(r.cluster, b);
    template.set(r.cluster, r.template);
  });
  const cut = (s: string): string => (s.length > 160 ? `${s.slice(0, 157)}...` : s).replace(/\n/g, '\\n');
  const split: string[] = [];
  for (const [problem, clusters] of [...byProblem].sort((x, y) => y[1].size - x[1].size || x[0].localeCompare(y[0]))) {
    if (clusters.size < 2) continue;
    const total = [...clusters.values()].reduce((a, b) => a + b, 0);
    split.push(`SPLIT  ${problem}: ${total} messages in ${clusters.size} clusters`);
    for (const [c, n] of [...clusters].sort((x, y) => y[1] - x[1]).slice(0, 6)) split.push(`         ${String(n).padStart(4)} ${cut(template.get(c) ?? '')}`);
    if (clusters.size > 6) split.push(`         ... and ${clusters.size - 6} more`);
  }
  const merged: string[] = [];
  for (const [cluster, problems] of byCluster) {
    if (problems.size < 2) continue;
    merged.push(`MERGED ${[...problems].map(([p, n]) => `${p} (${n})`).join(' + ')}`);
    merged.push(`         ${cut(template.get(cluster) ?? '')}`);
  }
  return { split, merged };
}

/** One batch's figures: overall, per stack, then the problems split and the clusters merged. */
async function report(title: string, all: readonly RealMessage[], order: string | undefined, seed: number, show?: string): Promise<void> {
  const set = order === 'file' ? [...all] : shuffled(all, seed);
  const rows = await classify(set);
  const s = score(rows.map((r) => r.cluster), set.map((m) => m.problem));
  const added = set.filter((m) => m.variant === 'header-added').length;
  console.log(`${title}: ${set.length} messages (${added} with a documented header added), ${s.trueGroups} problems, ${s.predictedGroups} clusters made`);
  console.log(`GA ${s.ga.toFixed(3)}  F1 (FGA) ${s.fga.toFixed(3)}`);
  for (const stack of STACKS) {
    const idx = set.map((m, i) => (m.stack === stack ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    const t = score(idx.map((i) => (rows[i] as Row).cluster), idx.map((i) => (set[i] as RealMessage).problem));
    console.log(`  ${stack.padEnd(7)} GA ${t.ga.toFixed(3)}  F1 ${t.fga.toFixed(3)}  ${String(idx.length).padStart(4)} messages, clusters ${t.predictedGroups}/${t.trueGroups}`);
  }
  const { split, merged } = faults(rows, set);
  const splitCount = split.filter((l) => l.startsWith('SPLIT')).length;
  const mergedCount = merged.filter((l) => l.startsWith('MERGED')).length;
  console.log(`\n${splitCount} problems split into several clusters:${split.length === 0 ? ' none' : `\n${split.join('\n')}`}`);
  console.log(`\n${mergedCount} clusters merging several problems:${merged.length === 0 ? ' none' : `\n${merged.join('\n')}`}`);
  if (show === undefined) return;
  const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 3)}...` : s).replace(/\n/g, '\\n');
  console.log('');
  set.forEach((m, i) => {
    if (show !== 'all' && m.problem !== show) return;
    const row = rows[i] as Row;
    console.log(`${m.problem}  ${row.cluster.slice(0, 8)}  ${m.source}\n    message:  ${cut(m.message, 200)}\n    template: ${cut(row.template, 200)}`);
  });
}

async function main(): Promise<void> {
  const option = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const only = option('--stack');
  const order = option('--order');
  const seed = Number(option('--seed') ?? 20251211);
  const pick = (m: RealMessage): boolean => only === undefined || m.stack === only;
  const batch = option('--batch');
  const first = readRealMessages(DATA);
  const heldout = readRealMessages(HELDOUT);
  const third = readRealMessages(BATCH3);
  const fourth = readRealMessages(BATCH4);
  const fifth = readRealMessages(BATCH5);
  const sixth = readRealMessages(BATCH6);
  const seventh = readRealMessages(BATCH7);
  const eighth = readRealMessages(BATCH8);
  const ninth = readRealMessages(BATCH9);
  const tenth = readRealMessages(BATCH10);
  const eleventh = readRealMessages(BATCH11);
  const twelfth = readRealMessages(BATCH12);
  const thirteenth = readRealMessages(BATCH13);
  const fourteenth = readRealMessages(BATCH14);
  const fifteenth = readRealMessages(BATCH15);
  const sixteenth = readRealMessages(BATCH16);
  const seventeenth = readRealMessages(BATCH17);
  const eighteenth = readRealMessages(BATCH18);
  const nineteenth = readRealMessages(BATCH19);
  const twentieth = readRealMessages(BATCH20);
  const twentyFirst = readRealMessages(BATCH21);
  const twentySecond = readRealMessages(BATCH22);
  const twentyThird = readRealMessages(BATCH23);
  const twentyFourth = readRealMessages(BATCH24);
  const twentyFifth = readRealMessages(BATCH25);
  const twentySixth = readRealMessages(BATCH26);
  const twentySeventh = readRealMessages(BATCH27);
  // A later batch that reuses a problem of an earlier one would not be held out.
  const known = new Set(first.map((m) => m.problem));
  for (const [name, later] of [['heldout.jsonl', heldout], ['batch3.jsonl', third], ['batch4.jsonl', fourth], ['batch5.jsonl', fifth], ['batch6.jsonl', sixth], ['batch7.jsonl', seventh], ['batch8.jsonl', eighth], ['batch9.jsonl', ninth], ['batch10.jsonl', tenth], ['batch11.jsonl', eleventh], ['batch12.jsonl', twelfth], ['batch13.jsonl', thirteenth], ['batch14.jsonl', fourteenth], ['batch15.jsonl', fifteenth], ['batch16.jsonl', sixteenth], ['batch17.jsonl', seventeenth], ['batch18.jsonl', eighteenth], ['batch19.jsonl', nineteenth], ['batch20.jsonl', twentieth], ['batch21.jsonl', twentyFirst], ['batch22.jsonl', twentySecond], ['batch23.jsonl', twentyThird], ['batch24.jsonl', twentyFourth], ['batch25.jsonl', twentyFifth], ['batch26.jsonl', twentySixth], ['batch27.jsonl', twentySeventh]] as const) {
    const shared = [...new Set(later.filter((m) => known.has(m.problem)).map((m) => m.problem))];
    if (shared.length > 0) throw new Error(`${name} reuses problems of an earlier batch: ${shared.join(', ')}`);
    for (const m of later) known.add(m.problem);
  }
  const batches = [
    ['first', 'real messages', first],
    ['heldout', 'held-out real messages', heldout],
    ['batch3', 'third batch of real messages', third],
    ['batch4', 'fourth batch of real messages', fourth],
    ['batch5', 'fifth batch of real messages', fifth],
    ['batch6', 'sixth batch of real messages', sixth],
    ['batch7', 'seventh batch of real messages', seventh],
    ['batch8', 'eighth batch of real messages', eighth],
    ['batch9', 'ninth batch of real messages', ninth],
    ['batch10', 'tenth batch of real messages', tenth],
    ['batch11', 'eleventh batch of real messages', eleventh],
    ['batch12', 'twelfth batch of real messages', twelfth],
    ['batch13', 'thirteenth batch of real messages', thirteenth],
    ['batch14', 'fourteenth batch of real messages', fourteenth],
    ['batch15', 'fifteenth batch of real messages', fifteenth],
    ['batch16', 'sixteenth batch of real messages', sixteenth],
    ['batch17', 'seventeenth batch of real messages', seventeenth],
    ['batch18', 'eighteenth batch of real messages', eighteenth],
    ['batch19', 'nineteenth batch of real messages', nineteenth],
    ['batch20', 'twentieth batch of real messages', twentieth],
    ['batch21', 'twenty-first batch of real messages', twentyFirst],
    ['batch22', 'twenty-second batch of real messages', twentySecond],
    ['batch23', 'twenty-third batch of real messages', twentyThird],
    ['batch24', 'twenty-fourth batch of real messages', twentyFourth],
    ['batch25', 'twenty-fifth batch of real messages', twentyFifth],
    ['batch26', 'twenty-sixth batch of real messages', twentySixth],
    ['batch27', 'twenty-seventh batch of real messages', twentySeventh],
  ] as const;
  let printed = 0;
  for (const [key, title, set] of batches) {
    if (batch !== undefined && batch !== key) continue;
    if (printed++ > 0) console.log('\n' + '='.repeat(100) + '\n');
    await report(title, set.filter(pick), order, seed, option('--problem'));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
