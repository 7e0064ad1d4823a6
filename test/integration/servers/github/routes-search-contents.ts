// Issue search (with the index lag that makes bots file duplicates) and the contents API.
import { blobSha, type RepoState, type StoredIssue } from './repo-state.js';
import { json, notFound, paginate, validationFailed, type Route, type RouteContext } from './route.js';

export interface SearchLag {
  /** Issues younger than this are not in the index yet. */
  ms: number;
  /** Issues created fewer than this many requests ago are not in the index yet. */
  requests: number;
}

export function searchContentsRoutes(state: RepoState, lag: () => SearchLag): Route[] {
  return [
    {
      method: 'GET', template: '/search/issues', auth: 'token',
      handle(ctx) {
        const q = ctx.query.get('q');
        if (!q) return validationFailed('Validation Failed', [{ resource: 'Search', field: 'q', code: 'missing' }]);
        const match = compileQuery(q, `${state.owner}/${state.repo}`);
        const { ms, requests } = lag();
        const items = [...state.issues.values()]
          .filter((i) => ctx.nowMs - i.createdAtMs >= ms && ctx.requestCount - i.createdAtRequest > requests)
          .filter(match)
          .sort((a, b) => b.number - a.number);
        const { page, headers } = paginate(ctx, items);
        return json(200, { total_count: items.length, incomplete_results: false, items: page.map((i) => ({ ...state.issueJson(i), score: 1 })) }, headers);
      },
    },
    {
      method: 'GET', template: '/repos/{owner}/{repo}/contents/{path}', auth: 'token',
      handle(ctx) {
        const path = ctx.params.path!;
        const file = state.files.get(path);
        if (!file) return notFound();
        return json(200, { type: 'file', encoding: 'base64', size: file.content.length, ...fileJson(state, path, file.sha), content: file.content.toString('base64') });
      },
    },
    {
      method: 'PUT', template: '/repos/{owner}/{repo}/contents/{path}', auth: 'token',
      handle(ctx) {
        const path = ctx.params.path!;
        const body = (typeof ctx.body === 'object' && ctx.body !== null ? ctx.body : {}) as Record<string, unknown>;
        if (typeof body.message !== 'string' || typeof body.content !== 'string') {
          return validationFailed('Invalid request.\n\n"message" and "content" are required.');
        }
        const existing = state.files.get(path);
        if (existing && body.sha === undefined) return validationFailed('Invalid request.\n\n"sha" wasn\'t supplied.');
        if (existing && body.sha !== existing.sha) {
          return json(409, { message: `${path} does not match ${String(body.sha)}`, documentation_url: 'https://docs.github.com/rest' });
        }
        if (!existing && body.sha !== undefined) return json(409, { message: `${path} does not exist`, documentation_url: 'https://docs.github.com/rest' });
        const content = Buffer.from(body.content, 'base64');
        const sha = blobSha(content);
        state.files.set(path, { content, sha });
        state.commits++;
        const commitSha = blobSha(Buffer.from(`commit ${state.commits} ${String(body.message)}`));
        return json(existing ? 200 : 201, {
          content: { type: 'file', size: content.length, ...fileJson(state, path, sha) },
          commit: { sha: commitSha, message: body.message, html_url: `${state.htmlBase}/${state.owner}/${state.repo}/commit/${commitSha}` },
        });
      },
    },
  ];
}

function fileJson(state: RepoState, path: string, sha: string): Record<string, unknown> {
  return {
    name: path.split('/').pop(),
    path,
    sha,
    url: `${state.apiBase()}/repos/${state.owner}/${state.repo}/contents/${path}`,
    html_url: `${state.htmlBase}/${state.owner}/${state.repo}/blob/main/${path}`,
    git_url: null,
    download_url: null,
  };
}

/**
 * A small reading of GitHub's issue search syntax: qualifiers (repo:, is:, label:, -label:, state:)
 * and free text, quoted phrases kept whole; every term must appear in the title or the body.
 */
export function compileQuery(q: string, fullName: string): (issue: StoredIssue) => boolean {
  const tokens = q.match(/-?[a-z]+:"[^"]*"|-?[a-z]+:\S+|"[^"]*"|\S+/gi) ?? [];
  const tests: Array<(i: StoredIssue) => boolean> = [];
  for (const token of tokens) {
    const qualifier = /^(-?)([a-z]+):"?([^"]*)"?$/i.exec(token);
    if (qualifier) {
      const [, neg, key, value] = qualifier as unknown as [string, string, string, string];
      const v = value.toLowerCase();
      let test: ((i: StoredIssue) => boolean) | null = null;
      if (key === 'repo') test = () => v === fullName.toLowerCase();
      else if (key === 'is' && (v === 'issue' || v === 'pr')) test = (i) => i.isPullRequest === (v === 'pr');
      else if ((key === 'is' || key === 'state') && (v === 'open' || v === 'closed')) test = (i) => i.state === v;
      else if (key === 'label') test = (i) => i.labels.some((l) => l.toLowerCase() === v);
      else if (key === 'in') continue;
      if (test) {
        const t = test;
        tests.push(neg ? (i) => !t(i) : t);
        continue;
      }
    }
    // Search matches words, not punctuation: compare word sequences.
    const term = words(token.replace(/^"|"$/g, ''));
    if (term) tests.push((i) => ` ${words(`${i.title}\n${i.body ?? ''}`)} `.includes(` ${term} `));
  }
  return (issue) => tests.every((t) => t(issue));
}

function words(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}_]+/gu, ' ').trim();
}
