// A fifteenth held-out Cloud Run day (bench/lib/fifteenth), written apart from the classifier and from
// the other days' services: a Scrapy crawler, an arq worker with structlog, Prefect flow runs, FrankenPHP
// (Caddy's zap logger), Open Liberty, Ghost, Sails, a Julia API, Rails 8 with Solid Queue, and Go with
// GORM's logger and charmbracelet/log; structured and plain text, with formatters that change at a
// rollout. Same measures as bench:plaintext.
//   node dist/bench/fifteenth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/fifteenth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('fifteenth', buildDay);
