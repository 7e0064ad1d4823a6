// A sweep with nothing new for an issue (a rerun of a window after an upgrade, a window whose entries
// the issue already counted) still keeps what it found out about the issue: the cluster its stored
// samples were found in becomes an alias, so the next sweep finds the issue by id instead of placing
// its samples again (a later classifier might place them nowhere), and a title a piece of the record
// gave takes the problem's name. Only the state block is written, in place, where the gardener keeps
// it (the body, or its evidence comment on a person's issue, edited): no comment, no label, and the
// evidence, its counts and its window stay as they were. The next sweep then has nothing to write.
import { isEvidenceComment, parseTitle, renderTitle, updateManagedText } from '../render/index.js';
import type { Action, Cluster, TrackedIssue } from '../shared/types.js';
import type { PlanContext } from './context.js';
import type { IssueMatch } from './match-issue.js';
import { PLACED } from './tracked-elsewhere.js';

type Base = Pick<Action, 'cluster' | 'issue' | 'title' | 'url'>;

/** Null: nothing to keep (the issue already tracks the cluster by id and keeps its title). */
export function planFinding(issue: TrackedIssue, cluster: Cluster, match: IssueMatch, ctx: PlanContext, base: Base, nothingNew: string): Action | null {
  const S = issue.state_block;
  if (S === null) return null;
  const alias = S.clusterId !== cluster.id && !S.aliases.includes(cluster.id);
  const retitle = ctx.retitles.get(cluster.id);
  const parsed = parseTitle(issue.title);
  // Nothing new: the title's category and priority stay; only the name the piece gave goes.
  const newTitle = retitle && parsed ? renderTitle({ ...parsed, shortName: retitle.shortName }) : undefined;
  if (!alias && newTitle === undefined) return null;
  const state = { ...S, aliases: alias ? [...S.aliases, cluster.id] : S.aliases, title: newTitle ?? S.title };
  const found = alias ? `found again by its stored samples${match.placed ? ` (${PLACED[match.placed]})` : ''}: cluster ${cluster.id} recorded as an alias; ` : '';
  const reason = `${found}${nothingNew}${newTitle ? `; ${retitled(newTitle, issue.title, retitle!.why)}` : ''}`;
  if (!issue.authorIsGardener || issue.evidenceCommentId !== null) {
    if (issue.evidenceCommentId === null || !isEvidenceComment(issue.evidenceCommentBody)) return null;
    const body = updateManagedText(issue.evidenceCommentBody!, { state }, true);
    return { kind: 'comment', ...base, body, commentId: issue.evidenceCommentId, reason };
  }
  return { kind: 'update', ...base, body: updateManagedText(issue.body, { state }, false), ...(newTitle ? { newTitle } : {}), reason };
}

/** How the worklog says a retitle for a title that came from a piece. */
export function retitled(newTitle: string, oldTitle: string, why: string): string {
  return `retitled ${newTitle} (its title, ${oldTitle}, ${why})`;
}
