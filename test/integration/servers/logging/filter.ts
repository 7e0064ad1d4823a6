// Enough of the Logging query language to judge the filters a sweep sends, evaluated over entries in
// their JSON (REST) form. Unknown syntax is an error, as it is for Cloud Logging, so a sloppy filter
// fails a test instead of matching everything.
//
//   filter     := conjunct ((AND)? conjunct)*         -- OR binds tighter than AND, as in Logging
//   conjunct   := negation (OR negation)*
//   negation   := (NOT | '-') negation | '(' filter ')' | comparison
//   comparison := field op value | field op '(' value (OR value)* ')'
//   op         := '=' | '!=' | '>' | '>=' | '<' | '<=' | ':' | '=~' | '!~'
//
// `field:*` tests that a field is present. `=~` / `!~` match an RE2 pattern anywhere in the value
// (RE2's subset only: a leading `(?i)`, no lookaround, no backreference), as Cloud Logging does. An
// entry without a severity has severity DEFAULT, the LogSeverity default. An ordering comparison with
// a number compares numbers; against a value that is not one it is false.

const SEVERITY_RANK: Record<string, number> = {
  DEFAULT: 0, DEBUG: 100, INFO: 200, NOTICE: 300, WARNING: 400, ERROR: 500, CRITICAL: 600, ALERT: 700, EMERGENCY: 800,
};

type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | ':' | '=~' | '!~';
export type Node =
  | { kind: 'and' | 'or'; items: Node[] }
  | { kind: 'not'; item: Node }
  | { kind: 'cmp'; field: string; op: Op; values: string[] };

type Token = { type: 'str' | 'word' | 'op' | 'lp' | 'rp' | 'minus'; text: string };

export class FilterSyntaxError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(') { tokens.push({ type: 'lp', text: c }); i++; continue; }
    if (c === ')') { tokens.push({ type: 'rp', text: c }); i++; continue; }
    if (c === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        value += text[i] ?? '';
        i++;
      }
      if (text[i] !== '"') throw new FilterSyntaxError(`unterminated string at ${i}`);
      i++;
      tokens.push({ type: 'str', text: value });
      continue;
    }
    const op = /^(=~|!~|>=|<=|!=|=|>|<|:)/.exec(text.slice(i));
    if (op) { tokens.push({ type: 'op', text: op[0] }); i += op[0].length; continue; }
    if (c === '-' && (tokens.length === 0 || ['lp', 'word', 'str', 'rp'].includes(tokens[tokens.length - 1]!.type))) {
      tokens.push({ type: 'minus', text: c }); i++; continue;
    }
    const word = /^[A-Za-z0-9_.\-@/+*]+/.exec(text.slice(i));
    if (!word) throw new FilterSyntaxError(`unexpected ${JSON.stringify(c)} at ${i}`);
    i += word[0].length;
    // A field path may quote a key that is not a plain name: `jsonPayload."log.level"`, `labels."a/b"`.
    let path = word[0];
    while (path.endsWith('.') && text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new FilterSyntaxError(`unterminated key at ${i}`);
      path += `${QUOTED}${text.slice(i + 1, end)}${QUOTED}`;
      i = end + 1;
      const more = /^[A-Za-z0-9_.\-@/+*]+/.exec(text.slice(i));
      if (more) { path += more[0]; i += more[0].length; }
    }
    tokens.push({ type: 'word', text: path });
  }
  return tokens;
}

export function parseFilter(text: string): Node {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isWord = (w: string): boolean => peek()?.type === 'word' && peek()!.text === w;
  const expect = (type: Token['type']): Token => {
    const token = tokens[at++];
    if (!token || token.type !== type) throw new FilterSyntaxError(`expected ${type} at token ${at - 1}`);
    return token;
  };

  function filter(): Node {
    const items = [conjunct()];
    while (at < tokens.length && peek()!.type !== 'rp') {
      if (isWord('AND')) at++;
      items.push(conjunct());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }
  function conjunct(): Node {
    const items = [negation()];
    while (isWord('OR')) { at++; items.push(negation()); }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }
  function negation(): Node {
    if (isWord('NOT') || peek()?.type === 'minus') { at++; return { kind: 'not', item: negation() }; }
    if (peek()?.type === 'lp') {
      at++;
      const inner = filter();
      expect('rp');
      return inner;
    }
    return comparison();
  }
  function value(): string {
    const token = tokens[at++];
    if (!token || (token.type !== 'str' && token.type !== 'word')) throw new FilterSyntaxError(`expected a value at token ${at - 1}`);
    return token.text;
  }
  function comparison(): Node {
    const field = expect('word').text;
    if (['AND', 'OR', 'NOT'].includes(field)) throw new FilterSyntaxError(`unexpected ${field}`);
    const op = expect('op').text as Op;
    if (peek()?.type === 'lp') {
      at++;
      const values = [value()];
      while (isWord('OR')) { at++; values.push(value()); }
      expect('rp');
      return { kind: 'cmp', field, op, values };
    }
    return { kind: 'cmp', field, op, values: [value()] };
  }

  if (tokens.length === 0) return { kind: 'and', items: [] };
  const node = filter();
  if (at !== tokens.length) throw new FilterSyntaxError(`unexpected ${tokens[at]!.text}`);
  return node;
}

export function matches(node: Node, entry: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and': return node.items.every((item) => matches(item, entry));
    case 'or': return node.items.some((item) => matches(item, entry));
    case 'not': return !matches(node.item, entry);
    case 'cmp': {
      const actual = node.field === 'severity' ? (lookup(entry, node.field) ?? 'DEFAULT') : lookup(entry, node.field);
      // Logging: a disjunction of values matches when any one does (for != and !~ : when none does).
      if (node.op === '!=') return !node.values.some((v) => compare(node.field, actual, '=', v));
      if (node.op === '!~') return !node.values.some((v) => compare(node.field, actual, '=~', v));
      return node.values.some((v) => compare(node.field, actual, node.op, v));
    }
  }
}

/** Marks a quoted key inside a field path's word (a character no filter holds). */
const QUOTED = '\u0001';

/** A field path's keys: split at dots, but not inside a quoted key. */
function keys(field: string): string[] {
  const out: string[] = [];
  for (const [i, piece] of field.split(QUOTED).entries()) {
    if (i % 2 === 1) out.push(piece);
    else out.push(...piece.split('.').filter((key) => key.length > 0));
  }
  return out;
}

function lookup(entry: Record<string, unknown>, field: string): unknown {
  let node: unknown = entry;
  for (const part of keys(field)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function compare(field: string, actual: unknown, op: Op, expected: string): boolean {
  if (op === '=~') return (typeof actual === 'string' || typeof actual === 'number') && regex(expected).test(String(actual));
  if (actual === undefined || actual === null) return false;
  if (op === ':') return expected === '*' || String(actual).toLowerCase().includes(expected.toLowerCase());
  let [a, b]: [number | string, number | string] = [String(actual), expected];
  if (field === 'severity') {
    [a, b] = [SEVERITY_RANK[String(actual)] ?? 0, SEVERITY_RANK[expected.toUpperCase()] ?? Number.NaN];
    if (Number.isNaN(b)) throw new FilterSyntaxError(`unknown severity ${expected}`);
  } else if (field === 'timestamp' || field === 'receiveTimestamp') {
    [a, b] = [preciseTime(String(actual)), preciseTime(expected)];
  } else if (/^-?\d+(\.\d+)?$/.test(expected) && op !== '=') {
    const number = typeof actual === 'number' ? actual : typeof actual === 'string' && /^-?\d+(\.\d+)?$/.test(actual) ? Number(actual) : Number.NaN;
    if (Number.isNaN(number)) return false;
    [a, b] = [number, Number(expected)];
  } else if (typeof actual === 'number' && /^-?\d+(\.\d+)?$/.test(expected)) {
    [a, b] = [actual, Number(expected)];
  }
  switch (op) {
    case '=': return a === b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '<=': return a <= b;
    default: return false;
  }
}

const compiled = new Map<string, RegExp>();

/** An RE2 pattern as a JS RegExp; what RE2 lacks (lookaround, backreferences) is a syntax error, as there. */
function regex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) {
    // Lookaround and backreferences are not RE2; inline flags past a leading (?i) JS cannot read.
    if (/\(\?[=!<]|\\[1-9]|\(\?[a-zA-Z]+[):]/.test(pattern.replace(/^\(\?i\)/, ''))) throw new FilterSyntaxError(`not RE2: ${pattern}`);
    const insensitive = pattern.startsWith('(?i)');
    try {
      re = new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'i' : '');
    } catch (error) {
      throw new FilterSyntaxError(`bad regular expression ${pattern}: ${(error as Error).message}`);
    }
    compiled.set(pattern, re);
  }
  return re;
}

/** Nanoseconds since the epoch, as a zero-padded string so that it compares correctly. */
function preciseTime(text: string): string {
  const match = /^(.*?T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text.trim());
  if (!match) throw new FilterSyntaxError(`not a timestamp: ${text}`);
  const seconds = Date.parse(`${match[1]}${match[3]}`) / 1000;
  if (Number.isNaN(seconds)) throw new FilterSyntaxError(`not a timestamp: ${text}`);
  return `${String(seconds + 1e12).padStart(14, '0')}.${(match[2] ?? '').padEnd(9, '0')}`;
}
