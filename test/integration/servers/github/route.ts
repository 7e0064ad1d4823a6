// What a fake route receives and answers, and GitHub's page + Link header convention.

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The full request URL (for Link headers). */
  url: URL;
  /** How many requests the server has seen, this one included (for the search lag). */
  requestCount: number;
  nowMs: number;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  /** Path template in the REST description's spelling, e.g. /repos/{owner}/{repo}/issues. */
  template: string;
  /** 'jwt': the App authenticates as itself; 'token': an installation token is required. */
  auth: 'jwt' | 'token';
  handle(ctx: RouteContext): Reply;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, ...(headers ? { headers } : {}) };
}

export function notFound(): Reply {
  return json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
}

export function validationFailed(message: string, errors: unknown[] = []): Reply {
  return json(422, { message, errors, documentation_url: 'https://docs.github.com/rest' });
}

/** One page of `items` per `per_page` (default 30, at most 100) and `page`, with a Link header. */
export function paginate<T>(ctx: RouteContext, items: T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30));
  const pageNo = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const page = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  const link = (n: number, rel: string): string => {
    const u = new URL(ctx.url.toString());
    u.searchParams.set('page', String(n));
    u.searchParams.set('per_page', String(perPage));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const rels: string[] = [];
  if (pageNo > 1) rels.push(link(pageNo - 1, 'prev'), link(1, 'first'));
  if (pageNo < last) rels.push(link(pageNo + 1, 'next'), link(last, 'last'));
  return { page, headers: rels.length ? { link: rels.join(', ') } : {} };
}
