import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileSource } from '../../../src/source/log-file.js';
import { meetsSeverityFloor } from '../../../src/normalize/index.js';
import { InputError } from '../../../src/shared/errors.js';
import type { SourceQuery } from '../../../src/shared/ports.js';
import type { RawEntry } from '../../../src/shared/types.js';

const dir = mkdtempSync(join(tmpdir(), 'log-file-'));
const query: SourceQuery = {
  window: { start: Date.parse('2025-09-11T00:00:00Z'), end: Date.parse('2025-09-12T00:00:00Z') },
  services: ['backend'],
  severityFloor: 'NOTICE',
};

function entry(timestamp: string, severity: string, service = 'backend', text = 'x'): RawEntry {
  return { timestamp, severity, textPayload: text, resource: { type: 'cloud_run_revision', labels: { service_name: service } } };
}

async function readAll(path: string, q: SourceQuery = query) {
  const read = createFileSource(path).read(q);
  const entries: RawEntry[] = [];
  for await (const e of read.entries) entries.push(e);
  return { entries, result: read.result() };
}

const sample = [
  entry('2025-09-11T00:00:00Z', 'ERROR', 'backend', 'start included'),
  entry('2025-09-12T00:00:00Z', 'ERROR', 'backend', 'end excluded'),
  entry('2025-09-11T10:00:00.123456789Z', 'WARNING', 'backend', 'in'),
  entry('2025-09-11T10:00:00Z', 'INFO', 'backend', 'below floor'),
  entry('2025-09-11T10:00:00Z', 'ERROR', 'frontend', 'other service'),
];

describe('file source', () => {
  it('reads JSONL and a gcloud JSON array the same way, filtering as Cloud Logging would', async () => {
    const jsonl = join(dir, 'a.jsonl');
    writeFileSync(jsonl, sample.map((e) => JSON.stringify(e)).join('\n'));
    const array = join(dir, 'a.json');
    writeFileSync(array, JSON.stringify(sample, null, 2));
    for (const path of [jsonl, array]) {
      const { entries, result } = await readAll(path);
      expect(entries.map((e) => e.textPayload)).toEqual(['start included', 'in']);
      expect(result).toEqual({ filtered: 3, skippedBy: {}, complete: true, seen: expect.objectContaining({ first: expect.any(Number), last: expect.any(Number) }) });
      // What the file held, matching or not: the span and the services, to say why nothing matched.
      expect(Object.keys(result.seen!.services).length).toBeGreaterThan(0);
    }
  });

  it('reads entries Cloud Run gave no severity by what their text or payload level says', async () => {
    const path = join(dir, 'plain.jsonl');
    const plain = (text: string): RawEntry => ({ timestamp: '2025-09-11T10:00:00Z', textPayload: text, resource: { labels: { service_name: 'backend' } } });
    const lines: RawEntry[] = [
      plain('ERROR:root:Database connection failed'),
      plain('health ok, error_count=0'),
      plain('INFO:     127.0.0.1:53124 - "GET /health HTTP/1.1" 200 OK'),
      plain('Traceback (most recent call last):'),
      plain('  File "/app/main.py", line 10, in <module>'),
      { ...plain(''), textPayload: undefined, jsonPayload: { level: 50, msg: 'pino error' } },
      { ...plain(''), textPayload: undefined, jsonPayload: { level: 30, msg: 'pino info' } },
    ];
    writeFileSync(path, lines.map((e) => JSON.stringify(e)).join('\n'));
    const { entries, result } = await readAll(path);
    // A frame line, and a line that names an error (it may head frames), are kept for the sweep to rejoin
    // with their trace; alone they fall below the floor after that (meetsSeverityFloor).
    expect(entries.map((e) => e.textPayload ?? (e.jsonPayload as { msg: string }).msg)).toEqual([
      'ERROR:root:Database connection failed',
      'health ok, error_count=0',
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 10, in <module>',
      'pino error',
    ]);
    expect(result.filtered).toBe(2);
    expect(entries.filter((e) => meetsSeverityFloor(e, 'NOTICE')).map((e) => e.textPayload ?? 'json')).toEqual([
      'ERROR:root:Database connection failed',
      'Traceback (most recent call last):',
      'json',
    ]);
  });

  it('reads every service when none is given', async () => {
    const path = join(dir, 'b.jsonl');
    writeFileSync(path, sample.map((e) => JSON.stringify(e)).join('\n'));
    const { entries } = await readAll(path, { ...query, services: [] });
    expect(entries.map((e) => e.textPayload)).toEqual(['start included', 'in', 'other service']);
  });

  it('counts what it cannot read, by reason, and carries on', async () => {
    const path = join(dir, 'bad.jsonl');
    const lines = [
      '{"timestamp": "2025-09-11T01:00:00Z", "severity": "ERROR", "textPayload": "ok", "resource": {"labels": {"service_name": "backend"}}}',
      '{not json',
      '[1,2]',
      '"a string"',
      '{"severity": "ERROR", "textPayload": "no time"}',
      '{"timestamp": "yesterday", "severity": "ERROR"}',
      '\u0000\u0000\u0000',
    ];
    writeFileSync(path, lines.join('\n'));
    const { entries, result } = await readAll(path);
    expect(entries).toHaveLength(1);
    expect(result.skippedBy).toEqual({ 'malformed JSON': 2, 'not a LogEntry object': 2, 'no timestamp': 2 });
  });

  it('fails with a one-line InputError for a missing file', async () => {
    await expect(readAll(join(dir, 'missing.jsonl'))).rejects.toThrow(InputError);
    await expect(readAll(join(dir, 'missing.jsonl'))).rejects.toThrow(/cannot read logs file .*missing\.jsonl: no such file/);
  });
});
