// A problem that matters and that nothing tracks: one new issue, its memory in the body.
import { clusterFilter, consoleLink, renderIssueBody, renderTitle, type RelatedLink } from '../render/index.js';
import type { Cluster, IssueState, Problem, TrackedIssue } from '../shared/types.js';
import type { Assessment } from './assess.js';
import type { ActionGroup, PlanContext } from './context.js';
import { iso } from './counts.js';
import { keepSamples } from './issue-samples.js';
import { linkRecords, linksText } from './link-records.js';
import { firstRevisionOf, isActiveDev } from './revisions.js';

export function planCreate(cluster: Cluster, assessment: Assessment, ctx: PlanContext, closedCandidate?: TrackedIssue): ActionGroup {
  const { settings, window } = ctx.input;
  const problem = untrackedProblem(cluster, assessment, ctx);
  const title = renderTitle(problem);
  const links: RelatedLink[] = ctx.related.linksFor(ctx.nodes.byCluster.get(cluster.id)!);
  if (closedCandidate && !links.some((l) => l.number === closedCandidate.number)) {
    links.push({ number: closedCandidate.number, why: 'a closed issue a person filed about the same error' });
  }
  const state: IssueState = {
    version: 1,
    clusterId: cluster.id,
    aliases: [],
    template: cluster.template,
    totalCount: cluster.count,
    lastWindowCount: cluster.count,
    firstSeen: iso(cluster.firstSeen),
    lastSeen: iso(cluster.lastSeen),
    priority: problem.priority,
    windowEnd: iso(window.end),
    firstRevision: firstRevisionOf(cluster),
    title,
    priorityOwner: 'gardener',
    component: problem.component,
    exceptionType: cluster.exceptionType,
    related: links.map((l) => l.number),
    samples: keepSamples(undefined, cluster.samples),
    services: cluster.services,
    kind: cluster.kind,
  };
  const body = renderIssueBody({
    evidence: {
      problem,
      window,
      totalCount: cluster.count,
      firstSeen: cluster.firstSeen,
      lastSeen: cluster.lastSeen,
      firstRevision: state.firstRevision,
      consoleUrl: consoleLink(ctx.input.project, clusterFilter(cluster, ctx.input.services, settings.severityFloor), window),
      priorityNote: assessment.verdict.note,
    },
    related: links,
    state,
  });
  const reason =
    `${cluster.count} × ${cluster.severity} in the window and no issue tracks it: ${problem.priority} ` +
    `(${assessment.verdict.note}), ${problem.category}${linksText(links)}`;
  return {
    problem,
    actions: [
      { kind: 'create', cluster: cluster.id, title, body, labels: [settings.github.managedLabel, problem.priority], reason },
      ...linkRecords(links, { cluster: cluster.id, title }),
    ],
  };
}

/** The problem as it would be filed: category new (or active-dev, or a rule's). */
export function untrackedProblem(cluster: Cluster, assessment: Assessment, ctx: PlanContext): Problem {
  const activeDev = isActiveDev(cluster, ctx.revisions);
  return {
    ...cluster,
    priority: assessment.verdict.priority,
    category: assessment.rule?.category ?? (activeDev ? 'active-dev' : 'new'),
    component: assessment.component,
    shortName: assessment.shortName,
    matters: assessment.matters,
    why: `${assessment.why}; ${assessment.verdict.note}`,
  };
}
