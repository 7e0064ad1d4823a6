// A seventeenth held-out Cloud Run day (bench/lib/seventeenth), written apart from the classifier and
// from the other days' services: Ollama on a GPU, a BentoML model server, a Google ADK agent, Keycloak,
// a Connect RPC shop on zap with an OpenTelemetry Collector sidecar, Rails 8 on SQLite with Litestream,
// a Pub/Sub streaming-pull worker with gRPC's own lines, a Puppeteer PDF renderer, a Gradio demo and
// a .NET gRPC service on Spanner; structured and plain text, with formatters that change at a rollout. Same
// measures as bench:plaintext.
//   node dist/bench/seventeenth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/seventeenth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('seventeenth', buildDay);
