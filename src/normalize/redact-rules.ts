// The redaction rules, in the order they run. Each is data: a cheap substring pre-check, one
// regex, and a replacement. Every quantifier is bounded and no two adjacent parts can match
// the same characters in more than a bounded number of ways, so each rule costs a small
// constant per input character (the engine backtracks; there is no re2 here).
// Idempotence: every replacement leaves `[REDACTED]` (or `***@domain`), which no rule's value
// part accepts again, or which the replacer recognises and keeps.
import { PERSONAL_DATA_RULES } from './personal-data-rules.js';
import {
  REDACTED, isBasicCredential, isPasswordKey, isPasswordReason, isPlaceholder, isProseWord, looksHighEntropy,
  looksMixedCaseToken, looksOpaque,
} from './secret-shapes.js';
import { VENDOR_TOKEN_PATTERN } from './vendor-tokens.js';

export interface RedactRule {
  name: string;
  /**
   * The rule runs only when the lower-cased text contains one of these; empty: always runs.
   * Only rules that start with a character class need them: a regex that starts with a literal
   * (`ghp_`, `AKIA`, `eyJ`) finds it faster than a substring search would.
   */
  hints: readonly string[];
  /**
   * A regex every match of `pattern` holds, tested on the text as it stands when the rule runs: when it
   * finds nothing the rule cannot match and is skipped. For patterns that start with a character class
   * or a lookbehind, which the engine tries at every position; this one starts with a literal.
   */
  requires?: RegExp;
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

/**
 * A keyed value that stays: a nested object or list (its own keys decide), an error code after
 * `code` (`code=ECONNRESET`, `code: 404`), a reason word after a key that is not a password's.
 */
function keepKeyedValue(key: string, sep: string, inner: string, quoted: boolean): boolean {
  if (/^[{[(]$/.test(inner)) return true;
  const name = key.toLowerCase();
  if (name === 'code') return !(inner.length >= 8 && /[0-9]/.test(inner) && /[A-Za-z]/.test(inner));
  if (isPasswordKey(key) || name === 'otp') return false;
  return !quoted && !sep.includes('=') && isProseWord(inner);
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
    // Shopify, Vault, Docker, GitHub, Slack, Stripe, npm, PyPI, GitLab, SendGrid, Twilio…: see vendor-tokens.ts.
    name: 'vendor token',
    hints: [],
    pattern: VENDOR_TOKEN_PATTERN,
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
    name: 'Slack webhook',
    hints: [],
    pattern: /(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_\/-]{8,512}/g,
    replace: `$1${REDACTED}`,
  },
  {
    // OpenAI / Anthropic style: `sk-…`, `sk-proj-…`, `sk-ant-api03-…`.
    name: 'sk- API key',
    hints: [],
    pattern: /(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{20,255}/g,
    replace: (m) => (/[0-9]/.test(m) ? REDACTED : m),
  },
  {
    // The password may itself hold an unescaped `@`: the greedy part backtracks to the last one.
    name: 'password in URL',
    hints: ['://'],
    requires: /:\/\/[^\s\/@:?#"'<>]{0,256}:/,
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
    // `password: correct horse battery staple`, `the password is hunter2`: the rest of the phrase goes,
    // unless it only says why the password failed (`password is incorrect`).
    name: 'password in prose',
    hints: ['pass', 'pwd'],
    pattern:
      /\b(pass(?:word|wd|phrase)|pwd)([ \t]{1,3}(?:is|was)[ \t]{1,3}|[ \t]{0,3}:[ \t]{1,3})([^\s"'=,;&`\\[][^\n"'=,;&`\\]{0,127}?)(?=[ \t]{0,4}(?:[,;&\n"'`]|$)|[ \t][A-Za-z_][\w.-]{0,40}=)/gi,
    replace: (m, [key, sep, value]) =>
      isPlaceholder(value!) || isPasswordReason(value!) ? m : `${key}${sep}${REDACTED}`,
  },
  {
    name: 'secret key=value',
    hints: [
      'pass', 'pwd', 'secret', 'token', 'key', 'sid', 'session', 'credential', 'signature', 'sig', 'code', 'otp',
      'phone', 'mobile', 'msisdn', 'ssn', 'iban', 'card', 'cc', 'cvv', 'cvc',
    ],
    // Every key above ends with one of these words: found from its `:` or `=`, not tried at every letter.
    requires:
      /[:=](?<=(?:word|wd|phrase|pass|pwd|key|secret|token|id|session|sig|otp|code|credentials?|signature|phone|no|number|mobile|msisdn|ssn|iban|cvv|cvc)\\?["']?[ \t]{0,4}[:=])/i,
    pattern: new RegExp(
      '(pass(?:word|wd|phrase)|(?<![a-z])pass|pwd|secret[_-]?key|secret|token|api[ _-]?key|apikey|access[_-]?key|' +
        'private[_-]?key|(?:account|shared[_-]?access|master|signing|encryption|client|app|auth|storage|license)[_-]?key|' +
        'session[_-]?id|sessionid|jsessionid|phpsessid|sid|(?<![a-z])session|(?<![a-z0-9])sig|(?<![a-z0-9])otp|' +
        '(?<![a-z0-9_])code|credentials?|signature|' +
        // Personal numbers, whatever their format: the key says what they are.
        '(?<![a-z])(?:phone(?:[_-]?(?:number|no))?|mobile(?:[_-]?number)?|msisdn|ssn|iban|card[_-]?number|cc[_-]?number|cvv|cvc))' +
        SEP +
        String.raw`(\\"[^"\\\n]{0,8192}(?:\\")?|"(?:[^"\\\n]|\\.){0,8192}"?|'[^'\n]{0,8192}'?|` +
        // `&` belongs to the value unless a query string's next `name=` follows it.
        String.raw`(?:[^\s,;&"'` + '`' + String.raw`\\]|&(?![A-Za-z_][A-Za-z0-9_.\[\]-]{0,64}=)){1,4096})`,
      'gi',
    ),
    replace: (_m, [key, sep, value]) =>
      keyValue(key!, sep!, value!, (inner, quoted) => keepKeyedValue(key!, sep!, inner, quoted)),
  },
  {
    // `curl -u deploy:s3cret`, `--user 'ops:pw'`: the user stays, the password goes.
    name: 'user:password argument',
    hints: ['-u', '--user'],
    pattern: /((?:^|[\s"'])(?:-u|--user)(?:[ \t]{1,4}|=)["']?)([^\s:"'@]{1,256}):([^\s"']{1,512})/g,
    replace: (m, [flag, user, pass]) =>
      pass!.startsWith(REDACTED) || isPlaceholder(pass!) ? m : `${flag}${user}:${REDACTED}`,
  },
  {
    // `--db-password hunter2`, and in an argv array `"--db-password", "hunter2"` (or quoted words
    // without the comma, `"--db-password" "hunter2"`): the next argument. A
    // flag starts an argument: a word's hyphen inside a path (`…/application-default-credentials for
    // more information`, Google's ADC error) is no flag, and the word after it no secret.
    name: 'secret flag argument',
    hints: ['-'],
    pattern:
      /(?<![^\s"'[(,=])(--?[A-Za-z0-9_-]{0,40}(?:pass(?:word|wd)?|secret|token|api-?key|credentials?|pwd)(?:["'][ \t]{0,4},?[ \t]{0,4}["']|[ \t]{1,4}))(?!-)([^\s"',\][]{1,1024})/gi,
    replace: (m, [flag, value]) => (isPlaceholder(value!) ? m : `${flag}${REDACTED}`),
  },
  {
    // Kubernetes and Cloud Run env lists: `{name: "DB_PASSWORD", value: "…"}`.
    name: 'secret in a name/value pair',
    hints: ['value'],
    pattern:
      /(["']?name["']?[ \t]{0,4}[:=][ \t]{0,4}["']?[A-Za-z0-9_.-]{0,64}(?:pass(?:word|wd)?|secret|token|key|credentials?|pwd)[A-Za-z0-9_]{0,16}["']?[ \t]{0,4},[ \t]{0,4}["']?value["']?[ \t]{0,4}[:=][ \t]{0,4})("(?:[^"\\\n]|\\.){0,4096}"|'[^'\n]{0,4096}'|[^\s,}"']{1,4096})/gi,
    replace: (m, [pair, value]) => {
      if (value!.includes(REDACTED)) return m;
      const quote = value!.startsWith('"') || value!.startsWith("'") ? value![0]! : '';
      return `${pair}${quote}${REDACTED}${quote}`;
    },
  },
  {
    // `basic dXNlcjpwYXNz` outside an Authorization header: only when it decodes to `user:password`.
    name: 'Basic credentials',
    hints: ['basic'],
    pattern: /\b(basic)([ \t]{1,4}|%20|\+)([A-Za-z0-9+\/]{6,4096}={0,2})(?![A-Za-z0-9+\/=])/gi,
    replace: (m, [word, sep, value]) => (isBasicCredential(value!) ? `${word}${sep}${REDACTED}` : m),
  },
  {
    // Go's MySQL DSN and friends: `user:pass@tcp(host:3306)/db`, `user:pass@localhost:5432`.
    name: 'password in a DSN without scheme',
    hints: ['@'],
    requires: /@(?=(?:tcp|unix|udp)\(|localhost\b|\[|[0-9]{1,3}\.[0-9]{1,3}\.|<IP>)/,
    pattern:
      /(?<![\w.:\/-])([\w.-]{1,64}):([^\s@:\/'"()]{1,256})@(?=(?:tcp|unix|udp)\(|localhost\b|\[|[0-9]{1,3}\.[0-9]{1,3}\.|<IP>)/g,
    replace: (m, [user, pass]) => (pass === REDACTED ? m : `${user}:${REDACTED}@`),
  },
  {
    // A query string inside text: a long value mixing letters and digits is a token, whatever its name.
    name: 'opaque query value',
    hints: ['='],
    pattern: /([?&;][A-Za-z0-9_.\[\]-]{1,64}=)([^\s&#"'<>;]{12,2048})/g,
    // An address (`to=a%40b.org`) is the e-mail rule's: it keeps the domain.
    replace: (m, [key, value]) =>
      value!.startsWith(REDACTED) || !looksOpaque(value!) || /@|%40|%2540|&#/.test(value!) ? m : `${key}${REDACTED}`,
  },
  {
    // `/reset-password/<token>`: what follows a one-time-link word is the secret.
    name: 'one-time link token',
    hints: ['/'],
    pattern:
      /(\/(?:reset[_-]?password|password[_-]?reset|reset|verify|verification|confirm|activate|invite|invitation|magic[_-]?link|unsubscribe|tokens?|otp)\/)([A-Za-z0-9_.~%-]{8,512})(?=[\/?#\s"'<>),]|$)/gi,
    replace: (m, [prefix, segment]) =>
      /[0-9]/.test(segment!) || segment!.length >= 20 ? `${prefix}${REDACTED}` : m,
  },
  {
    // A long base64url path segment (mixed case and digits) is a token, not a route.
    name: 'opaque path segment',
    hints: ['/'],
    requires: /\/[A-Za-z0-9_-]{20}/,
    pattern: /(?<=\/)[A-Za-z0-9_-]{20,512}(?=[\/?#\s"'<>),]|$)/g,
    replace: (m) => (looksMixedCaseToken(m) ? REDACTED : m),
  },
  {
    // A private key logged one line per entry: a line that is nothing but base64.
    name: 'PEM body line',
    hints: [],
    pattern: /^[ \t]{0,8}(?:[A-Za-z0-9+\/]{40,128}={0,2}|[A-Za-z0-9+\/]{16,128}={1,2})[ \t]{0,8}$/gm,
    replace: (m) => (/[A-Z]/.test(m) && /[a-z]/.test(m) && /[0-9]/.test(m) ? REDACTED : m),
  },
  {
    // `API key AbC…`, `token is 9f…`: a long, varied value right after a secret word.
    name: 'high-entropy value after a secret word',
    hints: ['key', 'token', 'secret', 'password', 'passwd', 'credential'],
    pattern:
      /\b(api[ _-]?key|key|token|secret|password|passwd|credential)(s?\b(?:[ \t]{1,3}(?:is|was|of)[ \t]{1,3}|[ \t]{0,3}[:=][ \t]{0,3}|[ \t]{1,3})["'`]?)([A-Za-z0-9_+\/=.~-]{16,1024})/gi,
    replace: (m, [word, sep, value]) => (looksHighEntropy(value!) ? `${word}${sep}${REDACTED}` : m),
  },
  ...PERSONAL_DATA_RULES,
];
