// Progress of a long sweep on standard error (never stdout, which may carry --json): quiet for the
// first seconds, so a short sweep prints nothing, then one line every few seconds.
import type { Writable } from 'node:stream';
import type { SweepProgress } from '../sweep.js';

const QUIET_MS = 3000;
const EVERY_MS = 3000;

export function progressReporter(stream: Writable, clock: () => number = Date.now) {
  const started = clock();
  let last = started;
  return (p: SweepProgress): void => {
    const now = clock();
    if (now - started < QUIET_MS || now - last < EVERY_MS) return;
    last = now;
    stream.write(`log-gardener: ${describe(p)}\n`);
  };
}

function describe(p: SweepProgress): string {
  if (p.phase === 'read') return `${p.entries} entries read so far${p.scanned !== undefined && p.scanned > p.entries ? ` (${p.scanned} looked at)` : ''}`;
  if (p.phase === 'github') return `${p.entries} entries, ${p.problems} problems; reading GitHub issues`;
  return `GitHub writes: ${p.writes} of ${p.planned}`;
}
