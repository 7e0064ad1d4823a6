// An eighth held-out Cloud Run day (bench/lib/eighth), written apart from the classifier and from the
// other days' services: NestJS, Sanic, WildFly, Rails with lograge, chi with grpc-go, Oban and Plug,
// WordPress on php-fpm, warp/servant, Apollo Server and Spring WebFlux, structured and plain text, with
// formatters that change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/eighth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/eighth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('eighth', buildDay);
