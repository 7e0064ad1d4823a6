// The Python services: a BentoML model server, a Google ADK agent, a Pub/Sub streaming-pull worker with
// gRPC's own C-core lines, and a Gradio demo.
import type { Prng } from '../prng.js';
import type { Ctx, ServiceDef } from '../stranger/model.js';
import { abslEarly, asctime, bentoTime, gprTime } from './clock.js';
import { exitLine, fam, pyTraceback, spanId, traceId, type PyFrame } from './shared.js';

const SITE = (py: string): string => `/usr/local/lib/python${py}/site-packages`;

// ---- ml-bentoml: BentoML 1.2 (`[api_server:N]`) then 1.3 (`[entry_service:Summarizer:N]`), stdout.

const bentoWho = (rng: Prng, rev: 0 | 1): string => (rev ? `entry_service:Summarizer:${rng.int(1, 2)}` : `api_server:${rng.int(2, 9)}`);
const bentoCtx = (rng: Prng, rev: 0 | 1): string => `(trace=${traceId(rng)},span=${spanId(rng)},sampled=0,service.name=${rev ? 'Summarizer' : 'summarizer'})`;
const bentoHead = (c: Ctx, level: string, msg: string): string => `${bentoTime(c.t)} [${level}] [${bentoWho(c.rng, c.rev)}] ${msg}`;
const bentoAccess = (c: Ctx, path: string, status: number): string => bentoHead(c, 'INFO', `169.254.1.1:${c.rng.int(30000, 60000)} (scheme=http,method=POST,path=${path},type=application/json,length=${c.rng.int(80, 4000)}) (status=${status},type=application/json,length=${c.rng.int(20, 900)}) ${c.rng.fixed(20, 9000, 3)}ms ${bentoCtx(c.rng, c.rev)}`);
const bentoApiFrames = (rev: 0 | 1): PyFrame[] => rev
  ? [[`${SITE('3.11')}/_bentoml_impl/server/app.py`, 563, 'api_endpoint_wrapped', 'resp = await self.api_endpoint(name, request)'],
     [`${SITE('3.11')}/_bentoml_impl/server/app.py`, 671, 'api_endpoint', 'output = await self._to_thread(func, *input_args, **input_params)']]
  : [[`${SITE('3.11')}/bentoml/_internal/server/http_app.py`, 341, 'api_func', 'output = await api.func(*args)']];

const bentoOk = fam('noise:ml-bentoml:access', 'INFO', [400, 700], (c) => [{ stream: 'stdout', text: bentoAccess(c, c.rng.pick(['/summarize', '/classify']), 200) }]);

const summarizeOom = fam('ml-bentoml:summarize-cuda-oom', 'ERROR', [8, 20], (c) => {
  const { rng, rev } = c;
  const gib = rng.fixed(0.5, 4, 2);
  return [
    { stream: 'stdout', text: `${bentoHead(c, 'ERROR', `Exception on /summarize [POST] ${bentoCtx(rng, rev)}`)}\n${pyTraceback([
      ...bentoApiFrames(rev),
      ['/home/bentoml/bento/src/service.py', 48, 'summarize', 'ids = self.model.generate(**inputs, max_new_tokens=max_tokens)'],
      [`${SITE('3.11')}/torch/utils/_contextlib.py`, 116, 'decorate_context', 'return func(*args, **kwargs)'],
      [`${SITE('3.11')}/transformers/generation/utils.py`, 2215, 'generate', 'result = self._sample('],
    ], `torch.OutOfMemoryError: CUDA out of memory. Tried to allocate ${gib} GiB. GPU 0 has a total capacity of 22.05 GiB of which ${rng.fixed(0.1, 1.5, 2)} GiB is free. Process ${rng.int(30, 90)} has ${rng.fixed(20, 21.9, 2)} GiB memory in use. Of the allocated memory ${rng.fixed(18, 20, 2)} GiB is allocated by PyTorch, and ${rng.fixed(100, 900, 2)} MiB is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)`, rev === 1)}` },
    { stream: 'stdout', text: bentoAccess(c, '/summarize', 500), as: { family: 'noise:ml-bentoml:access', level: 'INFO' } },
  ];
});

const classifyKey = fam('ml-bentoml:classify-missing-text', 'ERROR', [15, 40], (c) => [
  { stream: 'stdout', text: `${bentoHead(c, 'ERROR', `Exception on /classify [POST] ${bentoCtx(c.rng, c.rev)}`)}\n${pyTraceback([
    ...bentoApiFrames(c.rev),
    ['/home/bentoml/bento/src/service.py', 71, 'classify', 'texts = [doc["text"] for doc in docs]'],
    ['/home/bentoml/bento/src/service.py', 71, '<listcomp>', 'texts = [doc["text"] for doc in docs]'],
  ], "KeyError: 'text'", c.rev === 1)}` },
  { stream: 'stdout', text: bentoAccess(c, '/classify', 500), as: { family: 'noise:ml-bentoml:access', level: 'INFO' } },
]);

// The model is fetched from Cloud Storage at start: the service account lacks the role, the process ends.
const modelForbidden = fam('ml-bentoml:model-download-forbidden', 'ERROR', [2, 5], ({ rng }) => [
  { stream: 'stderr', text: pyTraceback([
    [`${SITE('3.11')}/bentoml/_internal/server/base_app.py`, 74, 'lifespan', 'await on_startup()'],
    ['/home/bentoml/bento/src/service.py', 29, '__init__', 'blob.download_to_filename(local_path)'],
    [`${SITE('3.11')}/google/cloud/storage/blob.py`, 1315, 'download_to_filename', 'self._handle_filename_and_download('],
    [`${SITE('3.11')}/google/cloud/storage/blob.py`, 4469, '_prep_and_do_download', '_raise_from_invalid_response(exc)'],
    [`${SITE('3.11')}/google/cloud/storage/blob.py`, 4943, '_raise_from_invalid_response', 'raise exceptions.from_http_status(response.status_code, message, response=response)'],
  ], `google.api_core.exceptions.Forbidden: 403 GET https://storage.googleapis.com/download/storage/v1/b/heron-models/o/summarizer%2Fv${rng.int(3, 9)}%2Fmodel.safetensors?alt=media: ml-bentoml@heron-quay-5120.iam.gserviceaccount.com does not have storage.objects.get access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on resource (or it may not exist).: ('Request failed with status code', 403, 'Expected one of', <HTTPStatus.OK: 200>, <HTTPStatus.PARTIAL_CONTENT: 206>)`) },
  exitLine('ml-bentoml', 1),
]);

export const mlBentoml: ServiceDef = {
  name: 'ml-bentoml', stack: 'Python 3.11, BentoML 1.2 then 1.3, transformers 4.46, PyTorch 2.5, google-cloud-storage 2.18, one L4 GPU', splitRate: 0.7,
  families: [bentoOk, summarizeOom, classifyKey, modelForbidden],
};

// ---- agent-adk: Google ADK 1.x (`adk api_server`'s FastAPI under uvicorn), google-genai; ADK's
// basicConfig format on the morning revision, OpenTelemetry's logging instrumentation format after.

const adkLine = (c: Ctx, level: string, logger: string, file: string, line: number, msg: string): string => (c.rev
  ? `${asctime(c.t)} ${level} [${logger}] [${file}:${line}] [trace_id=${traceId(c.rng)} span_id=${spanId(c.rng)} resource.service.name=agent-adk trace_sampled=True] - ${msg}`
  : `${asctime(c.t)} - ${level} - ${file}:${line} - ${msg}`);
const P12 = SITE('3.12');
const adkFrames: PyFrame[] = [
  [`${P12}/google/adk/cli/fast_api.py`, 846, 'event_generator', 'async for event in runner.run_async('],
  [`${P12}/google/adk/runners.py`, 197, 'run_async', 'async for event in agen:'],
  [`${P12}/google/adk/agents/base_agent.py`, 147, 'run_async', 'async for event in self._run_async_impl(ctx):'],
  [`${P12}/google/adk/flows/llm_flows/base_llm_flow.py`, 283, 'run_async', 'async for event in self._run_one_step_async(invocation_context):'],
  [`${P12}/google/adk/models/google_llm.py`, 143, 'generate_content_async', 'response = await self.api_client.aio.models.generate_content('],
  [`${P12}/google/genai/models.py`, 7019, 'generate_content', 'response = await self._generate_content('],
  [`${P12}/google/genai/_api_client.py`, 1046, '_async_request', 'await errors.APIError.raise_for_async_response(response)'],
];

const uvicornOk = fam('noise:agent-adk:uvicorn-access', 'INFO', [300, 500], ({ rng }) => [{ stream: 'stdout', text: `INFO:     169.254.1.1:${rng.int(30000, 60000)} - "POST ${rng.pick(['/run_sse', '/run', '/apps/support/users/u/sessions'])} HTTP/1.1" 200 OK` }]);
const toolChatter = fam('noise:agent-adk:tool-calls', 'INFO', [150, 300], (c) => [{ stream: 'stderr', text: adkLine(c, 'INFO', 'support_agent.tools', 'tools.py', 38, `lookup_orders returned ${c.rng.int(0, 12)} rows (errors=0)`) }]);

const gemini429 = fam('agent-adk:gemini-resource-exhausted', 'ERROR', [20, 50], (c) => [{
  stream: 'stderr', text: `${adkLine(c, 'ERROR', 'google_adk.google.adk.cli.fast_api', 'fast_api.py', 858, "Error in event_generator: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': 'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.', 'status': 'RESOURCE_EXHAUSTED'}}")}\n${pyTraceback(adkFrames, "google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': 'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.', 'status': 'RESOURCE_EXHAUSTED'}}", true)}`,
}], 0.3);

const gemini503 = fam('agent-adk:gemini-overloaded', 'ERROR', [8, 20], (c) => [{
  stream: 'stderr', text: `${adkLine(c, 'ERROR', 'google_adk.google.adk.cli.fast_api', 'fast_api.py', 858, "Error in event_generator: 503 UNAVAILABLE. {'error': {'code': 503, 'message': 'The model is overloaded. Please try again later.', 'status': 'UNAVAILABLE'}}")}\n${pyTraceback(adkFrames, "google.genai.errors.ServerError: 503 UNAVAILABLE. {'error': {'code': 503, 'message': 'The model is overloaded. Please try again later.', 'status': 'UNAVAILABLE'}}", true)}`,
}]);

const toolNotFound = fam('agent-adk:tool-table-not-found', 'ERROR', [6, 16], (c) => [{
  stream: 'stderr', text: adkLine(c, 'ERROR', 'support_agent.tools', 'tools.py', 52, `lookup_orders failed for customer ${c.rng.int(10000, 99999)}: 404 Not found: Table heron-quay-5120:sales.orders_${c.rng.pick(['2026', 'eu', 'v2'])} was not found in location EU; reason: notFound, message: Not found: Table heron-quay-5120:sales.orders was not found in location EU`),
}]);

const sessionDb = fam('agent-adk:session-db-connection-slots', 'ERROR', [4, 12], ({ rng }) => [{
  stream: 'stdout', text: `ERROR:    Exception in ASGI application\n${pyTraceback([
    [`${P12}/uvicorn/protocols/http/httptools_impl.py`, 409, 'run_asgi', 'result = await app(  # type: ignore[func-returns-value]'],
    [`${P12}/fastapi/routing.py`, 212, 'run_endpoint_function', 'return await dependant.call(**values)'],
    [`${P12}/google/adk/cli/fast_api.py`, 519, 'create_session', 'session = await session_service.create_session('],
    [`${P12}/google/adk/sessions/database_session_service.py`, 356, 'create_session', 'with self.database_session_factory() as sql_session:'],
    [`${P12}/sqlalchemy/engine/base.py`, 145, '__init__', 'self._dbapi_connection = engine.raw_connection()'],
    [`${P12}/psycopg2/__init__.py`, 122, 'connect', 'conn = _connect(dsn, connection_factory=connection_factory, **kwasync)'],
  ], `sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server on socket "/cloudsql/heron-quay-5120:europe-west1:agents/.s.PGSQL.5432" failed: FATAL:  remaining connection slots are reserved for non-replication superuser connections\n\n(Background on this error at: https://sqlalche.me/e/20/e3q8)`, true)}`,
}], 0.25);

const nonText = fam('agent-adk:genai-non-text-parts', 'WARNING', [80, 160], (c) => [{
  stream: 'stderr', text: adkLine(c, 'WARNING', 'google_genai.types', 'types.py', 5093, "Warning: there are non-text parts in the response: ['function_call'], returning concatenated text result from text parts. Check the full candidates.content.parts accessor to get the full model response."),
}]);

export const agentAdk: ServiceDef = {
  name: 'agent-adk', stack: 'Python 3.12, Google ADK 1.x (api_server: FastAPI, uvicorn), google-genai on Vertex AI, DatabaseSessionService on Cloud SQL for PostgreSQL, BigQuery tools', splitRate: 0.7,
  families: [uvicornOk, toolChatter, gemini429, gemini503, toolNotFound, sessionDb, nonText],
};

// ---- events-pubsub: a worker pulling from Pub/Sub (instance-based billing), logging.basicConfig with
// `%(asctime)s %(levelname)s %(name)s: %(message)s`; grpcio 1.62 then 1.68 (its C core's own lines:
// gpr_log's `E1208 10:00:00.123456789 pid file:line]`, then absl's `E0000 00:00:epoch pid file:line]`).

const pyLog = (t: number, level: string, logger: string, msg: string): string => `${asctime(t)} ${level} ${logger}: ${msg}`;
const SPM = 'google.cloud.pubsub_v1.subscriber._protocol.streaming_pull_manager';
const callbackFrames: PyFrame[] = [
  [`${P12}/google/cloud/pubsub_v1/subscriber/_protocol/streaming_pull_manager.py`, 126, '_wrap_callback_errors', 'callback(message)'],
  ['/app/worker/handlers.py', 44, 'handle', 'event = parse_event(message.data)'],
];

const processed = fam('noise:events-pubsub:processed', 'INFO', [400, 700], ({ rng, t }) => [{ stream: 'stdout', text: pyLog(t, 'INFO', 'worker.handlers', `processed message ${rng.int(10 ** 15, 10 ** 16)} in ${rng.int(3, 400)}ms (retries=0, errors=0)`) }]);

const badJson = fam('events-pubsub:callback-invalid-json', 'ERROR', [15, 40], ({ t }) => [{
  stream: 'stderr', text: `${pyLog(t, 'ERROR', SPM, 'Top-level exception occurred in callback while processing a message')}\n${pyTraceback([
    ...callbackFrames,
    ['/app/worker/events.py', 19, 'parse_event', 'payload = json.loads(data)'],
    ['/usr/local/lib/python3.12/json/__init__.py', 346, 'loads', 'return _default_decoder.decode(s)'],
    ['/usr/local/lib/python3.12/json/decoder.py', 355, 'raw_decode', 'raise JSONDecodeError("Expecting value", s, err.value) from None'],
  ], 'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)')}`,
}]);

const contention = fam('events-pubsub:callback-firestore-contention', 'ERROR', [10, 25], ({ t }) => [{
  stream: 'stderr', text: `${pyLog(t, 'ERROR', SPM, 'Top-level exception occurred in callback while processing a message')}\n${pyTraceback([
    callbackFrames[0] as PyFrame,
    ['/app/worker/handlers.py', 52, 'handle', 'update_counters(transaction, event)'],
    [`${P12}/google/cloud/firestore_v1/transaction.py`, 304, '__call__', 'transaction._commit()'],
    [`${P12}/google/api_core/grpc_helpers.py`, 78, 'error_remapped_callable', 'raise exceptions.from_grpc_error(exc) from exc'],
  ], 'google.api_core.exceptions.Aborted: 409 Too much contention on these documents. Please try again.')}`,
}], 0.3);

const forkSkip = fam('events-pubsub:grpc-fork-handlers-skipped', 'ERROR', [30, 70], ({ rng, t, rev }) => [{
  stream: 'stderr', text: rev
    ? `E${abslEarly(t)} ${String(rng.int(7, 90)).padStart(7)} fork_posix.cc:71] Other threads are currently calling into gRPC, skipping fork() handlers`
    : `E${gprTime(t)} ${String(rng.int(7, 90)).padStart(7)} fork_posix.cc:77] Other threads are currently calling into gRPC, skipping fork() handlers`,
}]);

const shutdownTimeout = fam('events-pubsub:grpc-shutdown-timed-out', 'ERROR', [6, 16], ({ rng, t, rev }) => [{
  stream: 'stderr', text: rev
    ? `WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\nE${abslEarly(t)} ${String(rng.int(7, 90)).padStart(7)} init.cc:232] grpc_wait_for_shutdown_with_timeout() timed out.`
    : `E${gprTime(t)} ${String(rng.int(7, 90)).padStart(7)} init.cc:229] grpc_wait_for_shutdown_with_timeout() timed out.`,
}]);

const deadLetter = fam('events-pubsub:redelivered-parked', 'WARNING', [60, 150], ({ rng, t }) => [{
  stream: 'stdout', text: pyLog(t, 'WARNING', 'worker.handlers', `message ${rng.int(10 ** 15, 10 ** 16)} redelivered (delivery_attempt=${rng.int(5, 9)}), nacking for the dead-letter topic`),
}]);

export const eventsPubsub: ServiceDef = {
  name: 'events-pubsub', stack: 'Python 3.12, google-cloud-pubsub 2.27 streaming pull, grpcio 1.62 then 1.68, google-cloud-firestore 2.19', splitRate: 0.7,
  families: [processed, badJson, contention, forkSkip, shutdownTimeout, deadLetter],
};

// ---- ui-gradio: Gradio 4.44 on Python 3.11 then Gradio 5.9 on 3.12 (tracebacks printed bare to stderr,
// the 3.12 ones with carets), huggingface_hub's Inference API client, Pillow.

const gradioFrames = (rev: 0 | 1): PyFrame[] => {
  const s = SITE(rev ? '3.12' : '3.11');
  return rev
    ? [[`${s}/gradio/queueing.py`, 625, 'process_events', 'response = await route_utils.call_process_api('],
       [`${s}/gradio/route_utils.py`, 322, 'call_process_api', 'output = await app.get_blocks().process_api('],
       [`${s}/gradio/blocks.py`, 2042, 'process_api', 'result = await self.call_function('],
       [`${s}/gradio/blocks.py`, 1589, 'call_function', 'prediction = await anyio.to_thread.run_sync(  # type: ignore']]
    : [[`${s}/gradio/queueing.py`, 536, 'process_events', 'response = await route_utils.call_process_api('],
       [`${s}/gradio/route_utils.py`, 276, 'call_process_api', 'output = await app.get_blocks().process_api('],
       [`${s}/gradio/blocks.py`, 1928, 'process_api', 'result = await self.call_function('],
       [`${s}/gradio/blocks.py`, 1514, 'call_function', 'prediction = await anyio.to_thread.run_sync(  # type: ignore']];
};

const captioned = fam('noise:ui-gradio:captioned', 'INFO', [150, 300], ({ rng }) => [{ stream: 'stdout', text: `caption ok in ${rng.fixed(0.2, 6, 2)}s (${rng.int(8, 60)} tokens)` }]);

const hf429 = fam('ui-gradio:hf-inference-rate-limited', 'ERROR', [15, 35], ({ rng, rev }) => [{
  stream: 'stderr', text: pyTraceback([
    ...gradioFrames(rev),
    ['/app/app.py', 41, 'caption', 'text = client.image_to_text(image, model=MODEL)'],
    [`${SITE(rev ? '3.12' : '3.11')}/huggingface_hub/utils/_http.py`, rev ? 477 : 371, 'hf_raise_for_status', 'raise _format(HfHubHTTPError, str(e), response) from e'],
  ], `${rev ? 'huggingface_hub.errors' : 'huggingface_hub.utils._errors'}.HfHubHTTPError: 429 Client Error: Too Many Requests for url: https://api-inference.huggingface.co/models/Salesforce/blip-image-captioning-large (Request ID: ${rng.alnum(21)})`, rev === 1),
}]);

const heic = fam('ui-gradio:upload-unidentified-image', 'ERROR', [10, 25], ({ rng, rev }) => [{
  stream: 'stderr', text: pyTraceback([
    ...gradioFrames(rev),
    ['/app/app.py', 33, 'caption', 'image = Image.open(path).convert("RGB")'],
    [`${SITE(rev ? '3.12' : '3.11')}/PIL/Image.py`, 3498, 'open', 'raise UnidentifiedImageError(msg)'],
  ], `PIL.UnidentifiedImageError: cannot identify image file '/tmp/gradio/${rng.hex(40)}/${rng.pick(['IMG_2231.HEIC', 'scan.tiff', 'photo.avif'])}'`, rev === 1),
}]);

// Without session affinity a queued event's second request lands on another instance.
const eventNotFound = fam('ui-gradio:queue-event-not-found', 'ERROR', [10, 30], ({ rng, rev }) => [{
  stream: 'stderr', text: `ERROR:    Exception in ASGI application\n${pyTraceback([
    [`${SITE(rev ? '3.12' : '3.11')}/uvicorn/protocols/http/h11_impl.py`, 406, 'run_asgi', 'result = await app(  # type: ignore[func-returns-value]'],
    [`${SITE(rev ? '3.12' : '3.11')}/starlette/routing.py`, 73, 'app', 'response = await f(request)'],
    [`${SITE(rev ? '3.12' : '3.11')}/gradio/routes.py`, rev ? 1031 : 838, 'queue_data', 'blocks._queue.attach_data(body)'],
    [`${SITE(rev ? '3.12' : '3.11')}/gradio/queueing.py`, rev ? 232 : 196, 'attach_data', 'raise ValueError("Event not found", event_id)'],
  ], `ValueError: ('Event not found', '${rng.hex(32)}')`, rev === 1)}`,
}], 0.3);

const chatbotType = fam('ui-gradio:chatbot-type-deprecated', 'WARNING', [15, 40], ({ rev }) => [{
  stream: 'stderr', text: `${SITE(rev ? '3.12' : '3.11')}/gradio/components/chatbot.py:${rev ? 242 : 222}: UserWarning: You have not specified a value for the \`type\` parameter. Defaulting to the 'tuples' format for chatbot messages, but this is deprecated and will be removed in a future version of Gradio. Please set type='messages' instead, which uses openai-style dictionaries with 'role' and 'content' keys.\n  warnings.warn(`,
}]);

const started = fam('noise:ui-gradio:started', 'INFO', [15, 40], () => [{ stream: 'stdout', text: '* Running on local URL:  http://0.0.0.0:8080\n\nTo create a public link, set `share=True` in `launch()`.' }]);

export const uiGradio: ServiceDef = {
  name: 'ui-gradio', stack: 'Gradio 4.44 on Python 3.11, then Gradio 5.9 on Python 3.12; huggingface_hub InferenceClient, Pillow 11', splitRate: 0.7,
  families: [captioned, hf429, heic, eventNotFound, chatbotType, started],
};

