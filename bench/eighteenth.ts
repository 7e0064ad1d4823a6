// An eighteenth held-out Cloud Run day (bench/lib/eighteenth), written apart from the classifier and
// from the other days' services: a LiteLLM proxy, TorchServe, oauth2-proxy as the ingress container,
// an Express app under `npm start` with a Redis sidecar, Rails on Ougai with GoodJob, FastAPI under
// Granian, a Go Cloud Tasks dispatcher moving from log to slog, a Huey consumer, a Node worker on the
// debug package and Nextcloud's JSON log; structured and plain text, with formatters that change at a
// rollout. Same measures as bench:plaintext.
//   node dist/bench/eighteenth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/eighteenth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('eighteenth', buildDay);
