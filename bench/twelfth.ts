// A twelfth held-out Cloud Run day (bench/lib/twelfth), written apart from the classifier and from the
// other days' services: Quart with Rich, Helidon on JUL, ZIO, AdonisJS, Remix with Sequelize, gorilla
// with apex/log, Mojolicious, Yii 2, Nim's Jester and Swift's Hummingbird, structured and plain text,
// with formatters that change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/twelfth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/twelfth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('twelfth', buildDay);
