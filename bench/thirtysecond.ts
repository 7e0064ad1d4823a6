// A thirty-second held-out Cloud Run day (bench/lib/thirtysecond), written apart from the classifier and
// from the other days' services: Express 5 with morgan and its final handler, Next.js standalone through
// next-logger, NestJS on the Fastify adapter, gin with gin-contrib/zap, axum with tracing's compact
// formatter, Spring Boot with Tomcat's access log on stdout, Micronaut with its access logger, FastAPI
// with a JSON --log-config, Rails 8 on a Puma cluster with lograge's JSON, and ASP.NET Core 9's JSON
// console indented as the docs' example sets it; a failure's records spread over the request's
// latency, Cloud Run's request log with the request's trace. Same measures as bench:plaintext.
//   node dist/bench/thirtysecond.js [SEED] [--seed N] [--verbose] [--no-server]
import { buildDay } from './lib/thirtysecond/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('thirtysecond', buildDay);
