// The pipeline, one direction: source -> normalize -> classify -> plan -> apply -> report + worklog.
// It receives its adapters (ports) and the run's `now`; it reads no env, no clock, no argv.
import type { Logger } from 'pino';
import { CompanionLedger, createClassifier, followingCompanions, rederiveIds, type Locator, type LiveCluster, type StoredSamples } from './classify/index.js';
import type { Settings } from './config/schema.js';
import { rereadSampleEntry, sampleEntry, withholdSecretLines, withholdSecrets } from './normalize/index.js';
import { issueSamples, plan, sampleMayBeCut, unsearchedCreates, type PlanInput, type PlanOutput } from './plan/index.js';
import { buildRunReport, type RunData, type RunReport } from './report/run-report.js';
import { renderWorklog } from './report/worklog.js';
import { reassemble } from './source/reassemble.js';
import { isTracePiece } from './source/trace-pieces.js';
import { InputError, oneLine } from './shared/errors.js';
import type { GroupedLogSource, IssueStore, LogRead, LogSource, SourceReadResult } from './shared/ports.js';
import { addPrepared, classifyGroups, type JoinedCounts } from './classify-groups.js';
import { GroupedCompanions } from './grouped-companions.js';
import { isPreparingSource, prepareJoined, type Prepared, type PreparedRead } from './prepare-entries.js';
import type { Action, ActionResult, Cluster, Entry, EntryCounts, PlacedId, StageError, TrackedIssue, Window } from './shared/types.js';

export interface SweepDeps {
  /** Entries (Cloud Logging, a file), or groups counted server-side (Log Analytics). */
  source: LogSource | GroupedLogSource;
  /** null: no GitHub credentials; a dry run then plans against an empty repository. */
  store: IssueStore | null;
  logger: Logger;
  /** Why the GitHub store could not be built (bad key, App not installed…): no writes, run fails. */
  storeError?: string;
  /** Called as the sweep goes (every few thousand entries, each write); the CLI shows it on stderr. */
  progress?: (p: SweepProgress) => void;
}

export type SweepProgress =
  /** `scanned`: entries of the source looked at, read or not (a file read off the sweep's thread). */
  | { phase: 'read'; entries: number; scanned?: number }
  | { phase: 'github'; entries: number; problems: number }
  | { phase: 'apply'; writes: number; planned: number };

export interface SweepRequest {
  runId: string;
  window: Window;
  services: string[];
  dryRun: boolean;
  settings: Settings;
  /** Where the worklog file was written by the caller (CLI --worklog), for the report. */
  worklogFile?: string;
}

export interface SweepResult {
  report: RunReport;
  worklog: string;
  /** True when a stage failed: CLI exit 1, HTTP 500. */
  failed: boolean;
  /** Each planned action and what came of it, with the text it carries (CLI --preview). */
  actions: ActionResult[];
}

export async function runSweep(deps: SweepDeps, request: SweepRequest): Promise<SweepResult> {
  const { logger } = deps;
  const errors: StageError[] = [];
  const read = await readAndClassify(deps, request, errors);
  logger.info({ entries: read.entries, clusters: read.clusters.length }, 'logs read and classified');
  deps.progress?.({ phase: 'github', entries: read.entries.read, problems: read.clusters.length });

  const github = await readGitHub(deps, read, errors);
  // A read cut short (time budget, quota) covered the window only up to where it got: the evidence
  // recorded on GitHub says so, and the next sweep counts the rest.
  const seen = read.result.readUntil !== undefined && !read.result.complete
    ? { start: request.window.start, end: Math.max(request.window.start, read.result.readUntil) }
    : request.window;
  const { problems, actions, searched } = await planWithSearches(github.ok ? deps.store : null, errors, {
    clusters: read.clusters,
    issues: github.issues,
    candidates: new Map(),
    settings: request.settings,
    window: seen,
    now: seen.end,
    // A file sweep without a configured project links to the project its entries name.
    project: request.settings.project ?? onlyProject(read.result),
    services: request.services,
    rederived: github.rederived,
  });

  // Writing on partial knowledge could file duplicates or record a window we did not fully see.
  const safeToWrite = !request.dryRun && deps.store !== null && github.ok && searched && read.ok && seen.end > seen.start;
  if (!request.dryRun && !safeToWrite) {
    errors.push({ stage: 'apply', message: 'no GitHub writes this run: an earlier stage failed (see other errors)' });
  }
  const results = safeToWrite ? await applyAll(deps.store!, actions, logger, deps.progress) : actions.map(planned);
  for (const r of results.filter((r) => r.status === 'failed')) {
    errors.push({ stage: 'apply', message: `${r.kind} ${r.title}: ${r.error ?? 'failed'}` });
  }

  const data: RunData = {
    runId: request.runId,
    dryRun: request.dryRun,
    window: request.window,
    services: request.services,
    sourceDescription: deps.source.description,
    sourceResult: read.result,
    entries: read.entries,
    problems,
    results,
    worklog: { path: request.worklogFile ?? null, committed: false },
    errors,
  };
  // The last check on the way out: a line or value shaped like a secret is withheld, not written.
  const worklog = withholdSecretLines(renderWorklog({ ...data, repositoryUrl: deps.store?.repositoryUrl ?? null }));
  // A sweep that changed nothing on GitHub commits nothing either: a no-op rerun writes nothing.
  const changed = results.some((r) => r.status === 'done' && r.kind !== 'none');
  if (safeToWrite && changed && request.settings.github.worklog.commit) {
    await commitWorklog(deps.store!, request, worklog, data, errors);
  }
  const report = withholdSecrets(buildRunReport(data));
  return { report, worklog, failed: errors.length > 0, actions: results };
}

async function readAndClassify(deps: SweepDeps, request: SweepRequest, errors: StageError[]) {
  if ('readGroups' in deps.source) return readGroupsAndClassify(deps.source, deps, request, errors);
  const source = deps.source;
  const classifier = createClassifier();
  // Each entry as written (when, by which instance): records written beside an error count under it.
  const ledger = new CompanionLedger(isTracePiece);
  const entries: EntryCounts = { read: 0, filtered: 0, skipped: 0, skippedBy: {} };
  let result: SourceReadResult = { filtered: 0, skippedBy: {}, complete: true };
  let ok = true;
  // The sources keep lines that may belong to a trace split over entries (mayMatter); the floor itself
  // is applied here, to what those lines make once rejoined.
  // Counted in the entries the file or the API gave: a trace rejoined from n lines is n entries read
  // (or filtered, or skipped), so read + filtered + skipped covers every entry of the window.
  const query = { window: request.window, services: request.services, severityFloor: request.settings.severityFloor };
  // A file is read and its entries prepared in worker threads when that pays; otherwise here.
  const reading = (isPreparingSource(source) ? source.readPrepared(query) : null) ?? prepareHere(source.read(query), query.severityFloor);
  const counts: JoinedCounts = { read: 0, belowFloor: 0, skippedBy: entries.skippedBy };
  // Progress every few thousand entries read, and at each empty batch (a read that lets few entries
  // through saying how far it got).
  const progress = deps.progress && ((): void => deps.progress!({ phase: 'read', entries: counts.read, ...(reading.scanned ? { scanned: reading.scanned() } : {}) }));
  try {
    for await (const batch of reading.batches) {
      const before = counts.read;
      for (const prepared of batch) addPrepared(prepared, classifier, counts, ledger);
      if (progress && (batch.length === 0 || Math.floor(counts.read / 5000) > Math.floor(before / 5000))) progress();
    }
    result = reading.result();
  } catch (error) {
    if (error instanceof InputError) throw error; // unreadable input: a usage error, not a failed run
    ok = false;
    result = { ...reading.result(), complete: false, note: `read failed: ${oneLine(error)}` };
    errors.push({ stage: 'source', message: oneLine(error) });
  }
  entries.read = counts.read;
  for (const [why, n] of Object.entries(result.skippedBy)) entries.skippedBy[why] = (entries.skippedBy[why] ?? 0) + n;
  entries.filtered = result.filtered + counts.belowFloor;
  entries.skipped = Object.values(entries.skippedBy).reduce((a, b) => a + b, 0);
  const clusters = ledger.clusters(classifier, classifier.clusters());
  return { classifier: followingCompanions(classifier, ledger.absorbed(classifier)), clusters, entries, result, ok };
}

/** A read prepared in this thread: joined, floored and normalized as the classifier takes it. */
function prepareHere(read: LogRead, floor: Settings['severityFloor']): PreparedRead {
  async function* batches(): AsyncGenerator<Prepared[]> {
    for await (const joined of reassemble(read.entries)) yield [prepareJoined(joined, floor)];
  }
  return { batches: batches(), result: () => read.result() };
}

/** The same, for groups counted server-side: each group's samples stand for its entries. */
async function readGroupsAndClassify(source: GroupedLogSource, deps: SweepDeps, request: SweepRequest, errors: StageError[]) {
  const classifier = createClassifier();
  // The entries read whole (lines), as written: records written beside an error count under it.
  const companions = new GroupedCompanions();
  const entries: EntryCounts = { read: 0, filtered: 0, skipped: 0, skippedBy: {} };
  const reading = source.readGroups({ window: request.window, services: request.services, severityFloor: request.settings.severityFloor });
  let result: SourceReadResult;
  let ok = true;
  try {
    const counts = await classifyGroups(reading.groups, classifier, request.settings.severityFloor, (read) => deps.progress?.({ phase: 'read', entries: read }), companions);
    result = reading.result();
    if (result.analytics) result.analytics = { ...result.analytics, splitShapes: counts.splitShapes, splitEntries: counts.splitEntries };
    entries.read = counts.read;
    entries.filtered = result.filtered + counts.belowFloor;
    entries.skippedBy = counts.skippedBy;
  } catch (error) {
    ok = false;
    result = { ...reading.result(), complete: false, note: `read failed: ${oneLine(error)}` };
    errors.push({ stage: 'source', message: oneLine(error) });
  }
  for (const [why, n] of Object.entries(result.skippedBy)) entries.skippedBy[why] = (entries.skippedBy[why] ?? 0) + n;
  entries.skipped = Object.values(entries.skippedBy).reduce((a, b) => a + b, 0);
  return { classifier: followingCompanions(classifier, companions.absorbed(classifier)), clusters: companions.clusters(classifier), entries, result, ok };
}

async function readGitHub(deps: SweepDeps, read: { classifier: Locator; clusters: Cluster[] }, errors: StageError[]) {
  const rederived = new Map<number, PlacedId[]>();
  if (deps.storeError) {
    errors.push({ stage: 'github', message: deps.storeError });
    return { issues: [] as TrackedIssue[], rederived, ok: false };
  }
  if (!deps.store) return { issues: [] as TrackedIssue[], rederived, ok: true };
  try {
    const issues = await deps.store.listManaged();
    return { issues, rederived: rederive(read.classifier, read.clusters, issues), ok: true };
  } catch (error) {
    errors.push({ stage: 'github', message: `reading issues failed: ${oneLine(error)}` });
    return { issues: [] as TrackedIssue[], rederived, ok: false };
  }
}

/**
 * The plan, with GitHub searched for a person's issue only about the problems it files (after ranking
 * and the per-run cap): searching is the slow part of a sweep (30 a minute), and a problem that waits
 * for a later sweep is looked up when its turn comes. A search can turn a create into an adoption,
 * which frees a slot for the next problem in line: plan again until every create was searched for.
 */
async function planWithSearches(store: IssueStore | null, errors: StageError[], input: PlanInput): Promise<PlanOutput & { searched: boolean }> {
  for (;;) {
    const output = plan(input);
    const pending = store ? unsearchedCreates(input, output) : [];
    if (pending.length === 0) return { ...output, searched: true };
    try {
      for (const cluster of pending) input.candidates.set(cluster.id, await store!.searchSimilar(cluster));
    } catch (error) {
      errors.push({ stage: 'github', message: `searching issues failed: ${oneLine(error)}` });
      return { ...output, searched: false };
    }
  }
}

/**
 * Where the samples stored in each issue land with this sweep's classifier (identity across releases),
 * placed within the services the issue is about: those its state or its evidence names, else each
 * service of this sweep.
 */
function rederive(classifier: Locator, clusters: Cluster[], issues: TrackedIssue[]): Map<number, PlacedId[]> {
  const live = new Map<string, LiveCluster>(clusters.map((c) => [c.id, { service: c.services[0] ?? '', count: c.count }]));
  const seen = [...new Set(clusters.map((c) => c.services[0] ?? ''))].sort();
  const stored: StoredSamples[] = [];
  for (const issue of issues) {
    const samples = issueSamples(issue);
    if (samples === null) continue;
    const entries: Entry[] = [];
    const rereads = new Map<Entry, Entry>();
    const cut = new Set<Entry>();
    for (const text of samples.texts) {
      const entry = sampleEntry(text, samples.kind);
      if (entry === null) continue;
      const reread = rereadSampleEntry(text, samples.kind);
      for (const service of samples.services ?? seen) {
        const placed = { ...entry, service };
        entries.push(placed);
        if (reread !== null) rereads.set(placed, { ...reread, service });
        if (sampleMayBeCut(text)) cut.add(placed);
      }
    }
    stored.push({ issue: issue.number, entries, rereads, cut });
  }
  return rederiveIds(classifier, stored, live);
}

async function applyAll(store: IssueStore, actions: Action[], logger: Logger, progress?: SweepDeps['progress']) {
  const results: ActionResult[] = [];
  const total = actions.filter((a) => a.kind !== 'none').length;
  for (const action of actions) {
    if (action.kind === 'none') {
      results.push({ ...action, status: 'skipped' });
      continue;
    }
    const result = await store.apply(action);
    logger.info({ kind: result.kind, issue: result.issue, status: result.status, cluster: result.cluster }, `github ${result.kind} ${result.status}`);
    results.push(result);
    progress?.({ phase: 'apply', writes: results.filter((r) => r.kind !== 'none').length, planned: total });
  }
  return results;
}

function onlyProject(result: SourceReadResult): string | undefined {
  const projects = Object.keys(result.seen?.projects ?? {});
  return projects.length === 1 ? projects[0] : undefined;
}

function planned(action: Action): ActionResult {
  return { ...action, status: action.kind === 'none' ? 'skipped' : 'planned' };
}

async function commitWorklog(store: IssueStore, request: SweepRequest, worklog: string, data: RunData, errors: StageError[]) {
  const day = new Date(request.window.end).toISOString().slice(0, 10);
  const path = `${request.settings.github.worklog.path.replace(/\/+$/, '')}/${day}-${request.runId}.md`;
  try {
    const done = await store.commitFile(path, worklog, `log-gardener: worklog of sweep ${request.runId}`);
    data.worklog = { path, committed: done.committed, ...(done.url ? { url: done.url } : {}) };
  } catch (error) {
    errors.push({ stage: 'worklog', message: `commit failed: ${oneLine(error)}` });
    data.worklog = { path, committed: false };
  }
}
