// A cluster an issue already tracks (or a person's issue being adopted): new evidence in place,
// escalation, reopening a regression; nothing at all when the sweep saw nothing new.
import { clusterFilter, consoleLink, parseTitle, renderEvidenceComment, renderTitle, updateManagedText, type EvidenceView } from '../render/index.js';
import type { Action, Category, Cluster, IssueState, Priority, Problem } from '../shared/types.js';
import { assessCluster } from './assess.js';
import type { ActionGroup, PlanContext } from './context.js';
import { countSince, firstSince, iso, uniq } from './counts.js';
import type { IssueMatch } from './match-issue.js';
import { keepSamples } from './issue-samples.js';
import { linkRecords, linksText } from './link-records.js';
import { mostUrgent, priorityLabel } from './priority.js';
import { planFinding, retitled } from './record-finding.js';
import { firstRevisionOf, isActiveDev } from './revisions.js';

export function planTracked(cluster: Cluster, match: IssueMatch, ctx: PlanContext): ActionGroup {
  const { settings, window } = ctx.input;
  const { issue } = match;
  const S = issue.state_block;
  const L = priorityLabel(issue.labels);
  // A person's issue keeps its body: the gardener writes only its one evidence comment there.
  const inComment = !issue.authorIsGardener || issue.evidenceCommentId !== null;

  let owner: 'gardener' | 'person' = S?.priorityOwner ?? (S === null && L !== null ? 'person' : 'gardener');
  const assessment = assessCluster(cluster, settings, owner === 'gardener' ? S?.priority : undefined);
  const verdict = assessment.verdict.priority;
  // The label differs from what the gardener set, and is not what it would set now (a crash after
  // a relabel leaves exactly that): a person changed it, and it stays theirs.
  if (owner === 'gardener' && S && L && L !== S.priority && L !== mostUrgent(verdict, S.priority)) owner = 'person';
  if (L === null) owner = 'gardener';
  const effective: Priority = L === null ? verdict : owner === 'person' ? L : mostUrgent(L, verdict);

  const since = S ? Date.parse(S.windowEnd) : Number.NaN;
  const recorded = S !== null && since >= window.end;
  const fresh = recorded ? 0 : countSince(cluster, since);

  const parsed = parseTitle(issue.title);
  // A title a piece of the record gave takes the problem's name (see piece-titles).
  const retitle = ctx.retitles.get(cluster.id);
  const closedAt = issue.closedAt ? Date.parse(issue.closedAt) : Number.NaN;
  const closedDone = issue.state === 'closed' && issue.stateReason !== 'not_planned';
  const returned = closedDone && fresh > 0 && (Number.isNaN(closedAt) || cluster.lastSeen > closedAt);
  const reopen = returned && assessment.matters;
  const activeDev = isActiveDev(cluster, ctx.revisions, S?.firstRevision);
  const category: Category =
    assessment.rule?.category ?? (reopen ? 'regression' : parsed?.category ?? (activeDev ? 'active-dev' : 'other'));
  const problem: Problem = {
    ...cluster,
    priority: effective,
    category,
    component: assessment.component ?? S?.component,
    shortName: retitle?.shortName ?? parsed?.shortName ?? assessment.shortName,
    matters: assessment.matters,
    why: `${assessment.why}; ${priorityNote(assessment.verdict.note, verdict, effective, owner, L)}`,
  };
  const base = { cluster: cluster.id, issue: issue.number, title: issue.title, url: issue.url };
  const none = (reason: string): ActionGroup => ({ problem, actions: [{ kind: 'none', ...base, reason }] });

  if (assessment.ignored) return none(`${assessment.why}; #${issue.number} left as it is`);
  if (recorded || fresh === 0) {
    const nothingNew = recorded
      ? `nothing new: the window ending ${S!.windowEnd} is already recorded in #${issue.number}`
      : `nothing new: no occurrence since ${S!.windowEnd}, the end of the last recorded window`;
    const finding = planFinding(issue, cluster, match, ctx, base, nothingNew);
    return finding ? { problem, actions: [finding], bookkeeping: true } : none(nothingNew);
  }

  const actions: Action[] = [];
  const staysClosed = issue.state === 'closed' && !reopen;
  if (reopen) {
    const after = cluster.revisions.filter((r) => Number.isNaN(closedAt) || r.firstSeen > closedAt).map((r) => r.name);
    actions.push({
      kind: 'reopen',
      ...base,
      reason:
        `regression: closed as completed${issue.closedAt ? ` on ${issue.closedAt}` : ''}, back with ` +
        `${countSince(cluster, closedAt)} occurrences since (last ${iso(cluster.lastSeen)})` +
        (after.length > 0 ? `; revisions new since the close: ${after.join(', ')}` : ''),
    });
  }

  const add: string[] = [];
  const remove: string[] = [];
  if (match.by === 'adoption') add.push(settings.github.managedLabel);
  if (!staysClosed && L !== effective) {
    add.push(effective);
    if (L !== null) remove.push(L);
  }
  if (add.length > 0 || remove.length > 0) {
    actions.push({
      kind: 'relabel',
      ...base,
      labels: add,
      ...(remove.length > 0 ? { removeLabels: remove } : {}),
      reason: relabelReason(match, L, effective, assessment.verdict.note),
    });
  }

  const desired = parsed ? renderTitle({ category, priority: effective, shortName: retitle?.shortName ?? parsed.shortName }) : null;
  const ours = S?.title !== undefined && (issue.title === S.title || issue.title === desired);
  const newTitle = !inComment && !staysClosed && ours && desired !== null && desired !== issue.title ? desired : undefined;

  const node = ctx.nodes.byCluster.get(cluster.id)!;
  const links = ctx.related.linksFor(node);
  const state: IssueState = {
    version: 1,
    clusterId: S?.clusterId ?? cluster.id,
    aliases: S ? uniq(S.clusterId === cluster.id ? S.aliases : [...S.aliases, cluster.id]) : [],
    template: cluster.template,
    totalCount: (S?.totalCount ?? 0) + fresh,
    lastWindowCount: cluster.count,
    firstSeen: iso(Math.min(S ? Date.parse(S.firstSeen) : Infinity, cluster.firstSeen)),
    lastSeen: iso(Math.max(S ? Date.parse(S.lastSeen) : -Infinity, cluster.lastSeen)),
    priority: effective,
    windowEnd: iso(window.end),
    firstRevision: S?.firstRevision ?? firstRevisionOf(cluster),
    title: newTitle ?? S?.title,
    priorityOwner: owner,
    component: problem.component,
    exceptionType: cluster.exceptionType ?? S?.exceptionType,
    related: uniq([...(S?.related ?? []), ...links.map((l) => l.number)]),
    reopenedAt: reopen ? iso(ctx.input.now) : S?.reopenedAt,
    closedAt: reopen ? (issue.closedAt ?? undefined) : S?.closedAt,
    samples: keepSamples(S?.samples, cluster.samples),
    services: cluster.services,
    kind: S?.kind ?? cluster.kind,
  };
  // The regression banner stays while the reopened issue is open.
  let regression: EvidenceView['regression'];
  if (reopen && !Number.isNaN(closedAt)) regression = { closedAt: iso(closedAt), returnedAt: firstSince(cluster, closedAt) };
  else if (issue.state === 'open' && state.reopenedAt && state.closedAt) {
    regression = { closedAt: state.closedAt, returnedAt: Date.parse(state.reopenedAt) };
  }
  const view: EvidenceView = {
    problem,
    window,
    totalCount: state.totalCount,
    firstSeen: Date.parse(state.firstSeen),
    lastSeen: Date.parse(state.lastSeen),
    firstRevision: state.firstRevision,
    consoleUrl: consoleLink(ctx.input.project, clusterFilter(cluster, ctx.input.services, settings.severityFloor), window),
    priorityNote: priorityNote(assessment.verdict.note, verdict, effective, owner, L),
    ...(regression ? { regression } : {}),
  };
  const relatedLinks = [...links, ...(S?.related ?? []).filter((n) => !links.some((l) => l.number === n)).map((number) => ({ number }))];
  const parts = { evidence: view, related: relatedLinks, note: null, state };

  const what = `${fresh} new occurrence${fresh === 1 ? '' : 's'}${S ? ` since ${S.windowEnd}` : ''}` +
    (staysClosed ? `; ${closedNote(issue.stateReason, assessment.matters, returned)}` : '') + linksText(links);
  if (inComment) {
    const current = issue.evidenceCommentBody;
    const body = current ? updateManagedText(current, parts, true) : renderEvidenceComment(parts);
    if (body !== current) {
      actions.push({
        kind: 'comment',
        ...base,
        body,
        ...(issue.evidenceCommentId !== null ? { commentId: issue.evidenceCommentId } : {}),
        reason: `${what}: evidence comment ${issue.evidenceCommentId !== null ? 'updated in place' : 'added (the issue is a person\'s; its body is theirs)'}`,
      });
    }
  } else {
    const body = updateManagedText(issue.body, parts, false);
    if (body !== issue.body || newTitle) {
      actions.push({
        kind: 'update',
        ...base,
        body,
        ...(newTitle ? { newTitle } : {}),
        reason: `${what}: evidence updated in place in the body${newTitle ? `; ${retitle ? retitled(newTitle, issue.title, retitle.why) : `retitled ${newTitle}`}` : ''}`,
      });
    }
  }
  if (actions.length === 0) return none('evidence unchanged');
  return { problem, actions: [...actions, ...linkRecords(links, base)] };
}

function closedNote(stateReason: string | null, matters: boolean, returned: boolean): string {
  if (stateReason === 'not_planned') return 'closed as not planned, so it stays closed';
  if (!returned) return 'these occurrences predate the close, so it stays closed';
  return matters ? 'stays closed' : 'below the threshold to reopen, so it stays closed';
}

function relabelReason(match: IssueMatch, before: Priority | null, after: Priority, note: string): string {
  const parts: string[] = [];
  if (match.by === 'adoption') parts.push(`adopt #${match.issue.number}: a person's issue about this error (match ${match.score?.toFixed(2)})`);
  if (before === null) parts.push(`priority label ${after} (${note})`);
  else if (before !== after) parts.push(`${before} -> ${after}: ${note}`);
  return parts.join('; ');
}

function priorityNote(verdictNote: string, verdict: Priority, effective: Priority, owner: string, label: Priority | null): string {
  if (owner === 'person' && label !== null) return `set by a person, kept (the logs alone would say ${verdict}: ${verdictNote})`;
  if (effective !== verdict) return `kept at ${effective}: the gardener never lowers a priority (this window alone: ${verdict}, ${verdictNote})`;
  return verdictNote;
}
