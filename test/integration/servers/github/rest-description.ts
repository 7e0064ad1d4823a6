// GitHub's published REST description, as @octokit/openapi-types generates it from the official
// OpenAPI document: every path template with its methods, the query parameters each operation
// declares, and the top-level keys of its JSON request body. The fake server checks every request it
// receives against it, so a client that invents a route or a parameter fails the tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface OperationShape {
  id: string;
  /** Declared query parameter names; null when the operation declares none. */
  query: Set<string> | null;
  /** Top-level JSON body keys, or null when the body is not a plain object schema (oneOf, $ref, none). */
  bodyKeys: Set<string> | null;
  requiredBodyKeys: Set<string>;
  hasBody: boolean;
}

export interface RouteShape {
  method: string;
  template: string;
  pattern: RegExp;
  operation: OperationShape;
}

export interface Conformance {
  route: string | null;
  problems: string[];
}

let cached: RouteShape[] | null = null;

export function restRoutes(): RouteShape[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@octokit/openapi-types/package.json'));
  const lines = readFileSync(join(dir, 'types.d.ts'), 'utf8').split('\n');
  const operations = parseOperations(lines);
  cached = parsePaths(lines).map(({ method, template, operationId }) => ({
    method,
    template,
    pattern: templatePattern(template),
    operation: operations.get(operationId) ?? emptyOperation(operationId),
  }));
  return cached;
}

/** Says which published route a request matches and what about it does not conform. */
export function checkRequest(
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): Conformance {
  const candidates = restRoutes().filter((r) => r.method === method && r.pattern.test(path));
  if (candidates.length === 0) return { route: null, problems: [`no published route ${method} ${path}`] };
  // The most literal template wins (…/issues/comments/{id} over …/issues/{issue_number}/{x}).
  candidates.sort((a, b) => literalLength(b.template) - literalLength(a.template));
  const route = candidates[0]!;
  const problems: string[] = [];
  const op = route.operation;
  for (const name of new Set(query.keys())) {
    if (!op.query?.has(name)) problems.push(`query parameter "${name}" is not declared by ${op.id}`);
  }
  if (body !== undefined && body !== null && (method === 'GET' || method === 'HEAD')) {
    problems.push(`${method} with a body`);
  }
  if (body !== undefined && op.bodyKeys && isPlainObject(body)) {
    for (const key of Object.keys(body)) {
      if (!op.bodyKeys.has(key)) problems.push(`body key "${key}" is not declared by ${op.id}`);
    }
    for (const key of op.requiredBodyKeys) {
      if (!(key in body)) problems.push(`required body key "${key}" missing for ${op.id}`);
    }
  }
  return { route: `${route.method} ${route.template}`, problems };
}

function parsePaths(lines: string[]): Array<{ method: string; template: string; operationId: string }> {
  const out: Array<{ method: string; template: string; operationId: string }> = [];
  let i = lines.indexOf('export interface paths {');
  let template: string | null = null;
  for (i++; i < lines.length && lines[i] !== '}'; i++) {
    const line = lines[i]!;
    const path = /^ {2}"(\/[^"]*)": \{$/.exec(line);
    if (path) {
      template = path[1]!;
      continue;
    }
    const op = /^ {4}(get|put|post|delete|patch|head): operations\["([^"]+)"\];$/.exec(line);
    if (op && template) out.push({ method: op[1]!.toUpperCase(), template, operationId: op[2]! });
  }
  return out;
}

function parseOperations(lines: string[]): Map<string, OperationShape> {
  const ops = new Map<string, OperationShape>();
  let i = lines.indexOf('export interface operations {');
  let op: OperationShape | null = null;
  let section: 'query' | 'body' | null = null;
  for (i++; i < lines.length && lines[i] !== '}'; i++) {
    const line = lines[i]!;
    const start = /^ {2}"([^"]+)": \{$/.exec(line);
    if (start) {
      op = emptyOperation(start[1]!);
      ops.set(op.id, op);
      section = null;
      continue;
    }
    if (!op) continue;
    if (/^ {6}query\??: \{$/.test(line)) {
      op.query = new Set();
      section = 'query';
      continue;
    }
    if (/^ {4}requestBody\??: \{$/.test(line)) op.hasBody = true;
    if (op.hasBody && /^ {8}"application\/json": \{$/.test(line)) {
      op.bodyKeys = new Set();
      section = 'body';
      continue;
    }
    if (section === 'query') {
      if (/^ {6}\};?$/.test(line)) section = null;
      const key = /^ {8}"?([A-Za-z0-9_\-[\]]+)"?(\?)?:/.exec(line);
      if (key) op.query!.add(key[1]!);
    } else if (section === 'body') {
      if (/^ {8}\};?$/.test(line)) section = null;
      const key = /^ {10}"?([A-Za-z0-9_\-@.]+)"?(\?)?:/.exec(line);
      if (key) {
        op.bodyKeys!.add(key[1]!);
        if (!key[2]) op.requiredBodyKeys.add(key[1]!);
      }
    }
  }
  return ops;
}

function emptyOperation(id: string): OperationShape {
  return { id, query: null, bodyKeys: null, requiredBodyKeys: new Set(), hasBody: false };
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (part === '{path}') return '.+';
      if (part.startsWith('{')) return '[^/]+';
      return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

function literalLength(template: string): number {
  return template.replace(/\{[^}]+\}/g, '').length;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
