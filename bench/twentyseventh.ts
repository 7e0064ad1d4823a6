// A twenty-seventh held-out Cloud Run day (bench/lib/twentyseventh), written apart from the classifier
// and from the other days' services: a Strawberry GraphQL API on FastAPI with logging left unconfigured,
// a Cloud Run job copying Google Sheets into BigQuery, a Feathers 5 API on winston's simple format, an
// Express API with OpenTelemetry's trace fields in winston JSON, an Astro SSR site behind an nginx
// sidecar, a .NET job on the console logger's default format, Spring Boot with Google's logback
// appender writing JSON to stdout, a Fiber push handler with the Cloud Logging client's RedirectAsJSON,
// gin in release mode with slog's default handler, and Laravel on Octane with FrankenPHP; structured
// and plain text, with formatters that change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/twentyseventh.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/twentyseventh/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('twentyseventh', buildDay);
