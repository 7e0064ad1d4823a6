// Loaded with `node --import` by bench:throughput: notes the CPU time of each thread of the process
// (Linux's /proc/self/task, every 50 ms and at exit) and writes it to BENCH_THREAD_CPU_FILE, one
// `seconds` line per thread that used any, the main thread first. A thread's figure is the last seen
// while it ran, so a worker that ended between two looks loses at most 50 ms. The looks are taken by
// a small thread of their own: the main thread of a sweep can run for seconds without coming back to
// its event loop (its next batch is always there), and a look it took itself would then be late, or
// miss a worker that ended meanwhile. The busiest thread is what the wall time comes to on a machine
// with a core free for each busy thread.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const file = process.env.BENCH_THREAD_CPU_FILE;
const TICKS = 100; // USER_HZ: /proc counts CPU time in hundredths of a second on Linux

// Runs in the looking thread: every 50 ms, each thread's CPU time into the shared array by task id.
const LOOKER = `
const { readdirSync, readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const seen = new Float64Array(workerData);
const look = () => {
  let tasks;
  try { tasks = readdirSync('/proc/self/task'); } catch { return; }
  for (const task of tasks) {
    try {
      const stat = readFileSync('/proc/self/task/' + task + '/stat', 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const slot = (Number(task) % 4096) * 2;
      seen[slot] = Number(task);
      seen[slot + 1] = (Number(f[11]) + Number(f[12])) / ${TICKS};
    } catch {}
  }
};
setInterval(look, 50);
`;

if (file) {
  const shared = new SharedArrayBuffer(4096 * 2 * 8);
  const seen = new Float64Array(shared);
  let looker: Worker | null = null;
  try {
    looker = new Worker(LOOKER, { eval: true, workerData: shared });
    looker.unref();
  } catch {
    // no thread to look from: the exit's look alone
  }
  process.on('exit', () => {
    // The last look, from here: the threads still running.
    try {
      for (const task of readdirSync('/proc/self/task')) {
        try {
          const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          const slot = (Number(task) % 4096) * 2;
          seen[slot] = Number(task);
          seen[slot + 1] = Math.max(seen[slot + 1] ?? 0, (Number(f[11]) + Number(f[12])) / TICKS);
        } catch {
          // the thread ended between the listing and the look
        }
      }
    } catch {
      // not Linux: nothing to note
    }
    const byTask = new Map<number, number>();
    for (let slot = 0; slot < seen.length; slot += 2) if (seen[slot]! > 0) byTask.set(seen[slot]!, seen[slot + 1]!);
    const main = byTask.get(process.pid) ?? 0;
    const others = [...byTask].filter(([task, s]) => task !== process.pid && s > 0).map(([, s]) => s).sort((a, b) => b - a);
    writeFileSync(file, [main, ...others].join('\n') + '\n');
  });
}
