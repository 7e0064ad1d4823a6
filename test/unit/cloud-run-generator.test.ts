// The generator behind the example, the fixtures and the benchmarks: deterministic, in the window, and
// faithful to each service shape (its stack traces and payload fields), with the truth kept outside.
import {
  familiesOf, generateEntries, isNoiseFamily, type GeneratedEntry, type GeneratorOptions,
} from '../../bench/lib/cloud-run-generator.js';
import { plantedEmailLocalParts, plantedEmails, plantedSecrets } from '../../bench/lib/fake-secrets.js';
import { rfc3339Nanos } from '../../bench/lib/log-entry-envelope.js';

const DAY = { start: new Date('2025-09-11T00:00:00Z'), end: new Date('2025-09-12T00:00:00Z') };
const ALL = ['netra-backend-staging', 'netra-gateway-staging', 'netra-worker-staging', 'netra-billing-staging'];

const take = (options: GeneratorOptions): GeneratedEntry[] => [...generateEntries(options)];
const serviceOf = (g: GeneratedEntry): string =>
  (g.entry.resource as { labels: { service_name: string } }).labels.service_name;
const textOf = (g: GeneratedEntry): string => JSON.stringify(g.entry);

describe('generateEntries', () => {
  it('gives the same entries for the same seed and other entries for another seed', () => {
    const options = { seed: 42, count: 600, ...DAY, services: ALL };
    expect(take(options)).toEqual(take(options));
    const other = take({ ...options, seed: 43 });
    expect(other.map(textOf)).not.toEqual(take(options).map(textOf));
  });

  it('yields exactly count entries, in time order, inside [start, end)', () => {
    const start = new Date('2025-03-01T06:00:00Z');
    const end = new Date('2025-03-01T07:30:00Z');
    const got = take({ seed: 1, count: 777, start, end });
    expect(got).toHaveLength(777);
    const times = got.map((g) => Date.parse(g.entry.timestamp as string));
    for (const [i, t] of times.entries()) {
      expect(t).toBeGreaterThanOrEqual(start.getTime());
      expect(t).toBeLessThan(end.getTime());
      if (i > 0) expect(t).toBeGreaterThanOrEqual(times[i - 1] ?? 0);
    }
  });

  it('streams: the first entries of an enormous count come without generating the rest', () => {
    const it = generateEntries({ seed: 3, count: 1_000_000_000, ...DAY });
    const first = it.next();
    expect(first.done).toBe(false);
    expect(first.value?.entry.insertId).toMatch(/^[0-9a-f]{24}$/);
  });

  it('gives each service its own shape, revisions and families', () => {
    const got = take({ seed: 11, count: 4000, ...DAY, services: ALL, project: 'acme-prod' });
    for (const service of ALL) {
      const mine = got.filter((g) => serviceOf(g) === service);
      expect(mine.length).toBeGreaterThan(700);
      const known = new Set([...familiesOf(service).problems, ...familiesOf(service).noise]);
      for (const g of mine) {
        expect(known.has(g.family)).toBe(true);
        const labels = (g.entry.resource as { labels: Record<string, string> }).labels;
        expect(labels.revision_name?.startsWith(`${service}-`)).toBe(true);
        expect(labels.project_id).toBe('acme-prod');
        expect(g.entry.logName).toMatch(/^projects\/acme-prod\/logs\/run\.googleapis\.com%2F/);
      }
      expect(new Set(mine.map((g) => (g.entry.resource as { labels: Record<string, string> }).labels.revision_name)).size).toBe(3);
    }
    const text = (family: string): string[] => got.filter((g) => g.family === family).map((g) => g.entry.textPayload as string);
    expect(text('go-panic-nil-map')[0]).toMatch(/^panic: assignment to entry in nil map\n\ngoroutine \d+ \[running\]:\n/);
    expect(new Set(text('go-panic-nil-map').map((t) => t.match(/goroutine (\d+)/)?.[1])).size).toBeGreaterThan(1);
    expect(text('java-invoice-npe')[0]).toMatch(/^Exception in thread "invoice-worker-\d+" java\.lang\.NullPointerException/);
    const hikari = got.find((g) => g.family === 'java-hikari-connection-timeout')?.entry.jsonPayload as Record<string, string>;
    expect(hikari.stack_trace).toContain('\nCaused by: java.sql.SQLTransientConnectionException: HikariPool-1');
    const node = got.find((g) => g.family === 'node-gateway-sessions-typeerror')?.entry.jsonPayload as { msg: string; err: { stack: string } };
    expect(node.msg).toMatch(/^request failed: GET \/v1\/sessions\//);
    expect(node.err.stack).toContain('at formatSessions (/app/dist/handlers/sessions.js:42:27)');
    const families = [...new Set(got.map((g) => g.family))];
    for (const g of got) {
      const text = textOf(g);
      expect(families.filter((family) => text.includes(family))).toEqual([]);
    }
  });

  it('varies the values inside one problem while its frames stay put', () => {
    const got = take({ seed: 5, count: 3000, ...DAY });
    const traces = got.filter((g) => g.family === 'python-sqlalchemy-operational-error').map((g) => g.entry.textPayload as string);
    expect(traces.length).toBeGreaterThan(10);
    expect(new Set(traces.map((t) => t.split('\n')[0])).size).toBe(traces.length);
    for (const t of traces) expect(t).toContain('File "/app/netra_backend/app/db/database_manager.py", line 142, in session');
    const races = got.filter((g) => g.family === 'startup-race-condition')
      .map((g) => (g.entry.jsonPayload as { message: string }).message);
    expect(new Set(races).size).toBeGreaterThan(5);
    for (const r of races) expect(r).toMatch(/^RACE CONDITION DETECTED: Startup phase '\w+' did not reach '\w+' within \d+\.\ds$/);
  });

  it('picks a shape from the words of an unknown service name', () => {
    const got = take({ seed: 2, count: 3000, ...DAY, services: ['payments-worker'], problemScale: 3 });
    expect(got.some((g) => g.family === 'go-panic-index-out-of-range')).toBe(true);
    expect(got.every((g) => new Set([...familiesOf('payments-worker').problems, ...familiesOf('payments-worker').noise]).has(g.family))).toBe(true);
  });

  it('scales problems up, or down to none', () => {
    const quiet = take({ seed: 9, count: 2000, ...DAY, problemScale: 0 });
    expect(quiet.every((g) => isNoiseFamily(g.family))).toBe(true);
    const normal = take({ seed: 9, count: 2000, ...DAY }).filter((g) => !isNoiseFamily(g.family)).length;
    const dense = take({ seed: 9, count: 2000, ...DAY, problemScale: 3 }).filter((g) => !isNoiseFamily(g.family)).length;
    expect(dense).toBeGreaterThan(2.5 * normal);
  });

  it.each([
    [{ count: -1 }, /count/],
    [{ count: 1.5 }, /count/],
    [{ end: DAY.start }, /end must be after start/],
    [{ services: [] }, /services/],
    [{ problemScale: -2 }, /problemScale/],
  ])('refuses bad options %p', (bad, message) => {
    expect(() => take({ seed: 1, count: 10, ...DAY, ...bad })).toThrow(message);
  });
});

describe('rfc3339Nanos', () => {
  it.each([
    [0, '1970-01-01T00:00:00.000000000Z'],
    [Date.parse('2025-09-11T23:59:59.999Z') + 0.5, '2025-09-11T23:59:59.999500000Z'],
    [Date.parse('2024-02-29T12:34:56.007Z') + 0.25, '2024-02-29T12:34:56.007250000Z'],
    [Date.parse('1969-12-31T23:59:58.250Z'), '1969-12-31T23:59:58.250000000Z'],
  ])('formats %p as %s', (ms, text) => {
    expect(rfc3339Nanos(ms)).toBe(text);
  });
});

describe('the planted secrets', () => {
  const secrets = plantedSecrets();
  const valuesOf = (kind: string): string[] => secrets.filter((s) => s.kind === kind).map((s) => s.value);

  it('look like the real thing, so a redactor that catches them would catch real ones', () => {
    for (const v of valuesOf('github-token')) expect(v).toMatch(/^ghp_[A-Za-z0-9]{36}$/);
    for (const v of valuesOf('github-pat')) expect(v).toMatch(/^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/);
    for (const v of valuesOf('aws-access-key')) expect(v).toMatch(/^AKIA[A-Z0-9]{16}$/);
    for (const v of valuesOf('google-api-key')) expect(v).toMatch(/^AIza[A-Za-z0-9_-]{35}$/);
    const jwts = valuesOf('jwt').filter((v) => v.includes('.'));
    expect(jwts.length).toBeGreaterThan(10);
    for (const v of jwts) {
      expect(v).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{43}$/);
      const [, payload] = v.split('.');
      expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')).iss).toBe('https://auth.staging.netrasystems.ai');
    }
    expect(valuesOf('database-password')).toContain('hunter2');
  });

  it('are distinct and long enough that finding one in an output is never a coincidence', () => {
    const values = secrets.map((s) => s.value);
    expect(new Set(values).size).toBe(values.length);
    for (const v of values.filter((x) => x !== 'hunter2')) expect(v.length).toBeGreaterThanOrEqual(12);
  });

  it('include e-mail addresses of several domains whose local parts are listed on their own', () => {
    const domains = new Set(plantedEmails().map((e) => e.split('@')[1]));
    expect(domains.has('cornell.edu')).toBe(true);
    expect(domains.size).toBeGreaterThanOrEqual(4);
    for (const local of plantedEmailLocalParts()) expect(local).toMatch(/^[a-z][a-z._+0-9]+$/);
  });
});
