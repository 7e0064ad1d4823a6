// A fifth held-out Cloud Run day (bench/lib/fifth), written apart from the classifier and from the other
// days' services: Dramatiq, Falcon under uWSGI with nginx, Quarkus JSON/ECS, Ktor on Logback, gin with
// hclog, Deno, Bun, Vapor, Dart and NLog, structured and plain text, with formatters that change at a
// rollout. Same measures as bench:plaintext.
//   node dist/bench/fifth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/fifth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('fifth', buildDay);
