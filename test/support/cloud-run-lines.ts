// Cloud Run text lines for reassembly tests: one entry per line of a record, as Cloud Run splits a
// multi-line write (same instance and stream, microseconds apart), and what reassembly gave back.
import type { Joined } from '../../src/source/reassemble.js';
import type { RawEntry } from '../../src/shared/types.js';

export const INSTANCE_A = '00c527f6d4a1e7b3c2';
const BASE_MS = Date.parse('2026-03-10T10:00:00Z');

function iso(us: number): string {
  const ms = Math.floor(us / 1000);
  return new Date(BASE_MS + ms).toISOString().replace('Z', `${String(us % 1000).padStart(3, '0')}Z`);
}

/** `line(text, us, instance)` on the given stream, and `split(record, start, instance)`: its lines 7 µs apart (one write). */
export function cloudRunLines(stream: 'stdout' | 'stderr') {
  const logName = `projects/p/logs/run.googleapis.com%2F${stream}`;
  function line(text: string, us: number, instance = INSTANCE_A): RawEntry {
    return {
      textPayload: text,
      timestamp: iso(us),
      insertId: `id-${instance}-${us}`,
      logName,
      labels: { instanceId: instance },
      resource: { type: 'cloud_run_revision', labels: { service_name: 'svc', revision_name: 'svc-00001-abc' } },
    };
  }
  /** One entry per line, oldest first, 7 µs apart from `start`; blank lines dropped, as Cloud Run may. */
  function split(record: string, start: number, instance = INSTANCE_A): RawEntry[] {
    return record.split('\n').filter((l) => l.trim() !== '').map((text, i) => line(text, start + i * 7, instance));
  }
  /**
   * One entry per line, each its own write: 2 ms apart, beyond the interleave within which the lines
   * of one write join whatever they say (burst-lines.ts). For what the grammar alone makes of lines.
   */
  function writes(record: string, start: number, instance = INSTANCE_A): RawEntry[] {
    return record.split('\n').filter((l) => l.trim() !== '').map((text, i) => line(text, start + i * 2000, instance));
  }
  return { line, split, writes };
}

const byFirstMember = (out: Joined[]) => [...out].sort((a, b) => a.members[0]! - b.members[0]!);
/** The joined texts, in the order of their first lines. */
export const texts = (out: Joined[]) => byFirstMember(out).map((j) => j.raw.textPayload as string);
/** Whether each joined entry is a piece, in the order of their first lines. */
export const pieces = (out: Joined[]) => byFirstMember(out).map((j) => j.piece === true);
/** The record without its blank lines (Cloud Run may drop them). */
export const noBlank = (record: string) => record.split('\n').filter((l) => l.trim() !== '').join('\n');
