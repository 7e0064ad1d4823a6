// Reads the gardener's state from GitHub: every issue with the managed label, open and closed, all
// pages, with the hidden state block from the body or, on a person's issue, from the gardener's one
// evidence comment (the only issues whose comments are read).
// Never through search: the search index lags behind writes, and that lag is how bots file twins.
import { EVIDENCE_MARKER, parseStateBlock } from '../render/index.js';
import type { TrackedIssue } from '../shared/types.js';
import type { GitHubClient } from './app-client.js';
import { allPages, PER_PAGE } from './paginate.js';
import type { RunMemory } from './run-memory.js';

export interface IssueJson {
  number: number;
  title: string;
  html_url: string;
  state: string;
  state_reason?: string | null;
  closed_at: string | null;
  labels: Array<string | { name?: string }>;
  user: { login: string; type: string } | null;
  body?: string | null;
  pull_request?: unknown;
  comments: number;
  performed_via_github_app?: { id: number } | null;
}

export interface CommentJson {
  id: number | bigint;
  body?: string;
  user: { login: string; type: string } | null;
  performed_via_github_app?: { id: number } | null;
}

export async function listManagedIssues(client: GitHubClient, memory: RunMemory): Promise<TrackedIssue[]> {
  const { octokit, owner, repo } = client;
  const issues = await allPages<IssueJson>((page) =>
    octokit.request('GET /repos/{owner}/{repo}/issues', {
      owner, repo, labels: client.managedLabel, state: 'all', sort: 'created', direction: 'asc', per_page: PER_PAGE, page,
    }),
  );
  const tracked: TrackedIssue[] = [];
  for (const issue of issues) {
    if (issue.pull_request) continue;
    const read = needsComments(client, issue);
    const evidence = read ? await findEvidenceComment(client, issue.number) : null;
    if (read || issue.comments === 0) memory.commentsKnown.add(issue.number);
    memory.published.set(issue.number, [issue.title, issue.body ?? '', evidence?.body ?? ''].join('\n'));
    if (evidence) memory.evidence.set(issue.number, evidence);
    else memory.evidence.delete(issue.number);
    const item = toTrackedIssue(client, issue, evidence);
    tracked.push(item);
    remember(memory, item);
  }
  memory.managedListed = true;
  return tracked;
}

/**
 * Whether the issue's state may live in a comment. The gardener keeps the state of an issue it filed
 * in the body and never adds an evidence comment to its own issue (plan/tracked-issue), so the
 * listing already carries everything: one request per 100 issues instead of one more per issue that
 * people talked on. A person's issue (adopted) keeps it in the gardener's one evidence comment.
 */
function needsComments(client: GitHubClient, issue: IssueJson): boolean {
  if (issue.comments === 0) return false;
  return !isGardener(client, issue.user, issue.performed_via_github_app) || parseStateBlock(issue.body) === null;
}

/** The gardener's own comment carrying the evidence marker (the oldest, should a crash have left two). */
export async function findEvidenceComment(client: GitHubClient, issue: number): Promise<{ id: number; body: string } | null> {
  const { octokit, owner, repo } = client;
  const comments = await allPages<CommentJson>((page) =>
    octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: issue, per_page: PER_PAGE, page }),
  );
  const ours = comments.find((c) => (c.body ?? '').includes(EVIDENCE_MARKER) && isGardener(client, c.user, c.performed_via_github_app));
  return ours ? { id: Number(ours.id), body: ours.body ?? '' } : null;
}

export function toTrackedIssue(client: GitHubClient, issue: IssueJson, evidence: { id: number; body: string } | null): TrackedIssue {
  const body = issue.body ?? '';
  return {
    number: issue.number,
    title: issue.title,
    url: issue.html_url,
    state: issue.state === 'closed' ? 'closed' : 'open',
    stateReason: issue.state_reason ?? null,
    closedAt: issue.closed_at,
    labels: issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
    author: issue.user?.login ?? '',
    authorIsGardener: isGardener(client, issue.user, issue.performed_via_github_app),
    body,
    // The evidence comment is rewritten every sweep, so its block is the fresher one when both exist.
    state_block: parseStateBlock(evidence?.body) ?? parseStateBlock(body),
    evidenceCommentId: evidence?.id ?? null,
    evidenceCommentBody: evidence?.body ?? null,
  };
}

export function remember(memory: RunMemory, issue: TrackedIssue): void {
  const block = issue.state_block;
  if (!block) return;
  for (const id of [block.clusterId, ...block.aliases]) {
    if (!memory.issueByCluster.has(id)) memory.issueByCluster.set(id, { number: issue.number, url: issue.url });
  }
}

function isGardener(
  client: GitHubClient,
  user: { login: string; type: string } | null,
  app: { id: number } | null | undefined,
): boolean {
  return (client.botLogin !== null && user?.type === 'Bot' && user.login === client.botLogin) || app?.id === client.appId;
}
