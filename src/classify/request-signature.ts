// A request log is one problem per (method, route, status): the ids in the path are values. A gateway's
// or the platform's answer that the service is not there (502, 503, 504) is one problem per status,
// whatever was asked: see availabilityStatus.
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
 * 502 Bad Gateway, 503 Service Unavailable and 504 Gateway Timeout say the service could not answer at all
 * (RFC 9110 §15.6: a gateway got no valid answer, the server cannot handle requests now, an upstream did not
 * answer in time): a proxy, the platform or an overloaded server gives them to every route alike, so
 * `GET /cart 503` and `GET / 503` are one outage, one problem, as Error Reporting groups by what failed and
 * not by which page was asked for. A 500 is the handler's own failure and a 4xx the client's: both stay
 * per method and route, where a route's own bug or a broken link shows.
 */
export function availabilityStatus(status: number): boolean {
  return status === 502 || status === 503 || status === 504;
}

export function requestSignature(request: HttpRequestInfo): RequestSignature {
  const method = request.method.toUpperCase().slice(0, 16) || 'GET';
  const route = routeTemplate(request.path);
  return { method, route, status: request.status, template: `${method} ${route} ${request.status}` };
}
