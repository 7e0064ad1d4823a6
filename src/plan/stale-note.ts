// An open issue whose problem has gone quiet gets one note, in place; it is never closed.
import { isEvidenceComment, renderStaleNote, updateManagedText } from '../render/index.js';
import type { TrackedIssue } from '../shared/types.js';
import type { ActionGroup, PlanContext } from './context.js';
import { iso } from './counts.js';

const DAY_MS = 86_400_000;

export function planStaleNote(issue: TrackedIssue, ctx: PlanContext): ActionGroup | null {
  const days = ctx.input.settings.thresholds.staleAfterDays;
  const S = issue.state_block;
  if (days <= 0 || S === null || issue.state !== 'open' || S.staleNotedAt !== undefined) return null;
  const lastSeen = Date.parse(S.lastSeen);
  if (!(ctx.input.now - lastSeen >= days * DAY_MS)) return null;
  const state = { ...S, staleNotedAt: iso(ctx.input.now) };
  const parts = { note: renderStaleNote(lastSeen, days), state };
  const base = { cluster: S.clusterId, issue: issue.number, title: issue.title, url: issue.url };
  const reason = `not seen since ${S.lastSeen} (${days}+ days): noted once, in place; the issue stays open`;
  const inComment = !issue.authorIsGardener || issue.evidenceCommentId !== null;
  if (inComment) {
    if (issue.evidenceCommentId === null || !isEvidenceComment(issue.evidenceCommentBody)) return null;
    const body = updateManagedText(issue.evidenceCommentBody!, parts, true);
    return { actions: [{ kind: 'comment', ...base, body, commentId: issue.evidenceCommentId, reason }] };
  }
  return { actions: [{ kind: 'update', ...base, body: updateManagedText(issue.body, parts, false), reason }] };
}
