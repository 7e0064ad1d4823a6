// A twenty-ninth held-out Cloud Run day (bench/lib/twentyninth), written apart from the classifier and
// from the other days' services: Django on uvicorn through django-structlog, FastAPI started with
// `fastapi run`, NestJS on nest-winston, gin in debug mode with gin-contrib/logger, Spring Boot on Log4j 2,
// ASP.NET Core on Serilog then Elastic's ECS formatter, Laravel through php-fpm's decorated worker
// output, Rails with lograge's Logstash formatter, actix-web with tracing-bunyan-formatter, and Phoenix
// on Bandit with LoggerJSON's Elastic formatter; structured and plain text, with formatters that change
// at a rollout. Same measures as bench:plaintext.
//   node dist/bench/twentyninth.js [SEED] [--seed N] [--verbose] [--no-server]
import { buildDay } from './lib/twentyninth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('twentyninth', buildDay);
