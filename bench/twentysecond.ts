// A twenty-second held-out Cloud Run day (bench/lib/twentysecond), written apart from the classifier and
// from the other days' services: Express 5 taking Eventarc and Pub/Sub pushes with Google's structured
// console lines, FastAPI with logging's default format, a Python Cloud Run job and a Python Cloud Run
// function, Spring Boot with logback-contrib's JsonLayout, Go on Spanner with zerolog stacks and a Go
// Cloud Run job, ASP.NET Core with Serilog's JsonFormatter, Laravel behind nginx and php-fpm, Rails 7.2
// then 8.0; structured and plain text, with formatters that change at a rollout. Same measures as
// bench:plaintext.
//   node dist/bench/twentysecond.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/twentysecond/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('twentysecond', buildDay);
