// A fourteenth held-out Cloud Run day (bench/lib/fourteenth), written apart from the classifier and from
// the other days' services: a Streamlit dashboard, Grafana, Metabase, Hasura, a Firebase 2nd gen function,
// Express with tslog, Rails with rails_semantic_logger, ASP.NET Core's single-line console, a Laravel queue
// worker and Spring Boot with Spring Cloud GCP's JSON layout; structured and plain text, with formatters
// that change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/fourteenth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/fourteenth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('fourteenth', buildDay);
