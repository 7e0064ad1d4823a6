// A stateful, GitHub-shaped REST server for tests: one repository, one GitHub App installed on it,
// real App JWT checks and installation tokens, issues/comments/labels/search/contents, injected
// faults, and a journal of every request checked against GitHub's published REST description.
import { randomBytes, createPublicKey } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAppJwt } from './jwt-check.js';
import type { FakeGitHub, FakeGitHubOptions, JournalEntry } from './fake-github.js';
import { FaultQueue } from './fault-queue.js';
import { RepoState, type Actor } from './repo-state.js';
import { checkRequest } from './rest-description.js';
import { json, notFound, type Reply, type Route, type RouteContext } from './route.js';
import { issueRoutes } from './routes-issues.js';
import { searchContentsRoutes, type SearchLag } from './routes-search-contents.js';

export type { Fault, FakeGitHub, FakeGitHubOptions, IssueSeed, JournalEntry } from './fake-github.js';

const PERSON: Actor = { login: 'octocat', type: 'User' };

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const [owner, repo] = options.repository.split('/') as [string, string];
  const publicKey = typeof options.publicKey === 'string' ? createPublicKey(options.publicKey) : options.publicKey;
  const appSlug = options.appSlug ?? 'log-gardener-test';
  const installationId = options.installationId ?? 4242;
  let installed = options.installed ?? true;
  let base = '';
  const state = new RepoState(owner, repo, { id: options.appId, slug: appSlug, owner }, () => base, 'https://github.com');
  let lag: SearchLag = { ms: options.searchLag?.ms ?? 0, requests: options.searchLag?.requests ?? 0 };
  const tokens = new Map<string, number>();
  const faults = new FaultQueue();
  const journal: JournalEntry[] = [];
  let requestCount = 0;

  const appRoutes: Route[] = [
    { method: 'GET', template: '/app', auth: 'jwt', handle: () => json(200, state.appJson()) },
    {
      method: 'GET', template: '/repos/{owner}/{repo}/installation', auth: 'jwt',
      handle: (ctx) => (installed && ctx.params.owner === owner && ctx.params.repo === repo ? json(200, installationJson()) : notFound()),
    },
    {
      method: 'POST', template: '/app/installations/{installation_id}/access_tokens', auth: 'jwt',
      handle(ctx) {
        if (!installed || Number(ctx.params.installation_id) !== installationId) return notFound();
        const token = `ghs_${randomBytes(18).toString('base64url')}`;
        tokens.set(token, ctx.nowMs + 3600_000);
        return json(201, {
          token,
          expires_at: new Date(ctx.nowMs + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          permissions: { issues: 'write', contents: 'write', metadata: 'read' },
          repository_selection: 'selected',
        });
      },
    },
  ];
  const routes = [...appRoutes, ...issueRoutes(state), ...searchContentsRoutes(state, () => lag)].map((r) => ({ ...r, pattern: routePattern(r.template) }));

  function installationJson(): Record<string, unknown> {
    return {
      id: installationId,
      account: state.userJson({ login: owner, type: 'User' }),
      app_id: options.appId,
      app_slug: appSlug,
      target_type: 'User',
      repository_selection: 'selected',
      permissions: { issues: 'write', contents: 'write', metadata: 'read' },
      events: [],
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
    };
  }

  function authorize(route: Route, header: string | undefined, nowMs: number): Reply | null {
    const match = /^(bearer|token)\s+(\S+)$/i.exec(header ?? '');
    if (!match) return json(401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' });
    const credential = match[2]!;
    if (route.auth === 'jwt') {
      const verdict = checkAppJwt(credential, options.appId, publicKey, Math.floor(nowMs / 1000));
      return verdict.ok ? null : json(401, { message: verdict.reason, documentation_url: 'https://docs.github.com/rest' });
    }
    const expires = tokens.get(credential);
    if (expires === undefined || expires <= nowMs) return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = raw.toString('utf8');
    }
    const seq = ++requestCount;
    const nowMs = Date.now();
    const path = url.pathname;
    const conformance = checkRequest(method, path, url.searchParams, body);
    let route: (typeof routes)[number] | undefined;
    let params: Record<string, string> = {};
    for (const r of routes) {
      const m = r.method === method ? r.pattern.exec(path) : null;
      if (m) {
        route = r;
        params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
        break;
      }
    }
    const isAuth = /^\/app\/installations\/[^/]+\/access_tokens$/.test(path);
    const write = method !== 'GET' && method !== 'HEAD' && !isAuth;
    let reply: Reply;
    let faulted = false;
    const before = faults.take(method, path, false);
    if (before) {
      reply = before;
      faulted = true;
    } else if (!route) {
      reply = notFound();
    } else {
      const denied = authorize(route, req.headers.authorization, nowMs);
      const ctx: RouteContext = { params, query: url.searchParams, body, url, requestCount: seq, nowMs };
      reply = denied ?? route.handle(ctx);
      const after = !denied && reply.status < 400 ? faults.take(method, path, true) : null;
      if (after) {
        reply = after;
        faulted = true;
      }
    }
    journal.push({
      seq, method, path, query: Object.fromEntries(url.searchParams), body, status: reply.status,
      route: conformance.route, conforms: conformance.problems.length === 0, problems: conformance.problems, write, faulted,
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(nowMs / 1000) + 3600),
      ...(reply.headers ?? {}),
    };
    res.writeHead(reply.status, headers);
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `fake server error: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    appId: options.appId,
    appSlug,
    botLogin: state.botLogin,
    installationId,
    state,
    journal,
    writes: () => journal.filter((e) => e.write),
    nonConforming: () => journal.filter((e) => !e.conforms),
    clearJournal: () => void journal.splice(0),
    injectFault: (fault) => faults.add(fault),
    setSearchLag: (next) => void (lag = { ...lag, ...next }),
    setInstalled: (value) => void (installed = value),
    seedIssue(seed) {
      const number = state.nextNumber++;
      const author = seed.author ?? PERSON;
      const created = seed.createdAt ?? '2025-01-01T00:00:00Z';
      const closed = (seed.state ?? 'open') === 'closed';
      (seed.labels ?? []).forEach((l) => state.ensureLabel(l));
      state.issues.set(number, {
        number, title: seed.title, body: seed.body ?? null, user: author, labels: [...(seed.labels ?? [])],
        state: closed ? 'closed' : 'open', stateReason: seed.stateReason ?? (closed ? 'completed' : null),
        createdAt: created, updatedAt: created, closedAt: closed ? (seed.closedAt ?? created) : null,
        viaApp: seed.viaApp ?? author.login === state.botLogin, isPullRequest: seed.pullRequest ?? false,
        createdAtMs: seed.indexed === false ? Date.now() : 0, createdAtRequest: seed.indexed === false ? requestCount : -1e9,
      });
      return number;
    },
    seedComment(issue, text, author = PERSON) {
      const id = state.nextCommentId++;
      state.comments.set(id, { id, issue, body: text, user: author, viaApp: author.login === state.botLogin, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' });
      return id;
    },
    seedLabel: (name, color, description) => void state.ensureLabel(name, color, description ?? null),
    issue: (n) => state.issues.get(n),
    issues: () => [...state.issues.values()],
    comments: (n) => [...state.comments.values()].filter((c) => c.issue === n),
    file: (p) => state.files.get(p)?.content.toString('utf8'),
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((e) => (e ? reject(e) : resolve()));
    }),
  };
}

function routePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (part === '{path}') return '(?<path>.+)';
      const param = /^\{([^}]+)\}$/.exec(part);
      if (param) return `(?<${param[1]}>[^/]+)`;
      return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
