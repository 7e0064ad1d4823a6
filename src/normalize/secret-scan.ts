// The last check before anything leaves the process (a GitHub request, the worklog, the run report,
// the gardener's own log lines): a value shaped like a secret is refused, not sent. Redaction ran
// long before; this catches whatever a later stage built around it. It uses the redaction rules
// themselves, but only those precise enough to tell a secret from our own prose and links: a value
// they would change is a leak (redacted text is a fixed point of every rule, so it passes).
import { REDACT_RULES, type RedactRule } from './redact-rules.js';

/** The shapes checked on the way out: self-evident tokens, keys, credentials in URLs, e-mail local parts. */
const OUTGOING_SHAPES = new Set([
  'private key block',
  'private key, unterminated',
  'JWT or base64 JSON',
  'vendor token',
  'GitLab, npm or Hugging Face token',
  'AWS access key id',
  'Google API key or OAuth token',
  'Slack webhook',
  'sk- API key',
  'password in URL',
  'Bearer token',
  'secret key=value',
  'password in a DSN without scheme',
  'email address',
  'payment card number',
]);

const SCAN_RULES: readonly RedactRule[] = REDACT_RULES.filter((rule) => OUTGOING_SHAPES.has(rule.name));

/** Longest text scanned whole; anything longer is scanned in overlapping windows of this size. */
const WINDOW = 65_536;
const OVERLAP = 4_096;

/**
 * The name of the first secret shape found in the text, or null when it is clean. A match that
 * `published` already holds word for word (what the destination shows today) is not new: it passes.
 */
export function findSecretShape(text: string, published = ''): string | null {
  if (typeof text !== 'string' || text === '') return null;
  for (let start = 0; start < text.length; start += WINDOW - OVERLAP) {
    const found = scanWindow(text.slice(start, start + WINDOW), published);
    if (found !== null) return found;
    if (start + WINDOW >= text.length) break;
  }
  return null;
}

function scanWindow(text: string, published: string): string | null {
  const lower = text.toLowerCase();
  for (const rule of SCAN_RULES) {
    if (rule.hints.length > 0 && !rule.hints.some((hint) => lower.includes(hint))) continue;
    rule.pattern.lastIndex = 0;
    const { replace } = rule;
    let found = false;
    text.replace(rule.pattern, (match: string, ...args: unknown[]) => {
      const replaced = typeof replace === 'string' ? replace : replace(match, args.slice(0, -2) as Array<string | undefined>);
      if (replaced !== match && !(published !== '' && published.includes(match))) found = true;
      return match;
    });
    rule.pattern.lastIndex = 0;
    if (found) return rule.name;
  }
  return null;
}

/** The first secret shape in any string of a JSON-like value (keys included), or null. Bounded. */
export function findSecretShapeIn(value: unknown, published = ''): string | null {
  const budget = { nodes: 20_000 };
  return walk(value, 0, budget, published);
}

function walk(value: unknown, depth: number, budget: { nodes: number }, published: string): string | null {
  if (--budget.nodes < 0 || depth > 32) return null;
  if (typeof value === 'string') return findSecretShape(value, published);
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = walk(item, depth + 1, budget, published);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const found = findSecretShape(key) ?? walk(item, depth + 1, budget, published);
    if (found !== null) return found;
  }
  return null;
}

/** Thrown instead of sending: names where the value was going and the shape it had, never the value. */
export class SecretRefusedError extends Error {
  constructor(
    readonly destination: string,
    readonly shape: string,
  ) {
    super(`refused to send ${destination}: it holds a value shaped like a ${shape}`);
    this.name = 'SecretRefusedError';
  }
}

/** Returns the text unchanged, or throws SecretRefusedError when it holds a secret shape. */
export function refuseSecrets<T>(value: T, destination: string): T {
  const shape = typeof value === 'string' ? findSecretShape(value) : findSecretShapeIn(value);
  if (shape !== null) throw new SecretRefusedError(destination, shape);
  return value;
}

/** What a withheld value becomes: says why, never what. */
function withheld(shape: string): string {
  return `[withheld: shaped like a ${shape}]`;
}

/** Markdown or text with every line that holds a secret shape replaced by a notice. */
export function withholdSecretLines(text: string): string {
  if (findSecretShape(text) === null) return text;
  return text
    .split('\n')
    .map((line) => {
      const shape = findSecretShape(line);
      return shape === null ? line : withheld(shape);
    })
    .join('\n');
}

/** A copy of a JSON-like value in which every string holding a secret shape is replaced by a notice. */
export function withholdSecrets<T>(value: T): T {
  if (findSecretShapeIn(value) === null) return value;
  return copyWithout(value, 0) as T;
}

function copyWithout(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    const shape = findSecretShape(value);
    return shape === null ? value : withheld(shape);
  }
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) return value.map((item) => copyWithout(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const shape = findSecretShape(key);
    out[shape === null ? key : withheld(shape)] = copyWithout(item, depth + 1);
  }
  return out;
}
