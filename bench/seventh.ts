// A seventh held-out Cloud Run day (bench/lib/seventh), written apart from the classifier and from the
// other days' services: Flask under waitress, aiohttp, Play on Akka HTTP, Tomcat's JULI, Clojure on
// timbre, hapi with log4js, Express + BullMQ, Fiber with go-kit, log4net, and Slim under php-fpm,
// structured and plain text, with formatters that change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/seventh.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/seventh/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('seventh', buildDay);
