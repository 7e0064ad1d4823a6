// A twentieth held-out Cloud Run day (bench/lib/twentieth), written apart from the classifier and from
// the other days' services: Text Generation Inference, Vector, Node-RED, an Angular SSR storefront, a
// Temporal TypeScript worker, a Deno Fresh site, Payara Micro, Spring AI with Spring Boot's ECS
// structured logging, a Hangfire job server and HAProxy as the ingress container; structured and plain
// text, with formatters that change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/twentieth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/twentieth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('twentieth', buildDay);
