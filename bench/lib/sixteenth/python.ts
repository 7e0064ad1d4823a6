// The Python services of the sixteenth day: a vLLM OpenAI-compatible server on a GPU, Apache Superset
// with the Cloud SQL Auth Proxy as a sidecar, dbt runs, and a functions-framework ingester with loguru.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { asctime, epochMicros, goStd, hmsOnly, isoMicros, isoMillis, loguruRepr, loguruText, monthDayHms } from './clock.js';
import { containerExit, PROJECT, pyTraceback, traceName, type PyFrame } from './shared.js';

const SITE = '/usr/local/lib/python3.12/dist-packages';

// ---------------------------------------------------------------- llm-vllm
// vLLM's logger: `%(levelname)s %(asctime)s %(filename)s:%(lineno)d] %(message)s` (0.6), the file in
// brackets from 0.7 on; its NewLineFormatter repeats the prefix before every line of a record.
const vllm = (rev: 0 | 1, level: string, t: number, file: string, line: number, msg: string): string => {
  const prefix = rev === 0 ? `${level} ${monthDayHms(t)} ${file}:${line}] ` : `${level} ${monthDayHms(t)} [${file}:${line}] `;
  return msg.split('\n').map((l) => `${prefix}${l}`).join('\n');
};
const gib = (rng: Prng): string => `${rng.fixed(0.2, 2.5, 2)} GiB`;
const oomText = (rng: Prng): string => {
  const free = `${rng.fixed(10, 900, 2)} MiB`;
  return `CUDA out of memory. Tried to allocate ${gib(rng)}. GPU 0 has a total capacity of 22.05 GiB of which ${free} is free. Including non-PyTorch memory, this process has 21.23 GiB memory in use. Of the allocated memory ${rng.fixed(19, 21, 2)} GiB is allocated by PyTorch, and ${rng.fixed(50, 400, 2)} MiB is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)`;
};
const OOM_FRAMES: PyFrame[] = [
  [`${SITE}/vllm/engine/multiprocessing/engine.py`, 158, 'start', 'self.run_engine_loop()'],
  [`${SITE}/vllm/engine/multiprocessing/engine.py`, 221, 'run_engine_loop', 'request_outputs = self.engine_step()'],
  [`${SITE}/vllm/engine/llm_engine.py`, 1390, 'step', 'outputs = self.model_executor.execute_model('],
  [`${SITE}/vllm/worker/model_runner.py`, 1742, 'execute_model', 'hidden_or_intermediate_states = model_executable('],
  [`${SITE}/vllm/model_executor/layers/logits_processor.py`, 72, 'forward', 'logits = self._get_logits(hidden_states, lm_head, embedding_bias)'],
];
const PREPROCESS_FRAMES: PyFrame[] = [
  [`${SITE}/vllm/entrypoints/openai/serving_chat.py`, 196, 'create_chat_completion', ') = await self._preprocess_chat('],
  [`${SITE}/vllm/entrypoints/openai/serving_engine.py`, 437, '_preprocess_chat', 'prompt_inputs = self._tokenize_prompt_input('],
  [`${SITE}/vllm/entrypoints/openai/serving_engine.py`, 262, '_validate_input', 'raise ValueError('],
];
const TOOL_FRAMES: PyFrame[] = [
  [`${SITE}/vllm/entrypoints/openai/tool_parsers/hermes_tool_parser.py`, 81, 'extract_tool_calls', 'raw_function_calls = ['],
  [`${SITE}/vllm/entrypoints/openai/tool_parsers/hermes_tool_parser.py`, 82, '<listcomp>', 'json.loads(match[0] if match[0] else match[1])'],
  ['/usr/lib/python3.12/json/__init__.py', 346, 'loads', 'return _default_decoder.decode(s)'],
  ['/usr/lib/python3.12/json/decoder.py', 353, 'raw_decode', 'obj, end = self.scan_once(s, idx)'],
];
const reqId = (rng: Prng): string => `chatcmpl-${rng.hex(32)}`;

export const llmVllm: ServiceDef = {
  name: 'llm-vllm', stack: 'Python 3.12, vLLM 0.6.6 then 0.8.5 (OpenAI-compatible server), PyTorch 2.5, uvicorn, one L4 GPU', splitRate: 0.7,
  families: [
    {
      name: 'llm-vllm:engine-cuda-oom', level: 'ERROR', perDay: [2, 4],
      emit: ({ rng, t, rev }) => {
        const oom = oomText(rng);
        return [
          { stream: 'stdout', text: vllm(rev, 'ERROR', t, 'engine.py', 160, `OutOfMemoryError('${oom}')\n${pyTraceback(OOM_FRAMES, `torch.OutOfMemoryError: ${oom}`)}`) },
          { stream: 'stdout', text: vllm(rev, 'ERROR', t, 'serving_chat.py', 677, `vllm.engine.multiprocessing.MQEngineDeadError: Engine loop is not running. Inspect the stacktrace to find the original error: OutOfMemoryError('${oom}').`) },
          { stream: 'stdout', text: vllm(rev, 'CRITICAL', t, 'launcher.py', 99, 'MQLLMEngine is already dead, terminating server process') },
          { stream: 'stdout', text: 'INFO:     Shutting down', as: { family: 'noise:llm-vllm:access', level: 'INFO' } },
          containerExit('llm-vllm', 1),
        ];
      },
    },
    {
      name: 'llm-vllm:prompt-too-long', level: 'ERROR', perDay: [55, 132],
      emit: ({ rng, t, rev }) => {
        const total = rng.int(8200, 12000);
        const completion = rng.pick([512, 1024, 2048]);
        return [{ stream: 'stdout', text: vllm(rev, 'ERROR', t, 'serving_chat.py', 200, `Error in preprocessing prompt inputs\n${pyTraceback(PREPROCESS_FRAMES, `ValueError: This model's maximum context length is 8192 tokens. However, you requested ${total} tokens (${total - completion} in the messages, ${completion} in the completion). Please reduce the length of the messages or completion.`)}`) }];
      },
    },
    {
      name: 'llm-vllm:tool-call-parse', level: 'ERROR', perDay: [22, 66],
      emit: ({ rng, t, rev }) => {
        const col = rng.int(20, 300);
        return [{ stream: 'stdout', text: vllm(rev, 'ERROR', t, 'hermes_tool_parser.py', 100, `Error in extracting tool call from response.\n${pyTraceback(TOOL_FRAMES, `json.decoder.JSONDecodeError: Expecting ',' delimiter: line 1 column ${col} (char ${col - 1})`)}`) }];
      },
    },
    {
      name: 'llm-vllm:kv-cache-preempted', level: 'WARNING', perDay: [330, 660],
      emit: ({ rng, t, rev }) => [{ stream: 'stdout', text: vllm(rev, 'WARNING', t, 'scheduler.py', 1560, `Sequence group ${reqId(rng)} is preempted by PreemptionMode.RECOMPUTE mode because there is not enough KV cache space. This can affect the end-to-end performance. Increase gpu_memory_utilization or tensor_parallel_size to provide more KV cache memory. total_num_cumulative_preemption=${rng.int(1, 900)}`) }],
    },
    {
      name: 'noise:llm-vllm:metrics', level: 'INFO', perDay: [216, 313],
      emit: ({ rng, t, rev }) => [{ stream: 'stdout', text: vllm(rev, 'INFO', t, 'metrics.py', 455, `Avg prompt throughput: ${rng.fixed(0, 900, 1)} tokens/s, Avg generation throughput: ${rng.fixed(0, 120, 1)} tokens/s, Running: ${rng.int(0, 8)} reqs, Swapped: 0 reqs, Pending: ${rng.int(0, 3)} reqs, GPU KV cache usage: ${rng.fixed(0, 99, 1)}%, CPU KV cache usage: 0.0%.`) }],
    },
    {
      name: 'noise:llm-vllm:access', level: 'INFO', perDay: [216, 313],
      emit: ({ rng, t, rev }) => {
        const status = rng.weighted([['200 OK', 30], ['400 Bad Request', 2]] as const);
        return [
          { stream: 'stdout', text: vllm(rev, 'INFO', t, 'engine.py', 275, `Added request ${reqId(rng)}.`) },
          { stream: 'stdout', text: `INFO:     169.254.169.126:${rng.int(20000, 60000)} - "POST /v1/chat/completions HTTP/1.1" ${status}` },
        ];
      },
    },
  ],
};

// ---------------------------------------------------------------- bi-superset
// Superset's DefaultLoggingConfigurator with LOG_FORMAT `%(asctime)s:%(levelname)s:%(name)s:%(message)s`
// on the morning revision; after the rollout a JSON LOG_FORMAT with `severity`, which Cloud Run lifts,
// and under which some records still come out twice, once bare (apache/superset#23866). logging's
// Formatter adds a traceback after the formatted string, so such a record is no longer one JSON line.
// The Cloud SQL Auth Proxy v2 writes to the same stream: Go's log on the morning revision,
// `--structured-logs` after.
const superset = (rev: 0 | 1, t: number, level: string, name: string, msg: string, tb?: string): Write[] => {
  if (rev === 0) return [{ stream: 'stderr', text: `${asctime(t)}:${level}:${name}:${msg}${tb ? `\n${tb}` : ''}` }];
  // The format string does no escaping: a message with a quote is no longer JSON either.
  const line = `{"severity":"${level}","message":"${msg}","timestamp":"${asctime(t)}"}`;
  if (tb || msg.includes('"')) return [{ stream: 'stderr', text: tb ? `${line}\n${tb}` : line }];
  return [{ stream: 'stderr', json: JSON.parse(line) as Record<string, unknown> }];
};
const INSTANCE = `${PROJECT}:europe-west1:superset-meta`;
const proxy = (rev: 0 | 1, t: number, severity: string, msg: string): Write => (rev === 0
  ? { stream: 'stderr', text: `${goStd(t)} ${msg}` }
  : { stream: 'stderr', json: { severity, timestamp: isoMillis(t), message: msg } });
const SQLLAB_FRAMES: PyFrame[] = [
  ['/app/superset/sql_lab.py', 301, 'execute_sql_statement', 'db_engine_spec.execute_with_cursor(cursor, sql, query)'],
  ['/app/superset/db_engine_specs/base.py', 1787, 'execute_with_cursor', 'cls.execute(cursor, sql, query.database, async_=True)'],
  ['/app/superset/db_engine_specs/base.py', 1755, 'execute', 'raise cls.get_dbapi_mapped_exception(ex) from ex'],
  ['/app/superset/db_engine_specs/base.py', 1751, 'execute', 'cursor.execute(query)'],
];
const CHART_FRAMES: PyFrame[] = [
  ['/app/superset/views/base.py', 236, 'wraps', 'return f(self, *args, **kwargs)'],
  ['/app/superset/charts/data/api.py', 265, 'data', 'return self._get_data_response('],
  ['/usr/local/lib/python3.11/site-packages/sqlalchemy/engine/base.py', 3315, 'raw_connection', 'return self.pool.connect()'],
  ['/usr/local/lib/python3.11/site-packages/sqlalchemy/engine/default.py', 622, 'connect', 'return self.loaded_dbapi.connect(*cargs, **cparams)'],
  ['/usr/local/lib/python3.11/site-packages/psycopg2/__init__.py', 122, 'connect', 'conn = _connect(dsn, connection_factory=connection_factory, **kwasync)'],
];
const REPORT_FRAMES: PyFrame[] = [
  ['/app/superset/commands/report/execute.py', 343, '_get_screenshots', 'imge = screenshot.get_screenshot(user=user)'],
  ['/app/superset/utils/screenshots.py', 169, 'get_screenshot', 'return driver.get_screenshot(self.url, self.element, user)'],
  ['/app/superset/utils/webdriver.py', 360, 'get_screenshot', 'raise ScreenshotFailedError("Failed taking a screenshot") from ex'],
];

export const biSuperset: ServiceDef = {
  name: 'bi-superset', stack: 'Python 3.11, Apache Superset 4.1 (gunicorn gthread), psycopg2, Celery beat for reports, Cloud SQL Auth Proxy 2.14 sidecar', splitRate: 0.72,
  families: [
    {
      name: 'bi-superset:sqllab-statement-timeout', level: 'ERROR', perDay: [33, 88],
      emit: ({ rng, t, rev }) => {
        const id = rng.int(1000, 99999);
        const tb = pyTraceback(SQLLAB_FRAMES, 'psycopg2.errors.QueryCanceled: canceling statement due to statement timeout');
        return superset(rev, t, 'ERROR', 'superset.sql_lab', `Query ${id}: <class 'psycopg2.errors.QueryCanceled'>`, tb);
      },
    },
    {
      name: 'bi-superset:chart-data-db-closed', level: 'ERROR', perDay: [18, 55], burst: 0.3,
      emit: ({ t, rev }) => superset(rev, t, 'ERROR', 'superset.views.base', '(psycopg2.OperationalError) connection to server at "127.0.0.1", port 5432 failed: server closed the connection unexpectedly',
        pyTraceback(CHART_FRAMES, 'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "127.0.0.1", port 5432 failed: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.\n\n(Background on this error at: https://sqlalche.me/e/14/e3q8)')),
    },
    {
      name: 'bi-superset:report-screenshot-failed', level: 'ERROR', perDay: [9, 26],
      emit: ({ rng, t, rev }) => superset(rev, t, 'ERROR', 'superset.commands.report.execute', `A downstream exception occurred while generating a report: ${rng.uuid()}. Failed taking a screenshot`,
        pyTraceback(REPORT_FRAMES, 'superset.utils.webdriver.ScreenshotFailedError: Failed taking a screenshot')),
    },
    {
      name: 'bi-superset:timeseries-limit-deprecated', level: 'WARNING', perDay: [264, 550],
      emit: ({ t, rev }) => {
        const msg = 'The field `timeseries_limit` is deprecated, please use `series_limit` instead.';
        const out = superset(rev, t, 'WARNING', 'superset.common.query_object', msg);
        return rev === 1 ? [{ stream: 'stderr', text: msg }, ...out] : out;
      },
    },
    {
      name: 'bi-superset:cloudsql-dial-timeout', level: 'ERROR', perDay: [22, 66], burst: 0.3,
      emit: ({ rng, t, rev }) => [proxy(rev, t, 'ERROR', `[${INSTANCE}] failed to connect to instance: Dial error: failed to dial (connection name = "${INSTANCE}"): dial tcp 10.31.0.${rng.int(2, 9)}:3307: i/o timeout`)],
    },
    {
      name: 'noise:bi-superset:proxy-connections', level: 'INFO', perDay: [120, 192],
      emit: ({ rng, t, rev }) => [
        proxy(rev, t, 'INFO', `[${INSTANCE}] accepted connection from 127.0.0.1:${rng.int(30000, 60000)}`),
        proxy(rev, t + rng.int(1000, 90_000_000), 'INFO', `[${INSTANCE}] client closed the connection`),
      ],
    },
    {
      name: 'noise:bi-superset:cache', level: 'INFO', perDay: [120, 216],
      emit: ({ rng, t, rev }) => rng.chance(0.5)
        ? superset(rev, t, 'INFO', 'superset.viz', `Cache key: ${rng.hex(32)}`)
        : superset(rev, t, 'INFO', 'superset.tasks.cache', `Warmed up ${rng.int(1, 40)} charts, errors: 0`),
    },
  ],
};

// ---------------------------------------------------------------- etl-dbt
// dbt-core 1.8 with dbt-bigquery, one `dbt build` an occurrence: the text log (`HH:MM:SS  msg`, each event
// its own write) on the morning revision, `--log-format json` after (`data` and `info` with `code`,
// `level`, `msg`, `name`, `ts`, ...). A failed run ends with Cloud Run's `Container called exit(1).`.
interface DbtEvent { code: string; name: string; level: string; msg: string }
const dbt = (rng: Prng, rev: 0 | 1, t: number, inv: string, e: DbtEvent): Write => (rev === 0
  ? { stream: 'stdout', text: `${hmsOnly(t)}  ${e.msg}` }
  : { stream: 'stdout', json: { data: {}, info: { category: '', code: e.code, extra: {}, invocation_id: inv, level: e.level, msg: e.msg, name: e.name, pid: 7, thread: rng.pick(['MainThread', 'Thread-1 (worker)', 'Thread-3 (worker)']), ts: isoMicros(t) } } });
const dots = (s: string, width = 64): string => `${s} ${'.'.repeat(Math.max(3, width - s.length))}`;
const dbtRunHead = (rng: Prng, rev: 0 | 1, t: number, inv: string): Write[] => [
  dbt(rng, rev, t, inv, { code: 'A001', name: 'MainReportVersion', level: 'info', msg: 'Running with dbt=1.8.7' }),
  dbt(rng, rev, t, inv, { code: 'A001', name: 'AdapterRegistered', level: 'info', msg: 'Registered adapter: bigquery=1.8.3' }),
  dbt(rng, rev, t, inv, { code: 'W006', name: 'FoundStats', level: 'info', msg: 'Found 14 models, 31 data tests, 6 sources, 602 macros' }),
];

export const etlDbt: ServiceDef = {
  name: 'etl-dbt', stack: 'Python 3.12, dbt-core 1.8.7, dbt-bigquery 1.8.3, run as `dbt build` by a scheduler', splitRate: 0.7,
  families: [
    {
      name: 'etl-dbt:fct-orders-bytes-billed', level: 'ERROR', perDay: [3, 6],
      emit: ({ rng, t, rev }) => {
        const inv = rng.uuid();
        const block = 'Database Error in model fct_orders (models/marts/fct_orders.sql)\n  Query exceeded limit for bytes billed: 10000000000. 21474836480 or higher required.\n  compiled code at target/run/shop/models/marts/fct_orders.sql';
        return [
          dbt(rng, rev, t, inv, { code: 'Q007', name: 'LogModelResult', level: 'error', msg: `${dots('9 of 14 ERROR creating sql incremental model analytics.fct_orders')} [ERROR in ${rng.fixed(2, 40, 2)}s]` }),
          dbt(rng, rev, t, inv, { code: 'Z024', name: 'RunResultErrorSummary', level: 'error', msg: 'Completed with 1 error, 0 partial successes, and 0 warnings:' }),
          dbt(rng, rev, t, inv, { code: 'Z025', name: 'RunResultError', level: 'error', msg: `  ${block.replace(/\n/g, '\n  ')}` }),
          { ...dbt(rng, rev, t, inv, { code: 'Z023', name: 'EndOfRunSummary', level: 'info', msg: 'Done. PASS=12 WARN=0 ERROR=1 SKIP=1 TOTAL=14' }), as: { family: 'noise:etl-dbt:run-summary', level: 'INFO' } },
          containerExit('etl-dbt', 1),
        ];
      },
    },
    {
      name: 'etl-dbt:unique-customer-id-test', level: 'ERROR', perDay: [3, 6],
      emit: ({ rng, t, rev }) => {
        const inv = rng.uuid();
        const n = rng.int(2, 40);
        return [
          dbt(rng, rev, t, inv, { code: 'Q007', name: 'LogTestResult', level: 'error', msg: `${dots(`12 of 45 FAIL ${n} unique_stg_customers_customer_id`)} [FAIL ${n} in ${rng.fixed(1, 5, 2)}s]` }),
          dbt(rng, rev, t, inv, { code: 'Z025', name: 'RunResultFailure', level: 'error', msg: `Failure in test unique_stg_customers_customer_id (models/staging/schema.yml)\n  Got ${n} results, configured to fail if != 0\n\n  compiled code at target/compiled/shop/models/staging/schema.yml/unique_stg_customers_customer_id.sql` }),
          { ...dbt(rng, rev, t, inv, { code: 'Z023', name: 'EndOfRunSummary', level: 'info', msg: `Done. PASS=42 WARN=0 ERROR=1 SKIP=2 TOTAL=45` }), as: { family: 'noise:etl-dbt:run-summary', level: 'INFO' } },
          containerExit('etl-dbt', 1),
        ];
      },
    },
    {
      name: 'etl-dbt:stg-payments-missing-source', level: 'ERROR', perDay: [1, 3],
      emit: ({ rng, t, rev }) => {
        const inv = rng.uuid();
        return [
          { ...dbt(rng, rev, t, inv, { code: 'A001', name: 'MainReportVersion', level: 'info', msg: 'Running with dbt=1.8.7' }), as: { family: 'noise:etl-dbt:run', level: 'INFO' } },
          dbt(rng, rev, t, inv, { code: 'Z002', name: 'MainEncounteredError', level: 'error', msg: "Encountered an error:\nCompilation Error\n  Model 'model.shop.stg_payments' (models/staging/stg_payments.sql) depends on a source named 'stripe.payments' which was not found" }),
          containerExit('etl-dbt', 2),
        ];
      },
    },
    {
      name: 'etl-dbt:tests-config-deprecated', level: 'WARNING', perDay: [88, 176],
      emit: ({ rng, t, rev }) => [dbt(rng, rev, t, rng.uuid(), { code: 'D012', name: 'TestsConfigDeprecation', level: 'warn', msg: `[WARNING]: Deprecated functionality\nThe \`tests\` config has been renamed to \`data_tests\`. Please see\nhttps://docs.getdbt.com/docs/build/data-tests#new-data_tests-syntax for more\ninformation.` })],
    },
    {
      name: 'noise:etl-dbt:run', level: 'INFO', perDay: [24, 40],
      emit: ({ rng, t, rev }) => {
        const inv = rng.uuid();
        const out = dbtRunHead(rng, rev, t, inv);
        const models = ['stg_customers', 'stg_orders', 'stg_payments', 'int_order_items', 'fct_orders', 'dim_customers'];
        models.forEach((m, i) => {
          out.push(dbt(rng, rev, t, inv, { code: 'Q011', name: 'LogStartLine', level: 'info', msg: `${dots(`${i + 1} of 14 START sql view model analytics.${m}`)} [RUN]` }));
          out.push(dbt(rng, rev, t, inv, { code: 'Q007', name: 'LogModelResult', level: 'info', msg: `${dots(`${i + 1} of 14 OK created sql view model analytics.${m}`)} [CREATE VIEW (0 processed) in ${rng.fixed(0.5, 4, 2)}s]` }));
        });
        out.push(dbt(rng, rev, t, inv, { code: 'Z023', name: 'EndOfRunSummary', level: 'info', msg: 'Done. PASS=14 WARN=0 ERROR=0 SKIP=0 TOTAL=14' }));
        return out;
      },
    },
  ],
};

// ---------------------------------------------------------------- ingest-loguru
// A functions-framework (Flask) handler for Pub/Sub push, logging with loguru: `serialize=True` on
// stdout on the morning revision (`text` is the formatted line with any traceback, `record` the fields,
// no severity), loguru's documented custom-sink recipe after (`severity`, `message` with the traceback,
// `logging.googleapis.com/trace` from X-Cloud-Trace-Context). Flask's own handler for what escapes.
const LOADER_FRAMES: PyFrame[] = [
  ['/workspace/main.py', 61, 'handle', 'rows = load_object(bucket, name)'],
  ['/workspace/loader.py', 34, 'load_object', 'data = blob.download_as_bytes()'],
  ['/layers/google.python.pip/pip/lib/python3.12/site-packages/google/cloud/storage/blob.py', 1520, 'download_as_bytes', 'self._prep_and_do_download('],
  ['/layers/google.python.pip/pip/lib/python3.12/site-packages/google/cloud/storage/blob.py', 4402, '_prep_and_do_download', '_raise_from_invalid_response(exc)'],
];
const PARSE_FRAMES: PyFrame[] = [
  ['/workspace/main.py', 64, 'handle', 'records = parse_csv(rows)'],
  ['/workspace/parse.py', 18, 'parse_csv', 'text = raw.decode("utf-8")'],
];
const FLASK_FRAMES: PyFrame[] = [
  ['/layers/google.python.pip/pip/lib/python3.12/site-packages/flask/app.py', 880, 'full_dispatch_request', 'rv = self.dispatch_request()'],
  ['/layers/google.python.pip/pip/lib/python3.12/site-packages/functions_framework/__init__.py', 134, 'view_func', 'return function(request._get_current_object())'],
  ['/workspace/main.py', 52, 'handle', 'payload = base64.b64decode(envelope["message"]["data"])'],
];
function loguru(rng: Prng, t: number, rev: 0 | 1, level: 'INFO' | 'WARNING' | 'ERROR', fn: string, line: number, message: string, tb?: { type: string; value: string; text: string }): Write {
  const no = { INFO: 20, WARNING: 30, ERROR: 40 }[level];
  if (rev === 0) {
    const text = `${loguruText(t)} | ${level.padEnd(8)} | main:${fn}:${line} - ${message}\n${tb ? `${tb.text}\n` : ''}`;
    return {
      stream: 'stdout', json: {
        text, record: {
          elapsed: { repr: `0:${String(rng.int(0, 59)).padStart(2, '0')}:${rng.fixed(10, 59, 6)}`, seconds: rng.float(1, 3000, 6) },
          exception: tb ? { type: tb.type, value: tb.value, traceback: true } : null, extra: {}, file: { name: 'main.py', path: '/workspace/main.py' }, function: fn,
          level: { icon: { INFO: 'ℹ️', WARNING: '⚠️', ERROR: '❌' }[level], name: level, no }, line, message, module: 'main', name: 'main',
          process: { id: 1, name: 'MainProcess' }, thread: { id: 140_000_000_000_000 + rng.int(0, 999_999_999), name: 'MainThread' },
          time: { repr: loguruRepr(t), timestamp: epochMicros(t) },
        },
      },
    };
  }
  return { stream: 'stdout', json: { severity: level, message: tb ? `${message}\n${tb.text}` : message, 'logging.googleapis.com/trace': traceName(rng, PROJECT), module: 'main', function: fn, line } };
}

export const ingestLoguru: ServiceDef = {
  name: 'ingest-loguru', stack: 'Python 3.12, functions-framework 3.8 (Flask 3), loguru 0.7, google-cloud-storage 2.18, google-cloud-bigquery 3, Pub/Sub push', splitRate: 0.7,
  families: [
    {
      name: 'ingest-loguru:object-vanished', level: 'ERROR', perDay: [22, 55],
      emit: ({ rng, t, rev }) => {
        const obj = `drops/2026/12/06/${rng.lower(6)}-${rng.int(100, 999)}.csv`;
        const value = `404 GET https://storage.googleapis.com/download/storage/v1/b/marlpit-raw/o/${encodeURIComponent(obj)}?alt=media: No such object: marlpit-raw/${obj}`;
        return [loguru(rng, t, rev, 'ERROR', 'handle', 72, `object gs://marlpit-raw/${obj} vanished before load`, { type: 'NotFound', value, text: pyTraceback(LOADER_FRAMES, `google.api_core.exceptions.NotFound: ${value}`) })];
      },
    },
    {
      name: 'ingest-loguru:bq-insert-rejected', level: 'ERROR', perDay: [33, 77],
      emit: ({ rng, t, rev }) => [loguru(rng, t, rev, 'ERROR', 'write_rows', 97, `BigQuery insert_rows_json returned errors: [{'index': ${rng.int(0, 400)}, 'errors': [{'reason': 'invalid', 'location': 'amount', 'debugInfo': '', 'message': 'Cannot convert value to floating point (bad value): ${rng.pick(['n/a', '-', '1,20', 'NaN?'])}'}]}]`)],
    },
    {
      name: 'ingest-loguru:csv-not-utf8', level: 'ERROR', perDay: [13, 40],
      emit: ({ rng, t, rev }) => {
        const pos = rng.int(0, 4000);
        const value = `'utf-8' codec can't decode byte 0x${rng.pick(['ff', 'e9', 'a0', '92'])} in position ${pos}: invalid start byte`;
        return [loguru(rng, t, rev, 'ERROR', 'handle', 66, `parse failed for drops/${rng.lower(6)}.csv`, { type: 'UnicodeDecodeError', value, text: pyTraceback(PARSE_FRAMES, `UnicodeDecodeError: ${value}`) })];
      },
    },
    {
      name: 'ingest-loguru:push-envelope-keyerror', level: 'ERROR', perDay: [11, 33],
      emit: ({ t }) => [{ stream: 'stderr', text: `[${asctime(t)}] ERROR in app: Exception on / [POST]\n${pyTraceback(FLASK_FRAMES, "KeyError: 'message'")}` }],
    },
    {
      name: 'ingest-loguru:duplicate-delivery', level: 'WARNING', perDay: [330, 660],
      emit: ({ rng, t, rev }) => [loguru(rng, t, rev, 'WARNING', 'handle', 48, `duplicate delivery of message ${rng.int(10 ** 15, 10 ** 16 - 1)} ignored`)],
    },
    {
      name: 'noise:ingest-loguru:loaded', level: 'INFO', perDay: [168, 265],
      emit: ({ rng, t, rev }) => [loguru(rng, t, rev, 'INFO', 'write_rows', 104, `loaded ${rng.int(1, 5000)} rows into raw.events (errors=0)`)],
    },
  ],
};

