// The fake repository's memory and the JSON shapes GitHub answers with (trimmed to the fields that
// clients read, spelled as the REST description spells them).
import { createHash } from 'node:crypto';

export interface Actor {
  login: string;
  type: 'User' | 'Bot';
}

export interface StoredIssue {
  number: number;
  title: string;
  body: string | null;
  user: Actor;
  labels: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  viaApp: boolean;
  isPullRequest: boolean;
  /** For the search lag: when, and at which request count, the issue was written. */
  createdAtMs: number;
  createdAtRequest: number;
}

export interface StoredComment {
  id: number;
  issue: number;
  body: string;
  user: Actor;
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface StoredLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface StoredFile {
  content: Buffer;
  sha: string;
}

export interface AppIdentity {
  id: number;
  slug: string;
  owner: string;
}

export class RepoState {
  readonly issues = new Map<number, StoredIssue>();
  readonly comments = new Map<number, StoredComment>();
  readonly labels = new Map<string, StoredLabel>();
  readonly files = new Map<string, StoredFile>();
  nextNumber = 1;
  nextCommentId = 1001;
  nextLabelId = 501;
  commits = 0;

  constructor(
    readonly owner: string,
    readonly repo: string,
    readonly app: AppIdentity,
    readonly apiBase: () => string,
    readonly htmlBase: string,
  ) {}

  get botLogin(): string {
    return `${this.app.slug}[bot]`;
  }

  label(name: string): StoredLabel | undefined {
    return this.labels.get(name.toLowerCase());
  }

  ensureLabel(name: string, color = 'ededed', description: string | null = null): StoredLabel {
    const existing = this.label(name);
    if (existing) return existing;
    const label = { id: this.nextLabelId++, name, color, description };
    this.labels.set(name.toLowerCase(), label);
    return label;
  }

  issueJson(issue: StoredIssue): Record<string, unknown> {
    const api = `${this.apiBase()}/repos/${this.owner}/${this.repo}`;
    const html = `${this.htmlBase}/${this.owner}/${this.repo}/${issue.isPullRequest ? 'pull' : 'issues'}/${issue.number}`;
    return {
      id: 100000 + issue.number,
      node_id: `I_${issue.number}`,
      url: `${api}/issues/${issue.number}`,
      repository_url: api,
      labels_url: `${api}/issues/${issue.number}/labels{/name}`,
      comments_url: `${api}/issues/${issue.number}/comments`,
      events_url: `${api}/issues/${issue.number}/events`,
      html_url: html,
      number: issue.number,
      state: issue.state,
      state_reason: issue.stateReason,
      title: issue.title,
      body: issue.body,
      user: this.userJson(issue.user),
      labels: issue.labels.map((name) => this.labelJson(this.ensureLabel(name))),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: [...this.comments.values()].filter((c) => c.issue === issue.number).length,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      author_association: issue.user.type === 'Bot' ? 'NONE' : 'MEMBER',
      performed_via_github_app: issue.viaApp ? this.appJson() : null,
      ...(issue.isPullRequest ? { pull_request: { url: `${api}/pulls/${issue.number}`, html_url: html, diff_url: null, patch_url: null } } : {}),
    };
  }

  commentJson(comment: StoredComment): Record<string, unknown> {
    const api = `${this.apiBase()}/repos/${this.owner}/${this.repo}`;
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      url: `${api}/issues/comments/${comment.id}`,
      html_url: `${this.htmlBase}/${this.owner}/${this.repo}/issues/${comment.issue}#issuecomment-${comment.id}`,
      issue_url: `${api}/issues/${comment.issue}`,
      body: comment.body,
      user: this.userJson(comment.user),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
      performed_via_github_app: comment.viaApp ? this.appJson() : null,
    };
  }

  labelJson(label: StoredLabel): Record<string, unknown> {
    return {
      id: label.id,
      node_id: `LA_${label.id}`,
      url: `${this.apiBase()}/repos/${this.owner}/${this.repo}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      color: label.color,
      description: label.description,
      default: false,
    };
  }

  userJson(actor: Actor): Record<string, unknown> {
    const id = [...actor.login].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000, 7);
    return {
      login: actor.login,
      id,
      node_id: `U_${id}`,
      type: actor.type,
      site_admin: false,
      html_url: `${this.htmlBase}/${actor.login.replace('[bot]', '')}`,
    };
  }

  appJson(): Record<string, unknown> {
    return {
      id: this.app.id,
      slug: this.app.slug,
      node_id: `A_${this.app.id}`,
      name: this.app.slug,
      owner: this.userJson({ login: this.app.owner, type: 'User' }),
      description: 'GitHub-shaped test app',
      external_url: this.htmlBase,
      html_url: `${this.htmlBase}/apps/${this.app.slug}`,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
      permissions: { issues: 'write', contents: 'write', metadata: 'read' },
      events: [],
    };
  }
}

/** Git's blob id, as the contents API reports it. */
export function blobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
