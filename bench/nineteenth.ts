// A nineteenth held-out Cloud Run day (bench/lib/nineteenth), written apart from the classifier and
// from the other days' services: Odoo with the Cloud SQL Auth Proxy as a sidecar, a Dagster daemon, a
// python-telegram-bot webhook, FastAPI traced by ddtrace, an asynq worker logging through tint,
// imgproxy, a delayed_job worker, Rails under Phusion Passenger, plain PHP on php:apache and Matomo's
// archiver; structured and plain text, with formatters that change at a rollout. Same measures as
// bench:plaintext.
//   node dist/bench/nineteenth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/nineteenth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('nineteenth', buildDay);
