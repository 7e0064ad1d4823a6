// What telling trace pieces costs per entry: the companion ledger asks isOnlyTracePieces of every
// entry it notes (classify/companions.ts), so its cost is paid once per NOTICE+ entry of a sweep.
// Prints figures; asserts nothing.
//
//   npm run build && node dist/bench/trace-pieces-cost.js [COUNT]
//
// Texts of COUNT generated Cloud Run entries (bench/lib/cloud-run-generator.ts, problems five times as
// frequent as by default), the predicate run over all of them seven times; median CPU time per entry.
// Measured on a shared 2-core machine: 2.07 -> 0.14-0.23 us an entry once a one-line text is judged
// on its opening alone (a sweep spends about 30 us of CPU an entry in all).
import { generateEntries } from './lib/cloud-run-generator.js';
import { KNOWN_SERVICES } from './lib/service-catalogue.js';
import { isOnlyTracePieces } from '../src/source/trace-pieces.js';

const count = Number(process.argv[2] ?? 200_000);
const texts: string[] = [];
for (const { entry } of generateEntries({ seed: 1, count, start: new Date('2026-03-10T00:00:00Z'), end: new Date('2026-03-11T00:00:00Z'), services: Object.keys(KNOWN_SERVICES), problemScale: 5 })) {
  const json = entry.jsonPayload as Record<string, unknown> | undefined;
  texts.push(String(entry.textPayload ?? json?.message ?? json?.msg ?? JSON.stringify(json ?? '')));
}
const multiLine = texts.filter((t) => t.includes('\n')).length;
const runs: number[] = [];
let pieces = 0;
for (let run = 0; run < 7; run++) {
  const start = process.cpuUsage();
  pieces = 0;
  for (const text of texts) if (isOnlyTracePieces(text)) pieces++;
  const spent = process.cpuUsage(start);
  runs.push((spent.user + spent.system) / 1000);
}
runs.sort((a, b) => a - b);
const median = runs[3]!;
console.log(`${texts.length} texts (${multiLine} of several lines), ${pieces} only trace pieces`);
console.log(`CPU ms per run: ${runs.map((ms) => ms.toFixed(0)).join(' ')}; median ${median.toFixed(0)} ms, ${((median * 1000) / texts.length).toFixed(2)} us an entry`);
