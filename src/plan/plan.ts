// The plan: a pure function from (clusters, GitHub issues, settings, window, now) to ranked
// problems and the actions that keep GitHub true, each with its reason. No I/O, no clock.
import type { Settings } from '../config/schema.js';
import { renderTitle } from '../render/index.js';
import type { Action, Cluster, Problem, TrackedIssue } from '../shared/types.js';
import { assessCluster, type Assessment } from './assess.js';
import type { ActionGroup, PlanContext, PlanInput, PlanOutput } from './context.js';
import { planCreate, untrackedProblem } from './create-issue.js';
import { matchClusters, type Matching } from './match-issue.js';
import { pieceTitle, type PieceTitle } from './piece-titles.js';
import { byUrgency, urgencyOf } from './rank.js';
import { RelatedIndex, type RelatedNode } from './related.js';
import { indexRevisions } from './revisions.js';
import { planStaleNote } from './stale-note.js';
import { planTrackedElsewhere } from './tracked-elsewhere.js';
import { planTracked } from './tracked-issue.js';
import { claimName, takenNames } from './unique-names.js';

export function plan(input: PlanInput): PlanOutput {
  const { clusters, issues, candidates, settings } = input;
  const matching = matchClusters(clusters, issues, candidates, (c) => assessCluster(c, settings).matters, input.rederived);

  const assessments = new Map(clusters.filter((c) => !matching.byCluster.has(c.id)).map((c) => [c.id, assessCluster(c, settings)]));
  const renaming = pieceTitled(clusters, matching, settings);
  const names = issueNames(clusters, assessments, renaming, matching, issues);
  const retitles = new Map([...renaming].map(([id, r]) => [id, { shortName: names.get(id)!, why: r.why }]));
  const ctx = context(input, matching.byCluster, retitles);

  const groups: ActionGroup[] = [];
  for (const cluster of clusters) {
    const match = matching.byCluster.get(cluster.id);
    if (match) {
      groups.push(planTracked(cluster, match, ctx));
      continue;
    }
    const assessment = assessments.get(cluster.id)!;
    const same = matching.sameAs.get(cluster.id);
    if (same) {
      const problem = { ...untrackedProblem(cluster, assessment, ctx), category: 'other' as const };
      groups.push(none(problem, `same problem as #${same.issue.number}, which tracks it through cluster ${same.cluster}`, same.issue));
    } else if (!assessment.matters) {
      const problem = untrackedProblem(cluster, assessment, ctx);
      groups.push(none(problem, `${assessment.why}: worklog only, would be ${renderTitle(problem)}`));
    } else {
      const named = { ...assessment, shortName: names.get(cluster.id)! };
      groups.push(planCreate(cluster, named, ctx, matching.closedCandidates.get(cluster.id)));
    }
  }
  const urgency = new Map(groups.map((g) => [g, urgencyOf(g.problem!, assessCluster(g.problem!, settings))]));
  groups.sort((a, b) => byUrgency(urgency.get(a)!, urgency.get(b)!));

  const claimed = new Set([...matching.byCluster.values()].map((m) => m.issue.number));
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    if (claimed.has(issue.number)) continue;
    // Its problem is tracked by another issue now (two old issues one problem today), or it went quiet.
    const merged = planTrackedElsewhere(issue, matching, ctx);
    const note = merged ? null : planStaleNote(issue, ctx);
    if (merged) groups.push(merged);
    else if (note) groups.push(note);
  }

  applyCaps(groups, settings);
  return { problems: groups.flatMap((g) => (g.problem ? [g.problem] : [])), actions: groups.flatMap((g) => g.actions) };
}

function none(problem: Problem, reason: string, issue?: TrackedIssue): ActionGroup {
  // Noise carries the title it would have had: the worklog can say what was left out.
  const where = issue ? { issue: issue.number, title: issue.title, url: issue.url } : { title: renderTitle(problem) };
  return { problem, actions: [{ kind: 'none', cluster: problem.id, ...where, reason }] };
}

/** The tracked clusters whose issue's title came from a piece of the record (see piece-titles). */
function pieceTitled(clusters: Cluster[], matching: Matching, settings: Settings): Map<string, { assessment: Assessment; why: PieceTitle }> {
  const out = new Map<string, { assessment: Assessment; why: PieceTitle }>();
  for (const c of clusters) {
    const match = matching.byCluster.get(c.id);
    if (!match) continue;
    const assessment = assessCluster(c, settings);
    const why = pieceTitle(match.issue, match, assessment.shortName);
    if (why) out.set(c.id, { assessment, why });
  }
  return out;
}

/**
 * The short name of each issue to file, and of each issue to retitle with its problem's name, unique
 * among open issues and this sweep's new names; the more urgent problem keeps the plainer name, so
 * names do not depend on the order clusters came in.
 */
function issueNames(
  clusters: Cluster[], assessments: ReadonlyMap<string, Assessment>, renaming: ReadonlyMap<string, { assessment: Assessment }>,
  matching: Matching, issues: TrackedIssue[],
): Map<string, string> {
  const taken = takenNames(issues, [...matching.byCluster.values()].map((m) => m.issue));
  const of = (c: Cluster): Assessment => assessments.get(c.id) ?? renaming.get(c.id)!.assessment;
  const named = clusters.filter((c) => (assessments.get(c.id)?.matters && !matching.sameAs.has(c.id)) || renaming.has(c.id));
  const urgency = new Map(named.map((c) => [c.id, urgencyOf(c, of(c))]));
  named.sort((a, b) => byUrgency(urgency.get(a.id)!, urgency.get(b.id)!));
  const names = new Map<string, string>();
  for (const c of named) {
    const a = of(c);
    names.set(c.id, claimName(c, a.shortName, a.component, taken));
  }
  return names;
}

function context(input: PlanInput, byCluster: Map<string, { issue: TrackedIssue }>, retitles: PlanContext['retitles']): PlanContext {
  const nodes: PlanContext['nodes'] = { byCluster: new Map(), byIssue: new Map() };
  const all: RelatedNode[] = [];
  const issueOf = new Map([...byCluster].map(([id, m]) => [id, m.issue]));
  for (const c of input.clusters) {
    const issue = issueOf.get(c.id);
    const rule = assessCluster(c, input.settings).rule;
    const node: RelatedNode = {
      ...(issue ? { number: issue.number } : {}),
      component: rule?.component ?? issue?.state_block?.component,
      exceptionType: c.exceptionType,
      template: c.template,
      linked: issue?.state_block?.related ?? [],
    };
    nodes.byCluster.set(c.id, node);
    if (issue) nodes.byIssue.set(issue.number, node);
    all.push(node);
  }
  for (const issue of input.issues) {
    const S = issue.state_block;
    if (!S || nodes.byIssue.has(issue.number)) continue;
    const node: RelatedNode = { number: issue.number, component: S.component, exceptionType: S.exceptionType, template: S.template, linked: S.related ?? [] };
    nodes.byIssue.set(issue.number, node);
    all.push(node);
  }
  return { input, revisions: indexRevisions(input.clusters), related: new RelatedIndex(all), nodes, retitles };
}

const WRITES: ReadonlySet<Action['kind']> = new Set(['create', 'comment', 'update', 'reopen', 'relabel']);

/**
 * Blast radius: at most maxCreatesPerRun new issues and maxWritesPerRun writes, in rank order.
 * The cap holds for every priority, P0 included: a cap that gives way when things look worst
 * (a flood of CRITICAL lines from a bad deploy) is no blast-radius cap, and on-call needs the
 * first few urgent issues, not fifty. Urgency decides who gets the slots instead: groups come in
 * rank order and the first write that does not fit closes the sweep to later writes, so a P0 or P1
 * is never held back while a lower problem is written, nor a crash or an error behind a warning.
 * A group is kept or deferred whole: the state block is written last, and writing it without the
 * reopen or relabel before it would record a window whose decisions never reached GitHub.
 * Bookkeeping (an issue found again keeping its new id, with nothing new to show) comes after every
 * other group whatever its rank: on-call sees nothing of it, and held back it is done by a later sweep.
 */
function applyCaps(groups: ActionGroup[], settings: Settings): void {
  let creates = 0;
  let writes = 0;
  let writesFull = false;
  for (const g of [...groups.filter((x) => !x.bookkeeping), ...groups.filter((x) => x.bookkeeping)]) {
    const isCreate = g.actions.some((a) => a.kind === 'create');
    const cost = g.actions.filter((a) => WRITES.has(a.kind)).length;
    let deferred: { by: NonNullable<Action['deferredBy']>; why: string } | null = null;
    if (isCreate && creates >= settings.github.maxCreatesPerRun) {
      deferred = { by: 'maxCreatesPerRun', why: `${settings.github.maxCreatesPerRun} new issues per sweep` };
    } else if (cost > 0 && (writesFull || writes + cost > settings.github.maxWritesPerRun)) {
      writesFull = true;
      deferred = { by: 'maxWritesPerRun', why: `${settings.github.maxWritesPerRun} writes per sweep` };
    }
    if (deferred) {
      const first = g.actions[0]!;
      const reason = `cap reached: ${deferred.why} (github.${deferred.by}); waits for next sweep (would ${first.kind}: ${first.reason})`;
      g.actions = [{ kind: 'none', cluster: first.cluster, title: first.title, ...(first.issue !== undefined ? { issue: first.issue, url: first.url } : {}), reason, deferredBy: deferred.by }];
      continue;
    }
    if (isCreate) creates++;
    writes += cost;
  }
}

/**
 * The clusters this plan files an issue for without having looked for a person's issue about them
 * (no entry in `candidates`), in rank order. A sweep searches for these only, after ranking and the
 * per-run cap, then plans again: an adoption frees a slot, and the problem next in line is looked up
 * in turn. A problem held back by the cap is searched when its turn comes.
 */
export function unsearchedCreates(input: PlanInput, output: PlanOutput): Cluster[] {
  const byId = new Map(input.clusters.map((c) => [c.id, c]));
  return output.actions
    .filter((a) => a.kind === 'create' && !input.candidates.has(a.cluster))
    .flatMap((a) => byId.get(a.cluster) ?? []);
}
