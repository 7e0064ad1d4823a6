// A Log Analytics sweep reads what a file sweep reads, with the same counts, when a structured record keeps
// its message under a key other than `message`, `msg` or `event`: loguru's `serialize=True` writes
// `{"text": "2026-… | WARNING  | main:handle:48 - duplicate delivery …\n", "record": {"level": {"name":
// "WARNING", …}, …}}` (the sixteenth day's ingest function, morning revision). The classifier reads `text`
// (json-message.ts's MESSAGE_KEYS); a shape of the whole record, every string masked, was one shape for the
// service's INFO and WARNING records alike, and its samples, at WARNING, counted the INFO records in.
import { buildDay, PROJECT } from '../../../bench/lib/sixteenth/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['ingest-loguru'];

it('reads and counts the records of a message kept under `text` as a file sweep does', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  // Records with their message under `text` only, at more than one level.
  const levels = new Set(entries.map((e) => e.jsonPayload as { text?: unknown; message?: unknown; record?: { level?: { name?: string } } } | undefined)
    .filter((p) => typeof p?.text === 'string' && p.message === undefined).map((p) => p!.record?.level?.name));
  expect(levels.size).toBeGreaterThan(1);
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps, 0);
  const { byFile, grouped } = sweeps;
  expect(grouped.report.entries.read).toBe(byFile.report.entries.read);
  expect(grouped.report.clusters.map((c) => [c.id, c.count]).sort()).toEqual(byFile.report.clusters.map((c) => [c.id, c.count]).sort());
}, 240_000);
