// Carries out one planned action, and only that: the decisions were made by plan(). What lives here
// is the care a write needs: labels exist, a body fits, and no second issue or evidence comment is
// made for what already has one (a rerun after a crash, or a write whose answer was lost).
import { parseStateBlock } from '../render/index.js';
import { GitHubError, oneLine } from '../shared/errors.js';
import type { Action, ActionResult } from '../shared/types.js';
import type { GitHubClient } from './app-client.js';
import { describeFailure, statusOf } from './describe-failure.js';
import { ensureLabels } from './ensure-labels.js';
import { EVIDENCE_MARKER } from '../render/index.js';
import { limitBody } from './limit-body.js';
import { findEvidenceComment, listManagedIssues } from './read-issues.js';
import type { RunMemory } from './run-memory.js';

/** A write whose outcome is unknown: it may have landed before the connection or the server failed. */
const uncertain = (error: unknown): boolean =>
  !(error instanceof GitHubError && !error.retryable) && (statusOf(error) === 0 || statusOf(error) >= 500);
/** Writes that must not be repeated blindly are sent once; apply looks before trying again. */
const ONCE = { request: { retries: 0 } } as const;
/** What the issue already shows on GitHub, for the last outgoing check (see RunMemory.published). */
const publishedOn = (memory: RunMemory, issue: number) => ({ published: memory.published.get(issue) ?? '' });

export async function applyAction(client: GitHubClient, memory: RunMemory, action: Action): Promise<ActionResult> {
  try {
    switch (action.kind) {
      case 'none':
        return { ...action, status: 'done' };
      case 'create':
        return await create(client, memory, action);
      case 'comment':
        return await comment(client, memory, action);
      case 'update':
        return await patchIssue(client, memory, action, updateFields(action));
      case 'reopen':
        return await patchIssue(client, memory, action, { state: 'open', state_reason: 'reopened' });
      case 'relabel':
        return await relabel(client, memory, action);
      case 'link':
        // A link usually travels in the text written with the evidence; a body here is sent as is.
        if (action.body === undefined) return skipped(action, null, 'the link is written with the evidence');
        return action.commentId !== undefined
          ? await editComment(client, memory, action, action.commentId)
          : await patchIssue(client, memory, action, { body: limitBody(action.body) });
    }
  } catch (error) {
    const failure = describeFailure(`${action.kind} ${action.issue ? `#${action.issue}` : `for cluster ${action.cluster}`}`, error, {
      repository: `${client.owner}/${client.repo}`, apiUrl: client.apiUrl, appId: String(client.appId),
    });
    client.logger?.warn({ action: action.kind, cluster: action.cluster, issue: action.issue, status: failure.status }, failure.message);
    return { ...action, status: 'failed', error: oneLine(failure) };
  }
}

async function create(client: GitHubClient, memory: RunMemory, action: Action): Promise<ActionResult> {
  const keys = clusterKeys(action);
  if (!memory.managedListed) await listManagedIssues(client, memory);
  const existing = tracking(memory, keys);
  if (existing) return skipped(action, existing, `#${existing.number} already tracks cluster ${action.cluster}`);
  await ensureLabels(client, memory, action.labels ?? []);
  const { octokit, owner, repo } = client;
  const send = () =>
    octokit.request('POST /repos/{owner}/{repo}/issues', {
      owner, repo, title: action.title, body: limitBody(action.body ?? ''), labels: action.labels ?? [], ...ONCE,
    });
  let response;
  try {
    response = await send();
  } catch (error) {
    if (!uncertain(error)) throw error;
    // The issue may exist although the answer was lost: look (not through search, which lags).
    await listManagedIssues(client, memory);
    const landed = tracking(memory, keys);
    if (landed) return { ...action, issue: landed.number, url: landed.url, status: 'done' };
    response = await send();
  }
  const made = { number: response.data.number, url: response.data.html_url };
  for (const key of keys) memory.issueByCluster.set(key, made);
  memory.commentsKnown.add(made.number);
  return { ...action, issue: made.number, url: made.url, status: 'done' };
}

async function comment(client: GitHubClient, memory: RunMemory, action: Action): Promise<ActionResult> {
  const issue = requireIssue(action);
  const body = limitBody(action.body ?? '');
  if (!body) return skipped(action, null, 'nothing to write');
  if (action.commentId !== undefined) return editComment(client, memory, action, action.commentId);
  if (!body.includes(EVIDENCE_MARKER)) return postComment(client, memory, action, issue, body);
  const existing = await evidenceOf(client, memory, issue);
  if (existing) {
    if (existing.body === body) return skipped(action, null, `the evidence comment on #${issue} is already current`);
    return editComment(client, memory, action, existing.id);
  }
  try {
    return await postComment(client, memory, action, issue, body);
  } catch (error) {
    if (!uncertain(error)) throw error;
    memory.commentsKnown.delete(issue);
    const landed = await evidenceOf(client, memory, issue);
    if (!landed) throw error;
    return landed.body === body ? { ...action, url: urlOf(client, action), status: 'done' } : editComment(client, memory, action, landed.id);
  }
}

async function postComment(client: GitHubClient, memory: RunMemory, action: Action, issue: number, body: string): Promise<ActionResult> {
  const { octokit, owner, repo } = client;
  const response = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    owner, repo, issue_number: issue, body, request: { ...ONCE.request, ...publishedOn(memory, issue) },
  });
  if (body.includes(EVIDENCE_MARKER)) memory.evidence.set(issue, { id: Number(response.data.id), body });
  return { ...action, commentId: Number(response.data.id), url: response.data.html_url, status: 'done' };
}

async function editComment(client: GitHubClient, memory: RunMemory, action: Action, commentId: number): Promise<ActionResult> {
  const issue = requireIssue(action);
  const body = limitBody(action.body ?? '');
  if (!body) return skipped(action, null, 'nothing to write');
  const { octokit, owner, repo } = client;
  try {
    const response = await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner, repo, comment_id: commentId, body, request: publishedOn(memory, issue),
    });
    if (body.includes(EVIDENCE_MARKER)) memory.evidence.set(issue, { id: commentId, body });
    return { ...action, commentId, url: response.data.html_url, status: 'done' };
  } catch (error) {
    // A person deleted the evidence comment: the evidence still belongs on the issue.
    if (statusOf(error) !== 404 || !body.includes(EVIDENCE_MARKER) || action.kind !== 'comment') throw error;
    memory.evidence.delete(issue);
    const { commentId: _gone, ...rest } = action;
    return postComment(client, memory, rest, issue, body);
  }
}

async function patchIssue(client: GitHubClient, memory: RunMemory, action: Action, fields: Record<string, string> | null): Promise<ActionResult> {
  const issue = requireIssue(action);
  if (!fields) return skipped(action, null, 'nothing to write');
  const { octokit, owner, repo } = client;
  const response = await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
    owner, repo, issue_number: issue, ...fields, request: publishedOn(memory, issue),
  });
  return { ...action, url: response.data.html_url, status: 'done' };
}

async function relabel(client: GitHubClient, memory: RunMemory, action: Action): Promise<ActionResult> {
  const issue = requireIssue(action);
  const { octokit, owner, repo } = client;
  const add = action.labels ?? [];
  if (add.length) {
    await ensureLabels(client, memory, add);
    await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { owner, repo, issue_number: issue, labels: add });
  }
  for (const name of action.removeLabels ?? []) {
    try {
      await octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', { owner, repo, issue_number: issue, name });
    } catch (error) {
      // Already gone (a person removed it): the issue is as the plan wants it.
      if (statusOf(error) !== 404) throw error;
    }
  }
  return { ...action, url: urlOf(client, action), status: 'done' };
}

async function evidenceOf(client: GitHubClient, memory: RunMemory, issue: number): Promise<{ id: number; body: string } | null> {
  if (!memory.commentsKnown.has(issue)) {
    const found = await findEvidenceComment(client, issue);
    memory.commentsKnown.add(issue);
    if (found) memory.evidence.set(issue, found);
  }
  return memory.evidence.get(issue) ?? null;
}

/** The plan names a new title only when the title is still the gardener's to change. */
function updateFields(action: Action): Record<string, string> | null {
  const fields: Record<string, string> = {};
  if (action.body !== undefined) fields.body = limitBody(action.body);
  if (action.newTitle) fields.title = action.newTitle;
  return Object.keys(fields).length ? fields : null;
}

function clusterKeys(action: Action): string[] {
  const block = parseStateBlock(action.body);
  return [...new Set([action.cluster, ...(block ? [block.clusterId, ...block.aliases] : [])])];
}

function tracking(memory: RunMemory, keys: string[]): { number: number; url: string } | null {
  for (const key of keys) {
    const hit = memory.issueByCluster.get(key);
    if (hit) return hit;
  }
  return null;
}

function requireIssue(action: Action): number {
  if (action.issue === undefined) throw new Error(`a ${action.kind} action needs an issue number`);
  return action.issue;
}

function urlOf(client: GitHubClient, action: Action): string | undefined {
  return action.url ?? (action.issue !== undefined ? `${client.repositoryUrl}/issues/${action.issue}` : undefined);
}

function skipped(action: Action, issue: { number: number; url: string } | null, why: string): ActionResult {
  return {
    ...action,
    ...(issue ? { issue: issue.number, url: issue.url } : {}),
    status: 'skipped',
    reason: `${action.reason} (skipped: ${why})`,
  };
}
