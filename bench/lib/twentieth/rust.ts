// The Rust services: Hugging Face's Text Generation Inference (router and launcher in Rust, the model
// shard in Python) serving Gemma on an L4, and Vector as a webhook-to-bucket router.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { rfc3339Micros } from './clock.js';
import { byRev, exitLine, fam } from './shared.js';

// ---- llm-tgi -------------------------------------------------------------------------------------
// tracing-subscriber's fmt layer: `TIME LEVEL spans: target: file:line: message fields` (the level right
// aligned in five columns), no colours off a TTY. `--json-output` after the rollout: tracing's JSON with
// the event flattened (`timestamp`, `level`, `message`, `target`, `filename`, `line_number`, `span`,
// `spans`); no `severity`, so Cloud Run stores no entry severity either way.
const TGI = 'llm-tgi';

interface TracingEvent { level: 'ERROR' | 'WARN' | 'INFO'; spans: ReadonlyArray<Record<string, string>>; target: string; file?: string; line?: number; message: string; fields?: Record<string, string | number> }

const spanText = (s: Record<string, string>): string => {
  const { name, ...fields } = s;
  const kv = Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ');
  return kv ? `${name}{${kv}}` : `${name}`;
};

function tracingText(t: number, e: TracingEvent): string {
  const spans = e.spans.map(spanText).join(':');
  const where = e.file ? ` ${e.file}:${e.line}:` : '';
  const parts = [e.message, ...Object.entries(e.fields ?? {}).map(([k, v]) => `${k}=${v}`)].filter((p) => p !== '');
  return `${rfc3339Micros(t)} ${e.level.padStart(5)} ${spans ? `${spans}: ` : ''}${e.target}:${where} ${parts.join(' ')}`;
}

/** A field as the text form prints it (`"quoted"` for Debug strings) to the value JSON carries. */
function jsonValue(v: string | number): unknown {
  if (typeof v === 'number') return v;
  if (/^".*"$/s.test(v)) return JSON.parse(v) as unknown;
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

function tracingJson(t: number, e: TracingEvent): Record<string, unknown> {
  const out: Record<string, unknown> = { timestamp: rfc3339Micros(t), level: e.level };
  if (e.message !== '') out.message = e.message;
  for (const [k, v] of Object.entries(e.fields ?? {})) if (!(k in out)) out[k] = jsonValue(v);
  out.target = e.target;
  if (e.file) { out.filename = e.file; out.line_number = e.line; }
  // The JSON spans carry the field values without the text form's quotes.
  const spans = e.spans.map((sp) => Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, k === 'name' ? v : jsonValue(v)])));
  const last = spans[spans.length - 1];
  if (last) { out.span = last; out.spans = spans; }
  return out;
}

const tracingWrite = (rev: 0 | 1, t: number, e: TracingEvent): Write => (rev === 0 ? { stream: 'stdout', text: tracingText(t, e) } : { stream: 'stdout', json: tracingJson(t, e) });

const genParams = (rng: Prng, maxNew: number): string => `"GenerateParameters { best_of: None, temperature: Some(${rng.pick(['0.2', '0.7', '1.0'])}), repetition_penalty: None, frequency_penalty: None, top_k: None, top_p: Some(0.95), typical_p: None, do_sample: true, max_new_tokens: Some(${maxNew}), return_full_text: None, stop: [], truncate: None, watermark: false, details: true, decoder_input_details: false, seed: None, top_n_tokens: None, grammar: None, adapter_id: None }"`;

const chatSpans = (rng: Prng, maxNew: number, tail: string[]): Array<Record<string, string>> => [
  { name: 'chat_completions', parameters: genParams(rng, maxNew) }, ...tail.map((name) => ({ name })),
];

const oomText = (rng: Prng): string => {
  const want = rng.pick(['1.50', '2.00', '768.00', '3.25']);
  const unit = want === '768.00' ? 'MiB' : 'GiB';
  return `CUDA out of memory. Tried to allocate ${want} ${unit}. GPU 0 has a total capacity of 22.05 GiB of which ${rng.int(200, 990)}.${rng.int(10, 99)} MiB is free. Process ${rng.int(30, 90)} has 21.${rng.int(10, 90)} GiB memory in use. Of the allocated memory 19.${rng.int(10, 90)} GiB is allocated by PyTorch, and ${rng.int(1, 2)}.${rng.int(10, 90)} GiB is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)`;
};

const PY = '/usr/src/server/text_generation_server';
const shardTrace = (method: string, oom: string): string => [
  `Method ${method} encountered an error.`,
  'Traceback (most recent call last):',
  `  File "/opt/conda/lib/python3.11/site-packages/grpc_interceptor/server.py", line 165, in invoke`,
  '    return await self.intercept(',
  `  File "${PY}/interceptor.py", line 24, in intercept`,
  '    return await response',
  `  File "${PY}/server.py", line ${method === 'Prefill' ? 183 : 236}, in ${method}`,
  `    generations, next_batch, timings = self.model.generate_token(batch)`,
  `  File "${PY}/models/flash_causal_lm.py", line 1859, in generate_token`,
  '    out, speculative_logits = self.forward(batch, adapter_data)',
  `  File "${PY}/models/flash_causal_lm.py", line 1766, in forward`,
  '    logits, speculative_logits = self.model.forward(',
  `  File "${PY}/models/custom_modeling/flash_gemma2_modeling.py", line 496, in forward`,
  '    logits = self.lm_head(hidden_states)',
  `torch.OutOfMemoryError: ${oom}`,
].join('\n');

const tgiGenerationOom = fam(`${TGI}:generation-cuda-oom`, 'ERROR', [20, 45], ({ rng, t, rev }) => {
  const oom = oomText(rng);
  const method = rng.pick(['Prefill', 'Decode']);
  return [
    tracingWrite(rev, t, { level: 'ERROR', spans: [], target: 'text_generation_launcher', message: shardTrace(method, oom) }),
    tracingWrite(rev, t + 900, {
      level: 'ERROR', spans: chatSpans(rng, rng.pick([512, 1024, 2048]), ['async_stream', 'generate_stream', 'schedule', 'infer', 'send_error']),
      target: 'text_generation_router_v3::backend', file: 'backends/v3/src/backend.rs', line: 488, message: `Request failed during generation: Server error: ${oom}`,
    }),
  ];
});

const tgiValidation = fam(`${TGI}:validation-max-total-tokens`, 'ERROR', [120, 220], ({ rng, t, rev }) => {
  const input = rng.int(7300, 8150);
  const maxNew = rng.pick([1024, 2048, 4096]);
  return [tracingWrite(rev, t, {
    level: 'ERROR', spans: chatSpans(rng, maxNew, ['async_stream', 'generate_stream']),
    target: 'text_generation_router::infer', file: 'router/src/infer/mod.rs', line: 126,
    message: `\`inputs\` tokens + \`max_new_tokens\` must be <= 8192. Given: ${input} \`inputs\` tokens and ${maxNew} \`max_new_tokens\``,
  })];
});

const tgiReceiverDropped = fam(`${TGI}:receiver-dropped`, 'ERROR', [30, 70], ({ rng, t, rev }) => [tracingWrite(rev, t, {
  level: 'ERROR', spans: chatSpans(rng, rng.pick([256, 512, 1024]), ['async_stream', 'generate_stream']),
  target: 'text_generation_router::server', file: 'router/src/server.rs', line: 863, message: 'Failed to send event. Receiver dropped.',
})]);

// A new instance whose warmup asks more of the GPU than it has: the router's warmup error, Rust's
// `Error:` for main's result, the launcher's `Webserver Crashed` and its shutdown, then the platform.
const tgiWarmupOom = fam(`${TGI}:warmup-cuda-oom`, 'ERROR', [2, 5], ({ rng, t, rev }) => {
  const oom = oomText(rng);
  const shutdown = { family: `noise:${TGI}:shutdown`, level: 'INFO' as const };
  return [
    tracingWrite(rev, t, {
      level: 'ERROR', spans: [{ name: 'warmup', max_input_length: 'Some(8191)', max_prefill_tokens: '8192', max_total_tokens: 'Some(8192)', max_batch_size: 'None' }, { name: 'warmup' }],
      target: 'text_generation_router_v3::client', file: 'backends/v3/src/client/mod.rs', line: 45, message: `Server error: ${oom}`,
    }),
    { stream: 'stderr', text: `Error: Backend(Warmup(Generation("${oom}")))` },
    tracingWrite(rev, t + 40_000, { level: 'ERROR', spans: [], target: 'text_generation_launcher', message: 'Webserver Crashed' }),
    { ...tracingWrite(rev, t + 40_100, { level: 'INFO', spans: [], target: 'text_generation_launcher', message: 'Shutting down shards' }), as: shutdown },
    { ...tracingWrite(rev, t + 41_000, { level: 'INFO', spans: [{ name: 'shard-manager' }], target: 'text_generation_launcher', message: 'Terminating shard', fields: { rank: 0 } }), as: shutdown },
    { ...tracingWrite(rev, t + 900_000, { level: 'INFO', spans: [{ name: 'shard-manager' }], target: 'text_generation_launcher', message: 'shard terminated', fields: { rank: 0 } }), as: shutdown },
    { stream: 'stderr', text: 'Error: WebserverFailed' },
    exitLine(TGI, 1),
  ];
});

const tgiSuccess = fam(`noise:${TGI}:success`, 'INFO', [350, 600], ({ rng, t, rev }) => {
  const total = rng.float(0.4, 9, 3);
  return [tracingWrite(rev, t, {
    level: 'INFO', spans: [{ name: 'chat_completions', total_time: `"${total}s"`, validation_time: `"${rng.int(200, 900)}µs"`, queue_time: `"${rng.int(40, 400)}µs"`, inference_time: `"${(total - 0.001).toFixed(3)}s"`, time_per_token: `"${rng.fixed(14, 24, 2)}ms"`, seed: `"Some(${rng.int(1, 99999)})"` }],
    target: 'text_generation_router::server', file: 'router/src/server.rs', line: 637, message: 'Success',
  })];
});

const tgiStartup = fam(`noise:${TGI}:startup`, 'INFO', [8, 20], ({ rng, t, rev }) => [
  tracingWrite(rev, t, { level: 'INFO', spans: [], target: 'text_generation_launcher', message: byRev(rev, 'Args {', 'Args {') + ` model_id: "google/gemma-2-9b-it", revision: None, validation_workers: 2, sharded: None, num_shard: None, quantize: None, max_input_tokens: Some(8191), max_total_tokens: Some(8192), max_batch_prefill_tokens: Some(8192), port: 8080, hostname: "0.0.0.0", json_output: ${rev === 1} }` }),
  tracingWrite(rev, t + 30_000, { level: 'INFO', spans: [{ name: 'shard-manager' }], target: 'text_generation_launcher', message: `Shard ready in ${rng.fixed(20, 60, 9)}s`, fields: { rank: 0 } }),
  tracingWrite(rev, t + 40_000, { level: 'INFO', spans: [], target: 'text_generation_router_v3', file: 'backends/v3/src/lib.rs', line: 125, message: `Setting max batch total tokens to ${rng.int(18000, 26000)}` }),
  tracingWrite(rev, t + 42_000, { level: 'INFO', spans: [], target: 'text_generation_router::server', file: 'router/src/server.rs', line: 2100, message: 'Connected' }),
]);

export const llmTgi: ServiceDef = {
  name: TGI, stack: 'Text Generation Inference 2.3 then 2.4 (Rust router and launcher, Python shard), Gemma 2 9B on one L4', splitRate: 0.7,
  families: [tgiGenerationOom, tgiValidation, tgiReceiverDropped, tgiWarmupOom, tgiSuccess, tgiStartup],
};

// ---- ingest-vector -------------------------------------------------------------------------------
// Vector's own log: the same fmt layer with its component spans and `key=value` fields, then
// `VECTOR_LOG_FORMAT=json` after the rollout.
const VEC = 'ingest-vector';
const gcsSink = { name: 'sink', component_kind: '"sink"', component_id: 'gcs_archive', component_type: 'gcp_cloud_storage' };
const pubsubSink = { name: 'sink', component_kind: '"sink"', component_id: 'events_pubsub', component_type: 'gcp_pubsub' };
const remap = { name: 'transform', component_kind: '"transform"', component_id: 'parse_webhook', component_type: 'remap' };

const vecWrite = (rev: 0 | 1, t: number, e: TracingEvent): Write => (rev === 0 ? { stream: 'stderr', text: tracingText(t, e) } : { stream: 'stderr', json: tracingJson(t, e) });

// The bucket refuses the service account: the request is dropped, and the service and dropped-events
// records follow for the same request.
const vecGcsForbidden = fam(`${VEC}:gcs-403-dropped`, 'ERROR', [20, 45], ({ rng, t, rev }) => {
  const id = String(rng.int(100, 99999));
  const spans = [gcsSink, { name: 'request', request_id: id }];
  return [
    vecWrite(rev, t, { level: 'ERROR', spans, target: 'vector::sinks::util::retries', message: 'Not retriable; dropping the request.', fields: { reason: '"response status: 403 Forbidden"', internal_log_rate_limit: 'true' } }),
    vecWrite(rev, t + 60, { level: 'ERROR', spans, target: 'vector_common::internal_event::service', message: 'Service call failed. No retries or retries exhausted.', fields: { error: 'None', request_id: id, error_type: '"request_failed"', stage: '"sending"', internal_log_rate_limit: 'true' } }),
    vecWrite(rev, t + 90, { level: 'ERROR', spans, target: 'vector_common::internal_event::component_events_dropped', message: 'Events dropped', fields: { intentional: 'false', count: String(rng.int(20, 900)), reason: '"Service call failed. No retries or retries exhausted."', internal_log_rate_limit: 'true' } }),
  ];
});

const vecHealthcheck = fam(`${VEC}:gcs-healthcheck-failed`, 'ERROR', [3, 8], ({ t, rev }) => [
  vecWrite(rev, t, { level: 'ERROR', spans: [], target: 'vector::topology::builder', message: '', fields: { msg: '"Healthcheck failed."', error: '"Unexpected response status 403 Forbidden"', component_kind: '"sink"', component_type: '"gcp_cloud_storage"', component_id: 'gcs_archive' } }),
]);

const vecPubsubRetry = fam(`${VEC}:pubsub-retry`, 'WARNING', [60, 140], ({ rng, t, rev }) => [
  vecWrite(rev, t, { level: 'WARN', spans: [pubsubSink, { name: 'request', request_id: String(rng.int(100, 99999)) }], target: 'vector::sinks::util::retries', message: 'Retrying after error.', fields: { error: rng.pick(['"Request failed: connection error: Connection reset by peer (os error 104)"', '"Server responded with an error: 503 Service Unavailable"']), internal_log_rate_limit: 'true' } }),
]);

const vecRemapFailed = fam(`${VEC}:remap-parse-json`, 'WARNING', [120, 260], ({ rng, t, rev }) => [
  vecWrite(rev, t, { level: 'WARN', spans: [remap], target: 'vector::internal_events::remap', message: 'Mapping failed with event.', fields: { error: `"function call error for \\"parse_json\\" at (${rng.int(3, 14)}:${rng.int(20, 60)}): unable to parse json: expected value at line 1 column ${rng.int(1, 3)}"`, error_type: '"conversion_failed"', stage: '"processing"', internal_log_rate_limit: 'true' } }),
]);

const vecSuppressed = fam(`noise:${VEC}:rate-limit`, 'INFO', [150, 260], ({ rng, t, rev }) => [rng.chance(0.5)
  ? vecWrite(rev, t, { level: 'INFO', spans: [remap], target: 'vector::internal_events::remap', message: 'Internal log [Mapping failed with event.] is being suppressed to avoid flooding.' })
  : vecWrite(rev, t, { level: 'INFO', spans: [remap], target: 'vector::internal_events::remap', message: `Internal log [Mapping failed with event.] has been suppressed ${rng.int(1, 400)} times.` })]);

const vecStartup = fam(`noise:${VEC}:startup`, 'INFO', [8, 20], ({ rng, t, rev }) => [
  vecWrite(rev, t, { level: 'INFO', spans: [], target: 'vector::app', message: 'Log level is enabled.', fields: { level: '"info"' } }),
  vecWrite(rev, t + 300, { level: 'INFO', spans: [], target: 'vector::app', message: 'Loading configs.', fields: { paths: '["/etc/vector/vector.yaml"]' } }),
  vecWrite(rev, t + 9000, { level: 'INFO', spans: [{ name: 'source', component_kind: '"source"', component_id: 'webhooks', component_type: 'http_server' }], target: 'vector::sources::util::http::prelude', message: 'Building HTTP server.', fields: { address: '0.0.0.0:8080' } }),
  vecWrite(rev, t + 9500, { level: 'INFO', spans: [], target: 'vector', message: 'Vector has started.', fields: { debug: '"false"', version: `"${byRev(rev, '0.42.0', '0.43.1')}"`, arch: '"x86_64"', revision: `"${rng.hex(7)} ${byRev(rev, '2024-10-21', '2024-12-09')} 14:44:32.164929405"` } }),
]);

export const ingestVector: ServiceDef = {
  name: VEC, stack: 'Vector 0.42 then 0.43 (Rust): an http_server source, a remap transform, gcp_cloud_storage and gcp_pubsub sinks', splitRate: 0.7,
  families: [vecGcsForbidden, vecHealthcheck, vecPubsubRetry, vecRemapFailed, vecSuppressed, vecStartup],
};
