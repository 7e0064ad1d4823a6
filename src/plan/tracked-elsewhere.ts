// An issue whose stored samples land in a cluster another issue tracks: two problems of a past release
// that this classifier reads as one (pieces of a record now joined, one error in two surfaces). It is
// written no evidence and not noted as gone quiet; an open one is told once, in place, which issue
// tracks its problem now, so a person who follows it is not left with an issue that simply stops.
import { isEvidenceComment, renderTrackedInNote, updateManagedText } from '../render/index.js';
import type { Action, Placement, TrackedIssue } from '../shared/types.js';
import type { ActionGroup, PlanContext } from './context.js';
import type { IssueMatch, Matching } from './match-issue.js';

/** How an issue's stored samples were placed in a cluster, in the worklog's words. */
export const PLACED: Record<Placement, string> = {
  whole: 'as they are',
  core: 'by their words, printed another way',
  cut: 'as the start of its records',
  piece: 'as a piece of its records',
};

export function planTrackedElsewhere(issue: TrackedIssue, matching: Matching, ctx: PlanContext): ActionGroup | null {
  for (const { id, placed } of ctx.input.rederived?.get(issue.number) ?? []) {
    const owner = matching.byCluster.get(id);
    if (owner === undefined || owner.issue.number === issue.number) continue;
    const number = owner.issue.number;
    const reason = `same problem as #${number}: its samples land in cluster ${id} (${PLACED[placed]}), which #${number} tracks ${how(owner)}`;
    const base = { cluster: id, issue: issue.number, title: issue.title, url: issue.url };
    const note = noteOnce(issue, number);
    if (note === null) return { actions: [{ kind: 'none', ...base, reason }] };
    return { actions: [{ ...note, ...base, reason: `${reason}; told so once, in place` }] };
  }
  return null;
}

function how(owner: IssueMatch): string {
  if (owner.by === 'rederived' && owner.placed !== undefined) return `(its samples ${PLACED[owner.placed]})`;
  return owner.by === 'id' ? '(by id)' : `(by ${owner.by})`;
}

/**
 * The note on an open issue that the problem is tracked in `owner` now, in the section the gardener
 * keeps (the body, or its evidence comment on a person's issue), with the state recording it: written
 * once, and again only if another issue tracks the problem later. Null: nothing to write.
 */
function noteOnce(issue: TrackedIssue, owner: number): Pick<Action, 'kind' | 'body' | 'commentId'> | null {
  const S = issue.state_block;
  if (S === null || issue.state !== 'open' || S.trackedIn === owner) return null;
  const parts = { note: renderTrackedInNote(owner), state: { ...S, trackedIn: owner } };
  if (!issue.authorIsGardener || issue.evidenceCommentId !== null) {
    if (issue.evidenceCommentId === null || !isEvidenceComment(issue.evidenceCommentBody)) return null;
    return { kind: 'comment', body: updateManagedText(issue.evidenceCommentBody!, parts, true), commentId: issue.evidenceCommentId };
  }
  return { kind: 'update', body: updateManagedText(issue.body, parts, false) };
}
