// A sixth held-out Cloud Run day (bench/lib/sixth), written apart from the classifier and from the other
// days' services: Django under daphne, Celery, Phoenix, actix-web, Laravel under Apache, Koa, Nuxt behind
// Caddy, Micronaut, echo with klog, and a C++ renderer on spdlog/glog, structured and plain text, with
// formatters that change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/sixth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/sixth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('sixth', buildDay);
