// Scrubs secrets and personal data from text, and from any JSON-like value (for the
// gardener's own logs and the report). Runs before anything else sees a message.
import { MAX_TEXT_CHARS, truncateText } from './bound-text.js';
import { REDACT_RULES, type RedactRule } from './redact-rules.js';
import { REDACTED, looksHighEntropy } from './secret-shapes.js';
import { TextMemo, detached } from './text-memo.js';

// The same message comes back again and again: its redacted form is remembered.
const memo = new TextMemo<string>(5_000, 2_000_000);
// Messages differ (an id, a count) far more often than their lines do: the frames of one trace, the
// second line of one error. Each line's redacted form is remembered too.
const lineMemo = new TextMemo<string>(5_000, 1_000_000);

/** Secrets and personal data scrubbed; idempotent (redact(redact(x)) === redact(x)); linear-time. */
export function redact(text: string): string {
  if (typeof text !== 'string') return '';
  if (text === '') return text;
  let out = memo.get(text);
  if (out === undefined) {
    out = redactUnremembered(text);
    memo.set(text, out);
  }
  return out;
}

/**
 * The same as `redact`, without looking the whole text up: for a caller that remembers its own
 * answers by this very text (a message's reading), where a second look-up could only miss again.
 * Its lines are still remembered.
 */
export function redactUnremembered(text: string): string {
  if (typeof text !== 'string') return '';
  if (text === '') return text;
  return text.includes('\n') && !text.includes(PEM_START) ? redactLines(text) : redactAtOnce(text);
}

// Only the private-key rules match across a line break, and both start with this.
const PEM_START = '-----BEGIN';

/**
 * Line by line, the same as the whole text at once. Every other rule's match, and everything its
 * hints, `requires` and lookarounds look at, stays within one line: no pattern lets a newline into a
 * match (a negated class excludes it, `.` stops at it), and at a line's edge each boundary test
 * (\b, a lookbehind, a lookahead, `$`) answers the same for a neighbouring newline as for the end of
 * the text. So each line reaches, pass after pass, exactly the text the whole would have there; and a
 * line needs no more passes than the whole text, which stops only once every line is settled.
 */
function redactLines(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    let out = lineMemo.get(line);
    if (out === undefined) {
      out = redactAtOnce(line);
      // A line unchanged is a cut of the whole message: remembered as a copy of its own.
      lineMemo.set(line, out === line ? detached(line) : out);
    }
    lines[i] = out;
  }
  return lines.join('\n');
}

// Each distinct hint once (several rules share `pass`, `key`, `token`…), and each rule's as indices.
const HINTS = [...new Set(REDACT_RULES.flatMap((rule) => rule.hints))];
const RULE_HINTS = REDACT_RULES.map((rule) => rule.hints.map((hint) => HINTS.indexOf(hint)));
const UNKNOWN = 0;
const PRESENT = 1;
const ABSENT = 2;

/** The rules whose hints the text holds; each hint looked up at most once. */
function rulesFor(text: string): RedactRule[] {
  const lower = text.toLowerCase();
  const seen = new Uint8Array(HINTS.length);
  const rules: RedactRule[] = [];
  for (let r = 0; r < REDACT_RULES.length; r++) {
    const hints = RULE_HINTS[r] as number[];
    let runs = hints.length === 0;
    for (let h = 0; !runs && h < hints.length; h++) {
      const i = hints[h] as number;
      if (seen[i] === UNKNOWN) seen[i] = lower.includes(HINTS[i] as string) ? PRESENT : ABSENT;
      runs = seen[i] === PRESENT;
    }
    if (runs) rules.push(REDACT_RULES[r] as RedactRule);
  }
  return rules;
}

/** The whole text in one piece, nothing remembered: what `redact` answers, line by line or not. */
export function redactAtOnce(text: string): string {
  // Hints are looked up in the original text: replacements only add `[REDACTED]` and `***`,
  // which hold no hint, so a rule skipped here could not have matched later either.
  const rules = rulesFor(text);
  // One pass almost always settles it; a replacement can expose a neighbour to an earlier rule
  // (`AKIA…eyJ…`: the key goes, then the JWT has a boundary), so repeat until nothing changes.
  let out = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let next = out;
    for (const rule of rules) next = applyRule(next, rule);
    if (next === out) break;
    out = next;
  }
  return out;
}

const MAX_PASSES = 4;

// Most rules find nothing in most lines, and a global replace costs several times what a plain test
// does even then: each rule without a `requires` is first looked for with its own pattern, not global
// (the first match a global replace would find from the start, so none means it would find none).
const PROBES = new Map<RedactRule, RegExp>(
  REDACT_RULES.filter((rule) => rule.requires === undefined).map((rule) => [rule, new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', ''))]),
);

function applyRule(text: string, rule: RedactRule): string {
  const probe = rule.requires ?? PROBES.get(rule);
  if (probe !== undefined && !probe.test(text)) return text;
  rule.pattern.lastIndex = 0;
  const { replace } = rule;
  if (typeof replace === 'string') return text.replace(rule.pattern, replace);
  // Arguments after the match: the capture groups, then the offset (a number) and the input.
  return text.replace(rule.pattern, (match: string, ...args: unknown[]) =>
    replace(match, args.slice(0, -2) as Array<string | undefined>),
  );
}

/** Values nested deeper than this become a marker. */
export const MAX_VALUE_DEPTH = 32;
/** At most this many values are visited in one call; the rest become a marker. */
export const MAX_VALUE_NODES = 10_000;

const TRUNCATED = '[truncated]';

// Names (normalised to snake_case) whose whole value is a secret, whatever it looks like.
const SECRET_NAME =
  /(?:^|_)(?:password|passwd|pwd|pass|passphrase|secret|token|api_?key|authorization|cookie|set_cookie|private_?key|access_?key|secret_?key|account_?key|signing_?key|session_?id|jsessionid|phpsessid|sid|sig|otp|credentials?|signature|phone|phone_?number|mobile|msisdn|ssn|iban|card_?number|cc_?number|cvv|cvc)$/;

/** `accessToken`, `X-Api-Key`, `client.secret` -> `access_token`, `x_api_key`, `client_secret`. */
function snakeName(key: string): string {
  return key
    .slice(0, 128)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s.-]+/g, '_')
    .toLowerCase();
}

export function isSecretName(key: string): boolean {
  return SECRET_NAME.test(snakeName(key));
}

/**
 * Deep-redacts every string in a JSON-like value (keys that name secrets — password, token,
 * authorization, cookie, secret, api_key, private_key … — get their whole value replaced).
 * Depth-bounded. For the gardener's own logs and the report.
 */
export function redactValue(value: unknown): unknown {
  const budget = { nodes: MAX_VALUE_NODES };
  return walk(value, 0, budget, new Set());
}

function walk(value: unknown, depth: number, budget: { nodes: number }, path: Set<object>): unknown {
  if (--budget.nodes < 0) return TRUNCATED;
  switch (typeof value) {
    case 'string':
      return redact(truncateText(value, MAX_TEXT_CHARS));
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
    case 'function':
      return undefined;
  }
  if (value === null) return null;
  const obj = value as object;
  if (depth >= MAX_VALUE_DEPTH) return TRUNCATED;
  if (path.has(obj)) return '[circular]';
  path.add(obj);
  try {
    return walkObject(obj, depth, budget, path);
  } catch {
    // A getter or toJSON that throws: the value is unreadable, not the caller's problem.
    return '[unreadable]';
  } finally {
    path.delete(obj);
  }
}

function walkObject(obj: object, depth: number, budget: { nodes: number }, path: Set<object>): unknown {
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? null : obj.toISOString();
  if (ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) return `[binary ${obj.byteLength} bytes]`;
  if (Array.isArray(obj) || obj instanceof Set) {
    const out: unknown[] = [];
    for (const item of obj) {
      if (budget.nodes <= 0) {
        out.push(TRUNCATED);
        break;
      }
      const v = walk(item, depth + 1, budget, path);
      out.push(v === undefined ? null : v);
    }
    return out;
  }
  const entries: Array<[string, unknown]> =
    obj instanceof Map
      ? [...obj.entries()].map(([k, v]) => [String(k), v])
      : obj instanceof Error
        ? [['name', obj.name], ['message', obj.message], ['stack', obj.stack], ...Object.entries(obj)]
        : Object.entries(obj);
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries) {
    if (budget.nodes <= 0) {
      out[TRUNCATED] = true;
      break;
    }
    const safeKey = redact(truncateText(key, 256));
    const walked = secretValue(key, v) ? REDACTED : walk(v, depth + 1, budget, path);
    if (walked !== undefined) out[safeKey] = walked;
  }
  return out;
}

function secretValue(key: string, value: unknown): boolean {
  if (value === null || value === undefined || value === '' || typeof value === 'boolean') return false;
  if (isSecretName(key)) return true;
  // A bare `key` field is too common a name to redact outright; a key-shaped value is not.
  return typeof value === 'string' && /^(?:key|api|auth)$/i.test(key) && looksHighEntropy(value);
}
