// A twenty-sixth held-out Cloud Run day (bench/lib/twentysixth), written apart from the classifier and
// from the other days' services: Express logging through console, a Pub/Sub push notifier on pino then
// @google-cloud/pino-logging-gcp-config, Django REST framework on gunicorn with Django's documented
// `verbose` format, FastAPI on gunicorn's uvicorn workers over Spanner, a gqlgen GraphQL API, Cloud Tasks
// handlers on zap, a Java BigQuery export job on java.util.logging, Drupal through the monolog module,
// ASP.NET Core's one-line simple console with scopes, and Phoenix on Bandit then LoggerJSON; structured
// and plain text, with formatters that change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/twentysixth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/twentysixth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('twentysixth', buildDay);
