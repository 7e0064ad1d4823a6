// The log fixtures say what they hold (log-fixtures.ts); other tests trust those counts, so this test
// recounts them from the files with a deliberately plain reader of its own.
import { readFileSync } from 'node:fs';
import { generateEntries } from '../../bench/lib/cloud-run-generator.js';
import {
  BOM_CRLF_JSONL, FIXTURE_EMAIL_LOCAL_PARTS, FIXTURE_SECRETS, FIXTURE_SWEEP, GCLOUD_ARRAY, GCLOUD_ARRAY_EMPTY,
  GCLOUD_ARRAY_TRUNCATED, HOSTILE_JSONL, MULTI_SERVICE, fixturePath, hugeMessageLine, regexBaitLine,
} from '../fixtures/logs/log-fixtures.js';

type Verdict = 'blank' | 'malformed' | 'noTimestamp' | 'badTimestamp' | 'otherService' | 'outOfWindow' | 'belowFloor' | 'matching';

const SEVERITY_RANK = ['DEFAULT', 'DEBUG', 'INFO', 'NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY'];
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const end = Date.parse(FIXTURE_SWEEP.now);
const start = end - 24 * 3600 * 1000;

function judgeEntry(e: Record<string, unknown>): Verdict {
  if (e.timestamp === undefined) return 'noTimestamp';
  if (typeof e.timestamp !== 'string' || !RFC3339.test(e.timestamp)) return 'badTimestamp';
  const service = (e.resource as { labels?: { service_name?: string } } | undefined)?.labels?.service_name;
  if (service !== FIXTURE_SWEEP.service) return 'otherService';
  const t = Date.parse(e.timestamp);
  if (t < start || t >= end) return 'outOfWindow';
  const rank = SEVERITY_RANK.indexOf(typeof e.severity === 'string' ? e.severity : 'DEFAULT');
  return rank < SEVERITY_RANK.indexOf(FIXTURE_SWEEP.severityFloor) ? 'belowFloor' : 'matching';
}

function judgeLine(line: string): Verdict {
  if (line.trim() === '') return 'blank';
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'malformed';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'malformed';
  return judgeEntry(value as Record<string, unknown>);
}

function tally(verdicts: Verdict[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of verdicts) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const depthOf = (value: unknown): number => (value !== null && typeof value === 'object'
  ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0);

describe('hostile.jsonl', () => {
  const raw = readFileSync(fixturePath(HOSTILE_JSONL.file));
  const lines = raw.toString('utf8').split('\n');

  it('has the lines its manifest promises, kind by kind', () => {
    expect(lines).toHaveLength(HOSTILE_JSONL.lines);
    const { file, lines: _lines, deepDepth, ...expected } = HOSTILE_JSONL;
    expect(tally(lines.map(judgeLine))).toEqual(expected);
  });

  it('holds the hostile cases it describes', () => {
    expect(raw.includes(0)).toBe(true);
    expect(raw.toString('utf8')).toContain('\r\n');
    expect(raw[raw.length - 1]).not.toBe(0x0a);
    const entries = lines.filter((l) => judgeLine(l) === 'matching').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.some((e) => String(e.textPayload).includes('\u0000'))).toBe(true);
    const deep = entries.filter((e) => depthOf(e.jsonPayload) > HOSTILE_JSONL.deepDepth);
    expect(deep).toHaveLength(2);
    const bait = entries.filter((e) => String(e.textPayload).length > 10_000);
    expect(bait).toHaveLength(5);
    expect(entries.some((e) => e.timestamp === '2025-09-11T00:00:00Z')).toBe(true);
  });
});

describe('gcloud-array fixtures', () => {
  const array = JSON.parse(readFileSync(fixturePath(GCLOUD_ARRAY.file), 'utf8')) as Array<Record<string, unknown>>;

  it('gcloud-array.json is newest first, with one other service and one INFO entry', () => {
    expect(array).toHaveLength(GCLOUD_ARRAY.entries);
    const times = array.map((e) => e.timestamp as string);
    expect([...times].sort().reverse()).toEqual(times);
    const { file, entries, ...expected } = GCLOUD_ARRAY;
    expect(tally(array.map(judgeEntry))).toEqual(expected);
  });

  it('the truncated download is not JSON, but holds the first whole entries of the full one', () => {
    const text = readFileSync(fixturePath(GCLOUD_ARRAY_TRUNCATED.file), 'utf8');
    expect(() => JSON.parse(text)).toThrow();
    const starts = [...text.matchAll(/\n {2}\{/g)].map((m) => m.index ?? 0);
    expect(starts).toHaveLength(GCLOUD_ARRAY_TRUNCATED.wholeEntries + 1);
    const whole = JSON.parse(`${text.slice(0, starts[GCLOUD_ARRAY_TRUNCATED.wholeEntries]).replace(/,\s*$/, '')}]`) as unknown[];
    expect(whole).toEqual(array.slice(0, GCLOUD_ARRAY_TRUNCATED.wholeEntries));
  });

  it('the empty export is an empty array', () => {
    expect(JSON.parse(readFileSync(fixturePath(GCLOUD_ARRAY_EMPTY.file), 'utf8'))).toEqual([]);
  });

  it('bom-crlf.jsonl is the first entries again, behind a byte order mark, with CRLF line ends', () => {
    const raw = readFileSync(fixturePath(BOM_CRLF_JSONL.file));
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.subarray(3).toString('utf8').split('\r\n').filter((l) => l !== '');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(array.slice(0, BOM_CRLF_JSONL.entries));
  });

  it('carries the hand-planted secrets and address the redaction tests look for', () => {
    const text = readFileSync(fixturePath(GCLOUD_ARRAY.file), 'utf8');
    for (const s of [...FIXTURE_SECRETS, ...FIXTURE_EMAIL_LOCAL_PARTS]) expect(text).toContain(s);
  });
});

describe('multi-service.jsonl', () => {
  it('is still what the generator writes for its options (run npm run example:generate after a change)', () => {
    const o = MULTI_SERVICE.options;
    const expected = [...generateEntries({ ...o, services: [...o.services], start: new Date(o.start), end: new Date(o.end) })];
    const lines = readFileSync(fixturePath(MULTI_SERVICE.file), 'utf8').split('\n').filter((l) => l !== '');
    expect(lines).toEqual(expected.map((g) => JSON.stringify(g.entry)));
    const truth = readFileSync(fixturePath(MULTI_SERVICE.truth), 'utf8').split('\n').filter((l) => l !== '');
    expect(truth).toEqual(expected.map((g) => JSON.stringify({ insertId: g.entry.insertId, family: g.family })));
    const services = new Set(expected.map((g) => (g.entry.resource as { labels: { service_name: string } }).labels.service_name));
    expect([...services].sort()).toEqual([...o.services].sort());
  });
});

describe('built fixtures', () => {
  it('hugeMessageLine is one valid entry of at least 1 MB, in the sweep window', () => {
    const line = hugeMessageLine();
    expect(line.length).toBeGreaterThanOrEqual(1 << 20);
    expect(line).not.toContain('\n');
    expect(judgeLine(line)).toBe('matching');
  });

  it('regexBaitLine is one valid entry of the asked size, in the sweep window', () => {
    const line = regexBaitLine(200_000);
    expect(line.length).toBeGreaterThanOrEqual(200_000);
    expect(judgeLine(line)).toBe('matching');
  });
});
