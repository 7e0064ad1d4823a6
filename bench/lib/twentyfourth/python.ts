// The Python services of the twenty-fourth day: a Plotly Dash app on gunicorn, a Pub/Sub push relay on
// Flask whose logging was never configured, a LangChain chat API on FastAPI with Vertex AI, and a
// TensorFlow scoring job. Formats follow each library's source and the reports cited in README.md.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { abslTime, asctime, clfTime, epochMicros, gunicornTime, tfTime } from './clock.js';
import { exitLine, fam, pyTraceback, slug, type PyFrame } from './shared.js';

const SITE = (v: string): string => `/usr/local/lib/python${v}/site-packages`;
const S12 = SITE('3.12');
const FLASK: PyFrame[] = [
  [`${S12}/flask/app.py`, 1473, 'wsgi_app', 'response = self.full_dispatch_request()'],
  [`${S12}/flask/app.py`, 882, 'full_dispatch_request', 'rv = self.handle_user_exception(e)'],
  [`${S12}/flask/app.py`, 880, 'full_dispatch_request', 'rv = self.dispatch_request()'],
  [`${S12}/flask/app.py`, 865, 'dispatch_request', 'return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)  # type: ignore[no-any-return]'],
];

/** gunicorn's error log line: `[time] [pid] [LEVEL] msg`. */
const gunicorn = (t: number, pid: number, level: string, msg: string): Write => ({ stream: 'stderr', text: `${gunicornTime(t)} [${pid}] [${level}] ${msg}` });

// ---------------------------------------------------------------------------------------------------
// dash-gunicorn: Plotly Dash 2.18 (Flask 3) on gunicorn 23 (gthread, `--access-logfile -`), pandas 2.2,
// google-cloud-bigquery 3.27 without the Storage API. Morning: a callback's exception reaches Flask,
// whose default handler prints `[asctime] ERROR in app: Exception on /_dash-update-component [POST]`
// with the traceback, and gunicorn's access line says 500. After the rollout the app passes
// `on_error` to Dash (2.16+), which logs the exception through `logging.basicConfig`'s format and
// lets the callback answer 204.
const DASH = 'dash-gunicorn';
const DASH_HOST = 'dash-4kq8wz1vhe-ew.a.run.app';
const DASH_FRAMES: PyFrame[] = [
  [`${S12}/dash/dash.py`, 1376, 'dispatch', 'ctx.run('],
  [`${S12}/dash/_callback.py`, 507, 'add_context', 'raise err'],
  [`${S12}/dash/_callback.py`, 496, 'add_context', 'output_value = _invoke_callback(func, *func_args, **func_kwargs)'],
  [`${S12}/dash/_callback.py`, 43, '_invoke_callback', 'return func(*args, **kwargs)  # %% callback invoked %%'],
];

const access = (rng: Prng, t: number, method: string, path: string, status: number, referer: string): Write => ({
  stream: 'stdout',
  text: `169.254.169.126 - - ${clfTime(t)} "${method} ${path} HTTP/1.1" ${status} ${status === 500 ? 265 : rng.int(90, 40000)} "${referer}" "${rng.pick(['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15'])}"`,
});

/** A callback's failure: Flask's report and the 500 access line (morning), or the app's `on_error` record. */
function callbackFailure(rng: Prng, t: number, rev: 0 | 1, callback: string, tb: string): Write[] {
  if (rev === 0) {
    return [
      { stream: 'stderr', text: `[${asctime(t)}] ERROR in app: Exception on /_dash-update-component [POST]\n${tb}` },
      access(rng, t + 40_000, 'POST', '/_dash-update-component', 500, `https://${DASH_HOST}/${callback === 'update_revenue' ? 'revenue' : 'map'}`),
    ];
  }
  return [{ stream: 'stderr', text: `${asctime(t)} ERROR dashboard.errors callback ${callback} failed\n${tb}` }];
}

const revenueTableMissing = fam(`${DASH}:revenue-table-not-found`, 'ERROR', [25, 60], ({ rng, t, rev }) => {
  const job = `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
  const table = 'heron-quarry-2291:sales.daily_revenue_v2';
  const tb = pyTraceback([
    ...(rev === 0 ? [...FLASK, ...DASH_FRAMES] : DASH_FRAMES.slice(2)),
    ['/app/pages/revenue.py', 58, 'update_revenue', 'df = client.query(sql, job_config=cfg).to_dataframe()'],
    [`${S12}/google/cloud/bigquery/job/query.py`, 2050, 'to_dataframe', 'query_result = wait_for_query(self, progress_bar_type, max_results=max_results)'],
    [`${S12}/google/cloud/bigquery/_tqdm_helpers.py`, 107, 'wait_for_query', 'return query_job.result(max_results=max_results)'],
    [`${S12}/google/cloud/bigquery/job/query.py`, 1676, 'result', 'while not is_job_done():'],
    [`${S12}/google/api_core/retry/retry_unary.py`, 293, 'retry_wrapped_func', 'return retry_target('],
    [`${S12}/google/api_core/retry/retry_unary.py`, 153, 'retry_target', '_retry_error_helper('],
    [`${S12}/google/api_core/retry/retry_base.py`, 212, '_retry_error_helper', 'raise final_exc from source_exc'],
    [`${S12}/google/cloud/bigquery/job/query.py`, 1625, 'is_job_done', 'raise job_failed_exception'],
  ], `google.api_core.exceptions.NotFound: 404 Not found: Table ${table} was not found in location EU; reason: notFound, message: Not found: Table ${table} was not found in location EU\n\nLocation: EU\nJob ID: ${job}\n`);
  return callbackFailure(rng, t, rev, 'update_revenue', tb);
});

const mapRegionKey = fam(`${DASH}:map-region-column-missing`, 'ERROR', [15, 45], ({ rng, t, rev }) => {
  const inner = pyTraceback([
    [`${S12}/pandas/core/indexes/base.py`, 3805, 'get_loc', 'return self._engine.get_loc(casted_key)'],
    ['index.pyx', 167, 'pandas._libs.index.IndexEngine.get_loc', ''],
    ['index.pyx', 196, 'pandas._libs.index.IndexEngine.get_loc', ''],
    ['pandas/_libs/hashtable_class_helper.pxi', 7081, 'pandas._libs.hashtable.PyObjectHashTable.get_item', ''],
    ['pandas/_libs/hashtable_class_helper.pxi', 7089, 'pandas._libs.hashtable.PyObjectHashTable.get_item', ''],
  ], "KeyError: 'region'").replace(/\n {4}\n/g, '\n');
  const outer = pyTraceback([
    ...(rev === 0 ? [...FLASK, ...DASH_FRAMES] : DASH_FRAMES.slice(2)),
    ['/app/pages/map.py', 41, 'update_map', 'fig = px.choropleth(df, locations=df["region"], color="revenue", scope="europe")'],
    [`${S12}/pandas/core/frame.py`, 4102, '__getitem__', 'indexer = self.columns.get_loc(key)'],
    [`${S12}/pandas/core/indexes/base.py`, 3812, 'get_loc', 'raise KeyError(key) from err'],
  ], "KeyError: 'region'");
  return callbackFailure(rng, t, rev, 'update_map', `${inner}\n\nThe above exception was the direct cause of the following exception:\n\n${outer}`);
});

const workerTimeout = fam(`${DASH}:gunicorn-worker-timeout`, 'CRITICAL', [6, 15], ({ rng, t }) => {
  const pid = rng.int(7, 400);
  return [
    gunicorn(t, 1, 'CRITICAL', `WORKER TIMEOUT (pid:${pid})`),
    { ...gunicorn(t + 1_100_000, 1, 'ERROR', `Worker (pid:${pid}) exited with code 1`), as: { family: `${DASH}:gunicorn-worker-exited`, level: 'ERROR' } },
    { ...gunicorn(t + 1_200_000, pid + rng.int(1, 40), 'INFO', `Booting worker with pid: ${pid + rng.int(1, 40)}`), as: { family: `noise:${DASH}:boot`, level: 'INFO' } },
  ];
});

const storageWarning = fam(`${DASH}:bqstorage-missing-warning`, 'WARNING', [20, 50], () => [
  { stream: 'stderr', text: `${S12}/google/cloud/bigquery/_pandas_helpers.py:1008: UserWarning: BigQuery Storage module not found, fetch data with the REST endpoint instead.\n  warnings.warn(` },
]);

const dashAccess = fam(`noise:${DASH}:access`, 'INFO', [200, 450], ({ rng, t }) => [rng.chance(0.8)
  ? access(rng, t, 'POST', '/_dash-update-component', 200, `https://${DASH_HOST}/${rng.pick(['revenue', 'map', 'cohorts'])}`)
  : access(rng, t, 'GET', rng.pick(['/_dash-layout', '/_dash-dependencies', '/revenue']), 200, '-')]);

const dashBoot = fam(`noise:${DASH}:boot`, 'INFO', [6, 18], ({ rng, t }) => [
  gunicorn(t, 1, 'INFO', 'Starting gunicorn 23.0.0'),
  gunicorn(t + 2000, 1, 'INFO', 'Listening at: http://0.0.0.0:8080 (1)'),
  gunicorn(t + 3000, 1, 'INFO', 'Using worker: gthread'),
  gunicorn(t + 9000, rng.int(7, 9), 'INFO', `Booting worker with pid: ${rng.int(7, 9)}`),
]);

export const dashGunicorn: ServiceDef = {
  name: DASH, stack: 'Python 3.12, Plotly Dash 2.18 (Flask 3), gunicorn 23 gthread, pandas 2.2, google-cloud-bigquery 3.27', splitRate: 0.65,
  families: [revenueTableMissing, mapRegionKey, workerTimeout, storageWarning, dashAccess, dashBoot],
};

// ---------------------------------------------------------------------------------------------------
// relay-pubsub: a Pub/Sub push endpoint on Flask 3 under gunicorn 23 (sync workers, no access log),
// google-cloud-firestore 2.19, requests 2.32 to each tenant's webhook. Its logging was never
// configured in the morning: the root logger has no handler, so `logging`'s last resort prints WARNING
// and above as the bare message (and the traceback for `logger.exception`), while Flask's own logger
// keeps its default handler (`[asctime] ERROR in app: ...`); `print` writes the chatter. From the
// rollout `logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")` gives every
// record a time and level, Flask's included (its default handler steps aside).
const RELAY = 'relay-pubsub';

/** A record through the last resort (morning) or basicConfig's format (after). */
const pyLog = (t: number, rev: 0 | 1, level: string, logger: string, text: string): Write => ({ stream: 'stderr', text: rev === 0 ? text : `${asctime(t)} ${level} ${logger}: ${text}` });

const partnerBadGateway = fam(`${RELAY}:webhook-bad-gateway`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const tenant = `t_${slug(rng, 6)}`;
  const url = `https://hooks.partner-relay.example/v1/tenants/${tenant}/events`;
  const tb = pyTraceback([
    ['/app/main.py', 61, 'push', 'deliver(tenant, payload)'],
    ['/app/relay/deliver.py', 34, 'deliver', 'resp.raise_for_status()'],
    [`${S12}/requests/models.py`, 1024, 'raise_for_status', 'raise HTTPError(http_error_msg, response=self)'],
  ], `requests.exceptions.HTTPError: 502 Server Error: Bad Gateway for url: ${url}`);
  return [pyLog(t, rev, 'ERROR', 'relay.push', `delivery of message ${rng.int(10 ** 15, 9 * 10 ** 15)} to ${tenant} failed (attempt ${rng.int(1, 5)})\n${tb}`)];
}, 0.25);

const firestoreContention = fam(`${RELAY}:firestore-contention`, 'ERROR', [15, 40], ({ rng, t, rev }) => {
  const details = 'Too much contention on these documents. Please try again.';
  const inner = pyTraceback([
    [`${S12}/google/api_core/grpc_helpers.py`, 76, 'error_remapped_callable', 'return callable_(*args, **kwargs)'],
    [`${S12}/grpc/_channel.py`, 1181, '__call__', 'return _end_unary_response_blocking(state, call, False, None)'],
    [`${S12}/grpc/_channel.py`, 1006, '_end_unary_response_blocking', 'raise _InactiveRpcError(state)  # pytype: disable=not-instantiable'],
  ], `grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.ABORTED\n\tdetails = "${details}"\n\tdebug_error_string = "UNKNOWN:Error received from peer ipv4:142.250.${rng.int(0, 255)}.${rng.int(1, 254)}:443 {grpc_message:"${details}", grpc_status:10, created_time:"2026-12-04T${rng.int(10, 23)}:${rng.int(10, 59)}:${rng.int(10, 59)}.${rng.int(100000000, 999999999)}+00:00"}"\n>`);
  const outer = pyTraceback([
    ['/app/relay/ledger.py', 88, 'record_delivery', 'txn_update(transaction, ref, attempt)'],
    [`${S12}/google/cloud/firestore_v1/transaction.py`, 362, '__call__', 'result = self._pre_commit(transaction, *args, **kwargs)'],
    [`${S12}/google/cloud/firestore_v1/transaction.py`, 215, '_commit', 'commit_response = _commit_with_retry(self._client, self._write_pbs, self._id)'],
    [`${S12}/google/cloud/firestore_v1/transaction.py`, 434, '_commit_with_retry', 'return client._firestore_api.commit('],
    [`${S12}/google/api_core/gapic_v1/method.py`, 131, '__call__', 'return wrapped_func(*args, **kwargs)'],
    [`${S12}/google/api_core/grpc_helpers.py`, 78, 'error_remapped_callable', 'raise exceptions.from_grpc_error(exc) from exc'],
  ], `google.api_core.exceptions.Aborted: 409 ${details}`);
  return [pyLog(t, rev, 'ERROR', 'relay.ledger', `could not record delivery of message ${rng.int(10 ** 15, 9 * 10 ** 15)}\n${inner}\n\nThe above exception was the direct cause of the following exception:\n\n${outer}`)];
});

const badEnvelope = fam(`${RELAY}:push-body-not-json`, 'ERROR', [10, 30], ({ t, rev }) => {
  const tb = pyTraceback([
    ...FLASK,
    ['/app/main.py', 44, 'push', 'payload = json.loads(base64.b64decode(envelope["message"]["data"]))'],
    ['/usr/local/lib/python3.12/json/__init__.py', 346, 'loads', 'return _default_decoder.decode(s)'],
    ['/usr/local/lib/python3.12/json/decoder.py', 338, 'decode', 'obj, end = self.raw_decode(s, idx=_w(s, 0).end())'],
    ['/usr/local/lib/python3.12/json/decoder.py', 356, 'raw_decode', 'raise JSONDecodeError("Expecting value", s, err.value) from None'],
  ], 'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)');
  return [{ stream: 'stderr', text: rev === 0 ? `[${asctime(t)}] ERROR in main: Exception on /pubsub/push [POST]\n${tb}` : `${asctime(t)} ERROR main: Exception on /pubsub/push [POST]\n${tb}` }];
});

const noTenant = fam(`${RELAY}:message-without-tenant`, 'WARNING', [150, 300], ({ rng, t, rev }) => [
  pyLog(t, rev, 'WARNING', 'relay.push', `message ${rng.int(10 ** 15, 9 * 10 ** 15)} has no "tenant" attribute, acking without delivery`),
]);

const relayChatter = fam(`noise:${RELAY}:delivered`, 'INFO', [200, 450], ({ rng }) => [{ stream: 'stdout', text: `delivered ${rng.int(10 ** 15, 9 * 10 ** 15)} to t_${slug(rng, 6)} in ${rng.int(20, 900)}ms (errors=0)` }]);

const relayBoot = fam(`noise:${RELAY}:boot`, 'INFO', [6, 18], ({ rng, t }) => [
  gunicorn(t, 1, 'INFO', 'Starting gunicorn 23.0.0'),
  gunicorn(t + 2000, 1, 'INFO', 'Listening at: http://0.0.0.0:8080 (1)'),
  gunicorn(t + 3000, 1, 'INFO', 'Using worker: sync'),
  gunicorn(t + 9000, rng.int(7, 12), 'INFO', `Booting worker with pid: ${rng.int(7, 12)}`),
]);

export const relayPubsub: ServiceDef = {
  name: RELAY, stack: 'Python 3.12, Flask 3 on gunicorn 23 (sync), google-cloud-firestore 2.19, requests 2.32; Pub/Sub push', splitRate: 0.65,
  families: [partnerBadGateway, firestoreContention, badEnvelope, noTenant, relayChatter, relayBoot],
};

// ---------------------------------------------------------------------------------------------------
// chat-langchain: FastAPI 0.115 under uvicorn 0.32 (one process, uvicorn's own logging config only),
// LangChain 0.3 with langchain-google-vertexai 2.0 (ChatVertexAI on gemini-1.5-pro), the Vertex AI SDK
// for summaries. The root logger has no handler in the morning, so tenacity's retry warning from
// langchain-google-vertexai reaches stderr as the bare message; from the rollout
// `logging.basicConfig(level=logging.INFO)` prints it as `WARNING:logger:message`. uvicorn prints
// `ERROR:    Exception in ASGI application` with the traceback, and its access line says 500.
const CHAT = 'chat-langchain';
const QUOTA = '429 Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model with base model: gemini-1.5-pro. Please submit a quota increase request. https://cloud.google.com/vertex-ai/docs/generative-ai/quotas-genai.';
const UVICORN: PyFrame[] = [
  [`${S12}/uvicorn/protocols/http/httptools_impl.py`, 409, 'run_asgi', 'result = await app(  # type: ignore[func-returns-value]'],
  [`${S12}/uvicorn/middleware/proxy_headers.py`, 60, '__call__', 'return await self.app(scope, receive, send)'],
  [`${S12}/fastapi/applications.py`, 1054, '__call__', 'await super().__call__(scope, receive, send)'],
  [`${S12}/starlette/applications.py`, 113, '__call__', 'await self.middleware_stack(scope, receive, send)'],
  [`${S12}/starlette/middleware/errors.py`, 187, '__call__', 'raise exc'],
  [`${S12}/starlette/middleware/errors.py`, 165, '__call__', 'await self.app(scope, receive, _send)'],
  [`${S12}/starlette/routing.py`, 715, '__call__', 'await self.middleware_stack(scope, receive, send)'],
  [`${S12}/starlette/routing.py`, 288, 'handle', 'await self.app(scope, receive, send)'],
  [`${S12}/fastapi/routing.py`, 301, 'app', 'raw_response = await run_endpoint_function('],
  [`${S12}/fastapi/routing.py`, 212, 'run_endpoint_function', 'return await dependant.call(**values)'],
];

const uvAccess = (rng: Prng, method: string, path: string, status: number): Write => ({ stream: 'stdout', text: `INFO:     169.254.169.126:${rng.int(30000, 60000)} - "${method} ${path} HTTP/1.1" ${status} ${status === 500 ? 'Internal Server Error' : 'OK'}` });

const retryWarning = fam(`${CHAT}:vertex-quota-retry`, 'WARNING', [150, 320], ({ rng, rev }) => {
  const text = `Retrying langchain_google_vertexai.chat_models._completion_with_retry.<locals>._completion_with_retry_inner in ${rng.pick(['4.0', '8.0', '10.0'])} seconds as it raised ResourceExhausted: ${QUOTA}.`;
  return [{ stream: 'stderr', text: rev === 0 ? text : `WARNING:langchain_google_vertexai.chat_models:${text}` }];
});

const quotaExhausted = fam(`${CHAT}:vertex-quota-exhausted`, 'ERROR', [12, 30], ({ rng }) => {
  const inner = pyTraceback([
    [`${S12}/google/api_core/grpc_helpers_async.py`, 85, '__await__', 'response = yield from self._call.__await__()'],
    [`${S12}/grpc/aio/_call.py`, 327, '__await__', 'raise _create_rpc_error('],
  ], `grpc.aio._call.AioRpcError: <AioRpcError of RPC that terminated with:\n\tstatus = StatusCode.RESOURCE_EXHAUSTED\n\tdetails = "${QUOTA.slice(4)}"\n\tdebug_error_string = "UNKNOWN:Error received from peer ipv4:142.250.${rng.int(0, 255)}.${rng.int(1, 254)}:443 {grpc_status:8, grpc_message:"${QUOTA.slice(4)}"}"\n>`);
  const outer = pyTraceback([
    ...UVICORN,
    ['/app/chat/api.py', 52, 'chat', 'answer = await chain.ainvoke({"question": body.question, "history": history})'],
    [`${S12}/langchain_core/runnables/base.py`, 3066, 'ainvoke', 'input = await asyncio.create_task(part(), context=context)  # type: ignore'],
    [`${S12}/langchain_core/language_models/chat_models.py`, 307, 'ainvoke', 'llm_result = await self.agenerate_prompt('],
    [`${S12}/langchain_google_vertexai/chat_models.py`, 1426, '_agenerate', 'response = await _acompletion_with_retry('],
    [`${S12}/tenacity/asyncio/__init__.py`, 189, 'async_wrapped', 'return await copy(fn, *args, **kwargs)'],
    [`${S12}/tenacity/__init__.py`, 398, '<lambda>', 'self._add_action_func(lambda rs: rs.outcome.result())'],
    [`${S12}/google/api_core/grpc_helpers_async.py`, 88, '__await__', 'raise exceptions.from_grpc_error(rpc_error) from rpc_error'],
  ], `google.api_core.exceptions.ResourceExhausted: ${QUOTA}`);
  return [
    { stream: 'stderr', text: `ERROR:    Exception in ASGI application\n${inner}\n\nThe above exception was the direct cause of the following exception:\n\n${outer}` },
    uvAccess(rng, 'POST', '/chat', 500),
  ];
}, 0.2);

const safetyBlocked = fam(`${CHAT}:summary-safety-blocked`, 'ERROR', [8, 20], ({ rng }) => {
  const candidate = '{\n  "finish_reason": "SAFETY",\n  "safety_ratings": [\n    {\n      "category": "HARM_CATEGORY_DANGEROUS_CONTENT",\n      "probability": "MEDIUM",\n      "probability_score": 0.5,\n      "severity": "HARM_SEVERITY_MEDIUM",\n      "severity_score": 0.4\n    }\n  ]\n}';
  const tb = pyTraceback([
    ...UVICORN,
    ['/app/chat/api.py', 77, 'summarize', 'return {"summary": response.text}'],
    [`${S12}/vertexai/generative_models/_generative_models.py`, 1982, 'text', 'return self.candidates[0].text'],
    [`${S12}/vertexai/generative_models/_generative_models.py`, 2089, 'text', 'raise ValueError('],
  ], `ValueError: Cannot get the Candidate text.\nResponse candidate content has no parts (and thus no text). The candidate is likely blocked by the safety filters.\nCandidate:\n${candidate}`);
  return [{ stream: 'stderr', text: `ERROR:    Exception in ASGI application\n${tb}` }, uvAccess(rng, 'POST', '/summarize', 500)];
});

const chatAccess = fam(`noise:${CHAT}:access`, 'INFO', [200, 450], ({ rng }) => [uvAccess(rng, 'POST', rng.pick(['/chat', '/chat', '/summarize']), 200)]);

const chatBoot = fam(`noise:${CHAT}:boot`, 'INFO', [6, 18], () => [
  { stream: 'stderr', text: 'INFO:     Started server process [1]' },
  { stream: 'stderr', text: 'INFO:     Waiting for application startup.' },
  { stream: 'stderr', text: 'INFO:     Application startup complete.' },
  { stream: 'stderr', text: 'INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)' },
]);

export const chatLangchain: ServiceDef = {
  name: CHAT, stack: 'Python 3.12, FastAPI 0.115 under uvicorn 0.32, LangChain 0.3, langchain-google-vertexai 2.0, google-cloud-aiplatform 1.74', splitRate: 0.6,
  families: [retryWarning, quotaExhausted, safetyBlocked, chatAccess, chatBoot],
};

// ---------------------------------------------------------------------------------------------------
// jobs-tfscore: a Cloud Run job (ten tasks, every two hours) scoring TFRecord shards with a Keras
// model: Python 3.11, TensorFlow 2.15 then 2.18 (the `tensorflow[and-cuda]` wheel on a CPU-only
// instance), absl-py logging, google-cloud-bigquery 3.27. TensorFlow's own C++ lines carry its prefix
// (`2026-12-04 10:00:00.123456: E file:line] msg` in 2.15; absl's `E0000 00:00:epoch pid file:line]`
// from 2.16, before InitializeLog); the job's records carry absl's Python prefix (`E1204 time thread
// file:line] msg`). A failed task exits 1.
const TF = 'jobs-tfscore';
const S11 = SITE('3.11');

const thread = (rng: Prng): string => String(rng.int(139_000_000_000_000, 140_999_999_999_999));
const absl = (rng: Prng, t: number, letter: string, where: string, msg: string): Write => ({ stream: 'stderr', text: `${letter}${abslTime(t)} ${thread(rng)} ${where}] ${msg}` });
const tfLine = (t: number, rev: 0 | 1, letter: string, file15: string, file18: string, msg: string): string => (rev === 0
  ? `${tfTime(t)}: ${letter} ${file15}] ${msg}`
  : `${letter}0000 00:00:${epochMicros(t)}       1 ${file18}] ${msg}`);

const cuInit = fam(`${TF}:cuinit-failed`, 'ERROR', [40, 90], ({ t, rev }) => [{
  stream: 'stderr',
  text: rev === 0
    ? tfLine(t, 0, 'E', 'external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:274', '', 'failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected')
    : `WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n${tfLine(t, 1, 'E', '', 'cuda_driver.cc:152', 'failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)')}`,
}]);

const shardDataLoss = fam(`${TF}:shard-corrupted-record`, 'ERROR', [8, 20], ({ rng, t, rev }) => {
  const offset = rng.int(1, 60) * 65536;
  const shard = `gs://heron-scores/in/2026-12-04/part-${String(rng.int(0, 63)).padStart(5, '0')}.tfrecord.gz`;
  const tb = pyTraceback([
    ['/app/score.py', 95, 'score_shard', 'for batch in ds:'],
    [`${S11}/tensorflow/python/data/ops/iterator_ops.py`, 810, '__next__', 'return self._next_internal()'],
    [`${S11}/tensorflow/python/data/ops/iterator_ops.py`, 773, '_next_internal', 'ret = gen_dataset_ops.iterator_get_next('],
    [`${S11}/tensorflow/python/ops/gen_dataset_ops.py`, 3029, 'iterator_get_next', '_ops.raise_from_not_ok_status(e, name)'],
    [`${S11}/tensorflow/python/framework/ops.py`, 5883, 'raise_from_not_ok_status', 'raise core._status_to_exception(e) from None  # pylint: disable=protected-access'],
  ], `tensorflow.python.framework.errors_impl.DataLossError: {{function_node __wrapped__IteratorGetNext_output_types_2_device_/job:localhost/replica:0/task:0/device:CPU:0}} corrupted record at ${offset} [Op:IteratorGetNext] name: `, true);
  return [
    { stream: 'stderr', text: tfLine(t, rev, 'W', 'tensorflow/core/framework/local_rendezvous.cc:404', 'local_rendezvous.cc:404', `Local rendezvous is aborting with status: DATA_LOSS: corrupted record at ${offset}`) },
    absl(rng, t + 3000, 'E', 'score.py:97', `scoring shard ${shard} failed\n${tb}`),
    exitLine(TF, 1),
  ];
});

const insertDenied = fam(`${TF}:scores-insert-denied`, 'ERROR', [4, 12], ({ rng, t }) => {
  const table = 'heron-quarry-2291:scores.daily';
  const tb = pyTraceback([
    ['/app/score.py', 121, 'write_scores', 'errors = bq.insert_rows_json(TABLE, rows)'],
    [`${S11}/google/cloud/bigquery/client.py`, 3807, 'insert_rows_json', 'response = self._call_api('],
    [`${S11}/google/cloud/bigquery/client.py`, 833, '_call_api', 'return call()'],
    [`${S11}/google/api_core/retry/retry_unary.py`, 293, 'retry_wrapped_func', 'return retry_target('],
    [`${S11}/google/api_core/retry/retry_unary.py`, 153, 'retry_target', '_retry_error_helper('],
    [`${S11}/google/api_core/retry/retry_base.py`, 212, '_retry_error_helper', 'raise final_exc from source_exc'],
    [`${S11}/google/api_core/retry/retry_unary.py`, 144, 'retry_target', 'result = target()'],
    [`${S11}/google/cloud/_http/__init__.py`, 494, 'api_request', 'raise exceptions.from_http_response(response)'],
  ], `google.api_core.exceptions.Forbidden: 403 POST https://bigquery.googleapis.com/bigquery/v2/projects/heron-quarry-2291/datasets/scores/tables/daily/insertAll?prettyPrint=false: Access Denied: Table ${table}: Permission bigquery.tables.updateData denied on table ${table} (or it may not exist).`);
  return [absl(rng, t, 'E', 'score.py:124', `writing ${rng.int(2000, 60000)} scores for task ${rng.int(0, 9)} failed\n${tb}`), exitLine(TF, 1)];
});

const emptyShard = fam(`${TF}:empty-shard`, 'WARNING', [100, 220], ({ rng, t }) => [
  absl(rng, t, 'W', 'score.py:61', `shard gs://heron-scores/in/2026-12-04/part-${String(rng.int(0, 63)).padStart(5, '0')}.tfrecord.gz has 0 records, skipping`),
]);

const tfChatter = fam(`noise:${TF}:progress`, 'INFO', [200, 450], ({ rng, t, rev }) => [rng.weighted<Write>([
  [absl(rng, t, 'I', 'score.py:140', `task ${rng.int(0, 9)}/10: scored ${rng.int(3, 12)} shards, ${rng.int(1000, 90000)} rows, 0 errors`), 5],
  [{ stream: 'stderr', text: tfLine(t, rev, 'I', 'tensorflow/core/framework/local_rendezvous.cc:404', 'local_rendezvous.cc:404', 'Local rendezvous is aborting with status: OUT_OF_RANGE: End of sequence') }, 3],
  [{ stream: 'stderr', text: tfLine(t, rev, 'I', 'tensorflow/core/util/port.cc:113', 'port.cc:153', 'oneDNN custom operations are on. You may see slightly different numerical results due to floating-point round-off errors from different computation orders. To turn them off, set the environment variable `TF_ENABLE_ONEDNN_OPTS=0`.') }, 1],
  [{ stream: 'stderr', text: tfLine(t, rev, 'I', 'tensorflow/core/platform/cpu_feature_guard.cc:182', 'cpu_feature_guard.cc:210', 'This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations.\nTo enable the following instructions: AVX2 AVX512F AVX512_VNNI FMA, in other operations, rebuild TensorFlow with the appropriate compiler flags.') }, 1],
])]);

export const jobsTfscore: ServiceDef = {
  name: TF, stack: 'Python 3.11 Cloud Run job, TensorFlow 2.15 then 2.18, absl-py 2.1, google-cloud-bigquery 3.27', splitRate: 0.6,
  families: [cuInit, shardDataLoss, insertDenied, emptyShard, tfChatter],
};
