// A third held-out Cloud Run day (bench/lib/mixed), written apart from the plain-text and stranger days and
// from the classifier: Go, Ruby, .NET, Node, Java and Python services mixing structured and plain-text
// output, with headers that change within a service. Same measures as bench:plaintext.
//   node dist/bench/mixed.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/mixed/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('mixed', buildDay);
