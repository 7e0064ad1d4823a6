// Masks the variable parts of a message (numbers, ids, hosts, paths, quoted values…) token by
// token. Every check is a per-token test over a bounded token, so hostile text costs linear time:
// the only regexes are anchored and have no nested or overlapping quantifiers.
import { TextMemo } from './text-memo.js';
import { announcedHttpStatus, announcedServerErrorNumber } from './http-status.js';
import { announcedSignal } from './signal-number.js';
import { isCalledOperation } from './called-operation.js';
import { disabledServiceTitle } from './disabled-service.js';
import { REDACTED } from './secret-shapes.js';

/** Templating looks at this much of a message; the rest cannot change which problem it is. */
export const MAX_TEMPLATE_CHARS = 8192;
/** …and at most this many tokens of it. */
export const MAX_TEMPLATE_TOKENS = 120;
/** A single token longer than this is a blob (base64, minified code), never a keyword. */
const MAX_TOKEN_CHARS = 256;

export const WILDCARD = '<*>';

/** True for `<*>` and the named masks such as `<NUM>` or `<IP>`. */
export function isMask(token: string): boolean {
  return token === WILDCARD || /^<[A-Z]+>$/.test(token);
}

interface MaskRule {
  name: string;
  test: (core: string) => boolean;
}

const HEX_CHARS = /^[0-9a-fA-F]+$/;
const DIGIT = /[0-9]/;

function isIpv6(core: string): boolean {
  let colons = 0;
  for (let i = 0; i < core.length; i++) if (core.charCodeAt(i) === 58) colons++;
  return colons >= 2 && /^[0-9a-fA-F:.]+$/.test(core) && DIGIT.test(core);
}

function isHostName(core: string): boolean {
  // Three or more labels, all lower case: db.internal.example.com, com.apple.launchd.
  // Names with an upper-case label (java.lang.NullPointerException) are code, kept.
  const bare = core.replace(/:\d{1,5}$/, '');
  const labels = bare.split('.');
  if (labels.length < 3) return false;
  return labels.every((l) => /^[a-z0-9_-]{1,63}$/.test(l)) && /[a-z]/.test(labels[labels.length - 1] ?? '');
}

function isPath(core: string): boolean {
  if (/^[A-Za-z]:\\./.test(core)) return true;
  if (core.startsWith('./') || core.startsWith('~/')) return core.length > 2;
  return core.length > 1 && core.startsWith('/') && core[1] !== '/';
}

// After the `@`: host labels (any script: redaction keeps `例子.公司`), the last one not all digits, and
// perhaps a port. `java.base@17.0.13/java.lang.Thread.run(…)` (a JVM frame's module and version) and
// `lodash@4.17.21` (a package and its version) are no address: masked as one, a trace's frames lost
// their words and every value after the `@` became part of the token.
const EMAIL_DOMAIN = /^(?:[A-Za-z0-9\-\u00C0-\uFFFF]{1,63}\.){1,8}[A-Za-z0-9\-\u00C0-\uFFFF]*[A-Za-z\u00C0-\uFFFF][A-Za-z0-9\-\u00C0-\uFFFF]*(?::\d{1,5})?$/;

function isEmail(core: string): boolean {
  const at = core.indexOf('@');
  return at > 0 && at === core.lastIndexOf('@') && EMAIL_DOMAIN.test(core.slice(at + 1));
}

/** Ordered: the first rule whose test passes names the mask. */
export const MASK_RULES: readonly MaskRule[] = [
  { name: 'UUID', test: (c) => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(c) },
  { name: 'URL', test: (c) => /^[a-zA-Z][a-zA-Z0-9+.-]{0,15}:\/\/./.test(c) },
  { name: 'EMAIL', test: isEmail },
  { name: 'DATE', test: (c) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?([.,]\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(c) },
  { name: 'TIME', test: (c) => /^\d{1,4}[:-]\d{2}([:-]\d{2})?([.,]\d+)?$/.test(c) },
  { name: 'IP', test: (c) => /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(:\d{1,5})?$/.test(c) || isIpv6(c) },
  { name: 'PATH', test: isPath },
  { name: 'HOST', test: isHostName },
  { name: 'HEX', test: (c) => /^0[xX][0-9a-fA-F]+$/.test(c) || (c.length >= 8 && HEX_CHARS.test(c) && DIGIT.test(c) && /[a-fA-F]/.test(c)) },
  { name: 'BOOL', test: (c) => /^(true|false)$/i.test(c) },
  { name: 'NUM', test: (c) => /^[<>~]?=?[-+]?\d+([.,]\d+)?([eE][-+]?\d+)?[a-zA-Z%µ]{0,3}$/.test(c) },
  // Anything else with a digit in it is an identifier (blk_-1608, attempt_14_0002_m_3, user42),
  // except a word with a version digit: SOCKS5, ipv4, ssh2, utf8.
  { name: 'ID', test: (c) => DIGIT.test(c) && !/^[A-Za-z]{3,}[0-9]$/.test(c) },
];

const UNITS = new Set([
  'ms', 'msec', 'millisecond', 'milliseconds', 's', 'sec', 'secs', 'second', 'seconds', 'min',
  'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours', 'day', 'days',
  'b', 'byte', 'bytes', 'kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib', 'tib',
]);

const CALENDAR = new Set([
  'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov',
  'dec', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october',
  'november', 'december',
]);

const OPENERS = '([{"\'`';
const CLOSERS = ')]}"\'`,;:.!?';

function maskCore(core: string): string | null {
  if (core.length === 0) return null;
  if (core.length > MAX_TOKEN_CHARS) return '<*>';
  for (const rule of MASK_RULES) if (rule.test(core)) return `<${rule.name}>`;
  return null;
}

/** Splits a core into values at these, so `ready=true,policy=3` masks each value. */
const SEPARATORS = '=,:;()[]{}|';

function maskSegments(core: string): string | null {
  let out = '';
  let changed = false;
  let s = 0;
  for (let i = 0; i <= core.length; i++) {
    if (i < core.length && !SEPARATORS.includes(core[i] as string)) continue;
    const segment = core.slice(s, i);
    const m = maskCore(segment);
    out += m ?? segment;
    if (m !== null) changed = true;
    if (i < core.length) out += core[i];
    s = i + 1;
  }
  return changed ? out : null;
}

// Most tokens of a log are the same few thousand words: the masked form of each is remembered.
const tokenMemo = new TextMemo<string>(20_000, 1_000_000);

/** Masks one whitespace-free token, keeping its surrounding punctuation and any `key=` prefix. */
export function maskToken(token: string): string {
  if (token.length > MAX_TOKEN_CHARS) return WILDCARD;
  const word = plainWord(token);
  if (word !== null) return word;
  let masked = tokenMemo.get(token);
  if (masked === undefined) {
    masked = maskFresh(token);
    tokenMemo.set(token, masked);
  }
  return masked;
}

/**
 * A word of letters, perhaps with closing punctuation (`failed`, `Connection,` `error:`), without a
 * look-up: of the mask rules only BOOL can name one, and nothing else in maskFresh applies (no opener,
 * no quote, no `=`, no separator). Null for any other token.
 */
function plainWord(token: string): string | null {
  let end = token.length;
  while (end > 0 && CLOSERS.includes(token[end - 1] as string)) end--;
  if (end === 0) return null;
  for (let i = 0; i < end; i++) {
    const c = token.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return null;
  }
  if (end === 4 || end === 5) {
    const core = token.slice(0, end).toLowerCase();
    if (core === 'true' || core === 'false') return '<BOOL>' + token.slice(end);
  }
  return token;
}

// What redaction took out of a path was a value: an opaque id it could not tell from a token
// (`/v1/orders/[REDACTED]` beside `/v1/orders/ord_7Qx…` whose letters looked less random) masks as the
// path it stands in. Only in a path: after a key (`token=[REDACTED]`, `"api_key": "[REDACTED]"`) the marker
// stays, since a key's value masked (`token=<ID>`) is what the last check before GitHub refuses as a secret.
const PATH_REDACTED = `/${REDACTED}`;
const PATH_VALUE = '/0redacted';

function maskFresh(token: string): string {
  if (token.includes(PATH_REDACTED)) token = token.split(PATH_REDACTED).join(PATH_VALUE);
  let start = 0;
  let end = token.length;
  while (start < end && OPENERS.includes(token[start] as string)) start++;
  while (end > start && CLOSERS.includes(token[end - 1] as string)) end--;
  // A quoted value is a value, whatever it says.
  const open = token[start - 1];
  if (start > 0 && (open === '"' || open === "'") && token[end] === open && end > start) {
    return token.slice(0, start) + '<QUOTED>' + token.slice(end);
  }
  const core = token.slice(start, end);
  let masked = maskCore(core);
  // `time=2025-10-07T13:02:11Z`: a key's whole value first, before its colons split it apart.
  const key = KEY_PREFIX.exec(core);
  if (key && masked === '<ID>') {
    const value = maskCore(core.slice(key[0].length));
    if (value !== null && value !== '<ID>') masked = key[0] + value;
  }
  // Only a value that no single rule recognises is taken apart at its separators.
  if (masked === null || masked === '<ID>') masked = maskSegments(core) ?? masked;
  if (masked === null) return token;
  return token.slice(0, start) + masked + token.slice(end);
}

const KEY_PREFIX = /^[A-Za-z_][\w.-]{0,63}=/;
/** `sql="SELECT 1"`, `tag='View Lock'`, `q=\"a b\"`: a key, then an opening quote. */
const QUOTED_KEY = /^([A-Za-z_][\w.-]{0,63})=(\\?["'])/;
// Keys whose quoted text is what happened, not a value: its words name the problem.
const MESSAGE_KEYS = new Set([
  'msg', 'message', 'event', 'err', 'error', 'reason', 'cause', 'exception', 'exc', 'desc', 'description',
  'detail', 'details', 'title', 'summary',
]);
/** A quoted value spans at most this many tokens; past it the quote is taken to be unbalanced. */
const MAX_QUOTED_TOKENS = 64;

/** Does this token close a quote opened with `quote` (`"`, `'` or `\"`), ignoring trailing punctuation? */
function closes(token: string, quote: string, from: number): boolean {
  let end = token.length;
  while (end > from && CLOSERS.includes(token[end - 1] as string) && !token.endsWith(quote, end)) end--;
  if (end - from < quote.length || !token.endsWith(quote, end)) return false;
  // `\"` inside a `"`-quoted value is an escaped quote, not the end of the value.
  return quote.length === 2 || token[end - 2] !== '\\';
}

/**
 * A logfmt-style `key="several words"` value starting at token i: the index of its last token,
 * or -1 when the key names the message itself or the quote does not close nearby.
 */
function quotedValueEnd(raw: readonly string[], i: number): number {
  if ((raw[i] as string).indexOf('=') < 1) return -1; // QUOTED_KEY needs a key, then `=`
  const m = QUOTED_KEY.exec(raw[i] as string);
  if (!m || MESSAGE_KEYS.has((m[1] as string).toLowerCase())) return -1;
  const quote = m[2] as string;
  if (closes(raw[i] as string, quote, m[0].length)) return i;
  const last = Math.min(raw.length - 1, i + MAX_QUOTED_TOKENS);
  for (let j = i + 1; j <= last; j++) if (closes(raw[j] as string, quote, 0)) return j;
  return -1;
}

/** `key="<QUOTED>"` with whatever followed the closing quote. */
function quotedValue(first: string, lastToken: string): string {
  const m = QUOTED_KEY.exec(first) as RegExpExecArray;
  const quote = m[2] as string;
  const closing = lastToken.lastIndexOf(quote);
  return `${m[1]}=${quote}<QUOTED>${quote}${lastToken.slice(closing + quote.length)}`;
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 11 || code === 12;
}

/** Splits on whitespace, bounded by MAX_TEMPLATE_CHARS / MAX_TEMPLATE_TOKENS. */
export function tokenize(text: string, maxTokens = MAX_TEMPLATE_TOKENS): string[] {
  const limit = Math.min(text.length, MAX_TEMPLATE_CHARS);
  const tokens: string[] = [];
  let i = 0;
  while (i < limit && tokens.length < maxTokens) {
    while (i < limit && isWhitespace(text.charCodeAt(i))) i++;
    const s = i;
    while (i < limit && !isWhitespace(text.charCodeAt(i))) i++;
    if (i > s) tokens.push(text.slice(s, i));
  }
  return tokens;
}

/** Leading openers, core, trailing closers. */
function split(tok: string): [string, string, string] {
  let start = 0;
  let end = tok.length;
  while (start < end && OPENERS.includes(tok[start] as string)) start++;
  while (end > start && CLOSERS.includes(tok[end - 1] as string)) end--;
  return [tok.slice(0, start), tok.slice(start, end), tok.slice(end)];
}

// Many messages repeat word for word (the same failure every few seconds).
const messageMemo = new TextMemo<readonly string[]>(5_000, 2_000_000);

/** The masked tokens of a message: what the template miner clusters. */
export function maskTokens(text: string, maxTokens = MAX_TEMPLATE_TOKENS): string[] {
  if (maxTokens !== MAX_TEMPLATE_TOKENS) return maskFreshTokens(text, maxTokens);
  const key = text.length > MAX_TEMPLATE_CHARS ? text.slice(0, MAX_TEMPLATE_CHARS) : text;
  let tokens = messageMemo.get(key);
  if (tokens === undefined) {
    tokens = maskFreshTokens(key, maxTokens);
    messageMemo.set(key, tokens);
  }
  return tokens.slice();
}

/** The core of a token, as split() finds it, without building the other two parts. */
function coreOf(tok: string): string {
  let start = 0;
  let end = tok.length;
  while (start < end && OPENERS.includes(tok[start] as string)) start++;
  while (end > start && CLOSERS.includes(tok[end - 1] as string)) end--;
  return tok.slice(start, end);
}

// A name in quotes that has spaces (`font 'Noto Sans Arabic' not found, falling back to 'DejaVu Sans'`) is
// one value, as a one-word name in quotes is (maskFresh): masked whole, it keeps the message's tokens the
// same in number whichever name it holds. Only words that read as a name count (each starts with a
// capital or a digit: `'View Lock'`, `"Cloud SQL Proxy"`); a quoted phrase of lower-case words (`"disk
// full"`) says what happened and stays, and so does a field's quoted value (`details = "Deadline
// Exceeded"`, `message: 'Connect Timeout Error'`): gRPC and Node print a status in capitals there.
const QUOTED_NAME_WORD = /^[A-Z0-9][\w.&+#@/-]{0,63}$/;
// A thing a program numbers and lets its user name (Uptime Kuma's `Monitor #12 'partner feed': Pending: …`):
// the name after its number is a value whatever its case, as the number is.
const NUMBERED = /^#\d{1,12}$/;
const NAME_AFTER_NUMBER_WORD = /^[^\s'"]{1,64}$/;
/** A quoted name spans at most this many tokens. */
const MAX_QUOTED_NAME_TOKENS = 8;
// After a preposition that says which thing an operation was on (`read of 'Returns log' throttled`,
// `no rows for 'Stock (EU)'`), the quotes hold a name its user typed: the Sheets API documents that
// sheet names have spaces and brackets (`'Sheet One'!A1:B2`), and a title, a queue or a folder is
// typed in sentence case as often as in title case. Its first word still reads as a name (a capital
// or a digit); after it any word, or a word in brackets. A quoted phrase after any other word keeps
// its words (`message 'Expired token'`, Rust's `panicked at 'called …'`: what happened).
const NAMING_PREPOSITIONS = new Set(['of', 'for', 'in', 'from', 'on', 'into']);
const NAME_TAIL_WORD = /^(?:[\w.&+#@/-]{1,64}|\([A-Za-z0-9][\w.&+#@/-]{0,30}\))$/;

/** Index of the token that closes a quoted name opened at token i (its first character after brackets is a quote), or -1. */
function quotedNameEnd(raw: readonly string[], i: number): number {
  const first = raw[i] as string;
  const before = i > 0 ? (raw[i - 1] as string) : '';
  if (before.endsWith('=') || before.endsWith(':')) return -1;
  // After a number (`Monitor #12 'partner feed':`) the quotes hold the numbered thing's name, in whatever case.
  const word = NUMBERED.test(before) ? NAME_AFTER_NUMBER_WORD : QUOTED_NAME_WORD;
  const tail = NAMING_PREPOSITIONS.has(before.toLowerCase()) ? NAME_TAIL_WORD : word;
  let start = 0;
  while (start < first.length && (first[start] === '(' || first[start] === '[')) start++;
  const quote = first[start];
  if (quote !== "'" && quote !== '"') return -1;
  if (!word.test(first.slice(start + 1))) return -1;
  const last = Math.min(raw.length - 1, i + MAX_QUOTED_NAME_TOKENS - 1);
  for (let j = i + 1; j <= last; j++) {
    const token = raw[j] as string;
    const close = token.indexOf(quote);
    if (close < 0) {
      if (!tail.test(token)) return -1;
      continue;
    }
    // The quote ends the token but for closing punctuation (`'DejaVu Sans'.`, `'Noto Sans'),`).
    if (!tail.test(token.slice(0, close))) return -1;
    for (let k = close + 1; k < token.length; k++) if (!CLOSERS.includes(token[k] as string)) return -1;
    return j;
  }
  return -1;
}

function maskFreshTokens(text: string, maxTokens: number): string[] {
  const raw = tokenize(text, maxTokens);
  const out: string[] = [];
  // The title of a Google API a project left disabled is a value (disabled-service.ts): one token.
  const title = disabledServiceTitle(raw);
  for (let i = 0; i < raw.length; i++) {
    if (title !== null && i >= title[0] && i < title[1]) {
      if (i === title[0]) out.push(`${/^["'`([]/.test(raw[i] as string) ? (raw[i] as string)[0] : ''}<ID>`);
      continue;
    }
    const quotedEnd = quotedValueEnd(raw, i);
    if (quotedEnd >= 0) {
      out.push(quotedValue(raw[i] as string, raw[quotedEnd] as string));
      i = quotedEnd;
      continue;
    }
    const c = (raw[i] as string).charCodeAt(0);
    // A cheap first-character test: most tokens open with no quote or bracket.
    const nameEnd = c === 39 || c === 34 || c === 40 || c === 91 ? quotedNameEnd(raw, i) : -1;
    if (nameEnd >= 0) {
      const first = raw[i] as string;
      const lastToken = raw[nameEnd] as string;
      const open = first.search(/['"]/);
      out.push(`${first.slice(0, open + 1)}<QUOTED>${lastToken.slice(lastToken.indexOf(first[open] as string))}`);
      i = nameEnd;
      continue;
    }
    // The remote operation an SDK error names is a value (called-operation.ts).
    if (isCalledOperation(raw, i)) {
      out.push('<ID>');
      continue;
    }
    let masked = maskToken(raw[i] as string);
    const next = raw[i + 1];
    // An error status or number the text announces is the error, not a value (http-status.ts).
    if (masked.includes('<NUM>')) {
      const status = announcedHttpStatus(raw, i);
      if (status !== null || announcedServerErrorNumber(raw, i)) {
        out.push(status === null ? (raw[i] as string) : masked.replace('<NUM>', status));
        continue;
      }
      // …and so is a signal's number (signal-number.ts).
      const signal = announcedSignal(raw, i);
      if (signal !== null) {
        out.push(masked.replace('<NUM>', signal));
        continue;
      }
    }
    // "5 sec", "(1.2 KB)": a number and its unit are one value.
    if (next !== undefined && masked.includes('<NUM>')) {
      const [pre, core] = split(masked);
      if (core === '<NUM>' && UNITS.has(coreOf(next).toLowerCase())) {
        masked = pre + '<NUM>' + split(next)[2];
        i++;
      }
    }
    // "18846 bytes (18.4 KB)": a value restated in brackets adds nothing.
    const prev = out[out.length - 1];
    const first = masked.charCodeAt(0);
    if (prev !== undefined && (first === 40 || first === 91)) {
      const [mp, mc, ms] = split(masked);
      if (isMask(coreOf(prev)) && split(prev)[2] === '' && isMask(mc) && (mp === '(' || mp === '[')) {
        const closer = mp === '(' ? ')' : ']';
        if (ms.startsWith(closer)) {
          out[out.length - 1] = prev + ms.slice(1);
          continue;
        }
      }
    }
    out.push(masked);
  }
  markCalendarNames(out);
  singularAfterCount(out);
  return out;
}

// A count agrees with its noun, so the same message reads `1 row insertion failed` and `6 row insertions
// failed` (BigQuery's PutMultiError), `1 file changed` / `3 files changed`, or hedges with `row(s)`
// (SQLAlchemy's StaleDataError): once the count is `<NUM>` the number no longer tells the two apart, and
// the noun's ending is all that is left of it. The noun after a count (its first word, or the second
// when the first is a modifier: `row insertions`) reads singular.
const COUNT_NOUN_WINDOW = 2;
const PLURAL_WORD = /^[a-z]{3,40}(?:s|\(s\))$/;
// Words that end in s without being a plural of one (`1 class`, `2 status`, `0 was`, `3 is`).
const NOT_PLURAL_END = /(?:ss|us|is|as|os|ys)$/;
const NOT_PLURAL = new Set(['does', 'goes', 'this', 'yes', 'thus', 'plus', 'news', 'series', 'species', 'always', 'perhaps', 'towards', 'unless', 'across', 'besides', 'sometimes', 'afterwards', 'means', 'lens']);

function singular(word: string): string | null {
  if (!PLURAL_WORD.test(word)) return null;
  if (word.endsWith('(s)')) return word.slice(0, -3);
  if (NOT_PLURAL_END.test(word) || NOT_PLURAL.has(word)) return null;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|ss|x|z)es$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

function singularAfterCount(tokens: string[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const [, count, after] = split(tokens[i] as string);
    if (count !== '<NUM>' || after !== '') continue;
    for (let j = i + 1; j <= i + COUNT_NOUN_WINDOW && j < tokens.length; j++) {
      const [pre, core, post] = split(tokens[j] as string);
      if (pre !== '' || !/^[a-z]/.test(core)) break;
      // `row(s);` splits as `row(s` and `);`: the bracket belongs to the word.
      const hedged = core.endsWith('(s') && post.startsWith(')');
      const word = hedged ? `${core})` : core;
      const closers = hedged ? post.slice(1) : post;
      const one = singular(word);
      if (one !== null) {
        // `after 1 minute(s)` (Lettuce's timeout): a unit hedged so is a unit, one value with its count.
        if (j === i + 1 && UNITS.has(one)) {
          tokens[i] += closers;
          tokens.splice(j, 1);
        } else tokens[j] = one + closers;
        break;
      }
      if (closers !== '') break;
    }
  }
}

const CALENDAR_MAX_CHARS = Math.max(...[...CALENDAR].map((name) => name.length));

function isCalendarName(core: string): boolean {
  return core.length >= 3 && core.length <= CALENDAR_MAX_CHARS && CALENDAR.has(core.toLowerCase());
}

/** `Fri Jun 17 07:07:00 2005`: a day or month name next to a number is part of a date. */
function markCalendarNames(tokens: string[]): void {
  const numeric = (t: string | undefined): boolean => {
    const core = t === undefined ? '' : coreOf(t);
    return core === '<NUM>' || core === '<TIME>' || core === '<DATE>';
  };
  // Most messages name no day or month: find those that do once, then look only at them.
  const names: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (isCalendarName(coreOf(tokens[i] as string))) names.push(i);
  if (names.length === 0) return;
  for (let pass = 0; pass < 2; pass++) {
    for (const i of names) {
      const [pre, core, post] = split(tokens[i] as string);
      if (!isCalendarName(core)) continue;
      if (numeric(tokens[i - 1]) || numeric(tokens[i + 1])) tokens[i] = pre + '<DATE>' + post;
    }
  }
}

/** The masked message as one line. */
export function maskMessage(text: string): string {
  return maskTokens(text).join(' ');
}
