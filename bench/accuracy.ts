// Grouping accuracy of the classifier on the 16 Loghub-2k sets, with one configuration for all.
// The data stays outside the project (research-only licence): LOGHUB_DIR, or ../shared/data/loghub-2k
// from the project root.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClassifier } from '../src/classify/index.js';
import { normalizeEntry } from '../src/normalize/index.js';
import type { Entry, RawEntry } from '../src/shared/types.js';

export const DATASETS = [
  'HDFS', 'Hadoop', 'Spark', 'Zookeeper', 'BGL', 'HPC', 'Thunderbird', 'Windows',
  'Linux', 'Android', 'HealthApp', 'Apache', 'Proxifier', 'OpenSSH', 'OpenStack', 'Mac',
] as const;

/** Drain's GA on Loghub-2k with per-dataset tuning (Zhu et al., ICSE-SEIP 2019, original labels). */
const DRAIN_GA: Record<string, number> = {
  HDFS: 0.998, Hadoop: 0.948, Spark: 0.92, Zookeeper: 0.967, BGL: 0.963, HPC: 0.887,
  Thunderbird: 0.955, Windows: 0.997, Linux: 0.69, Android: 0.911, HealthApp: 0.78, Apache: 1,
  Proxifier: 0.527, OpenSSH: 0.788, OpenStack: 0.733, Mac: 0.787,
};

export interface Score {
  ga: number;
  fga: number;
  predictedGroups: number;
  trueGroups: number;
}

/** GA: share of lines whose predicted group has exactly the lines of their true group. FGA: F1 over groups. */
export function score(predicted: readonly string[], truth: readonly string[]): Score {
  const members = (labels: readonly string[]): Map<string, number[]> => {
    const m = new Map<string, number[]>();
    labels.forEach((l, i) => {
      const g = m.get(l);
      if (g) g.push(i);
      else m.set(l, [i]);
    });
    return m;
  };
  const pred = members(predicted);
  const real = members(truth);
  let correctLines = 0;
  let correctGroups = 0;
  for (const lines of pred.values()) {
    const t = truth[lines[0] as number] as string;
    const trueLines = real.get(t) as number[];
    if (trueLines.length === lines.length && lines.every((i) => truth[i] === t)) {
      correctLines += lines.length;
      correctGroups++;
    }
  }
  const p = correctGroups / pred.size;
  const r = correctGroups / real.size;
  return {
    ga: correctLines / truth.length,
    fga: p + r === 0 ? 0 : (2 * p * r) / (p + r),
    predictedGroups: pred.size,
    trueGroups: real.size,
  };
}

export function loghubDir(): string {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return process.env['LOGHUB_DIR'] ?? resolve(root, '..', 'shared', 'data', 'loghub-2k');
}

export function readTruth(dir: string, name: string): Array<{ content: string; event: string }> {
  return readFileSync(resolve(dir, name, 'truth.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as { content: string; event: string });
}

export function classifyLines(lines: readonly string[]): string[] {
  const classifier = createClassifier();
  const handles = lines.map((text, i) => {
    const entry: Entry = { time: i * 1000, severity: 'INFO', service: '', revision: '', kind: 'text', text };
    return classifier.add(entry);
  });
  return handles.map((h) => classifier.resolve(h).id);
}

/** The example Cloud Run day (normalised as a sweep would), scored against its problem families. */
function cloudRunExample(root: string): Score | null {
  const logs = resolve(root, 'examples', 'cloud-run-backend-day.jsonl');
  const labels = resolve(root, 'examples', 'cloud-run-backend-day.truth.jsonl');
  if (!existsSync(logs) || !existsSync(labels)) return null;
  const family = new Map<string, string>();
  for (const line of readFileSync(labels, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const t = JSON.parse(line) as { insertId: string; family: string };
    family.set(t.insertId, t.family);
  }
  const classifier = createClassifier();
  const handles: number[] = [];
  const truth: string[] = [];
  for (const line of readFileSync(logs, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const raw = JSON.parse(line) as RawEntry;
    const entry = normalizeEntry(raw);
    const label = family.get(String(raw.insertId));
    if ('skip' in entry || label === undefined) continue;
    handles.push(classifier.add(entry));
    truth.push(label);
  }
  return score(handles.map((h) => classifier.resolve(h).id), truth);
}

function main(): void {
  const dir = loghubDir();
  if (!existsSync(dir)) {
    console.error(`Loghub-2k not found at ${dir}; set LOGHUB_DIR`);
    process.exit(2);
  }
  const pad = (s: string, n: number): string => s.padEnd(n);
  console.log(`${pad('dataset', 12)} ${pad('GA', 6)} ${pad('FGA', 6)} ${pad('groups', 10)} Drain GA`);
  let sumGa = 0;
  let sumFga = 0;
  let sumDrain = 0;
  let worst = 1;
  for (const name of DATASETS) {
    const truth = readTruth(dir, name);
    const s = score(classifyLines(truth.map((t) => t.content)), truth.map((t) => t.event));
    sumGa += s.ga;
    sumFga += s.fga;
    sumDrain += DRAIN_GA[name] ?? 0;
    worst = Math.min(worst, s.ga);
    console.log(
      `${pad(name, 12)} ${s.ga.toFixed(3)}  ${s.fga.toFixed(3)}  ${pad(`${s.predictedGroups}/${s.trueGroups}`, 10)} ${(DRAIN_GA[name] ?? 0).toFixed(3)}`,
    );
  }
  const n = DATASETS.length;
  console.log(`${pad('average', 12)} ${(sumGa / n).toFixed(3)}  ${(sumFga / n).toFixed(3)}  ${pad('', 10)} ${(sumDrain / n).toFixed(3)}`);
  console.log(`worst dataset GA ${worst.toFixed(3)} (targets: average >= 0.90, each >= 0.80)`);
  const example = cloudRunExample(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'));
  if (example) {
    console.log(
      `\nexamples/cloud-run-backend-day: GA ${example.ga.toFixed(3)}  FGA ${example.fga.toFixed(3)}  groups ${example.predictedGroups}/${example.trueGroups}`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
