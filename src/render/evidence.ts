// The evidence a tired on-call engineer reads first: how often, where, since when, what it says,
// and one click to the entries. Rendered from a view the plan prepares; no decisions here.
import { severityNote } from '../shared/severity-note.js';
import type { Problem, Window } from '../shared/types.js';
import { codeBlock, formatCount, formatTime, inlineCode, plainText, truncate } from './markdown.js';
import { binTimeline, renderTimelineChart, sparkline } from './timeline-chart.js';

export interface EvidenceView {
  problem: Problem;
  window: Window;
  /** Occurrences over every sweep recorded so far, this one included. */
  totalCount: number;
  /** Over every sweep (epoch ms). */
  firstSeen: number;
  lastSeen: number;
  /** The first Cloud Run revision that showed the problem, over every sweep. */
  firstRevision?: string;
  consoleUrl: string;
  /** Why it has its priority, in words (default from severity, escalated, a rule, a person). */
  priorityNote: string;
  /** Set when the problem came back after its issue was closed as completed. */
  regression?: { closedAt: string; returnedAt: number };
}

export interface RenderLimits {
  template: number;
  sample: number;
}

export const FULL_LIMITS: RenderLimits = { template: 2000, sample: 4000 };
/** Tried in turn when a body would pass GitHub's 65,536-character limit. */
export const SMALLER_LIMITS: RenderLimits[] = [
  { template: 1000, sample: 1000 },
  { template: 300, sample: 200 },
  { template: 200, sample: 0 },
];
const MAX_REVISIONS = 5;

const SAMPLE_HEADING = '**Sample** (redacted)';
const SAMPLE_BLOCK = /\*\*Sample\*\* \(redacted\)\n(`{3,})text\n([\s\S]*?)\n\1(?:\n|$)/;

/**
 * The sample an evidence section shows, as renderEvidence wrote it (markers restored, a cut tail
 * dropped); null when it shows none. Issues filed before state blocks kept samples are found again
 * through it.
 */
export function parseEvidenceSample(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = SAMPLE_BLOCK.exec(text);
  if (!match) return null;
  const sample = (match[2] as string).replace(/<\u200b!--/g, '<!--').replace(/--\u200b>/g, '-->').replace(/… \(\d+ more characters cut\)$/, '');
  return sample.trim() === '' ? null : sample;
}

const COUNT_LINE = /^\*\*[^*\n]+\*\* × `[A-Z]+` in (.+?) from \d{4}-\d\d-\d\d /m;
const UNKNOWN_SERVICE = 'unknown service';

/**
 * The services an evidence section names, as renderEvidence wrote them ('' for entries that named
 * none); null when it names none. Issues filed before states kept their services are found again
 * through it, within the services they named.
 */
export function parseEvidenceServices(text: string | null | undefined): string[] | null {
  if (!text) return null;
  const match = COUNT_LINE.exec(text);
  if (!match) return null;
  const list = match[1] as string;
  if (list === UNKNOWN_SERVICE) return [''];
  const names = [...list.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string);
  return names.length > 0 ? names : null;
}

export function renderEvidence(view: EvidenceView, limits: RenderLimits = FULL_LIMITS): string {
  const p = view.problem;
  const bins = binTimeline(p.timeline, view.window);
  const lines: string[] = [];
  if (view.regression) {
    lines.push(
      `> [!WARNING]\n> **Regression:** closed as completed on ${formatTime(Date.parse(view.regression.closedAt))}, ` +
        `back since ${formatTime(view.regression.returnedAt)}.`,
      '',
    );
  }
  const services = p.services.length > 0 ? p.services.map(inlineCode).join(', ') : UNKNOWN_SERVICE;
  lines.push(
    `**${formatCount(p.count)}** × \`${p.severity}\` in ${services} from ${formatTime(view.window.start)} to ` +
      `${formatTime(view.window.end)} · ${formatCount(view.totalCount)} since first seen · \`${sparkline(bins.counts)}\``,
    '',
    '**Pattern**',
    codeBlock(truncate(p.template, limits.template)),
  );
  const sample = p.samples[0];
  // A template with nothing masked is its own sample: showing it twice only makes the issue longer.
  if (sample !== undefined && limits.sample > 0 && sample.trim() !== p.template.trim()) {
    lines.push(SAMPLE_HEADING, codeBlock(truncate(sample, limits.sample)));
  }
  lines.push('', '| | |', '| --- | --- |', `| Priority | **${p.priority}**: ${oneLine(view.priorityNote)} |`);
  // Cloud Logging shows such entries as DEFAULT: say where the severity came from, or the console looks wrong.
  const inferred = p.severitySource ? ` (${severityNote(p.severitySource)}; Cloud Logging shows these entries as DEFAULT)` : '';
  lines.push(`| Severity | ${p.severity}${inferred} |`);
  if (p.component) lines.push(`| Component | ${inlineCode(p.component)} |`);
  if (p.exceptionType) lines.push(`| Exception | ${inlineCode(p.exceptionType)} |`);
  const firstIn = view.firstRevision ? `, in revision ${inlineCode(view.firstRevision)}` : '';
  lines.push(`| First seen | ${formatTime(view.firstSeen)}${firstIn} |`);
  lines.push(`| Last seen | ${formatTime(view.lastSeen)} |`);
  const revisions = revisionsCell(p);
  if (revisions) lines.push(`| Revisions | ${revisions} |`);
  lines.push('', renderTimelineChart(p.timeline, view.window), '');
  lines.push(`[Open these entries in Cloud Logging](${view.consoleUrl})`);
  return lines.join('\n');
}

function revisionsCell(p: Problem): string {
  if (p.revisions.length === 0) return '';
  const newest = [...p.revisions].sort((a, b) => b.firstSeen - a.firstSeen);
  const shown = newest.slice(0, MAX_REVISIONS).map(
    (r) => `${inlineCode(r.name)} (${formatCount(r.count)} since ${formatTime(r.firstSeen)})`,
  );
  const more = newest.length > MAX_REVISIONS ? ` and ${newest.length - MAX_REVISIONS} older` : '';
  if (p.revisions.length === 1) return shown[0]!;
  const first = p.revisions.reduce((a, b) => (b.firstSeen < a.firstSeen ? b : a));
  return `${shown.join('<br>')}${more}<br>first to show it in this window: ${inlineCode(first.name)}`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n|]+/g, ' ');
}

export interface RelatedLink {
  number: number;
  /** Why, in a few words: `same component auth`, `same exception ValueError`, `shares token, replay`. */
  why?: string;
}

export function renderRelated(links: RelatedLink[]): string | null {
  if (links.length === 0) return null;
  const items = links.map((l) => (l.why ? `- #${l.number}: ${plainText(l.why)}` : `- #${l.number}`));
  return ['**Related issues**', ...items].join('\n');
}

/** On an issue whose problem another issue tracks now: where its evidence goes from here. */
export function renderTrackedInNote(owner: number): string {
  return (
    `> [!NOTE]\n> Tracked in #${owner} now: the entries this issue collected are read as part of the problem #${owner} tracks, ` +
    `and new evidence goes there. This issue is not updated while that holds; it can be closed as a duplicate of #${owner}.`
  );
}

export function renderStaleNote(lastSeen: number, days: number): string {
  return (
    `> [!NOTE]\n> Not seen for ${days} days or more (last at ${formatTime(lastSeen)}). ` +
    'If it was fixed, this issue can be closed; the gardener reopens it if the problem comes back.'
  );
}
