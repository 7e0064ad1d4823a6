// A twenty-fourth held-out Cloud Run day (bench/lib/twentyfourth), written apart from the classifier and
// from the other days' services: Next.js 14 with Auth.js v5 and Prisma, its Prisma Migrate job, a Slack
// Bolt app, Plotly Dash on gunicorn, a Pub/Sub push relay whose logging was never configured, LangChain
// on FastAPI with Vertex AI, a TensorFlow scoring job, gin in debug mode with zap's development logger,
// ASP.NET Core 9 on SQL Server and Spring Boot 3.5's Logstash JSON with root-first stack traces;
// structured and plain text, with formatters that change at a rollout. Same measures as bench:plaintext.
//   node dist/bench/twentyfourth.js [SEED] [--seed N] [--verbose]
import { buildDay } from './lib/twentyfourth/day.js';
import { runDayBench } from './lib/run-day-bench.js';

await runDayBench('twentyfourth', buildDay);
