// Reading Cloud Logging through the real client from the local gRPC server (in its own process):
// entries per second, and whether the reader's heap grows with the number of entries read (it should
// not: one page at a time). Run: npm run build --silent && node --expose-gc dist/bench/cloud-logging-read.js [entries]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCloudLoggingSource } from '../src/source/cloud-logging.js';

const total = Number(process.argv[2] ?? 100_000);
const start = '2025-09-11T00:00:00.000Z';
const span = 24 * 3_600_000;
const gc = (globalThis as { gc?: () => void }).gc;

const serverScript = fileURLToPath(new URL('./lib/logging-server-process.js', import.meta.url));
const child = spawn(process.execPath, [serverScript, String(total), start, String(span)], { stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
const { address } = JSON.parse(line) as { address: string };

const source = createCloudLoggingSource({ project: 'bench', emulatorHost: address, pageSize: 1000, timeBudgetMs: 3_600_000 });
const read = source.read({ window: { start: Date.parse(start), end: Date.parse(start) + span }, services: ['backend'], severityFloor: 'NOTICE' });
gc?.();
const baseline = process.memoryUsage().heapUsed;
const samples: Array<[number, number]> = [];
const began = performance.now();
let count = 0;
for await (const entry of read.entries) {
  if (entry.insertId !== undefined) count++;
  if (count % Math.max(1, Math.floor(total / 10)) === 0) {
    gc?.();
    samples.push([count, process.memoryUsage().heapUsed - baseline]);
  }
}
const seconds = (performance.now() - began) / 1000;
child.kill('SIGTERM');

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
console.log(`entries read: ${count} of ${total} in ${seconds.toFixed(1)} s (${Math.round(count / seconds)} entries/s, pages of 1000), complete: ${read.result().complete}`);
console.log(`reader heap above baseline${gc ? '' : ' (run with --expose-gc for steady figures)'}:`);
for (const [n, bytes] of samples) console.log(`  after ${String(n).padStart(8)} entries  ${mb(bytes)}`);
