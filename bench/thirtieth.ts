// A thirtieth held-out Cloud Run day (bench/lib/thirtieth), written apart from the classifier and
// from the other days' services: Express with express-winston, Fastify on pino-pretty then pino,
// FastAPI through loguru, Django on gunicorn then google-cloud-logging's structured handler, Spring
// Boot 3.4 on virtual threads gaining tracing ids, Ktor 3 on Logback's default then Logstash JSON,
// ASP.NET Core's default console then its JSON console, Echo with slog's default logger, gin with
// gin-logrus, and Laravel on FrankenPHP; structured and plain text, with formatters that change at a
// rollout. Same measures as bench:plaintext.
//   node dist/bench/thirtieth.js [SEED] [--seed N] [--verbose] [--no-server]
import { buildDay } from './lib/thirtieth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('thirtieth', buildDay);
