// A request log is one problem per (method, route, status): the ids in the path are values. A server
// error (5xx) is one problem per status, whatever was asked: see serverErrorStatus.
import type { HttpRequestInfo } from '../shared/types.js';
import { REDACTED } from '../normalize/index.js';

const MAX_SEGMENTS = 16;
const MAX_PATH_CHARS = 2048;

/** Masks one path segment, or returns it as it is when it reads like part of the route. */
export function maskSegment(segment: string): string {
  if (segment.length === 0) return segment;
  // An id redaction took for a token (high entropy): the value it stood for.
  if (segment === REDACTED) return '<ID>';
  if (/^\d+$/.test(segment)) return '<NUM>';
  if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(segment)) return '<UUID>';
  if (segment.length >= 8 && /^[0-9a-fA-F]+$/.test(segment) && /\d/.test(segment)) return '<HEX>';
  if (segment.includes('@')) return '<EMAIL>';
  // Slugs with digits (order-8812, v2 stays), long opaque tokens (base64 ids, hashes).
  if (/\d/.test(segment) && !/^v\d{1,2}$/i.test(segment)) return '<ID>';
  if (segment.length >= 24 && !segment.includes('-')) return '<ID>';
  // A file name of several words (`report-final.pdf`) is a document someone named; one word with an
  // extension (`openapi.json`, `favicon.ico`) is as often a route the service serves.
  if (/^[^./]{1,200}(?:[-_ ]|%20)[^./]{1,200}\.[A-Za-z][A-Za-z0-9]{1,4}$/.test(segment)) return '<ID>';
  if (looksRandom(segment)) return '<ID>';
  return segment;
}

/**
 * Opaque ids without digits (`acct_ObEHlIWstZbZpW`): after an optional short prefix, ten or more
 * letters with upper case scattered through them. camelCase route words have about one capital per
 * word (`getUserProfile`: 2 of 14), random base-62 about half.
 */
function looksRandom(segment: string): boolean {
  const body = segment.replace(/^[a-z]{1,8}_/, '');
  if (body.length < 10 || body.length > 64 || !/^[A-Za-z]+$/.test(body)) return false;
  // `acc_pgGwwujwxwRZ`: a type prefix, then letters with a capital inside, is an id (Stripe-style);
  // route words with a prefix are snake_case, lower case throughout.
  if (body !== segment && /[A-Z]/.test(body.slice(1))) return true;
  let upper = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
  }
  const ratio = upper / body.length;
  return ratio >= 0.3 && ratio <= 0.85;
}

/** `/users/42/orders/9f1c…?x=1` -> `/users/<NUM>/orders/<HEX>`. */
export function routeTemplate(path: string): string {
  let p = path.slice(0, MAX_PATH_CHARS);
  const q = p.search(/[?#]/);
  if (q >= 0) p = p.slice(0, q);
  const segments = p.split('/').filter((s) => s.length > 0);
  const kept = segments.slice(0, MAX_SEGMENTS).map(maskSegment);
  if (segments.length > MAX_SEGMENTS) kept.push('<*>');
  return '/' + kept.join('/');
}

export interface RequestSignature {
  method: string;
  route: string;
  status: number;
  template: string;
}

/**
 * A 5xx says the server failed to answer (RFC 9110 §15.6), and the request log says only that it did:
 * what failed is the service's own record (its trace, its error line), which is grouped by itself. One
 * failure answers the same status on every route it touches: 502, 503 and 504 come from a proxy, the
 * platform or an overloaded server whatever was asked, and a 500 from a pool exhausted, a database
 * that went away or a broken dependency on every handler that uses it, so `GET /cart 500`,
 * `GET /products/tents 500` and `POST /cart 500` are one failure seen three times, one problem, as
 * Error Reporting groups by what failed and not by which page was asked for. The status itself is
 * kept: a 500 (the handler failed) and a 503 (nothing answered) are two problems. A 4xx is the
 * client's: it stays per method and route, where a broken link or a client's bad call shows.
 */
export function serverErrorStatus(status: number): boolean {
  return status >= 500 && status <= 599;
}

export function requestSignature(request: HttpRequestInfo): RequestSignature {
  const method = request.method.toUpperCase().slice(0, 16) || 'GET';
  const route = routeTemplate(request.path);
  return { method, route, status: request.status, template: `${method} ${route} ${request.status}` };
}
