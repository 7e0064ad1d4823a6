// The bundled example is what a new user's first `npm run demo` reads: it must be valid Cloud Run
// LogEntry JSON, agree with its ground truth, and be exactly what its generator writes for its seed.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { familiesOf, generateEntries, isNoiseFamily } from '../../bench/lib/cloud-run-generator.js';
import {
  EXAMPLE_BASENAME, EXAMPLE_COUNT, EXAMPLE_END, EXAMPLE_SEED, EXAMPLE_START, SLICE_COUNT,
} from '../../bench/lib/example-spec.js';
import { plantedSecrets } from '../../bench/lib/fake-secrets.js';

const base = join(process.cwd(), 'examples', EXAMPLE_BASENAME);
const jsonlText = readFileSync(`${base}.jsonl`, 'utf8');
const lines = jsonlText.split('\n').filter((l) => l !== '');
const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
const truth = readFileSync(`${base}.truth.jsonl`, 'utf8').split('\n').filter((l) => l !== '')
  .map((l) => JSON.parse(l) as { insertId: string; family: string });
const familyOf = new Map(truth.map((t) => [t.insertId, t.family]));

const RFC3339_NANOS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;
const labelsOf = (e: Record<string, unknown>): Record<string, string> =>
  (e.resource as { labels: Record<string, string> }).labels;

function regenerate(): { jsonl: string; truth: string } {
  const out: string[] = [];
  const t: string[] = [];
  for (const { entry, family } of generateEntries({
    seed: EXAMPLE_SEED, count: EXAMPLE_COUNT, start: new Date(EXAMPLE_START), end: new Date(EXAMPLE_END),
  })) {
    out.push(JSON.stringify(entry));
    t.push(JSON.stringify({ insertId: entry.insertId, family }));
  }
  return { jsonl: `${out.join('\n')}\n`, truth: `${t.join('\n')}\n` };
}

describe('examples/cloud-run-backend-day.jsonl', () => {
  it('holds at least 2,000 entries, one JSON object a line, and stays small enough to commit', () => {
    expect(entries.length).toBeGreaterThanOrEqual(2000);
    expect(entries.length).toBe(EXAMPLE_COUNT);
    for (const e of entries) expect(typeof e).toBe('object');
    for (const suffix of ['.jsonl', '.json', '.truth.jsonl']) expect(statSync(`${base}${suffix}`).size).toBeLessThan(3 * 1024 * 1024);
  });

  it('has the shape of Cloud Run LogEntry JSON, in time order, inside the day', () => {
    const start = Date.parse(EXAMPLE_START);
    const end = Date.parse(EXAMPLE_END);
    let previous = '';
    for (const e of entries) {
      expect(e.logName).toMatch(/^projects\/netra-staging\/logs\/run\.googleapis\.com%2F(stderr|stdout|requests|varlog%2Fsystem)$/);
      expect((e.resource as { type: string }).type).toBe('cloud_run_revision');
      expect(Object.keys(labelsOf(e)).sort()).toEqual(['configuration_name', 'location', 'project_id', 'revision_name', 'service_name']);
      expect(labelsOf(e).service_name).toBe('netra-backend-staging');
      expect(e.timestamp).toMatch(RFC3339_NANOS);
      expect(e.receiveTimestamp).toMatch(RFC3339_NANOS);
      const ts = e.timestamp as string;
      expect(Date.parse(ts)).toBeGreaterThanOrEqual(start);
      expect(Date.parse(ts)).toBeLessThan(end);
      expect(ts >= previous).toBe(true);
      expect((e.receiveTimestamp as string) > ts).toBe(true);
      previous = ts;
      expect(e.textPayload !== undefined || e.jsonPayload !== undefined || e.httpRequest !== undefined).toBe(true);
      expect(e.textPayload !== undefined && e.jsonPayload !== undefined).toBe(false);
      if (e.trace !== undefined) expect(e.trace).toMatch(/^projects\/netra-staging\/traces\/[0-9a-f]{32}$/);
    }
    expect(new Set(entries.map((e) => e.insertId)).size).toBe(entries.length);
  });

  it('has request logs with Cloud Run httpRequest fields, some 5xx with no text at all', () => {
    const requests = entries.filter((e) => e.httpRequest !== undefined);
    expect(requests.length).toBeGreaterThan(1000);
    for (const e of requests) {
      const r = e.httpRequest as Record<string, unknown>;
      expect(r.requestUrl).toMatch(/^https:\/\/[^/]+\//);
      expect(r.latency).toMatch(/^\d+\.\d{9}s$/);
      expect(typeof r.status).toBe('number');
      expect(typeof r.responseSize).toBe('string');
    }
    const bare5xx = requests.filter((e) => (e.httpRequest as { status: number }).status >= 500
      && e.textPayload === undefined && e.jsonPayload === undefined);
    expect(bare5xx.length).toBeGreaterThanOrEqual(40);
  });

  it('agrees with its ground truth, entry for entry, and never carries the truth inside an entry', () => {
    expect(truth.map((t) => t.insertId)).toEqual(entries.map((e) => e.insertId));
    const known = new Set([...familiesOf('netra-backend-staging').problems, ...familiesOf('netra-backend-staging').noise]);
    for (const t of truth) expect(known.has(t.family)).toBe(true);
    for (const family of known) expect(jsonlText.includes(family)).toBe(false);
  });

  it('shows a dozen and more problem families above the noise, with the counts of the worklog it imitates', () => {
    const counts = new Map<string, number>();
    for (const t of truth) counts.set(t.family, (counts.get(t.family) ?? 0) + 1);
    const problems = [...counts.keys()].filter((f) => !isNoiseFamily(f));
    expect(problems.length).toBeGreaterThanOrEqual(12);
    expect(counts.get('session-middleware-missing')).toBe(76);
    const noise = truth.filter((t) => isNoiseFamily(t.family)).length;
    expect(noise / truth.length).toBeGreaterThan(0.6);
    // Noise is what the severity floor removes: nothing above INFO is labelled noise.
    for (const e of entries) {
      const family = familyOf.get(e.insertId as string) ?? '';
      const severity = (e.severity as string | undefined) ?? 'DEFAULT';
      expect(isNoiseFamily(family)).toBe(['DEFAULT', 'DEBUG', 'INFO'].includes(severity));
    }
  });

  it('rolls out three revisions; one problem appears only after the newest takes traffic', () => {
    const revisions = [...new Set(entries.map((e) => labelsOf(e).revision_name))];
    expect(revisions).toEqual(['netra-backend-staging-00040-kuz', 'netra-backend-staging-00041-abc', 'netra-backend-staging-00042-def']);
    const newest = entries.filter((e) => familyOf.get(e.insertId as string) === 'node-thread-summary-typeerror');
    expect(newest.length).toBeGreaterThan(10);
    for (const e of newest) expect(labelsOf(e).revision_name).toBe('netra-backend-staging-00042-def');
    const firstOfNewest = entries.find((e) => labelsOf(e).revision_name?.endsWith('00042-def'));
    expect((newest[0]?.timestamp as string) >= (firstOfNewest?.timestamp as string)).toBe(true);
  });

  it('plants every kind of fake secret, and e-mail addresses, for the redaction tests to catch', () => {
    const kinds = new Set(plantedSecrets().filter((s) => jsonlText.includes(s.value)).map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['aws-access-key', 'database-password', 'github-pat', 'github-token',
      'google-api-key', 'jwt', 'password-pair', 'private-key-line', 'session-cookie']);
    expect(jsonlText).toContain('-----BEGIN RSA PRIVATE KEY-----');
    expect(jsonlText).toContain('Authorization: Bearer eyJ');
    expect(jsonlText).toMatch(/Created user [a-z._+0-9]+@cornell\.edu from JWT/);
  });
});

describe('examples/cloud-run-backend-day.json (gcloud format)', () => {
  it('is a JSON array of the newest entries, newest first, identical to their JSONL lines', () => {
    const slice = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Array<Record<string, unknown>>;
    expect(slice).toHaveLength(SLICE_COUNT);
    expect(slice).toEqual(entries.slice(-SLICE_COUNT).reverse());
  });
});

describe('the example generator', () => {
  it('writes exactly the committed example for its seed (run npm run example:generate after a change)', () => {
    const again = regenerate();
    expect(again.jsonl === jsonlText).toBe(true);
    expect(again.truth).toBe(readFileSync(`${base}.truth.jsonl`, 'utf8'));
  });
});
