// A twenty-eighth held-out Cloud Run day (bench/lib/twentyeighth), written apart from the classifier
// and from the other days' services: a Temporal worker in Python, a Moleculer API, a go-zero API, Spring
// Boot on Undertow with Boot's logstash format, a MassTransit worker on RabbitMQ, Hyperf on Swoole, a
// Grape API on Puma without Rails, a tonic gRPC server logging through fern, a Broadway pipeline pulling
// from Pub/Sub, and a CherryPy tile server; structured and plain text, with formatters that change at
// a rollout. Same measures as bench:plaintext.
//   node dist/bench/twentyeighth.js [SEED] [--seed N] [--verbose] [--no-server]
import { buildDay } from './lib/twentyeighth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('twentyeighth', buildDay);
