// A sixteenth held-out Cloud Run day (bench/lib/sixteenth), written apart from the classifier and from
// the other days' services: a vLLM server, Apache Superset with the Cloud SQL Auth Proxy as a sidecar,
// dbt runs, a functions-framework ingester with loguru, winston with Google's Cloud Logging transport,
// n8n, a Temporal worker, a Rust API on tracing's Pretty and Stackdriver formats, Kotlin on Log4j2's
// GcpLayout, and .NET on Google's console formatter; structured and plain text, with formatters that
// change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/sixteenth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/sixteenth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('sixteenth', buildDay);
