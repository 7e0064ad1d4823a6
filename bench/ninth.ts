// A ninth held-out Cloud Run day (bench/lib/ninth), written apart from the classifier and from the other
// days' services: Tornado, Litestar under hypercorn, Dropwizard, a standalone Jetty, Express with morgan
// and Prisma, a @grpc/grpc-js server, Sinatra, Resque, Rocket and TensorFlow Serving, structured and
// plain text, with formatters that change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/ninth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/ninth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('ninth', buildDay);
