// The run report of INTERFACE.md, built from the sweep's data. Pure.
import type { FollowedLines, GroupedReadSummary, SourceReadResult } from '../shared/ports.js';
import type { ActionResult, EntryCounts, Problem, SeverityInference, StageError, Window } from '../shared/types.js';
import { explainNothingRead } from './nothing-read.js';

export interface ReportCluster {
  id: string;
  template: string;
  count: number;
  severity: string;
  /** Only when Cloud Logging had no severity for these entries: where it was read instead. */
  severitySource?: SeverityInference;
  priority: string;
  category: string;
  firstSeen: string;
  lastSeen: string;
  /** Extensions: not in the minimal interface, useful to scripts. */
  shortName: string;
  component?: string;
  matters: boolean;
  services: string[];
}

export interface ReportAction {
  kind: string;
  cluster: string;
  issue?: number;
  title: string;
  url?: string;
  reason: string;
  status: ActionResult['status'];
  error?: string;
}

export interface RunReport {
  runId: string;
  dryRun: boolean;
  window: { start: string; end: string };
  services: string[];
  /** `nothingRead`: when no entry was read, why (window and the file's span, services seen, unreadable lines). */
  source: { description: string; complete: boolean; note?: string; nothingRead?: string; analytics?: GroupedReadSummary; followed?: FollowedLines };
  entries: EntryCounts;
  clusters: ReportCluster[];
  actions: ReportAction[];
  worklog: { path: string | null; committed: boolean; url?: string };
  errors: StageError[];
}

export interface RunData {
  runId: string;
  dryRun: boolean;
  window: Window;
  services: string[];
  sourceDescription: string;
  sourceResult: SourceReadResult;
  entries: EntryCounts;
  /** In the plan's rank order (priority, then severity, then count); the report and worklog keep it. */
  problems: Problem[];
  results: ActionResult[];
  worklog: RunReport['worklog'];
  errors: StageError[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export function buildRunReport(data: RunData): RunReport {
  const nothingRead = explainNothingRead(data);
  return {
    runId: data.runId,
    dryRun: data.dryRun,
    window: { start: iso(data.window.start), end: iso(data.window.end) },
    services: data.services,
    source: {
      description: data.sourceDescription,
      complete: data.sourceResult.complete,
      ...(data.sourceResult.note ? { note: data.sourceResult.note } : {}),
      ...(nothingRead ? { nothingRead } : {}),
      ...(data.sourceResult.analytics ? { analytics: data.sourceResult.analytics } : {}),
      ...(data.sourceResult.followed ? { followed: data.sourceResult.followed } : {}),
    },
    entries: data.entries,
    clusters: data.problems.map((p) => ({
      id: p.id,
      template: p.template,
      count: p.count,
      severity: p.severity,
      ...(p.severitySource ? { severitySource: p.severitySource } : {}),
      priority: p.priority,
      category: p.category,
      firstSeen: iso(p.firstSeen),
      lastSeen: iso(p.lastSeen),
      shortName: p.shortName,
      ...(p.component ? { component: p.component } : {}),
      matters: p.matters,
      services: p.services,
    })),
    actions: data.results.map((r) => ({
      kind: r.kind,
      cluster: r.cluster,
      ...(r.issue !== undefined ? { issue: r.issue } : {}),
      title: r.title,
      ...(r.url ? { url: r.url } : {}),
      reason: r.reason,
      status: r.status,
      ...(r.error ? { error: r.error } : {}),
    })),
    worklog: data.worklog,
    errors: data.errors,
  };
}
