// The day's Elixir service: a Broadway pipeline pulling from Pub/Sub, Elixir's Logger on its default
// console format, then a format with the date and `mfa` metadata.

import type { ServiceDef, Write } from '../stranger/model.js';
import { exDateTime, exTime } from './clock.js';
import { digits, fam, PROJECT } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// ingest-broadway: Elixir 1.17 on OTP 27, Broadway 1.1 with broadway_cloud_pub_sub 0.9's PullClient
// (Finch) on subscription `ingest-events` (always-on CPU, no HTTP traffic but a health check), Ecto
// 3.12 / Postgrex to Cloud SQL for PostgreSQL, Jason. Logger's default console formatter on stdout:
// morning revision `$time $metadata[$level] $message` with no metadata (`10:00:00.123 [error] msg`);
// from the rollout `format: "$date $time $metadata[$level] $message\n", metadata: [:mfa]`. The
// PullClient logs a failed pull or ack as `Unable to fetch events from Cloud Pub/Sub - reason: …` /
// `Unable to acknowledge messages with Cloud Pub/Sub - reason: …` (an HTTP error as `Request to "url"
// failed with status N, got:` and the inspected body on the next lines, a transport error as an
// inspected map). Broadway logs what a processor or batcher raised with `Exception.format/3` (`**
// (Module) message` and the stacktrace four spaces in); the messages are failed and redelivered.
const IB = 'ingest-broadway';
const SUB = `projects/${PROJECT}/subscriptions/ingest-events`;

function exlog(t: number, rev: 0 | 1, level: 'error' | 'warning' | 'info', mfa: string, msg: string): Write {
  return { stream: 'stdout', text: rev === 0 ? `${exTime(t)} [${level}] ${msg}` : `${exDateTime(t)} mfa=${mfa} [${level}] ${msg}` };
}

const PULL_MFA = 'BroadwayCloudPubSub.PullClient.handle_response/2';
const PROCESSOR_TAIL = '    (broadway 1.1.0) lib/broadway/topology/processor_stage.ex:168: anonymous fn/6 in Broadway.Topology.ProcessorStage.handle_messages/4\n    (telemetry 1.3.0) /app/deps/telemetry/src/telemetry.erl:324: :telemetry.span/3\n    (broadway 1.1.0) lib/broadway/topology/processor_stage.ex:155: Broadway.Topology.ProcessorStage.handle_messages/4\n    (broadway 1.1.0) lib/broadway/topology/processor_stage.ex:68: anonymous fn/3 in Broadway.Topology.ProcessorStage.handle_events/3\n    (gen_stage 1.2.1) lib/gen_stage.ex:2578: GenStage.consumer_dispatch/6\n    (stdlib 6.1) gen_server.erl:2345: :gen_server.try_handle_info/3';

// Pub/Sub answers a pull with 503 now and then (the client retries on its next demand): burst.
const ibPull503 = fam(`${IB}:pubsub-pull-unavailable`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const body = `"{\\n  \\"error\\": {\\n    \\"code\\": 503,\\n    \\"message\\": \\"The service was unable to fulfill your request. Please try again. [code=${rng.hex(4)}]\\",\\n    \\"status\\": \\"UNAVAILABLE\\"\\n  }\\n}\\n"`;
  return [exlog(t, rev, 'error', PULL_MFA, `Unable to fetch events from Cloud Pub/Sub - reason: \nRequest to "https://pubsub.googleapis.com/v1/${SUB}:pull" failed with status 503, got:\n${body}\n`)];
}, 0.5);

// Acks time out on a congested connection: the messages come back after their deadline.
const ibAckTimeout = fam(`${IB}:pubsub-ack-transport-error`, 'ERROR', [30, 70], ({ rng, t, rev }) => [
  exlog(t, rev, 'error', PULL_MFA, `Unable to acknowledge messages with Cloud Pub/Sub - reason: %{error: %Mint.TransportError{reason: ${rng.pick([':timeout', ':timeout', ':closed'])}}, url: "https://pubsub.googleapis.com/v1/${SUB}:acknowledge"}`),
], 0.3);

// A publisher sends an HTML error page instead of JSON: the processor raises on decode.
const ibDecode = fam(`${IB}:handle-message-json-decode`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const [pos, byte, ch] = rng.pick([[0, '0x3C', '<'], [0, '0x3C', '<'], [1, '0x21', '!']] as const);
  return [exlog(t, rev, 'error', 'Broadway.Topology.ProcessorStage.handle_messages/4', `** (Jason.DecodeError) unexpected byte at position ${pos}: ${byte} ("${ch}")\n    (jason 1.4.4) lib/jason.ex:92: Jason.decode!/2\n    (ingest 0.1.0) lib/ingest/pipeline.ex:31: Ingest.Pipeline.handle_message/3\n${PROCESSOR_TAIL}`)];
});

// Redelivered messages are inserted again: the batcher's insert_all hits the primary key.
const ibUnique = fam(`${IB}:handle-batch-unique-violation`, 'ERROR', [25, 60], ({ rng, t, rev }) => [
  exlog(t, rev, 'error', 'Broadway.Topology.BatchProcessorStage.handle_batch/4', `** (Postgrex.Error) ERROR 23505 (unique_violation) duplicate key value violates unique constraint "events_pkey"\n\n    table: events\n    constraint: events_pkey\n\nKey (event_id)=(${rng.uuid()}) already exists.\n    (ecto_sql 3.12.1) lib/ecto/adapters/sql.ex:1096: Ecto.Adapters.SQL.raise_sql_call_error/1\n    (ecto_sql 3.12.1) lib/ecto/adapters/sql.ex:994: Ecto.Adapters.SQL.insert_all/9\n    (ecto 3.12.5) lib/ecto/repo/schema.ex:59: Ecto.Repo.Schema.do_insert_all/7\n    (ingest 0.1.0) lib/ingest/pipeline.ex:52: Ingest.Pipeline.handle_batch/4\n    (broadway 1.1.0) lib/broadway/topology/batch_processor_stage.ex:76: Broadway.Topology.BatchProcessorStage.handle_batch/4\n    (gen_stage 1.2.1) lib/gen_stage.ex:2578: GenStage.consumer_dispatch/6`),
]);

// Batches that take longer than the app's threshold (frequent, WARNING).
const ibSlowBatch = fam(`${IB}:slow-batch-warning`, 'WARNING', [120, 240], ({ rng, t, rev }) => [
  exlog(t, rev, 'warning', 'Ingest.Pipeline.handle_batch/4', `batch of ${rng.int(10, 100)} events took ${rng.int(1001, 6000)}ms (threshold 1000ms), partition ${rng.int(0, 7)}`),
]);

const ibChatter = fam(`noise:${IB}:chatter`, 'INFO', [220, 320], ({ rng, t, rev }) => [
  exlog(t, rev, 'info', rng.pick(['Ingest.Pipeline.handle_batch/4', 'Ingest.Application.start/2']), rng.pick([
    `inserted ${rng.int(10, 100)} events (0 failed, 0 skipped)`,
    'Running Ingest.Pipeline with 8 processors and 2 batchers',
    `subscription ${SUB} drained: ${rng.int(0, 40)} outstanding`,
    `health check ok (${digits(rng, 3)}ms since last ack)`,
  ])),
]);

export const ingestBroadway: ServiceDef = {
  name: IB, stack: 'Elixir 1.17 (OTP 27), Broadway 1.1, broadway_cloud_pub_sub 0.9 (PullClient on Finch), Ecto 3.12 + Postgrex, Jason 1.4', splitRate: 0.6,
  families: [ibPull503, ibAckTimeout, ibDecode, ibUnique, ibSlowBatch, ibChatter],
};

