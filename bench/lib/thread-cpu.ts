// Loaded with `node --import` by bench:throughput: notes the CPU time of each thread of the process
// (Linux's /proc/self/task, every 50 ms and at exit) and writes it to BENCH_THREAD_CPU_FILE, one
// `seconds` line per thread that used any, the main thread first. A thread's figure is the last seen
// while it ran, so a worker that ended between two looks loses at most 50 ms. The busiest thread is
// what the wall time comes to on a machine with a core free for each busy thread.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const file = process.env.BENCH_THREAD_CPU_FILE;
const TICKS = 100; // USER_HZ: /proc counts CPU time in hundredths of a second on Linux

if (file) {
  const seen = new Map<string, number>();
  const look = () => {
    let tasks: string[];
    try {
      tasks = readdirSync('/proc/self/task');
    } catch {
      return; // not Linux: nothing to note
    }
    for (const task of tasks) {
      try {
        const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        seen.set(task, (Number(fields[11]) + Number(fields[12])) / TICKS); // utime + stime
      } catch {
        // the thread ended between the listing and the look
      }
    }
  };
  setInterval(look, 50).unref();
  process.on('exit', () => {
    look();
    const main = seen.get(String(process.pid)) ?? 0;
    const others = [...seen].filter(([task, s]) => task !== String(process.pid) && s > 0).map(([, s]) => s).sort((a, b) => b - a);
    writeFileSync(file, [main, ...others].join('\n') + '\n');
  });
}
