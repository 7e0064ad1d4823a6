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
  return /^(?:pass(?:word|wd|phrase)?|pwd)$/i.test(key);
}

/** Letters and digits mixed, long enough to be a token rather than a word, a count or a date. */
export function looksOpaque(value: string): boolean {
  if (value.length < 12) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false;
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value) && new Set(value).size >= 8;
}

/** base64url-ish: upper, lower and digits, as a reset link's token or a key's body is. */
export function looksMixedCaseToken(value: string): boolean {
  return /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9]/.test(value) && new Set(value).size >= 10;
}

/** Words that say why a password failed, not what it is (`password is incorrect`). */
const PASSWORD_REASON_WORDS = new Set([
  'is', 'was', 'not', 'too', 'short', 'long', 'set', 'provided', 'required', 'missing', 'invalid', 'incorrect',
  'wrong', 'expired', 'empty', 'weak', 'mismatch', 'changed', 'reset', 'updated', 'ok', 'valid', 'accepted',
  'rejected', 'denied', 'correct', 'blank', 'null', 'none', 'redacted', 'hidden', 'given', 'supplied', 'needed',
]);

/** `incorrect`, `not set`, `too short`: a reason, kept; anything else after `password:` is the password. */
export function isPasswordReason(value: string): boolean {
  const words = value.trim().toLowerCase().replace(/[.!?]$/, '').split(/[ \t]+/);
  return words.length <= 4 && words.every((word) => PASSWORD_REASON_WORDS.has(word));
}

/** A payment card number: 13-19 digits, a card network's prefix, and a valid Luhn check digit. */
export function isCardNumber(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  if (!/^(?:4|5[1-5]|2[2-7]|3[47]|3[0689]|6(?:011|5|4[4-9]|22)|35)/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Loopback, unspecified, private (RFC 1918, unique-local) and link-local addresses name machines
 * inside the service's own network, not a person: kept, so a sample still says which backend failed.
 */
export function isInternalAddress(address: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\./.exec(address);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  const v6 = address.toLowerCase();
  return /^(?:0{0,4}:){2,7}0{0,3}1?$/.test(v6) || /^f[cd][0-9a-f]{0,2}:/.test(v6) || /^fe[89ab][0-9a-f]?:/.test(v6);
}

/** An IPv6 address: at most one `::`, eight groups without it, a digit somewhere (not `Cafe::Add`). */
export function isIpv6Address(candidate: string): boolean {
  if (!/[0-9]/.test(candidate)) return false;
  const doubles = candidate.split('::').length - 1;
  if (doubles > 1) return false;
  const groups = candidate.split(':');
  if (doubles === 0) return groups.length === 8 && groups.every((g) => g.length > 0);
  return groups.filter((g) => g.length > 0).length <= 7 && groups.length >= 3;
}

/** `basic dXNlcjpwYXNz`: base64 of `user:password`. */
export function isBasicCredential(value: string): boolean {
  try {
    const decoded = atob(value);
    return /^[\x20-\x7E]{1,256}:[\x20-\x7E]{0,256}$/.test(decoded);
  } catch {
    return false;
  }
}
