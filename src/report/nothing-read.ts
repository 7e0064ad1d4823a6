// Zero entries read is an answer only when it says why: the window missed the file's time span, no
// entry was of the services asked for, every line was unreadable, or nothing reached the severity floor.
import type { SourceReadResult } from '../shared/ports.js';
import type { EntryCounts, Window } from '../shared/types.js';

export interface NothingReadInput {
  entries: EntryCounts;
  window: Window;
  services: string[];
  sourceResult: SourceReadResult;
}

const MAX_SERVICES = 8;

/** One sentence, or null when entries were read (or the source failed: its error says why). */
export function explainNothingRead(data: NothingReadInput): string | null {
  if (data.entries.read > 0 || !data.sourceResult.complete) return null;
  const { entries, window, services } = data;
  const seen = data.sourceResult.seen;
  const total = entries.filtered + entries.skipped;
  if (total === 0) return 'No entries read: the source holds no entry in the window (an empty file, or nothing logged).';
  if (entries.filtered === 0 || !seen || seen.first === null || seen.last === null) {
    const why = Object.entries(entries.skippedBy).map(([reason, n]) => `${n} ${reason}`).join(', ');
    return `No entries read: every one of the ${entries.skipped} entries was unreadable (${why}).`;
  }
  const span = `${stamp(seen.first)} to ${stamp(seen.last)}`;
  if (seen.last < window.start || seen.first >= window.end) {
    return `No entries read: the window ${stamp(window.start)} to ${stamp(window.end)} does not overlap the file's entries (${span}); set --now and --window to cover them.`;
  }
  const named = services.filter((s) => (seen.services[s] ?? 0) > 0);
  if (services.length > 0 && named.length === 0) {
    const found = Object.entries(seen.services).sort((a, b) => b[1] - a[1]);
    const list = found.slice(0, MAX_SERVICES).map(([name, n]) => `${name || '(no service)'} (${n})`).join(', ');
    const more = found.length > MAX_SERVICES ? `, and ${found.length - MAX_SERVICES} more` : '';
    return `No entries read: no entry of service ${services.join(', ')}; services seen: ${list}${more}.`;
  }
  return `No entries read: ${entries.filtered} entries of the file (${span}) were outside the window, of other services or below the severity floor.`;
}

const stamp = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
