// A twenty-fifth held-out Cloud Run day (bench/lib/twentyfifth), written apart from the classifier and
// from the other days' services: a Playwright render service, Express and Mongoose on Atlas through
// bunyan and @google-cloud/logging-bunyan, an Alembic migration job on the Cloud SQL Python Connector,
// Flask on gunicorn with gunicorn's handlers, Apache Camel on Spring Boot, a gRPC API logged by
// go-grpc-middleware, a Go Cloud Run function, Sidekiq workers, a Blazor Server portal and Laravel with
// Monolog's JSON on Apache; structured and plain text, with formatters that change at a rollout. Same
// measures as bench:plaintext.
//   node dist/bench/twentyfifth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/twentyfifth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('twentyfifth', buildDay);
