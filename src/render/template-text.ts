// Reading a masked template for the constant text a person (or a log query) can search for.
// Masks are `<*>` and named ones such as `<NUM>`; redaction leaves `***` or `[REDACTED…]` behind.
// Neither may ever reach a search, a title or a short name: they are not what the logs say.

const MASK = /<\*>|<[A-Z][A-Z_]*>/g;
const REDACTED_TOKEN = /\S*\*{3}\S*|\[REDACTED[^\]]*\]/gi;
const EDGE_PUNCT = /^[\s'"`()[\]{},;:.!?=-]+|[\s'"`()[\]{},;:.!?=-]+$/g;
/** A log query stays readable and cheap with a bounded search string. */
const MAX_FRAGMENT = 100;

/** The constant pieces of a template (between masks and redactions), trimmed, in order. */
export function constantFragments(template: string): string[] {
  const out: string[] = [];
  for (const line of template.split('\n')) {
    for (const piece of line.replace(REDACTED_TOKEN, '\u0000').split(MASK)) {
      for (const part of piece.split('\u0000')) {
        const trimmed = part.replace(EDGE_PUNCT, '').trim();
        if (trimmed.length >= 3 && /[A-Za-z]{2}/.test(trimmed)) out.push(trimmed);
      }
    }
  }
  return out;
}

/** The longest constant fragment (preferring `preferLine`'s when given), cut at a word boundary. */
export function longestFragment(template: string, preferLine?: string): string | null {
  const lines = preferLine ? template.split('\n').filter((l) => l.includes(preferLine)) : [];
  const pool = lines.length > 0 ? constantFragments(lines.join('\n')) : constantFragments(template);
  let best: string | null = null;
  for (const f of pool) if (best === null || f.length > best.length) best = f;
  if (best === null || best.length <= MAX_FRAGMENT) return best;
  const cut = best.slice(0, MAX_FRAGMENT);
  const space = cut.lastIndexOf(' ');
  return (space > 20 ? cut.slice(0, space) : cut).trim();
}

const STOP = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'from', 'by', 'with', 'and', 'or', 'is', 'are',
  'was', 'were', 'be', 'been', 'did', 'do', 'does', 'has', 'have', 'had', 'it', 'its', 'this', 'that',
  'as', 'into', 'than', 'then', 'via', 'per', 'but', 'if', 'so', 'no', 'yes', 'we', 'you', 'he', 'she',
  'they', 'them', 'our', 'your', 'will', 'can', 'could', 'would', 'should', 'may', 'might',
]);

/** Splits identifiers the way people read them: SessionMiddleware -> session, middleware. */
export function splitWords(text: string): string[] {
  return text
    .replace(COMPOUND_NAMES, (name) => name.toLowerCase())
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

// Product names written in camel case are one word to people (github, not git-hub); other camel
// case (SessionMiddleware, TypeError) is split into its words.
const COMPOUND_NAMES =
  /\b(?:GitHub|GitLab|WebSockets?|JavaScript|TypeScript|PostgreSQL|MySQL|MongoDB|GraphQL|FastAPI|OAuth2?|OpenAI|OpenID|BigQuery|PubSub|DynamoDB|CloudSQL|LinkedIn|YouTube|DevOps|NodeJS|gRPC|iOS|macOS)\b/g;

/** Whether a word could be an id, a hash or a secret rather than a word a person wrote. */
export function looksLikeValue(word: string): boolean {
  if (word.length > 24) return true;
  const digits = (word.match(/[0-9]/g) ?? []).length;
  if (digits === 0) return false;
  if (digits === word.length) return word.length > 4;
  return word.length >= 6 || digits >= 3;
}

/** Lower-case content words of the template's constant text, in order, de-duplicated. */
export function templateWords(template: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const fragment of constantFragments(template)) {
    for (const w of splitWords(fragment)) {
      if (STOP.has(w) || looksLikeValue(w) || seen.has(w)) continue;
      seen.add(w);
      out.push(w);
    }
  }
  return out;
}

/** Words too common in logs to say two problems are related, or that a person's issue is this one. */
const GENERIC = new Set([
  'error', 'errors', 'failed', 'failure', 'fail', 'exception', 'warning', 'warn', 'info', 'debug', 'notice',
  'critical', 'request', 'response', 'null', 'none', 'true', 'false', 'traceback', 'most', 'recent', 'call',
  'last', 'file', 'line', 'module', 'value', 'type', 'unable', 'cannot', 'using', 'after', 'before',
  'within', 'during', 'while', 'when', 'not', 'get', 'post', 'put', 'patch', 'delete', 'http', 'https',
  'api', 'service', 'server', 'client', 'message', 'status', 'code', 'detected', 'invalid', 'missing',
  'error:', 'internal', 'unknown', 'object', 'string', 'self', 'args', 'kwargs', 'return', 'raise',
  'lib', 'python', 'site', 'packages', 'node', 'modules', 'src', 'app', 'main', 'index', 'dist',
]);

/** Words distinctive enough to compare problems: content words of 4+ letters that are not generic. */
export function distinctiveWords(template: string, exceptionType?: string): Set<string> {
  const words = new Set<string>();
  const source = exceptionType ? [...templateWords(template), ...splitWords(exceptionType)] : templateWords(template);
  for (const w of source) if (w.length >= 4 && !GENERIC.has(w) && !/^[0-9]+$/.test(w)) words.add(w);
  return words;
}
