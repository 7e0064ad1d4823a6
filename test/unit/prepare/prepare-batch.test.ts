// Entries packed by the reading thread and unpacked by the classifying thread are exactly what
// prepareJoined gives in one thread, in the same order: whichever side reads the messages, however
// often both sides forget their numbered messages, whatever the batch size. Entries of the same
// message carry the same memo object for the classifier; entries of other messages never share it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BatchPacker, BatchUnpacker, type PackLimits } from '../../../src/prepare-batch.js';
import { prepareJoined, type Prepared } from '../../../src/prepare-entries.js';
import type { RawEntry, Severity } from '../../../src/shared/types.js';
import { reassembleAll, type Joined } from '../../../src/source/reassemble.js';

function jsonl(path: string): RawEntry[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').flatMap((l) => {
    try {
      return [JSON.parse(l) as RawEntry];
    } catch {
      return [];
    }
  });
}

const FILES = [
  'examples/cloud-run-backend-day.jsonl',
  'test/fixtures/logs/multi-service.jsonl',
  'test/fixtures/logs/hostile.jsonl',
  ...readdirSync('test/fixtures/logs/hostile').filter((f) => f.endsWith('.jsonl')).map((f) => join('test/fixtures/logs/hostile', f)),
];

// Odd shapes beside the real files: no message, a message that reads as nothing, a request log, a
// payload error name, a piece, entries below the floor, the same message from two services.
const T = '2025-09-11T10:00:00.000000Z';
const ODD: RawEntry[] = [
  { timestamp: T, severity: 'ERROR', jsonPayload: {} },
  { timestamp: T, severity: 'ERROR', textPayload: '\u001b[31m\u001b[0m' },
  { timestamp: T, severity: 'ERROR', httpRequest: { requestMethod: 'GET', requestUrl: 'https://x.run.app/api/v1/users/42?token=abc', status: 503 } },
  { timestamp: T, severity: 'ERROR', jsonPayload: { message: 'payment declined', error: { name: 'CardError' } }, resource: { type: 'cloud_run_revision', labels: { service_name: 'pay' } } },
  { timestamp: T, severity: 'ERROR', jsonPayload: { message: 'payment declined' }, resource: { type: 'cloud_run_revision', labels: { service_name: 'shop' } } },
  { timestamp: T, severity: 'ERROR', jsonPayload: { message: 'payment declined', error: { name: 'CardError' } }, resource: { type: 'cloud_run_revision', labels: { service_name: 'shop' } } },
  { timestamp: T, severity: 'INFO', textPayload: 'payment declined' },
  { timestamp: T, severity: 'WARNING', textPayload: 'password=hunter2 rejected for user alice@example.com' },
  { timestamp: T, textPayload: 'Traceback (most recent call last):\n  File "app.py", line 3, in <module>\nValueError: bad' },
  // The instance that wrote it (Entry.writer), carried across; none for Cloud Run's own logs.
  { timestamp: T, severity: 'WARNING', textPayload: 'SQL Error: 0, SQLState: 08S01', labels: { instanceId: '00a1b2c3' }, logName: 'projects/p/logs/run.googleapis.com%2Fstdout' },
  { timestamp: T, severity: 'ERROR', textPayload: 'SQL Error: 0, SQLState: 08S01', labels: { instanceId: '00d4e5f6' }, logName: 'projects/p/logs/run.googleapis.com%2Fstdout' },
  { timestamp: T, severity: 'ERROR', textPayload: 'Container called exit(1).', labels: { instanceId: '00a1b2c3' }, logName: 'projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem' },
  // The request's trace (Entry.trace), carried across: the entry's own, and one in the text.
  { timestamp: T, severity: 'ERROR', textPayload: 'SQL Error: 0, SQLState: 08S01', labels: { instanceId: '00a1b2c3' }, logName: 'projects/p/logs/run.googleapis.com%2Fstdout', trace: 'projects/p/traces/4bf92f3577b34da6a3ce929d0e0e4736' },
  { timestamp: T, severity: 'ERROR', textPayload: 'find order 17: circuit breaker is open\ttrace=8199e5be82391ae56ebd34db19591dc7', labels: { instanceId: '00a1b2c3' }, logName: 'projects/p/logs/run.googleapis.com%2Fstdout' },
];

function joinedOf(raws: RawEntry[]): Joined[] {
  const joined = reassembleAll(raws);
  // Every third entry marked a piece, so that the mark is carried whatever the entry.
  return joined.map((j, i) => (i % 3 === 2 ? { ...j, piece: true as const } : j));
}

const withoutMemo = (p: Prepared): Prepared => {
  if (!('entry' in p)) return p;
  const { memo: _memo, ...rest } = p;
  return rest;
};

interface Case {
  name: string;
  batchSize: number;
  limits?: PackLimits;
  /** Who reads the messages of batch b. */
  reads: (b: number) => boolean;
  /** Also with every severity let through (the floor at DEFAULT). */
  everySeverity?: true;
}

const CASES: Case[] = [
  { name: 'the reading thread reads', batchSize: 64, reads: () => true, everySeverity: true },
  { name: 'the classifying thread reads', batchSize: 64, reads: () => false, everySeverity: true },
  { name: 'turn and turn about, one entry a batch', batchSize: 1, reads: (b) => b % 2 === 0 },
  { name: 'in runs of three batches', batchSize: 5, reads: (b) => Math.floor(b / 3) % 2 === 1 },
  { name: 'forgetting after two messages', batchSize: 4, limits: { messages: 2, chars: 1_000_000 }, reads: (b) => b % 3 !== 0 },
  { name: 'forgetting after 300 characters', batchSize: 7, limits: { messages: 1000, chars: 300 }, reads: (b) => b % 2 === 1 },
];

function roundTrip(joined: Joined[], floor: Severity, c: Case): { prepared: Prepared[]; resets: number } {
  const packer = new BatchPacker(floor, c.batchSize, c.limits);
  const unpacker = new BatchUnpacker();
  const prepared: Prepared[] = [];
  let resets = 0;
  let b = 0;
  const take = () => {
    const batch = packer.take();
    if (batch === null) return;
    if (batch.reset) resets++;
    // As it crosses between threads: a structured clone, its numbers transferred.
    const crossed = structuredClone(batch, { transfer: [batch.numbers.buffer as ArrayBuffer] });
    expect(batch.numbers.byteLength).toBe(0);
    prepared.push(...unpacker.unpack(crossed));
  };
  for (const one of joined) {
    if (packer.size === 0) packer.reads = c.reads(b++);
    packer.add(one);
    if (packer.size === c.batchSize) take();
  }
  take();
  return { prepared, resets };
}

describe('packed batches', () => {
  const inputs = FILES.map((file) => [file, jsonl(file)] as const).concat([['odd shapes', ODD]]);

  describe.each(CASES)('$name', (c) => {
    it.each(inputs)('%s: the entries prepareJoined gives, in order', (_, raws) => {
      for (const floor of c.everySeverity ? (['NOTICE', 'DEFAULT'] as const) : (['NOTICE'] as const)) {
        const joined = joinedOf(raws);
        const { prepared } = roundTrip(joined, floor, c);
        expect(prepared.map(withoutMemo)).toEqual(joined.map((j) => prepareJoined(j, floor)));
      }
    });
  });

  it('forgets its numbers as often as the limits say, and still gives the same entries', () => {
    const joined = joinedOf(jsonl('examples/cloud-run-backend-day.jsonl'));
    const c: Case = { name: 'tight', batchSize: 3, limits: { messages: 2, chars: 1_000_000 }, reads: () => true };
    const { prepared, resets } = roundTrip(joined, 'NOTICE', c);
    expect(resets).toBeGreaterThan(10);
    expect(prepared.map(withoutMemo)).toEqual(joined.map((j) => prepareJoined(j, 'NOTICE')));
  });

  it('gives entries of one message one memo, and entries of two messages two', () => {
    const joined = joinedOf(jsonl('examples/cloud-run-backend-day.jsonl'));
    const { prepared } = roundTrip(joined, 'NOTICE', { name: 'memo', batchSize: 16, reads: (b) => b % 2 === 0 });
    const textOf = new Map<object, string>();
    let shared = 0;
    for (const p of prepared) {
      if (!('entry' in p) || p.memo === undefined) continue;
      const seen = textOf.get(p.memo);
      if (seen === undefined) textOf.set(p.memo, p.entry.text);
      else {
        expect(p.entry.text).toBe(seen);
        shared++;
      }
    }
    // The example day repeats its messages: some entries find their message numbered.
    expect(shared).toBeGreaterThan(0);
  });

  it('sends no message the classifying thread reads as it was logged when the reading thread reads', () => {
    const joined = joinedOf(ODD);
    const packer = new BatchPacker('NOTICE', 100);
    packer.reads = true;
    for (const one of joined) packer.add(one);
    const batch = packer.take();
    expect(batch?.strings.join('\n')).not.toContain('hunter2');
    expect(batch?.strings.join('\n')).not.toContain('alice@');
  });
});
