// A fourth held-out Cloud Run day (bench/lib/polyglot), written apart from the plain-text, stranger and
// mixed days and from the classifier: PHP, Go, Java, Scala, Node, Rust and Python services mixing
// structured and plain-text output, with formatters that change at a rollout. Same measures as
// bench:plaintext.
//   node dist/bench/polyglot.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/polyglot/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('polyglot', buildDay);
