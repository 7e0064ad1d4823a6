// The HTTP request -> sweep parameters: query string and JSON body merged, the body winning. A name we
// do not know is refused rather than ignored: `?dryrun=true` silently running a real sweep would be
// the worst way to find a typo.
import { ConfigError } from '../shared/errors.js';
import { parseSweepParams, type SweepParams } from './sweep-params.js';

export const KNOWN_PARAMS = ['window', 'service', 'services', 'dryRun', 'now'] as const;

export interface HttpInput {
  query?: unknown;
  body?: unknown;
}

export function readHttpParams(input: HttpInput): SweepParams {
  const query = asRecord(input.query, 'query string');
  const body = bodyRecord(input.body);
  const merged: Record<string, unknown> = { ...query, ...body };
  const unknown = Object.keys(merged).filter((key) => !(KNOWN_PARAMS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new ConfigError(unknown[0]!, `unknown parameter (known: window, service, dryRun, now)`);
  }
  return parseSweepParams(merged);
}

function bodyRecord(body: unknown): Record<string, unknown> {
  // An empty POST (Cloud Scheduler with no body, curl -X POST) arrives as nothing, '' or an empty buffer.
  if (body === undefined || body === null || body === '') return {};
  if (Buffer.isBuffer(body)) {
    if (body.length === 0) return {};
    throw new ConfigError('body', 'must be a JSON object (Content-Type: application/json)');
  }
  if (typeof body === 'string') {
    if (body.trim() === '') return {};
    throw new ConfigError('body', 'must be a JSON object (Content-Type: application/json)');
  }
  return asRecord(body, 'body');
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(what === 'body' ? 'body' : '', `${what} must be a JSON object`);
  return value as Record<string, unknown>;
}
