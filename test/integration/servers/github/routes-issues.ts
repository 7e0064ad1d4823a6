// Issues, comments and labels of the one fake repository. Writes are made by the App's bot.
import type { RepoState, StoredIssue } from './repo-state.js';
import { json, notFound, paginate, validationFailed, type Route, type RouteContext } from './route.js';

const REPO = '/repos/{owner}/{repo}';

export function issueRoutes(state: RepoState): Route[] {
  const bot = () => ({ login: state.botLogin, type: 'Bot' as const });
  const iso = (ctx: RouteContext) => new Date(ctx.nowMs).toISOString();
  const issueOf = (ctx: RouteContext): StoredIssue | undefined => state.issues.get(Number(ctx.params.issue_number));
  const obj = (body: unknown): Record<string, unknown> =>
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

  return [
    {
      method: 'GET', template: `${REPO}/issues`, auth: 'token',
      handle(ctx) {
        const wanted = (ctx.query.get('labels') ?? '').split(',').map((l) => l.trim().toLowerCase()).filter(Boolean);
        const st = ctx.query.get('state') ?? 'open';
        const direction = ctx.query.get('direction') ?? 'desc';
        const items = [...state.issues.values()]
          .filter((i) => st === 'all' || i.state === st)
          .filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
          .sort((a, b) => (direction === 'asc' ? a.number - b.number : b.number - a.number));
        const { page, headers } = paginate(ctx, items);
        return json(200, page.map((i) => state.issueJson(i)), headers);
      },
    },
    {
      method: 'POST', template: `${REPO}/issues`, auth: 'token',
      handle(ctx) {
        const body = obj(ctx.body);
        if (typeof body.title !== 'string' || body.title.trim() === '') {
          return validationFailed('Validation Failed', [{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
        }
        if (typeof body.body === 'string' && body.body.length > 65536) {
          return validationFailed('Validation Failed', [{ resource: 'Issue', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }]);
        }
        const labels = Array.isArray(body.labels) ? body.labels.map(String) : [];
        labels.forEach((l) => state.ensureLabel(l));
        const now = iso(ctx);
        const issue: StoredIssue = {
          number: state.nextNumber++, title: body.title, body: typeof body.body === 'string' ? body.body : null,
          user: bot(), labels, state: 'open', stateReason: null, createdAt: now, updatedAt: now, closedAt: null,
          viaApp: true, isPullRequest: false, createdAtMs: ctx.nowMs, createdAtRequest: ctx.requestCount,
        };
        state.issues.set(issue.number, issue);
        return json(201, state.issueJson(issue), { location: `${state.apiBase()}/repos/${state.owner}/${state.repo}/issues/${issue.number}` });
      },
    },
    {
      method: 'GET', template: `${REPO}/issues/{issue_number}`, auth: 'token',
      handle(ctx) {
        const issue = issueOf(ctx);
        return issue ? json(200, state.issueJson(issue)) : notFound();
      },
    },
    {
      method: 'PATCH', template: `${REPO}/issues/{issue_number}`, auth: 'token',
      handle(ctx) {
        const issue = issueOf(ctx);
        if (!issue) return notFound();
        const body = obj(ctx.body);
        if (typeof body.body === 'string' && body.body.length > 65536) {
          return validationFailed('Validation Failed', [{ resource: 'Issue', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }]);
        }
        if (typeof body.title === 'string') issue.title = body.title;
        if (typeof body.body === 'string' || body.body === null) issue.body = body.body;
        if (Array.isArray(body.labels)) issue.labels = body.labels.map(String);
        if (body.state === 'open' && issue.state === 'closed') {
          issue.state = 'open';
          issue.closedAt = null;
          issue.stateReason = body.state_reason === null ? null : 'reopened';
        } else if (body.state === 'closed' && issue.state === 'open') {
          issue.state = 'closed';
          issue.closedAt = iso(ctx);
          issue.stateReason = body.state_reason === 'not_planned' ? 'not_planned' : 'completed';
        }
        issue.updatedAt = iso(ctx);
        return json(200, state.issueJson(issue));
      },
    },
    {
      method: 'GET', template: `${REPO}/issues/{issue_number}/comments`, auth: 'token',
      handle(ctx) {
        if (!issueOf(ctx)) return notFound();
        const items = [...state.comments.values()].filter((c) => c.issue === Number(ctx.params.issue_number));
        const { page, headers } = paginate(ctx, items);
        return json(200, page.map((c) => state.commentJson(c)), headers);
      },
    },
    {
      method: 'POST', template: `${REPO}/issues/{issue_number}/comments`, auth: 'token',
      handle(ctx) {
        const issue = issueOf(ctx);
        if (!issue) return notFound();
        const body = obj(ctx.body);
        if (typeof body.body !== 'string' || body.body === '') return validationFailed('Validation Failed');
        if (body.body.length > 65536) return validationFailed('Validation Failed', [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }]);
        const now = iso(ctx);
        const comment = { id: state.nextCommentId++, issue: issue.number, body: body.body, user: bot(), viaApp: true, createdAt: now, updatedAt: now };
        state.comments.set(comment.id, comment);
        issue.updatedAt = now;
        return json(201, state.commentJson(comment));
      },
    },
    {
      method: 'GET', template: `${REPO}/issues/comments/{comment_id}`, auth: 'token',
      handle(ctx) {
        const comment = state.comments.get(Number(ctx.params.comment_id));
        return comment ? json(200, state.commentJson(comment)) : notFound();
      },
    },
    {
      method: 'PATCH', template: `${REPO}/issues/comments/{comment_id}`, auth: 'token',
      handle(ctx) {
        const comment = state.comments.get(Number(ctx.params.comment_id));
        if (!comment) return notFound();
        const body = obj(ctx.body);
        if (typeof body.body !== 'string') return validationFailed('Validation Failed');
        if (body.body.length > 65536) return validationFailed('Validation Failed');
        comment.body = body.body;
        comment.updatedAt = iso(ctx);
        return json(200, state.commentJson(comment));
      },
    },
    {
      method: 'POST', template: `${REPO}/issues/{issue_number}/labels`, auth: 'token',
      handle(ctx) {
        const issue = issueOf(ctx);
        if (!issue) return notFound();
        const body = ctx.body;
        const names = Array.isArray(body) ? body : Array.isArray(obj(body).labels) ? (obj(body).labels as unknown[]) : [];
        for (const raw of names) {
          const name = typeof raw === 'string' ? raw : String(obj(raw).name ?? '');
          if (!name) continue;
          const label = state.ensureLabel(name);
          if (!issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) issue.labels.push(label.name);
        }
        issue.updatedAt = iso(ctx);
        return json(200, issue.labels.map((l) => state.labelJson(state.ensureLabel(l))));
      },
    },
    {
      method: 'DELETE', template: `${REPO}/issues/{issue_number}/labels/{name}`, auth: 'token',
      handle(ctx) {
        const issue = issueOf(ctx);
        if (!issue) return notFound();
        const name = ctx.params.name!.toLowerCase();
        if (!issue.labels.some((l) => l.toLowerCase() === name)) {
          return json(404, { message: 'Label does not exist', documentation_url: 'https://docs.github.com/rest' });
        }
        issue.labels = issue.labels.filter((l) => l.toLowerCase() !== name);
        issue.updatedAt = iso(ctx);
        return json(200, issue.labels.map((l) => state.labelJson(state.ensureLabel(l))));
      },
    },
    {
      method: 'GET', template: `${REPO}/labels`, auth: 'token',
      handle(ctx) {
        const { page, headers } = paginate(ctx, [...state.labels.values()]);
        return json(200, page.map((l) => state.labelJson(l)), headers);
      },
    },
    {
      method: 'POST', template: `${REPO}/labels`, auth: 'token',
      handle(ctx) {
        const body = obj(ctx.body);
        if (typeof body.name !== 'string' || body.name === '') return validationFailed('Validation Failed');
        if (state.label(body.name)) {
          return validationFailed('Validation Failed', [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
        }
        const label = state.ensureLabel(
          body.name,
          typeof body.color === 'string' ? body.color.replace(/^#/, '') : 'ededed',
          typeof body.description === 'string' ? body.description : null,
        );
        return json(201, state.labelJson(label));
      },
    },
  ];
}
