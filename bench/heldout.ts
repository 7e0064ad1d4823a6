// The outside check: a held-out Cloud Run data set (bench/lib/heldout, written apart from the
// example generator) run through the real `classify` path and a dry-run sweep. Prints grouping
// accuracy, the families split or merged with their templates, the sweep's cluster count, and
// whether any planted secret or e-mail local part reached an output.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { score } from './accuracy.js';
import { classifyRecords } from './lib/classify-records.js';
import { BATCH, buildHeldoutSet, type Truth } from './lib/heldout/build-dataset.js';
import { scratchDir } from './lib/scratch-dir.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FLOOR = ['NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY'];

interface Row { cluster: string; template: string }

async function classify(path: string): Promise<{ rows: Row[]; out: string }> {
  const { records, lines } = await classifyRecords(path);
  const rows = records.map((r) => ({ cluster: r.cluster ?? 'skipped', template: r.template ?? '(skipped)' }));
  return { rows, out: lines.join('\n') };
}

/** Families whose entries went to more than one cluster, and clusters holding more than one family. */
function faults(rows: readonly Row[], truth: readonly Truth[]): string[] {
  const byFamily = new Map<string, Map<string, number>>();
  const byCluster = new Map<string, Map<string, number>>();
  const template = new Map<string, string>();
  rows.forEach((r, i) => {
    const f = (truth[i] as Truth).family;
    const a = byFamily.get(f) ?? new Map<string, number>();
    a.set(r.cluster, (a.get(r.cluster) ?? 0) + 1);
    byFamily.set(f, a);
    const b = byCluster.get(r.cluster) ?? new Map<string, number>();
    b.set(f, (b.get(f) ?? 0) + 1);
    byCluster.set(r.cluster, b);
    template.set(r.cluster, r.template);
  });
  const out: string[] = [];
  const cut = (s: string): string => (s.length > 160 ? `${s.slice(0, 157)}...` : s).replace(/\n/g, '\\n');
  for (const [family, clusters] of [...byFamily].sort()) {
    if (clusters.size < 2) continue;
    out.push(`SPLIT  ${family} into ${clusters.size} clusters`);
    for (const [c, n] of [...clusters].sort((x, y) => y[1] - x[1]).slice(0, 6)) out.push(`         ${String(n).padStart(4)} ${cut(template.get(c) ?? '')}`);
  }
  for (const [cluster, families] of byCluster) {
    if (families.size < 2) continue;
    out.push(`MERGED ${[...families].map(([f, n]) => `${f} (${n})`).join(' + ')}`);
    out.push(`         ${cut(template.get(cluster) ?? '')}`);
  }
  return out;
}

function leaks(text: string, secrets: readonly string[], locals: readonly string[]): string[] {
  const found = secrets.filter((s) => text.includes(s)).map((s) => `secret ${s.slice(0, 6)}…`);
  for (const local of locals) if (text.includes(`${local}@`) || text.includes(local)) found.push(`e-mail local part ${local}`);
  return found;
}

async function main(): Promise<void> {
  const option = (name: string, fallback: number): number => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const set = buildHeldoutSet(option('--seed', 20251007), option('--scale', 1));
  const scratch = scratchDir('heldout');
  const dir = scratch.path;
  const allPath = join(dir, 'all.json');
  const noticePath = join(dir, 'notice.json');
  const atLeastNotice = set.truth.map((t) => FLOOR.includes(t.severity));
  writeFileSync(allPath, JSON.stringify(set.entries, null, 2));
  writeFileSync(noticePath, JSON.stringify(set.entries.filter((_, i) => atLeastNotice[i]), null, 2));
  const noticeTruth = set.truth.filter((_, i) => atLeastNotice[i]);
  const problems = new Set(noticeTruth.map((t) => t.family));
  console.log(`held-out set: ${set.entries.length} entries, ${noticeTruth.length} at NOTICE or above, ${problems.size} problems, ${set.secrets.length} secrets and ${set.emailLocals.length} e-mail local parts planted`);

  const notice = await classify(noticePath);
  const all = await classify(allPath);
  const sn = score(notice.rows.map((r) => r.cluster), noticeTruth.map((t) => t.family));
  const sa = score(all.rows.map((r) => r.cluster), set.truth.map((t) => t.family));
  console.log(`GA >= NOTICE ${sn.ga.toFixed(3)}  FGA ${sn.fga.toFixed(3)}  clusters ${sn.predictedGroups}/${sn.trueGroups}`);
  console.log(`GA all       ${sa.ga.toFixed(3)}  FGA ${sa.fga.toFixed(3)}  clusters ${sa.predictedGroups}/${sa.trueGroups}`);
  for (const batch of [...new Set(BATCH.values())].sort()) {
    const idx = noticeTruth.map((t, i) => (BATCH.get(t.family) === batch ? i : -1)).filter((i) => i >= 0);
    const s = score(idx.map((i) => (notice.rows[i] as Row).cluster), idx.map((i) => (noticeTruth[i] as Truth).family));
    console.log(`  batch ${batch}: GA ${s.ga.toFixed(3)} over ${idx.length} entries, clusters ${s.predictedGroups}/${s.trueGroups}`);
  }
  for (const t of noticeTruth) if (t.noise) console.log(`(noise family above the floor: ${t.family})`);
  const f = faults(notice.rows, noticeTruth);
  console.log(f.length === 0 ? '\nno family split or merged (>= NOTICE)' : `\nfamilies split or merged (>= NOTICE):\n${f.join('\n')}`);
  if (process.argv.includes('--all')) console.log(`\nall entries, below NOTICE too:\n${faults(all.rows, set.truth).join("\n")}`);

  const worklog = join(dir, 'worklog.md');
  const services = [...new Set(set.truth.map((t) => t.service))].flatMap((s) => ['--service', s]);
  const sweep = spawnSync(process.execPath, [
    join(ROOT, 'bin', 'log-gardener.js'), 'sweep', '--logs-file', allPath, '--dry-run', '--json',
    '--now', new Date(set.end).toISOString(), '--window', '24h', '--worklog', worklog, ...services,
  ], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, GITHUB_APP_ID: '', GITHUB_REPOSITORY: '' } });
  let clusters = -1;
  let read = -1;
  try {
    const report = JSON.parse(sweep.stdout) as { clusters: unknown[]; entries: { read: number } };
    clusters = report.clusters.length;
    read = report.entries.read;
  } catch {
    console.log(`sweep failed (exit ${sweep.status}): ${sweep.stderr.slice(0, 400)}`);
  }
  console.log(`\nsweep: exit ${sweep.status}, ${read} entries read, ${clusters} clusters for ${problems.size} true problems`);

  let worklogText = '';
  try { worklogText = readFileSync(worklog, 'utf8'); } catch { /* reported as a failed sweep above */ }
  const leaked = leaks([notice.out, all.out, sweep.stdout, sweep.stderr, worklogText].join('\n'), set.secrets, set.emailLocals);
  console.log(leaked.length === 0 ? 'no planted secret or e-mail local part in classify output, report or worklog' : `LEAKED: ${leaked.join(', ')}`);
  scratch.done();
}

await main();
