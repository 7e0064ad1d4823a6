// Cluster ids are derived from content only (there is no database to remember a counter), so the
// same problem gets the same id in every run, in any order, whatever else is in the window.
import { createHash } from 'node:crypto';
import { isMask } from '../normalize/mask.js';
import { TextMemo } from '../normalize/text-memo.js';

// Every stack or request entry asks for its signature's id; there are few signatures.
const ids = new TextMemo<string>(5_000, 1_000_000);

/** 'c' + 12 hex digits of SHA-1 over the parts. */
export function hashId(parts: readonly string[]): string {
  const key = parts.join('\u0001');
  let id = ids.get(key);
  if (id === undefined) {
    id = 'c' + createHash('sha1').update(key).digest('hex').slice(0, 12);
    ids.set(key, id);
  }
  return id;
}

const ANCHOR = /^[A-Za-z][A-Za-z'’]*[0-9]?$/;
// What masking kept of a number: a client error status, a server error status's class or a server's
// error number the text announced (http-status.ts); there it names the problem (`status code 401` /
// `429` / `5xx`).
const KEPT_NUMBER = /^(?:[0-9]{3,4}|5xx)$/;
const OPENERS = '([{"\'`';
const CLOSERS = ')]}"\'`,;:.!?';

/**
 * A constant token that names the problem rather than the thing it happened to: a plain word.
 * Identifier-like constants (orders-db, cache_primary, com.acme.Foo) may be one value among many
 * that a later run shows, and a template generalises them away; they are left out of the id.
 */
export function isAnchor(token: string): boolean {
  if (isMask(token)) return false;
  let start = 0;
  let end = token.length;
  while (start < end && OPENERS.includes(token[start] as string)) start++;
  while (end > start && CLOSERS.includes(token[end - 1] as string)) end--;
  if (end <= start) return false;
  const core = token.slice(start, end);
  return ANCHOR.test(core) || KEPT_NUMBER.test(core);
}

/**
 * The part of a text template that generalisation cannot change: its anchor words in order, with
 * every run of other tokens collapsed to one `*`. Templates that differ only in how many tokens
 * a value took (a path with spaces, an optional flag) share it.
 */
export function templateKey(template: readonly string[]): string {
  const out: string[] = [];
  let anchors = 0;
  for (const token of template) {
    const form = keyForm(token);
    if (form !== '*') {
      out.push(form);
      anchors++;
    } else if (out[out.length - 1] !== '*') out.push('*');
  }
  // With almost no words left the shape is all there is to tell templates apart.
  if (anchors < 2) return `${template.length}|${template.map(keyForm).join(' ')}`;
  return out.join(' ');
}

/** An anchor as it is; `user=<*>` as `user=*` (the key names the value); anything else `*`. */
function keyForm(token: string): string {
  if (isAnchor(token)) return token;
  const eq = token.indexOf('=');
  if (eq > 0 && /^[A-Za-z_][A-Za-z_.-]*$/.test(token.slice(0, eq))) return token.slice(0, eq + 1) + '*';
  return '*';
}

export function textClusterId(template: readonly string[], errorType?: string): string {
  return hashId(errorType ? ['error', errorType, templateKey(template)] : ['text', templateKey(template)]);
}

/**
 * A problem belongs to one service: the same message from two services is two problems, each with
 * its own id, and a service's ids do not depend on which other services are in the window. Entries
 * with no service (an export without resource labels) are one namespace of their own, whose ids are
 * the signature's as they always were.
 */
export function serviceScopedId(service: string, id: string): string {
  return service === '' ? id : hashId(['service', service, id]);
}
