// Carries actions out on an in-memory repository, as GitHub would, so that plan tests can run one
// sweep after another (rerun, crash and rerun) and read the issues back as the adapter reads them.
import { isEvidenceComment, parseStateBlock } from '../../../src/render/index.js';
import type { Action, TrackedIssue } from '../../../src/shared/types.js';

const WRITES = new Set(['create', 'comment', 'update', 'reopen', 'relabel']);

export class SimulatedGitHub {
  private next = 100;
  readonly writes: Action[] = [];
  constructor(readonly issues: TrackedIssue[] = []) {
    for (const i of issues) this.next = Math.max(this.next, i.number + 1);
  }

  /** Applies the first `limit` writes (a crash after them), all by default. */
  apply(actions: Action[], limit = Infinity, at = Date.parse('2025-09-11T18:00:00Z')): void {
    let done = 0;
    for (const a of actions) {
      if (!WRITES.has(a.kind)) continue;
      if (done++ >= limit) return;
      this.writes.push(a);
      this.one(a, at);
    }
  }

  private one(a: Action, at: number): void {
    if (a.kind === 'create') {
      const n = this.next++;
      this.issues.push({
        number: n, title: a.title, url: `https://github.com/acme/backend/issues/${n}`, state: 'open', stateReason: null,
        closedAt: null, labels: [...(a.labels ?? [])], author: 'log-gardener[bot]', authorIsGardener: true, body: a.body ?? '',
        state_block: null, evidenceCommentId: null, evidenceCommentBody: null,
      });
      return;
    }
    const issue = this.issues.find((i) => i.number === a.issue);
    if (!issue) throw new Error(`no issue #${a.issue}`);
    if (a.kind === 'update') {
      issue.body = a.body ?? issue.body;
      if (a.newTitle) issue.title = a.newTitle;
    } else if (a.kind === 'comment') {
      if (!isEvidenceComment(a.body)) throw new Error('evidence comment without its marker');
      issue.evidenceCommentBody = a.body ?? null;
      issue.evidenceCommentId = a.commentId ?? 9000 + issue.number;
    } else if (a.kind === 'reopen') {
      issue.state = 'open';
      issue.stateReason = 'reopened';
      issue.closedAt = null;
      if (a.newTitle) issue.title = a.newTitle;
    } else if (a.kind === 'relabel') {
      issue.labels = [...issue.labels.filter((l) => !(a.removeLabels ?? []).includes(l)), ...(a.labels ?? []).filter((l) => !issue.labels.includes(l))];
      if (a.newTitle) issue.title = a.newTitle;
    }
    void at;
  }

  /** What the adapter's listManaged returns: labelled issues, state from the evidence comment or the body. */
  managed(label = 'log-gardener'): TrackedIssue[] {
    return this.issues
      .filter((i) => i.labels.includes(label))
      .map((i) => ({ ...i, labels: [...i.labels], state_block: parseStateBlock(i.evidenceCommentBody) ?? parseStateBlock(i.body) }));
  }
}

export function writesOf(actions: Action[]): Action[] {
  return actions.filter((a) => WRITES.has(a.kind));
}
