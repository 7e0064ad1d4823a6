// The worklog: what a person would have written after reading the logs by hand — summary first,
// then each problem with its evidence and what was done about it, then the context and next steps.
// Pure: rendered from the same data as the run report.
import { tableCode } from '../render/index.js';
import { severityNote } from '../shared/severity-note.js';
import type { GroupedReadSummary } from '../shared/ports.js';
import { SEVERITIES } from '../shared/types.js';
import type { ActionResult, Priority, Problem } from '../shared/types.js';
import { adviseFailure } from './failure-advice.js';
import { explainNothingRead } from './nothing-read.js';
import type { RunData } from './run-report.js';

export interface WorklogData extends RunData {
  repositoryUrl: string | null;
}

const SPARK = '▁▂▃▄▅▆▇█';
const MAX_NOISE_ROWS = 30;

export function renderWorklog(data: WorklogData): string {
  const matters = data.problems.filter((p) => p.matters);
  const noise = data.problems.filter((p) => !p.matters);
  const byCluster = groupBy(data.results, (r) => r.cluster);
  const out: string[] = [];
  const services = data.services.length ? data.services.join(', ') : 'all services';

  out.push(`# Log gardener worklog: ${services}`, '');
  out.push(`- **Run:** \`${data.runId}\`${data.dryRun ? ' (dry run: nothing written to GitHub)' : ''}`);
  out.push(`- **Window:** ${stamp(data.window.start)} to ${stamp(data.window.end)} (${hours(data.window.end - data.window.start)})`);
  out.push(`- **Source:** ${data.sourceDescription}`, '');

  // A failed run says so first, with the fix, before any count that the failure made meaningless.
  const advice = adviseFailure(data.errors);
  if (advice) {
    out.push('## Run failed', '');
    out.push(`- **Failed:** \`${advice.failure.stage}\`: ${advice.failure.message}`);
    out.push(`- **Fix:** ${advice.fix}`, '');
  }

  out.push('## Executive summary', '');
  const readFailed = data.errors.some((e) => e.stage === 'source');
  const nothingRead = explainNothingRead(data);
  if (readFailed) {
    out.push(`Reading logs failed after ${data.entries.read} entries: no conclusion can be drawn from this run.`);
  } else if (nothingRead) {
    out.push(nothingRead);
  } else if (matters.length === 0) {
    out.push(`No problem crossed the thresholds in ${data.entries.read} entries read.`);
  } else {
    const counts = countBy(matters, (p) => p.priority);
    const parts = (['P0', 'P1', 'P2', 'P3'] as Priority[]).filter((p) => counts[p]).map((p) => `${counts[p]} ${p}`);
    out.push(`**${matters.length} problem${plural(matters.length)} worth an issue** (${parts.join(', ')}), ${noise.length} more below the thresholds (noise).`);
    // Problems arrive ranked (priority, then severity, then count): the first is the most urgent.
    const urgent = matters[0]!;
    out.push(`Most urgent: **${urgent.shortName}**, ${urgent.count} occurrence${plural(urgent.count)} (${urgent.priority}, ${urgent.severity}).`);
    const busiest = [...matters].sort((a, b) => b.count - a.count)[0]!;
    if (busiest !== urgent) out.push(`Most frequent: **${busiest.shortName}**, ${busiest.count} occurrence${plural(busiest.count)} (${busiest.priority}).`);
  }
  out.push(`GitHub: ${summarizeActions(data.results)}.`, '');

  // Problems held back by the per-run cap get one line each: the next sweep files them.
  const waiting = matters.filter((p) => isWaiting(byCluster.get(p.id) ?? []));
  const acted = matters.filter((p) => !waiting.includes(p));
  if (acted.length) {
    out.push('## Problems, most urgent first', '');
    acted.forEach((p, i) => out.push(...renderProblem(p, i + 1, byCluster.get(p.id) ?? [], data)));
  }
  if (waiting.length) {
    out.push('## Waiting for the next sweep (per-sweep cap)', '');
    out.push('| priority | count | problem | pattern |', '| --- | ---: | --- | --- |');
    for (const p of waiting) out.push(`| ${p.priority} | ${p.count} | ${p.shortName} | ${tableCode(p.template, 100)} |`);
    out.push('');
  }

  if (noise.length) {
    out.push('## Below the thresholds (no issue)', '');
    out.push('| count | severity | pattern | why |', '| ---: | --- | --- | --- |');
    for (const p of noise.slice(0, MAX_NOISE_ROWS)) {
      out.push(`| ${p.count} | ${severityText(p)} | ${tableCode(p.template, 120)} | ${cell(p.why, 80)} |`);
    }
    if (noise.length > MAX_NOISE_ROWS) out.push(`| … | | ${noise.length - MAX_NOISE_ROWS} more | |`);
    out.push('');
  }

  out.push('## Technical context', '');
  out.push(`- **Services:** ${services}`);
  out.push(`- **Entries read:** ${data.entries.read} (filtered out: ${data.entries.filtered}, skipped: ${data.entries.skipped}${skippedDetail(data.entries.skippedBy)})`);
  out.push(`- **Problems found:** ${data.problems.length} (${matters.length} worth an issue)`);
  if (!data.sourceResult.complete) out.push(`- **Read incomplete:** ${data.sourceResult.note ?? 'the source stopped early'}`);
  if (data.sourceResult.analytics) out.push(`- **Log Analytics:** ${analyticsLine(data.sourceResult.analytics)}`);
  if (data.repositoryUrl) out.push(`- **Repository:** ${data.repositoryUrl}`);
  out.push('');

  out.push('## Next steps', '');
  out.push(...nextSteps(data, matters));
  if (data.errors.length) {
    out.push('', '## Errors', '');
    for (const e of data.errors) out.push(`- \`${e.stage}\`: ${e.message}`);
  }
  return out.join('\n') + '\n';
}

/** `ERROR`, or `ERROR (severity read from the text)` when Cloud Logging had none for the entries. */
function severityText(p: Problem): string {
  return p.severitySource ? `${p.severity} (${severityNote(p.severitySource)})` : p.severity;
}

function renderProblem(p: Problem, rank: number, results: ActionResult[], data: WorklogData): string[] {
  const lines = [`### ${rank}. ${p.priority} · ${p.shortName}`, ''];
  lines.push(`- **Pattern:** \`${inline(p.template, 300)}\``);
  if (p.samples[0] && p.samples[0] !== p.template) lines.push(`- **Sample:** \`${inline(p.samples[0], 300)}\``);
  const span = Math.max(1, data.window.end - data.window.start) / 3_600_000;
  lines.push(`- **Frequency:** ${p.count} in the window (${(p.count / span).toFixed(p.count / span < 10 ? 1 : 0)}/h) ${sparkline(p, data)}`);
  lines.push(`- **First / last seen:** ${stamp(p.firstSeen)} / ${stamp(p.lastSeen)}`);
  lines.push(`- **Impact:** ${impact(p, data)}`);
  lines.push(`- **Severity:** ${severityText(p)} · **Category:** ${p.category}${p.component ? ` · **Component:** ${p.component}` : ''}`);
  const revisions = p.revisions.map((r) => `${r.name} (${r.count})`).join(', ');
  lines.push(`- **Where:** ${p.services.join(', ') || 'unknown service'}${revisions ? `; revisions ${revisions}` : ''}`);
  lines.push(`- **Priority:** ${p.priority} (${p.why})`);
  for (const r of results.length ? results : []) {
    const ref = r.issue !== undefined ? ` [#${r.issue}](${r.url ?? ''})` : '';
    const title = r.title ? ` \`${inline(r.title, 120)}\`` : '';
    lines.push(`- **Action:** ${r.kind}${ref}${title} ${status(r)}: ${r.reason}`);
  }
  if (!results.length) lines.push('- **Action:** none');
  lines.push('');
  return lines;
}

/** What the numbers say about reach and whether it is still going on; no guessing beyond them. */
function impact(p: Problem, data: WorklogData): string {
  const parts = [shareOfPeers(p, data.problems)];
  const span = data.window.end - data.window.start;
  const quiet = data.window.end - p.lastSeen;
  parts.push(quiet <= span / 10 ? 'still occurring at the end of the window' : `quiet for the last ${hours(Math.round(quiet / 60_000) * 60_000)} of the window`);
  const seen = new Set(data.problems.flatMap((q) => q.revisions.map((r) => r.name)));
  if (p.revisions.length && seen.size > 1) parts.push(`in ${p.revisions.length} of ${seen.size} revisions seen`);
  return parts.join('; ');
}

/**
 * The base that means something to on-call: of the entries this service logged at this severity or
 * worse in the window, how many are this problem (every entry read belongs to exactly one problem).
 */
function shareOfPeers(p: Problem, problems: readonly Problem[]): string {
  const level = SEVERITIES.indexOf(p.severity);
  const peers = problems.filter((q) => SEVERITIES.indexOf(q.severity) >= level && (p.services.length === 0 || q.services.some((s) => p.services.includes(s))));
  const base = peers.reduce((n, q) => n + q.count, 0);
  const share = base > 0 ? (100 * p.count) / base : 0;
  const where = p.services.length ? ` of ${p.services.join(', ')}` : '';
  return `${p.count} of the ${base} ${p.severity}-or-worse entries${where} in the window (${share < 1 ? share.toFixed(1) : Math.round(share)}%)`;
}

function isWaiting(results: ActionResult[]): boolean {
  return results.length > 0 && results.every((r) => r.deferredBy !== undefined);
}

function sparkline(p: Problem, data: WorklogData): string {
  const buckets = 24;
  const size = Math.max(1, (data.window.end - data.window.start) / buckets);
  const bars = new Array<number>(buckets).fill(0);
  for (const [start, count] of p.timeline) {
    const i = Math.min(buckets - 1, Math.max(0, Math.floor((start - data.window.start) / size)));
    bars[i]! += count;
  }
  const max = Math.max(...bars);
  if (max === 0) return '';
  return '`' + bars.map((n) => (n === 0 ? ' ' : SPARK[Math.min(7, Math.floor((n / max) * 7.999))])).join('') + '`';
}

function nextSteps(data: WorklogData, matters: Problem[]): string[] {
  const steps: string[] = [];
  const advice = adviseFailure(data.errors);
  if (advice) steps.push(`- Fix the failure, then rerun: ${advice.fix}.`);
  const failed = data.results.filter((r) => r.status === 'failed');
  const waiting = matters.filter((p) => isWaiting(data.results.filter((r) => r.cluster === p.id)));
  if (data.dryRun) {
    const writes = data.results.filter((r) => r.kind !== 'none').length;
    steps.push(writes ? `- Run without \`--dry-run\` to carry out the ${writes} planned GitHub action${plural(writes)}.` : '- Nothing to write to GitHub.');
  }
  if (failed.length) steps.push(`- ${failed.length} action${plural(failed.length)} failed; the next sweep retries them (writes are idempotent).`);
  if (waiting.length) steps.push(`- ${waiting.length} problem${plural(waiting.length)} wait${waiting.length === 1 ? 's' : ''} for the next sweep (per-run cap on new issues).`);
  const urgent = matters.filter((p) => p.priority === 'P0');
  if (urgent.length) steps.push(`- On-call: look at the P0 problem${plural(urgent.length)} first: ${urgent.map((p) => p.shortName).join(', ')}.`);
  if (!data.sourceResult.complete && !data.errors.some((e) => e.stage === 'source')) {
    steps.push('- The read stopped early: widen the time budget or shorten the window.');
  }
  if (!steps.length) steps.push('- Nothing to do: GitHub is up to date.');
  return steps;
}

function summarizeActions(results: ActionResult[]): string {
  const counts = countBy(results.filter((r) => r.kind !== 'none'), (r) => r.kind);
  const parts = Object.entries(counts).map(([kind, n]) => `${n} ${kind}`);
  return parts.length ? parts.join(', ') : 'no change needed';
}

function status(r: ActionResult): string {
  return r.status === 'done' ? '(done)' : r.status === 'failed' ? `(failed: ${r.error ?? 'unknown error'})` : `(${r.status})`;
}

function skippedDetail(by: Record<string, number>): string {
  const parts = Object.entries(by).map(([why, n]) => `${n} ${why}`);
  return parts.length ? `: ${parts.join(', ')}` : '';
}

const stamp = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const hours = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.round(ms / 60_000)}m`);
const plural = (n: number) => (n === 1 ? '' : 's');
const inline = (text: string, max: number) => clip(text.split('\n')[0]!, max).replace(/`/g, "'");
const cell = (text: string, max: number) => inline(text, max).replace(/\|/g, '\\|');
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** What the Log Analytics query cost and how the shapes it grouped fared in the classifier. */
export function analyticsLine(a: GroupedReadSummary): string {
  const split = a.splitShapes === 0
    ? 'each shape went to one problem'
    : `${a.splitShapes} shape(s) went to several problems: their ${a.splitEntries} entries were shared out by their samples, so those counts are estimates`;
  return `${a.shapes} shapes; ${a.bytesProcessed} bytes scanned, ${a.bytesBilled} bytes billed; ${split}`;
}
