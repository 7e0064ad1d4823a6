// A tenth held-out Cloud Run day (bench/lib/tenth), written apart from the classifier and from the other
// days' services: Flask with google-cloud-logging, Vert.x on java.util.logging, http4s/cats-effect with
// logback's JSON encoder, SvelteKit with TypeORM, Beego, Hanami with dry-logger, CakePHP, Drogon, R
// plumber and cowboy on OTP's logger, structured and plain text, with formatters that change at a
// rollout. Same measures as bench:plaintext.
//   node dist/bench/tenth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/tenth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('tenth', buildDay);
