// A thirteenth held-out Cloud Run day (bench/lib/thirteenth), written apart from the classifier and from
// the other days' services: Pyramid on waitress, Bottle under honcho, Spring Batch with Boot's ECS
// structured logging, Echo with zerolog's console writer, a Symfony Messenger worker, Laminas on php-fpm,
// axum with tracing's pretty formatter, hapi with pino-pretty, a .NET Worker Service on Serilog's compact
// JSON, and OpenResty; structured and plain text, with formatters that change at a rollout. Same measures
// as bench:plaintext.
//   node dist/bench/thirteenth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/thirteenth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('thirteenth', buildDay);
