// Small judgements the redaction rules share: is this value a real secret, or prose that
// merely follows a word like "token"? Each works on one bounded regex match.

/** What every secret is replaced with (emails keep their domain instead). */
export const REDACTED = '[REDACTED]';

/** Values that say "no secret here" and are kept so the log still reads right. */
const PLACEHOLDERS = new Set([
  '', 'null', 'none', 'nil', 'undefined', 'true', 'false', '*', '***', '****', '*****', '********',
  'redacted', 'filtered', 'hidden', 'masked', 'empty', 'unset',
]);

/** `null`, `***`, `<redacted>`, `(empty)`: a value that stands in for one. */
export function isPlaceholder(value: string): boolean {
  const word = value.length <= 12 ? value.toLowerCase().replace(/^[[(<{](.*)[\])>}]$/, '$1') : value;
  return PLACEHOLDERS.has(word);
}

/**
 * A plain word ("expired", "Authentication", "missing."), as in `Invalid token: expired`.
 * Real tokens mix digits, symbols or case, or are much longer.
 */
export function isProseWord(value: string): boolean {
  return /^[A-Za-z][a-z]{0,23}[.!?]?$/.test(value);
}

/**
 * Long, varied, letters and digits: how an API key or opaque bearer token looks, and how a
 * word, a duration or a date does not.
 */
export function looksHighEntropy(value: string): boolean {
  const v = value.replace(/[.=]+$/, '');
  if (v.length < 16) return false;
  if (!/[0-9]/.test(v) || !/[A-Za-z]/.test(v)) return false;
  return new Set(v).size >= 10;
}

/** Key words whose value is always a secret, even when it reads like a word. */
export function isPasswordKey(key: string): boolean {
  return /^(?:pass(?:word|wd|phrase)|pwd)$/i.test(key);
}
