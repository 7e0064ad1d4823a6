// A traceback whose head line was lost (the `ERROR … Exception in ASGI application` that carried its
// level) has no level left: a sweep does not read it, and `classify` places it. The classifier puts it
// with the records that hold it whole (classify/piece-join.ts); when two endpoints fail in one burst,
// its instance may have written the other endpoint's error within a millisecond of one of its lines.
// It stays with its own problem, not with that neighbour's.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyFile } from '../../../src/entry/classify-file.js';
import type { RawEntry } from '../../../src/shared/types.js';

const dir = mkdtempSync(join(tmpdir(), 'headless-trace-burst-'));
const START = Date.parse('2026-12-10T10:00:00Z');
const SP = '/usr/local/lib/python3.12/site-packages';

/** One stderr line of the service, stamped `us` microseconds after START. */
function line(us: number, text: string, instanceId: string): RawEntry {
  const iso = new Date(START + Math.floor(us / 1000)).toISOString().replace('Z', `${String(us % 1000).padStart(3, '0')}Z`);
  return {
    timestamp: iso,
    textPayload: text,
    logName: 'projects/p/logs/run.googleapis.com%2Fstderr',
    labels: { instanceId },
    resource: { type: 'cloud_run_revision', labels: { service_name: 'quotes', revision_name: 'quotes-00001-abc' } },
  };
}

// loguru's default format over uvicorn's record (fastapi/fastapi#5303's head, Delgan/loguru#552's
// InterceptHandler), its traceback in the `diagnose` layout.
const head = (n: number): string => `2026-12-10 10:00:${String(n % 60).padStart(2, '0')}.123 | ERROR    | uvicorn.protocols.http.httptools_impl:run_asgi:414 - Exception in ASGI application`;
const ASGI = [
  `> File "${SP}/uvicorn/protocols/http/httptools_impl.py", line 409, in run_asgi`, '    result = await app(  # type: ignore[func-returns-value]',
  `  File "${SP}/fastapi/routing.py", line 212, in run_endpoint_function`, '    return await dependant.call(**values)',
];
const SUMMARY = [...ASGI,
  '  File "/app/app/routes/summaries.py", line 28, in summarise_quote', '    completion = await client.chat.completions.create(',
  `  File "${SP}/openai/_base_client.py", line 1612, in _request`, '    raise APIConnectionError(request=request) from err',
  'openai.APIConnectionError: Connection error.'];
const CREATE = [...ASGI,
  '  File "/app/app/routes/quotes.py", line 41, in create_quote', '    conn = await asyncpg.connect(settings.database_url)',
  'asyncpg.exceptions.TooManyConnectionsError: sorry, too many clients already'];

describe('a traceback that lost its head line, written in a burst of another endpoint\'s errors', () => {
  const entries: RawEntry[] = [];
  const kinds: string[] = [];
  const add = (us: number, text: string, instance: string, kind: string): void => {
    entries.push(line(us, text, instance));
    kinds.push(kind);
  };
  for (let i = 0; i < 12; i++) {
    const at = i * 60_000_000;
    add(at, [head(i), 'Traceback (most recent call last):', ...SUMMARY].join('\n'), 'i-1', 'summary');
    add(at + 20_000_000, [head(i), 'Traceback (most recent call last):', ...CREATE].join('\n'), 'i-2', 'create');
  }
  // The headless one, one entry a line (Cloud Run split the write), its first line written 300 µs
  // after the other endpoint's error the same instance wrote whole.
  const at = 900_000_000;
  add(at, [head(99), 'Traceback (most recent call last):', ...CREATE].join('\n'), 'i-3', 'create');
  SUMMARY.forEach((l, k) => add(at + 300 + k * 40, l, 'i-3', 'headless'));
  const path = join(dir, 'quotes.jsonl');
  writeFileSync(path, entries.map((e) => JSON.stringify(e)).join('\n'));

  it('goes with the problem whose records hold it, not with the error written beside it', async () => {
    const rows: Array<{ cluster: string | null }> = [];
    await classifyFile(path, 'gcp', (l) => rows.push(JSON.parse(l) as { cluster: string | null }));
    const of = (kind: string): Set<string | null> => new Set(rows.filter((_, i) => kinds[i] === kind).map((r) => r.cluster));
    const [summary, create, headless] = [of('summary'), of('create'), of('headless')];
    expect(summary.size).toBe(1);
    expect(create.size).toBe(1);
    expect(summary).not.toEqual(create);
    expect(headless).toEqual(summary);
  });
});
