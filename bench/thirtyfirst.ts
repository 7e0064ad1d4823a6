// A thirty-first held-out Cloud Run day (bench/lib/thirtyfirst), written apart from the classifier and
// from the other days' services: NestJS 11's ConsoleLogger (text, then JSON), Next.js 15 under `next
// start` with an onRequestError hook, Koa's default error output, Flask under uWSGI (its request log and
// harakiri), FastAPI gaining OpenTelemetry's log correlation, chi with go-chi/httplog, Quarkus' console
// and access log gaining trace ids, ASP.NET Core through NLog, Phoenix on Cowboy, and Symfony in
// FrankenPHP's worker mode behind Monolog's fingers_crossed; a failure's records spread over the
// request's latency, Cloud Run's request log with the request's trace. Same measures as bench:plaintext.
//   node dist/bench/thirtyfirst.js [SEED] [--seed N] [--verbose] [--no-server]
import { buildDay } from './lib/thirtyfirst/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('thirtyfirst', buildDay);
