// The Python services: a LiteLLM proxy, a FastAPI app under Granian, and a Huey consumer.
import type { ServiceDef, Write } from '../stranger/model.js';
import { asctime, isoNaive, timeOnly, zoned } from './clock.js';
import { exitLine, fam, pyTraceback, type PyFrame } from './shared.js';

const SP = '/usr/lib/python3.11/site-packages';

// LiteLLM's proxy: `%(asctime)s - %(name)s:%(levelname)s: %(filename)s:%(lineno)s - %(message)s` with a
// `%H:%M:%S` clock on the morning revision; JSON_LOGS=True after (`message`, `level`, `timestamp`,
// `stacktrace`), no `severity` field, so no entry severity.
const LITELLM = 'llm-litellm';
function litellmLine(t: number, rev: 0 | 1, name: string, level: string, where: string, msg: string, trace?: string): Write {
  if (rev === 0) return { stream: 'stderr', text: `${timeOnly(t)} - ${name}:${level}: ${where} - ${msg}${trace ? `\n${trace}` : ''}` };
  const json: Record<string, unknown> = { message: msg, level, timestamp: isoNaive(t) };
  if (trace) json.stacktrace = trace;
  return { stream: 'stdout', json };
}
const llmFrames: PyFrame[] = [
  [`${SP}/litellm/proxy/proxy_server.py`, 3588, 'chat_completion', 'responses = await llm_responses'],
  [`${SP}/litellm/router.py`, 828, 'acompletion', 'raise e'],
  [`${SP}/litellm/router.py`, 3081, 'async_function_with_fallbacks', 'raise original_exception'],
  [`${SP}/litellm/main.py`, 477, 'acompletion', 'raise exception_type('],
  [`${SP}/litellm/litellm_core_utils/exception_mapping_utils.py`, 2190, 'exception_type', 'raise e'],
];
export const llmLitellm: ServiceDef = {
  name: LITELLM, stack: 'LiteLLM proxy 1.55 then 1.57 (Python 3.11, uvicorn), Vertex AI Gemini and a self-hosted Ollama', splitRate: 0.7,
  families: [
    fam(`${LITELLM}:vertex-rate-limit`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
      const msg = `litellm.RateLimitError: litellm.RateLimitError: VertexAIException - {\n  "error": {\n    "code": 429,\n    "message": "Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.",\n    "status": "RESOURCE_EXHAUSTED"\n  }\n}\nReceived Model Group=gemini-1.5-pro\nAvailable Model Group Fallbacks=None LiteLLM Retried: ${rng.int(1, 3)} times, LiteLLM Max Retries: 3`;
      const head = `litellm.proxy.proxy_server.chat_completion(): Exception occured - ${msg.split('\n')[0]}`;
      return [litellmLine(t, rev, 'LiteLLM Proxy', 'ERROR', 'proxy_server.py:3649', `${head}\n${msg.split('\n').slice(1).join('\n')}`, pyTraceback(llmFrames, msg))];
    }, 0.3),
    fam(`${LITELLM}:ollama-connection`, 'ERROR', [8, 20], ({ t, rev }) => {
      const msg = `litellm.APIConnectionError: OllamaException - Cannot connect to host ollama-gpu-internal:11434 ssl:default [Connect call failed ('10.8.0.7', 11434)]. Received Model Group=llama3.1-8b`;
      return [litellmLine(t, rev, 'LiteLLM Proxy', 'ERROR', 'proxy_server.py:3649', `litellm.proxy.proxy_server.chat_completion(): Exception occured - ${msg}`, pyTraceback(llmFrames, msg))];
    }),
    fam(`${LITELLM}:budget-exceeded`, 'ERROR', [10, 30], ({ rng, t, rev }) => {
      const spend = rng.float(50.01, 58, 4);
      return [litellmLine(t, rev, 'LiteLLM Proxy', 'ERROR', 'auth_checks.py:262', `user_api_key_auth(): Exception occured - ExceededBudget: User=${rng.hex(8)} over budget. Spend=${spend}, Budget=50.0`)];
    }),
    fam(`${LITELLM}:router-cooldown`, 'WARNING', [60, 140], ({ rng, t, rev }) => [litellmLine(t, rev, 'LiteLLM Router', 'WARNING', 'cooldown_handlers.py:259', `Cooling down deployment id=${rng.hex(12)} for 5 seconds, exceptions=1, fails=${rng.int(1, 4)}`)]),
    fam(`noise:${LITELLM}:router-ok`, 'INFO', [450, 700], ({ rng, t, rev }) => [litellmLine(t, rev, 'LiteLLM Router', 'INFO', 'router.py:949', `litellm.acompletion(model=vertex_ai/gemini-1.5-pro-002) 200 OK`), ...(rng.chance(0.2) ? [litellmLine(t + 5, rev, 'LiteLLM Proxy', 'INFO', 'proxy_server.py:2890', 'spend logs written (errors=0)')] : [])]),
  ],
};

// A FastAPI app under Granian: Granian's own `[LEVEL] msg` lines, the app's logger.exception through an
// exception handler in the same write as its traceback; the morning revision uses Granian's default
// `[%(levelname)s] %(message)s`, the later one a --log-config with a timestamp and the pid.
const GRANIAN = 'api-granian';
const gr = (t: number, rev: 0 | 1, pid: number, level: string, msg: string): string => (rev === 0 ? `[${level}] ${msg}` : `[${zoned(t)}] [${pid}] [${level}] ${msg}`);
const AP = '/app/.venv/lib/python3.12/site-packages';
export const apiGranian: ServiceDef = {
  name: GRANIAN, stack: 'Python 3.12, FastAPI 0.115 under Granian 1.6 then 1.7, SQLModel on psycopg 3, httpx 0.28', splitRate: 0.7,
  families: [
    fam(`${GRANIAN}:signup-unique`, 'ERROR', [15, 40], ({ rng, t, rev }) => {
      const email = `${rng.lower(6)}@example.org`;
      const tb = pyTraceback([
        [`${AP}/sqlalchemy/engine/base.py`, 1967, '_exec_single_context', 'self.dialect.do_execute('],
        [`${AP}/sqlalchemy/engine/default.py`, 941, 'do_execute', 'cursor.execute(statement, parameters)'],
        [`${AP}/psycopg/cursor.py`, 97, 'execute', 'raise ex.with_traceback(None)'],
      ], `sqlalchemy.exc.IntegrityError: (psycopg.errors.UniqueViolation) duplicate key value violates unique constraint "user_email_key"\nDETAIL:  Key (email)=(${email}) already exists.\n[SQL: INSERT INTO "user" (email, name, created_at) VALUES (%(email)s::VARCHAR, %(name)s::VARCHAR, %(created_at)s::TIMESTAMP WITHOUT TIME ZONE) RETURNING "user".id]\n(Background on this error at: https://sqlalche.me/e/20/gkpj)`);
      return [{ stream: 'stderr', text: `${gr(t, rev, rng.int(7, 9), 'ERROR', 'unhandled error on POST /v1/signup')}\n${tb}` }];
    }),
    fam(`${GRANIAN}:quotes-timeout`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
      const tb = pyTraceback([
        ['/app/api/routes/quotes.py', 41, 'get_quotes', 'r = await client.get(f"{PRICING_URL}/v2/quotes", params=params)'],
        [`${AP}/httpx/_client.py`, 1814, 'get', 'return await self.request('],
        [`${AP}/httpx/_transports/default.py`, 117, 'map_httpcore_exceptions', 'raise mapped_exc(message) from exc'],
      ], 'httpx.ReadTimeout');
      return [{ stream: 'stderr', text: `${gr(t, rev, rng.int(7, 9), 'ERROR', `unhandled error on GET /v1/quotes/${rng.upperAlnum(4)}`)}\n${tb}` }];
    }, 0.25),
    fam(`${GRANIAN}:ws-callable`, 'WARNING', [60, 150], ({ rng, t, rev }) => [{ stream: 'stderr', text: gr(t, rev, rng.int(7, 9), 'WARNING', 'Application callable raised an exception') }]),
    fam(`${GRANIAN}:worker-crash`, 'ERROR', [1, 3], ({ rng, t, rev }) => {
      const pid = rng.int(7, 9);
      const tb = pyTraceback([
        [`${AP}/granian/_internal.py`, 60, 'load_target', 'module = importlib.import_module(path)'],
        ['/app/api/main.py', 12, '<module>', 'from api.settings import settings'],
        ['/app/api/settings.py', 30, '<module>', 'settings = Settings()'],
        [`${AP}/pydantic_settings/main.py`, 171, '__init__', 'super().__init__('],
      ], 'pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings\ndatabase_url\n  Field required [type=missing, input_value={}, input_type=dict]\n    For further information visit https://errors.pydantic.dev/2.10/v/missing');
      return [{ stream: 'stderr', text: tb }, { stream: 'stderr', text: gr(t + 900, rev, 1, 'ERROR', `Unexpected exit from worker-1 (pid: ${pid})`) }, exitLine(GRANIAN, 1)];
    }),
    fam(`noise:${GRANIAN}:lifecycle`, 'INFO', [10, 30], ({ rng, t, rev }) => [{ stream: 'stderr', text: rng.pick([gr(t, rev, 1, 'INFO', 'Starting granian (main PID: 1)'), gr(t, rev, 1, 'INFO', 'Listening at: http://0.0.0.0:8080'), gr(t, rev, 1, 'INFO', `Spawning worker-1 with pid: ${rng.int(7, 9)}`)]) }]),
    fam(`noise:${GRANIAN}:app-info`, 'INFO', [500, 800], ({ rng, t, rev }) => [{ stream: 'stdout', text: gr(t, rev, rng.int(7, 9), 'INFO', rng.pick([`quote cache refreshed: ${rng.int(100, 900)} symbols, errors=0`, `signup ok user_id=${rng.int(10000, 99999)}`, `GET /v1/quotes served from cache in ${rng.int(1, 30)}ms`])) }]),
  ],
};

// Huey's consumer: `[%(asctime)s] %(levelname)s:%(name)s:%(threadName)s:%(message)s`, the task's
// traceback in the same write (the `huey` logger's logger.exception for a task, `huey.consumer.Worker`'s
// for the queue); send_receipt retries, and its re-enqueue line is chatter. No formatter change here.
const HUEY = 'jobs-huey';
const hl = (t: number, level: string, thread: string, msg: string, logger = 'huey'): string => `[${asctime(t)}] ${level}:${logger}:${thread}:${msg}`;
const HP = '/usr/local/lib/python3.12/site-packages';
export const jobsHuey: ServiceDef = {
  name: HUEY, stack: 'Python 3.12, huey 2.5 consumer (thread workers) on Redis (Memorystore), boto3-free Cloud Storage through google-cloud-storage 2.18, Pillow 11', splitRate: 0.7,
  families: [
    fam(`${HUEY}:thumbnail-not-found`, 'ERROR', [15, 35], ({ rng, t }) => {
      const id = rng.uuid();
      const obj = `uploads/${rng.hex(8)}.jpg`;
      const tb = pyTraceback([
        [`${HP}/huey/api.py`, 414, '_execute', 'task_value = task.execute()'],
        [`${HP}/huey/api.py`, 835, 'execute', 'return func(*args, **kwargs)'],
        ['/srv/jobs/tasks.py', 58, 'make_thumbnail', 'data = bucket.blob(name).download_as_bytes()'],
        [`${HP}/google/cloud/storage/blob.py`, 1483, 'download_as_bytes', '_raise_from_invalid_response(exc)'],
      ], `google.api_core.exceptions.NotFound: 404 GET https://storage.googleapis.com/download/storage/v1/b/wren-uploads/o/${encodeURIComponent(obj)}?alt=media: No such object: wren-uploads/${obj}`);
      return [{ stream: 'stderr', text: `${hl(t, 'ERROR', `Worker-${rng.int(1, 4)}`, `Unhandled exception in task ${id}.`)}\n${tb}` }];
    }),
    fam(`${HUEY}:receipt-smtp`, 'ERROR', [10, 25], ({ rng, t }) => {
      const id = rng.uuid();
      const tb = pyTraceback([
        [`${HP}/huey/api.py`, 414, '_execute', 'task_value = task.execute()'],
        ['/srv/jobs/tasks.py', 91, 'send_receipt', 'smtp.send_message(msg)'],
        ['/usr/local/lib/python3.12/smtplib.py', 986, 'send_message', 'return self.sendmail(from_addr, to_addrs, flatmsg, mail_options,'],
        ['/usr/local/lib/python3.12/smtplib.py', 887, 'sendmail', 'raise SMTPSenderRefused(code, resp, from_addr)'],
      ], `smtplib.SMTPSenderRefused: (451, b'4.4.2 Timeout waiting for data from client.', 'receipts@wren.example')`);
      return [
        { stream: 'stderr', text: `${hl(t, 'ERROR', `Worker-${rng.int(1, 4)}`, `Unhandled exception in task ${id}.`)}\n${tb}` },
        { stream: 'stderr', text: hl(t + 200, 'INFO', `Worker-${rng.int(1, 4)}`, `Re-enqueueing task ${id}, 2 remaining retries.`), as: { family: `noise:${HUEY}:retry`, level: 'INFO' } },
      ];
    }),
    fam(`${HUEY}:redis-connection`, 'ERROR', [2, 6], ({ rng, t }) => {
      const tb = pyTraceback([
        [`${HP}/huey/consumer.py`, 106, 'loop', 'task = self.huey.dequeue()'],
        [`${HP}/huey/api.py`, 297, 'dequeue', 'data = self.storage.dequeue()'],
        [`${HP}/huey/storage.py`, 407, 'dequeue', 'return self.conn.brpop(self.queue_key, timeout=self.read_timeout)[1]'],
        [`${HP}/redis/connection.py`, 363, 'connect', 'raise ConnectionError(self._error_message(e))'],
      ], 'redis.exceptions.ConnectionError: Error 111 connecting to 10.31.0.4:6379. Connection refused.');
      return [{ stream: 'stderr', text: `${hl(t, 'ERROR', `Worker-${rng.int(1, 4)}`, 'Error reading from queue', 'huey.consumer.Worker')}\n${tb}` }];
    }, 0.6),
    fam(`${HUEY}:task-expired`, 'WARNING', [40, 110], ({ rng, t }) => [{ stream: 'stderr', text: hl(t, 'WARNING', `Worker-${rng.int(1, 4)}`, `Task ${rng.uuid()} expired and will not be run.`) }]),
    fam(`noise:${HUEY}:executed`, 'INFO', [450, 650], ({ rng, t }) => {
      const id = rng.uuid();
      const task = rng.pick(['jobs.tasks.make_thumbnail', 'jobs.tasks.send_receipt', 'jobs.tasks.reindex_product']);
      return [{ stream: 'stderr', text: hl(t, 'INFO', `Worker-${rng.int(1, 4)}`, `Executing ${task}: ${id}`) }, { stream: 'stderr', text: hl(t + rng.int(1000, 90000), 'INFO', `Worker-${rng.int(1, 4)}`, `${task}: ${id} executed in ${rng.fixed(0.01, 3, 3)}s`) }];
    }),
    fam(`noise:${HUEY}:stats`, 'INFO', [40, 96], ({ rng, t }) => [{ stream: 'stderr', text: hl(t, 'INFO', 'MainThread', `queue depth=${rng.int(0, 40)} scheduled=${rng.int(0, 9)} errors=0`) }]),
  ],
};

