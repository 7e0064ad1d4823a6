// A twenty-first held-out Cloud Run day (bench/lib/twentyfirst), written apart from the classifier and
// from the other days' services: an MLflow tracking server, a Watermill event processor on Pub/Sub,
// Uptime Kuma, a LoopBack 4 API, Flyway's command line as a Cloud Run job, Spring Boot with the OpenTelemetry
// Java agent's console log exporter, ASP.NET Core with OpenTelemetry's console exporter, Falcon's Console output,
// Craft CMS's Monolog stream and llama.cpp's server; structured and plain text, with formatters that
// change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/twentyfirst.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/twentyfirst/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('twentyfirst', buildDay);
