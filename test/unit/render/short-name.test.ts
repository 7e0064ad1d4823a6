// Short names from real messages (as the classifier masks them), checked by the properties on-call
// relies on: the negation survives, the name is more than a verb or a number, different problems get
// different names, the length is bounded, and nothing that follows a secret-like key gets in.
import { shortNameCandidates, shortNameFor } from '../../../src/render/index.js';
import type { Cluster } from '../../../src/shared/types.js';

type Input = Parameters<typeof shortNameFor>[0];

interface Case {
  name: string;
  cluster: Input;
  /** Words the name must contain, in this order (not necessarily next to each other). */
  has: string[];
  /** Words the name must not contain. */
  hasNot?: string[];
}

const text = (template: string, extra: Partial<Cluster> = {}): Input => ({ kind: 'text', template, ...extra });
const stack = (exceptionType: string, template: string): Input => ({ kind: 'stack', exceptionType, template });
const request = (template: string): Input => ({ kind: 'request', template });

const CASES: Case[] = [
  // Cloud Run's own messages
  { name: 'no available instance', cluster: text('The request was aborted because there was no available instance.'), has: ['request', 'aborted', 'no', 'available', 'instance'], hasNot: ['because', 'there'] },
  { name: 'memory limit', cluster: text('Memory limit of <NUM> exceeded with <NUM> used. Consider increasing the memory limit, see <URL>'), has: ['memory', 'limit', 'exceeded'], hasNot: ['consider', 'see'] },
  { name: 'signal 9', cluster: text('Container terminated on signal <NUM>.'), has: ['container', 'terminated', 'signal'] },
  { name: 'readiness probe', cluster: text('The request failed because the instance failed the readiness probe.'), has: ['failed', 'readiness', 'probe'] },
  { name: 'startup probe', cluster: text('The request failed because the instance failed the startup probe.'), has: ['failed', 'startup', 'probe'] },
  { name: 'default startup TCP probe', cluster: text('Default STARTUP TCP probe failed <NUM> time consecutively for container "<QUOTED>" on port <NUM>. The instance was not started.'), has: ['startup', 'probe', 'failed'] },
  { name: 'container failed to start', cluster: text('Container failed to start. Failed to start and then listen on the port defined by the PORT environment variable.'), has: ['container', 'failed', 'start'], hasNot: ['environment'] },
  { name: 'uncaught exception', cluster: text("Uncaught exception: TypeError: Cannot read properties of undefined (reading '<QUOTED>')"), has: ['uncaught', 'cannot', 'read'] },
  // Python
  { name: 'python KeyError', cluster: stack('KeyError', 'Traceback (most recent call last):\n  File <PATH>, line <NUM>, in load_profile\nKeyError: <QUOTED>'), has: ['key', 'load', 'profile'], hasNot: ['traceback'] },
  { name: 'psycopg2 could not connect', cluster: stack('psycopg2.OperationalError', 'Traceback (most recent call last):\n  File <PATH>, line <NUM>, in connect\npsycopg2.OperationalError: could not connect to server: Connection refused'), has: ['operational', 'not', 'connect'] },
  { name: 'module not found', cluster: stack('ModuleNotFoundError', "Traceback (most recent call last):\n  File <PATH>, line <NUM>, in <module>\nModuleNotFoundError: No module named '<QUOTED>'"), has: ['module', 'not', 'found'] },
  { name: 'python ValueError', cluster: stack('ValueError', "ValueError: invalid literal for int() with base <NUM>: '<QUOTED>'"), has: ['value', 'invalid', 'literal'] },
  // Node
  { name: 'node TypeError', cluster: stack('TypeError', 'TypeError: Cannot read properties of undefined (reading <QUOTED>)'), has: ['type', 'cannot', 'read', 'undefined'] },
  { name: 'node Error with nothing constant', cluster: { kind: 'stack', exceptionType: 'Error', template: 'Error: <*>', frames: ['src/call.js:callErrorFromStatus', 'src/client.js:Object.onReceiveStatus'] }, has: ['call', 'error', 'status'] },
  { name: 'unqualified type, qualified in the text', cluster: stack('OperationalError', 'sqlalchemy.exc.OperationalError: server closed the connection unexpectedly'), has: ['operational', 'server', 'closed'], hasNot: ['sqlalchemy', 'exc'] },
  { name: 'node ECONNREFUSED', cluster: stack('Error', 'Error: connect ECONNREFUSED <IP>'), has: ['connect', 'econnrefused'] },
  { name: "node can't", cluster: text("Can't set headers after they are sent to the client"), has: ['cannot', 'set', 'headers', 'sent'] },
  { name: 'unhandled rejection', cluster: text('Unhandled promise rejection: MongoServerError: E11000 duplicate key error collection: <*>'), has: ['unhandled', 'promise', 'rejection'] },
  // Go
  { name: 'go nil pointer', cluster: stack('runtime error: invalid memory address or nil pointer dereference', 'panic: runtime error: invalid memory address or nil pointer dereference'), has: ['panic', 'invalid', 'memory'] },
  { name: 'go index out of range', cluster: stack('runtime error: index out of range [<NUM>] with length <NUM>', 'panic: runtime error: index out of range [<NUM>] with length <NUM>'), has: ['panic', 'index', 'out', 'range'] },
  // Java and .NET
  { name: 'java NPE', cluster: stack('java.lang.NullPointerException', 'java.lang.NullPointerException: Cannot invoke "String.length()" because "<QUOTED>" is null'), has: ['null', 'pointer', 'cannot', 'invoke'], hasNot: ['java', 'lang'] },
  { name: 'java OOM', cluster: stack('java.lang.OutOfMemoryError', 'java.lang.OutOfMemoryError: Java heap space'), has: ['out', 'of', 'memory', 'heap'] },
  { name: 'java illegal state', cluster: stack('java.lang.IllegalStateException', 'java.lang.IllegalStateException: Connection pool shut down'), has: ['illegal', 'state', 'connection', 'pool'] },
  { name: '.NET no service', cluster: stack('System.InvalidOperationException', "System.InvalidOperationException: No service for type '<QUOTED>' has been registered."), has: ['invalid', 'operation', 'no', 'service', 'registered'] },
  // Plain application messages with a negation
  { name: 'user not found', cluster: text('User not found: <NUM>'), has: ['user', 'not', 'found'] },
  { name: 'could not connect', cluster: text('Could not connect to database: connection refused'), has: ['not', 'connect', 'database'] },
  { name: 'unable', cluster: text("Unable to find module '<QUOTED>'"), has: ['unable', 'find', 'module'] },
  { name: 'missing env var', cluster: text('Missing required env var DATABASE_URL'), has: ['missing', 'required'] },
  { name: 'never', cluster: text('Never received ack from pubsub within <NUM>'), has: ['never', 'received', 'ack'] },
  { name: 'without', cluster: text('Request rejected without tenant id'), has: ['rejected', 'without', 'tenant'] },
  { name: 'cannot reach', cluster: text('Cannot reach redis at <IP>'), has: ['cannot', 'reach', 'redis'] },
  { name: "doesn't", cluster: text("Bucket doesn't exist: <*>"), has: ['bucket', 'not', 'exist'] },
  { name: 'no rows', cluster: text('No rows returned for query <*>'), has: ['no', 'rows', 'returned'] },
  { name: 'insufficient scopes', cluster: text('Request had insufficient authentication scopes.'), has: ['insufficient', 'authentication', 'scopes'] },
  // Request logs and request-shaped text
  { name: 'request with a route', cluster: request('GET /api/orders/<*> 500'), has: ['get', 'api', 'orders', '500'] },
  { name: 'request without route words', cluster: request('POST /<*> 502'), has: ['post', '502'] },
  { name: 'request-shaped text, all masked', cluster: text('GET <PATH> <NUM>', { samples: ['GET /x 500'] }), has: ['get'] },
  { name: 'a bare number', cluster: text('<*> <NUM> 404'), has: [] },
];

const NEGATION = /\b(no|not|never|cannot|can't|without|unable|failed|missing|[a-z]+n't)\b/i;
const NEGATION_WORD: Record<string, string> = { "can't": 'cannot' };
const NEGATION_WORDS = new Set(['no', 'not', 'never', 'cannot', 'without', 'unable', 'failed', 'missing']);
const WEAK = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'http', 'https']);

describe('short names of real messages', () => {
  it.each(CASES)('$name', ({ cluster, has, hasNot }) => {
    const name = shortNameFor(cluster);
    const words = name.split('-');
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(name.length).toBeLessThanOrEqual(60);
    // Never only an HTTP verb, a number or a symbol.
    expect(words.some((w) => !WEAK.has(w) && !/^[0-9]+$/.test(w))).toBe(true);
    // The words asked for, in order.
    let at = -1;
    for (const w of has) {
      const i = words.indexOf(w, at + 1);
      expect({ name, missing: i < 0 ? w : null }).toEqual({ name, missing: null });
      at = i;
    }
    for (const w of hasNot ?? []) expect({ name, has: words.includes(w) ? w : null }).toEqual({ name, has: null });
    // A negation in the message is one in the name (the same word, or another that says it).
    const negation = NEGATION.exec(cluster.template.replace(/<[^>]*>/g, ''))?.[1]?.toLowerCase();
    if (negation) {
      const expected = NEGATION_WORD[negation] ?? (negation.endsWith("n't") ? 'not' : negation);
      const kept = words.includes(expected) || words.some((w) => NEGATION_WORDS.has(w));
      expect({ name, negation: kept }).toEqual({ name, negation: true });
    }
    // A negation is never the last word when the message says what it negates.
    expect(['no', 'not', 'never', 'without'].includes(words[words.length - 1]!) && has.length > 0).toBe(false);
  });

  it('gives different messages different names', () => {
    const names = CASES.map((c) => shortNameFor(c.cluster));
    const seen = new Map<string, string>();
    for (const [i, n] of names.entries()) {
      expect({ name: n, also: seen.get(n) ?? null }).toEqual({ name: n, also: null });
      seen.set(n, CASES[i]!.name);
    }
  });
});

describe('short names never carry what follows a secret-like key', () => {
  const cases: Array<[string, string, string[]]> = [
    ['password then a word', 'login rejected: password sunshine expired', ['sunshine']],
    ['password=value', 'password=sunshine login failed for admin', ['sunshine']],
    ['api_key=value', 'Upstream refused api_key=letmein for partner', ['letmein']],
    ['camel-case key', 'apiKey: swordfish rejected by gateway', ['swordfish']],
    ['bearer token', 'Authorization: Bearer opensesame rejected', ['opensesame']],
    ['secret in a sentence', 'client secret tangerine does not match', ['tangerine']],
    ['token value', 'session token abcdefgh refused', ['abcdefgh']],
    ['a key inside an assigned name', 'S3 upload refused AccessKeyId=swordfish for bucket', ['swordfish']],
    ['an env var named like a key', 'Startup: JWT_PRIVATE_KEY=tangerine could not be parsed', ['tangerine']],
    ['redaction marker', 'password=[REDACTED] login failed for admin', ['redacted']],
    ['stars left by redaction', 'Created user ***@cornell.edu from JWT', ['cornell', 'edu']],
  ];
  it.each(cases)('%s', (_n, template, forbidden) => {
    const name = shortNameFor({ kind: 'text', template });
    for (const w of forbidden) expect({ name, has: name.split('-').includes(w) }).toEqual({ name, has: false });
    expect(name.length).toBeGreaterThan(0);
  });

  it('keeps what only describes the key', () => {
    expect(shortNameFor({ kind: 'text', template: 'KeyError: missing user id' })).toBe('key-error-missing-user-id');
    expect(shortNameFor({ kind: 'text', template: 'Request without Authorization header' })).toBe('request-without-authorization-header');
    expect(shortNameFor({ kind: 'text', template: 'Failed to refresh token for user <NUM>: invalid_grant' })).toMatch(/^failed-refresh-token/);
  });
});

function take(names: Iterable<string>, n: number): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (out.length >= n) break;
    out.push(name);
  }
  return out;
}

describe('short name candidates (to tell two problems apart)', () => {
  it('starts with the short name and goes on with the next distinctive words, then the exception type, frame, component and service', () => {
    const c = { kind: 'stack' as const, exceptionType: 'KeyError', template: "KeyError: <QUOTED>", frames: ['app.profiles.load_profile'], services: ['billing-api'] };
    const names = take(shortNameCandidates(c, { component: 'profiles' }), 12);
    expect(names[0]).toBe(shortNameFor(c));
    expect(names).toContain(`${shortNameFor(c)}-load-profile`);
    expect(names.some((n) => n.endsWith('billing-api'))).toBe(true);
    for (const n of names) {
      expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(n.length).toBeLessThanOrEqual(60);
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('two messages alike in their first words differ by a later word', () => {
    const a = { kind: 'text' as const, template: 'Payment provider timeout while capturing the card for a subscription renewal' };
    const b = { kind: 'text' as const, template: 'Payment provider timeout while capturing the card for a one-off purchase' };
    const first = shortNameFor(a);
    const other = take(shortNameCandidates(b, {}), 12).find((n) => n !== first);
    expect(other).toBeDefined();
    expect(other).toMatch(/one|off|purchase/);
  });

  it("starts from a rule's name when there is one, and ends with a counter when nothing else tells them apart", () => {
    const c = { kind: 'text' as const, template: 'Quota exceeded' };
    const names = take(shortNameCandidates(c, { name: 'billing-quota' }), 5);
    expect(names[0]).toBe('billing-quota');
    expect(names).toContain('billing-quota-exceeded');
    expect(names).toContain('billing-quota-2');
  });
});
