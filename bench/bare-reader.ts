// The baseline of `bench:throughput`, exactly as the throughput goal defines it: a Node.js process that
// reads a JSONL file with readline, JSON.parse-s every line and counts the entries at NOTICE and above.
// Nothing else: no window, no services, no reassembly. Prints {"entries": N, "notice": N}.
//
//   node dist/bench/bare-reader.js FILE
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const RANK: Record<string, number> = { NOTICE: 3, WARNING: 4, ERROR: 5, CRITICAL: 6, ALERT: 7, EMERGENCY: 8 };

let entries = 0;
let notice = 0;
const lines = createInterface({ input: createReadStream(process.argv[2] as string), crlfDelay: Infinity });
for await (const line of lines) {
  if (line === '') continue;
  const entry = JSON.parse(line) as { severity?: string };
  entries++;
  if (typeof entry.severity === 'string' && RANK[entry.severity] !== undefined) notice++;
}
process.stdout.write(JSON.stringify({ entries, notice }) + '\n');
