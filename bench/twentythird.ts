// A twenty-third held-out Cloud Run day (bench/lib/twentythird), written apart from the classifier and
// from the other days' services: NestJS with nestjs-pino then Google's pino config, a Node Cloud Run
// job on BigQuery, Hono on Node with drizzle, a Node Cloud Run function with and without the
// framework's execution ids, Django with django-structlog, a Python asyncio job with ExceptionGroups,
// Spring Boot's ECS structured logging (3.4 flat, 3.5 nested), a Java Cloud Run function, Go chi with
// slog (TextHandler, then JSON for Cloud Logging) and Serilog's compact JSON; structured and plain
// text, with formatters that change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/twentythird.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/twentythird/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('twentythird', buildDay);
