// inference: a Python 3.11 model server (gunicorn + FastAPI) logging through structlog's JSON
// renderer and python-json-logger, with plain tracebacks on stderr from worker crashes.
import type { Family, Payload, Tools } from './spec.js';
import { asctime, iso } from './spec.js';

const SERVICE = 'inference';
const MODELS = ['llama-3-8b-instruct', 'whisper-large-v3', 'bge-m3', 'mistral-7b-v0.3', 'sdxl-turbo'];
const REGIONS = ['us-central1', 'europe-west4', 'asia-northeast1', 'us-east5'];

function structlog(t: Tools, severity: string, event: string, extra: Record<string, unknown> = {}): Payload {
  return { stream: 'stdout', severity, jsonPayload: { event, level: severity.toLowerCase(), logger: 'inference.server', timestamp: iso(t.time), ...extra } };
}

function jsonLogger(t: Tools, severity: string, message: string, extra: Record<string, unknown> = {}): Payload {
  return { stream: 'stdout', severity, jsonPayload: { message, levelname: severity, name: 'inference.batch', asctime: asctime(t.time), ...extra } };
}

const SITE = '/usr/local/lib/python3.11/site-packages';

function frame(file: string, line: number, fn: string, code: string): string {
  return `  File "${file}", line ${line}, in ${fn}\n    ${code}`;
}

function traceback(frames: string[], last: string): string {
  return ['Traceback (most recent call last):', ...frames, last].join('\n');
}

export const inference: Family[] = [
  {
    name: 'py-model-oom', service: SERVICE, count: 28,
    emit: (t) => {
      const tried = t.rng.fixed(0.5, 4, 2);
      return structlog(t, 'ERROR', 'model load failed', {
        model: t.rng.pick(MODELS),
        exc_info: traceback([
          frame('/app/inference/loader.py', 41, 'load', 'weights = torch.load(path, map_location=device)'),
          frame(`${SITE}/torch/serialization.py`, 1025, 'load', 'return _load(opened_zipfile, map_location, pickle_module, **pickle_load_args)'),
        ], `torch.OutOfMemoryError: CUDA out of memory. Tried to allocate ${tried} GiB. GPU 0 has a total capacity of 22.05 GiB of which ${t.rng.fixed(0.1, 1, 2)} GiB is free.`),
      });
    },
  },
  {
    // A chained traceback: the KeyError raised while handling, the ValueError on top.
    name: 'py-payload-chained', service: SERVICE, count: 44,
    emit: (t) => {
      const key = t.rng.pick(['prompt', 'input', 'messages']);
      return {
        stream: 'stderr', severity: 'ERROR',
        textPayload: [
          'Traceback (most recent call last):',
          frame('/app/inference/schema.py', 58, 'parse_request', `text = body["${key}"]`),
          `KeyError: '${key}'`,
          '',
          'During handling of the above exception, another exception occurred:',
          '',
          'Traceback (most recent call last):',
          frame(`${SITE}/starlette/middleware/errors.py`, 165, '__call__', 'await self.app(scope, receive, _send)'),
          frame('/app/inference/api.py', 112, 'predict', 'req = parse_request(await request.json())'),
          frame('/app/inference/schema.py', 61, 'parse_request', 'raise ValueError(f"invalid payload: missing {exc}") '),
          `ValueError: invalid payload: missing '${key}'`,
        ].join('\n'),
      };
    },
  },
  {
    name: 'py-int-parse-preprocess', service: SERVICE, count: 33,
    emit: (t) => structlog(t, 'ERROR', 'preprocessing failed', {
      request_id: t.rng.uuid(),
      exc_info: traceback([
        frame('/app/inference/api.py', 98, 'predict', 'features = preprocess(payload)'),
        frame('/app/inference/preprocess.py', 23, 'parse_int', 'return int(raw)'),
      ], `ValueError: invalid literal for int() with base 10: '${t.rng.pick(['abc', '12.5', 'NaN', ''])}'`),
    }),
  },
  {
    // The same exception type and message shape, raised in the configuration reader: another bug.
    name: 'py-int-parse-config', service: SERVICE, count: 8,
    emit: (t) => structlog(t, 'CRITICAL', 'startup aborted', {
      exc_info: traceback([
        frame('/app/inference/main.py', 12, '<module>', 'settings = Settings.from_env()'),
        frame('/app/inference/config.py', 47, 'from_env', 'batch = int(os.environ["MAX_BATCH"])'),
      ], `ValueError: invalid literal for int() with base 10: '${t.rng.pick(['sixteen', '16k'])}'`),
    }),
  },
  {
    name: 'py-missing-field', service: SERVICE, count: 52,
    emit: (t) => structlog(t, 'ERROR', 'request validation crashed', {
      exc_info: traceback([
        frame('/app/inference/api.py', 77, 'generate', 'opts = validate(body)'),
        frame('/app/inference/handlers.py', 31, 'validate', 'limit = body[name]'),
      ], `KeyError: '${t.rng.pick(['max_tokens', 'temperature', 'top_p', 'stop'])}'`),
    }),
  },
  {
    name: 'py-rate-limited', service: SERVICE, count: 90,
    emit: (t) => jsonLogger(t, 'WARNING', `Rate limit hit for model ${t.rng.pick(MODELS)} in region ${t.rng.pick(REGIONS)}; retry in ${t.rng.pick(['1.5s', '250ms', '3s', '0.8s'])}`),
  },
  {
    name: 'py-vertex-quota', service: SERVICE, count: 24,
    emit: (t) => structlog(t, 'ERROR', 'generation failed', {
      exc_info: traceback([
        frame('/app/inference/vertex.py', 66, 'generate', 'resp = model.generate_content(parts)'),
        frame(`${SITE}/google/api_core/grpc_helpers.py`, 78, 'error_remapped_callable', 'raise exceptions.from_grpc_error(exc) from exc'),
      ], `google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model with base model: ${t.rng.pick(['gemini-1.5-pro', 'gemini-1.5-flash'])}. Please submit a quota increase request.`),
    }),
  },
  {
    // Enum-like state from one format string: the same event whatever state it ended in.
    name: 'py-batch-job-ended', service: SERVICE, count: 20,
    emit: (t) => jsonLogger(t, 'NOTICE', `batch job projects/acme-ml/locations/${t.rng.pick(REGIONS)}/batchPredictionJobs/${t.rng.int(1e9, 9e9)} finished with state=${t.rng.pick(['JOB_STATE_FAILED', 'JOB_STATE_CANCELLED', 'JOB_STATE_EXPIRED'])} after ${t.rng.pick(['00:12:31.5', '01:02:03', '0:00:45.120000'])}`),
  },
  {
    name: 'py-feature-miss', service: SERVICE, count: 36,
    emit: (t) => {
      const names = ['age', 'country', 'ltv_30d', 'sessions_7d', 'plan', 'churn_score'];
      const n = t.rng.int(1, 4);
      return jsonLogger(t, 'WARNING', `feature vector incomplete for entity user:${t.rng.int(10000, 99999)}: missing ${JSON.stringify(names.slice(0, n))}`);
    },
  },
  {
    name: 'py-worker-timeout', service: SERVICE, count: 14,
    emit: (t) => ({ stream: 'stderr', severity: 'CRITICAL', textPayload: `[${asctime(t.time).slice(0, 19)} +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:${t.rng.int(7, 300)})` }),
  },
  {
    name: 'py-worker-sigkill', service: SERVICE, count: 11,
    emit: (t) => ({ stream: 'stderr', severity: 'ERROR', textPayload: `[${asctime(t.time).slice(0, 19)} +0000] [1] [ERROR] Worker (pid:${t.rng.int(7, 300)}) was sent SIGKILL! Perhaps out of memory?` }),
  },
  {
    name: 'py-git-clone', service: SERVICE, count: 6,
    emit: (t) => jsonLogger(t, 'ERROR', `model sync failed: git clone https://${t.plant.secret(`ghp_${t.rng.alnum(36)}`)}@github.com/acme/${t.rng.pick(['adapters', 'prompts'])}.git exited with status 128`),
  },
  {
    name: 'py-task-retry', service: SERVICE, count: 42,
    emit: (t) => ({
      stream: 'stderr', severity: 'WARNING',
      textPayload: `[${asctime(t.time)}: WARNING/ForkPoolWorker-${t.rng.int(1, 8)}] Task inference.tasks.embed[${t.rng.uuid()}] retry: Retry in ${t.rng.pick([10, 30, 60])}s: ConnectionError('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))`,
    }),
  },
  {
    name: 'py-noise-predict', service: SERVICE, count: 500, noise: true,
    emit: (t) => structlog(t, 'INFO', 'prediction served', { model: t.rng.pick(MODELS), latency_ms: t.rng.int(20, 3000), tokens: t.rng.int(1, 4096) }),
  },
  {
    name: 'py-noise-access', service: SERVICE, count: 400, noise: true,
    emit: (t) => ({ stream: 'stdout', severity: 'INFO', textPayload: `INFO:     169.254.1.1:${t.rng.int(30000, 60000)} - "POST /v1/generate HTTP/1.1" 200 OK` }),
  },
];
