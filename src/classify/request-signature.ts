// A request log is one problem per (method, route, status): the ids in the path are values.
import type { HttpRequestInfo } from '../shared/types.js';

const MAX_SEGMENTS = 16;
const MAX_PATH_CHARS = 2048;

/** Masks one path segment, or returns it as it is when it reads like part of the route. */
export function maskSegment(segment: string): string {
  if (segment.length === 0) return segment;
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

export function requestSignature(request: HttpRequestInfo): RequestSignature {
  const method = request.method.toUpperCase().slice(0, 16) || 'GET';
  const route = routeTemplate(request.path);
  return { method, route, status: request.status, template: `${method} ${route} ${request.status}` };
}
