// An eleventh held-out Cloud Run day (bench/lib/eleventh), written apart from the classifier and from the
// other days' services: a Python gRPC server, Javalin on slf4j-simple, Strapi on Knex, Kratos, Roda on
// Ruby's Logger and Puma, CodeIgniter 4, Kemal, a Zig server on std.log, OCaml's Dream and ASP.NET Core
// with the systemd console formatter, structured and plain text, with formatters that change at a
// rollout. Same measures as bench:plaintext.
//   node dist/bench/eleventh.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/eleventh/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('eleventh', buildDay);
