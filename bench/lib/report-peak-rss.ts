// Loaded with `node --import` where /usr/bin/time is missing: writes the process's peak resident set
// (KB, as getrusage reports it) and its user and system CPU seconds to BENCH_PEAK_RSS_FILE when it exits,
// as `/usr/bin/time -f '%M %U %S'` would.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) process.on('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(file, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}\n`);
});
