// The redaction rules, in the order they run. Each is data: a cheap substring pre-check, one
// regex, and a replacement. Every quantifier is bounded and no two adjacent parts can match
// the same characters in more than a bounded number of ways, so each rule costs a small
// constant per input character (the engine backtracks; there is no re2 here).
// Idempotence: every replacement leaves `[REDACTED]` (or `***@domain`), which no rule's value
// part accepts again, or which the replacer recognises and keeps.
import { REDACTED, isPasswordKey, isPlaceholder, isProseWord, looksHighEntropy } from './secret-shapes.js';

export interface RedactRule {
  name: string;
  /**
   * The rule runs only when the lower-cased text contains one of these; empty: always runs.
   * Only rules that start with a character class need them: a regex that starts with a literal
   * (`ghp_`, `AKIA`, `eyJ`) finds it faster than a substring search would.
   */
  hints: readonly string[];
  /** Global regex. */
  pattern: RegExp;
  /** Replacement string, or a function of the match and its capture groups. */
  replace: string | ((match: string, groups: ReadonlyArray<string | undefined>) => string);
}

const PEM_HEADER = '(-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----)';
const PEM_FOOTER = '(-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----)';
const AUTH_SCHEMES = 'bearer|basic|digest|negotiate|ntlm|token|apikey|api-key|hawk|oauth|aws4-hmac-sha256';
// A key's closing quote (also JSON-escaped), then `:` or `=`.
const SEP = String.raw`(\\?["']?[ \t]{0,4}[:=][ \t]{0,4})`;

/** Keeps `key + sep`, replaces the value, keeping its quotes. */
function keyValue(
  key: string,
  sep: string,
  value: string,
  keep: (inner: string, quoted: boolean) => boolean,
): string {
  const open = value.startsWith('\\"') ? '\\"' : value.startsWith('"') || value.startsWith("'") ? value[0]! : '';
  const close = open !== '' && value.length > open.length && value.endsWith(open) ? open : '';
  const inner = value.slice(open.length, value.length - close.length);
  // Starting with the marker: a more precise rule already took this value.
  if (inner.startsWith(REDACTED) || isPlaceholder(inner) || keep(inner, open !== '')) return key + sep + value;
  return key + sep + open + REDACTED + close;
}

export const REDACT_RULES: readonly RedactRule[] = [
  {
    name: 'private key block',
    hints: [],
    pattern: new RegExp(`${PEM_HEADER}(?!\\[REDACTED\\])[^-]{0,32768}${PEM_FOOTER}`, 'g'),
    replace: `$1${REDACTED}$2`,
  },
  {
    // Cut short, escaped oddly or holding headers with dashes: everything key-like after the header goes.
    name: 'private key, unterminated',
    hints: [],
    pattern: new RegExp(`${PEM_HEADER}(?!\\[REDACTED\\])[A-Za-z0-9+/=\\s\\\\:,.-]{0,32768}`, 'g'),
    replace: `$1${REDACTED}`,
  },
  {
    // Three (JWS) or five (JWE) base64url parts; also bare base64 JSON blobs (`eyJ` is `{"`).
    name: 'JWT or base64 JSON',
    hints: [],
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_\/+=-]{10,16384}(?:\.[A-Za-z0-9_\/+=-]{0,16384}){0,4}/g,
    replace: REDACTED,
  },
  {
    name: 'GitHub token',
    hints: [],
    pattern: /gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255}/g,
    replace: REDACTED,
  },
  {
    name: 'GitLab, npm or Hugging Face token',
    hints: [],
    pattern: /glpat-[A-Za-z0-9_-]{20,255}|npm_[A-Za-z0-9]{36,255}|(?<![A-Za-z0-9])hf_[A-Za-z0-9]{30,255}/g,
    replace: REDACTED,
  },
  {
    name: 'AWS access key id',
    hints: [],
    pattern: /(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16,64}/g,
    replace: REDACTED,
  },
  {
    name: 'Google API key or OAuth token',
    hints: [],
    pattern: /AIza[0-9A-Za-z_-]{30,64}|ya29\.[0-9A-Za-z_.-]{10,4096}|GOCSPX-[0-9A-Za-z_-]{10,255}|1\/\/0[0-9A-Za-z_-]{20,1024}/g,
    replace: REDACTED,
  },
  {
    name: 'Slack token',
    hints: [],
    pattern: /xox[a-z]-[A-Za-z0-9-]{10,255}|xapp-[A-Za-z0-9-]{10,255}/g,
    replace: REDACTED,
  },
  {
    name: 'Slack webhook',
    hints: [],
    pattern: /(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_\/-]{8,512}/g,
    replace: `$1${REDACTED}`,
  },
  {
    name: 'Stripe key',
    hints: [],
    pattern: /[srp]k_(?:live|test)_[0-9A-Za-z]{8,255}|whsec_[0-9A-Za-z]{16,255}/g,
    replace: REDACTED,
  },
  {
    // OpenAI / Anthropic style: `sk-…`, `sk-proj-…`, `sk-ant-api03-…`.
    name: 'sk- API key',
    hints: [],
    pattern: /(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{20,255}/g,
    replace: (m) => (/[0-9]/.test(m) ? REDACTED : m),
  },
  {
    name: 'SendGrid key',
    hints: [],
    pattern: /SG\.[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{16,128}/g,
    replace: REDACTED,
  },
  {
    // The password may itself hold an unescaped `@`: the greedy part backtracks to the last one.
    name: 'password in URL',
    hints: ['://'],
    pattern: /\b([a-z][a-z0-9+.-]{0,20}:\/\/)([^\s\/@:?#"'<>]{0,256}):([^\s\/?#"'<>]{1,512})@/gi,
    replace: (m, [scheme, user, pass]) => (pass === REDACTED ? m : `${scheme}${user}:${REDACTED}@`),
  },
  {
    name: 'Authorization header',
    hints: ['authorization'],
    pattern: new RegExp(
      `(authorization)${SEP.slice(0, -1)}\\\\?["']?)((?:${AUTH_SCHEMES})(?:[ \\t]{1,4}|%20|\\+))?` +
        `(?!(?:${AUTH_SCHEMES})\\b)([^\\s"'\\\\,;]{1,4096})`,
      'gi',
    ),
    replace: (m, [key, sep, scheme, value]) => {
      if (value === undefined || value === REDACTED || isPlaceholder(value)) return m;
      if (scheme === undefined && !sep!.includes('=') && isProseWord(value)) return m;
      return `${key}${sep}${scheme ?? ''}${REDACTED}`;
    },
  },
  {
    name: 'Bearer token',
    hints: ['bearer'],
    pattern: /\b(bearer)([ \t]{1,4}|%20|\+|:[ \t]{0,4})([A-Za-z0-9._~+\/=-]{6,4096})/gi,
    replace: (m, [word, sep, value]) => (isProseWord(value!) ? m : `${word}${sep}${REDACTED}`),
  },
  {
    // The whole header value: a cookie line carries many name=value pairs.
    name: 'cookie',
    hints: ['cookie'],
    pattern: new RegExp(`((?:set-)?cookie)${SEP.slice(0, -1)}\\\\?["']?)([^\\s"'\\\\][^\\r\\n"'\\\\]{0,8191})`, 'gi'),
    replace: (m, [key, sep, value]) => {
      if (value!.startsWith(REDACTED)) return m;
      if (!value!.includes('=') && /\s/.test(value!.trim())) return m;
      return `${key}${sep}${REDACTED}`;
    },
  },
  {
    name: 'secret key=value',
    hints: ['pass', 'pwd', 'secret', 'token', 'key', 'sid', 'session', 'credential', 'signature'],
    pattern: new RegExp(
      '(pass(?:word|wd|phrase)|pwd|secret[_-]?key|secret|token|api[ _-]?key|apikey|access[_-]?key|private[_-]?key|' +
        'session[_-]?id|sessionid|jsessionid|phpsessid|sid|credentials?|signature)' +
        SEP +
        String.raw`(\\"[^"\\\n]{0,8192}(?:\\")?|"(?:[^"\\\n]|\\.){0,8192}"?|'[^'\n]{0,8192}'?|[^\s,;&"'` +
        '`' +
        String.raw`\\]{1,4096})`,
      'gi',
    ),
    // An opening bracket alone is a nested object or list: its own keys decide.
    replace: (_m, [key, sep, value]) =>
      keyValue(key!, sep!, value!, (inner, quoted) =>
        /^[{[(]$/.test(inner) || (!isPasswordKey(key!) && !quoted && !sep!.includes('=') && isProseWord(inner)),
      ),
  },
  {
    // `API key AbC…`, `token is 9f…`: a long, varied value right after a secret word.
    name: 'high-entropy value after a secret word',
    hints: ['key', 'token', 'secret', 'password', 'passwd', 'credential'],
    pattern:
      /\b(api[ _-]?key|key|token|secret|password|passwd|credential)(s?\b(?:[ \t]{1,3}(?:is|was|of)[ \t]{1,3}|[ \t]{0,3}[:=][ \t]{0,3}|[ \t]{1,3})["'`]?)([A-Za-z0-9_+\/=.~-]{16,1024})/gi,
    replace: (m, [word, sep, value]) => (looksHighEntropy(value!) ? `${word}${sep}${REDACTED}` : m),
  },
  {
    // The local part goes, the domain stays (`***@cornell.edu`): which organisation is useful, who is not.
    name: 'email address',
    hints: ['@', '%40'],
    // A domain directly followed by another `@` would be the next pass's local part: it goes too.
    // Any script (`josé@…`, `张伟@例子.公司`): everything from U+00C0 up counts as a letter. Plain
    // ranges, not \p{L} with the u flag, which is several times slower on non-Latin-1 text.
    pattern:
      /[A-Za-z0-9._%+\-\u00C0-\uFFFF]{1,64}(@|%40)((?:[A-Za-z0-9\-\u00C0-\uFFFF]{1,63}\.){1,8}[A-Za-z\u00C0-\uFFFF]{2,24})(?![A-Za-z0-9\-\u00C0-\uFFFF])(?=(@|%40)?)/g,
    replace: (_m, [at, domain, next]) => `***${at}${next === undefined ? domain : '***'}`,
  },
];
