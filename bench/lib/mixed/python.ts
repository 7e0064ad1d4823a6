// `ml-fastapi`: FastAPI on uvicorn, Python 3.12. uvicorn's own `ERROR:    Exception in ASGI application`
// + traceback and its access lines (at INFO, whatever the status); the application logs through loguru's
// default sink on the morning revision and through google-cloud-logging's StructuredLogHandler (JSON with
// `severity`, `logging.googleapis.com/sourceLocation`, `logging.googleapis.com/labels`) after the rollout;
// a NOTICE written as a bare JSON line with `severity`.
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { loguruTime, traceName } from './text.js';
import { PROJECT } from './project.js';

const SITE = '/usr/local/lib/python3.12/site-packages';

/** [file, line, function, source] */
type Frame = readonly [string, number, string, string];

/** CPython 3.12's traceback, with `^^^^` under the failing call when it is not the whole line. */
function traceback(frames: readonly Frame[], last: string): string {
  const out = ['Traceback (most recent call last):'];
  for (const [file, line, fn, code] of frames) {
    out.push(`  File "${file}", line ${line}, in ${fn}`);
    out.push(`    ${code}`);
    // 3.11+ marks the failing expression, but not when it is the whole line.
    const start = code.indexOf(' = ') > 0 ? code.indexOf(' = ') + 3 : 0;
    if (start > 0 && code.includes('(')) {
      out.push(`    ${' '.repeat(start)}${'^'.repeat(Math.max(1, code.length - start))}`);
    }
  }
  out.push(last);
  return out.join('\n');
}

// Source: uvicorn's default log format `%(levelprefix)s %(message)s` (`ERROR:    ` padded to 9) and its
// ASGI exception message, as pasted in fastapi/fastapi#2147, tadata-org/fastapi_mcp#70.
const UVICORN_HEAD: readonly Frame[] = [
  [`${SITE}/uvicorn/protocols/http/httptools_impl.py`, 409, 'run_asgi', 'result = await app(  # type: ignore[func-returns-value]'],
  [`${SITE}/uvicorn/middleware/proxy_headers.py`, 60, '__call__', 'return await self.app(scope, receive, send)'],
  [`${SITE}/fastapi/applications.py`, 1054, '__call__', 'await super().__call__(scope, receive, send)'],
  [`${SITE}/starlette/middleware/errors.py`, 187, '__call__', 'raise exc'],
  [`${SITE}/starlette/routing.py`, 73, 'app', 'response = await f(request)'],
  [`${SITE}/fastapi/routing.py`, 301, 'app', 'raw_response = await run_endpoint_function('],
];

const channels: Family = {
  name: 'ml-fastapi:image-channels-mismatch', level: 'ERROR', perDay: [20, 60],
  emit(ctx) {
    const { rng } = ctx;
    const got = rng.pick([1, 2, 4]);
    const tb = traceback([...UVICORN_HEAD,
      ['/app/app/main.py', 44, 'predict', 'tensor = preprocess(await file.read())'],
      ['/app/app/preprocess.py', 27, 'preprocess', 'raise ValueError(f"Input image has {arr.shape[2]} channels, expected 3")'],
    ], `ValueError: Input image has ${got} channels, expected 3`);
    return [{ stream: 'stderr', text: `ERROR:    Exception in ASGI application\n${tb}` }];
  },
};

// Source: loguru's default format `{time:YYYY-MM-DD HH:mm:ss.SSS} | {level: <8} | {name}:{function}:{line} - {message}`
// (https://loguru.readthedocs.io/en/stable/api/logger.html#sink); google-cloud-logging's
// StructuredLogHandler (https://cloud.google.com/python/docs/reference/logging/latest/handlers-structured-log).
function appLog(ctx: Ctx, level: 'INFO' | 'WARNING' | 'ERROR', where: [string, string, number], msg: string, exc?: string): Write {
  const [mod, fn, line] = where;
  if (ctx.rev === 0) {
    return { stream: 'stderr', text: `${loguruTime(ctx.t)} | ${level.padEnd(8)} | ${mod}:${fn}:${line} - ${msg}${exc === undefined ? '' : `\n${exc}`}` };
  }
  const json: Record<string, unknown> = {
    message: exc === undefined ? msg : `${msg}\n${exc}`, severity: level,
    'logging.googleapis.com/labels': { python_logger: mod },
    'logging.googleapis.com/trace': ctx.rng.chance(0.8) ? traceName(ctx.rng, PROJECT) : '',
    'logging.googleapis.com/spanId': ctx.rng.hex(16),
    'logging.googleapis.com/trace_sampled': false,
    'logging.googleapis.com/sourceLocation': { line, file: `/app/${mod.replace(/\./g, '/')}.py`, function: fn },
  };
  return { stream: 'stdout', json };
}

const onnxDims: Family = {
  name: 'ml-fastapi:onnx-invalid-dimensions', level: 'ERROR', perDay: [15, 50], burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    const model = rng.pick(['resnet50-v3', 'resnet50-v4']);
    const idx = rng.int(1, 3);
    const exc = traceback([
      ['/app/app/model.py', 86, 'predict', 'out = self.session.run(None, {"input": batch})'],
      [`${SITE}/onnxruntime/capi/onnxruntime_inference_collection.py`, 266, 'run', 'return self._sess.run(output_names, input_feed, run_options)'],
    ], `onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Got invalid dimensions for input: input for the following indices\n index: ${idx} Got: ${rng.pick([160, 256, 512])} Expected: 224\n Please fix either the inputs or the model.`);
    return [appLog(ctx, 'ERROR', ['app.model', 'predict', 88], `Inference failed for model ${model} (batch of ${rng.int(1, 32)})`, exc)];
  },
};

const queueHigh: Family = {
  name: 'ml-fastapi:batch-queue-near-capacity', level: 'WARNING', perDay: [50, 140],
  emit(ctx) {
    const n = ctx.rng.int(850, 1000);
    return [appLog(ctx, 'WARNING', ['app.batcher', 'enqueue', 40], `Batch queue at ${Math.floor(n / 10)}% capacity (${n}/1000)`)];
  },
};

const modelForbidden: Family = {
  name: 'ml-fastapi:model-download-forbidden', level: 'ERROR', perDay: [2, 6],
  emit(ctx) {
    const model = ctx.rng.pick(['resnet50-v3', 'resnet50-v4']);
    const tb = traceback([
      [`${SITE}/starlette/routing.py`, 693, 'lifespan', 'async with self.lifespan_context(app) as maybe_state:'],
      ['/app/app/main.py', 21, 'lifespan', 'app.state.model = load_model(settings.model_uri)'],
      ['/app/app/model.py', 31, 'load_model', 'blob.download_to_filename(path)'],
      [`${SITE}/google/cloud/storage/blob.py`, 4398, '_prep_and_do_download', '_raise_from_invalid_response(exc)'],
    ], `google.api_core.exceptions.Forbidden: 403 GET https://storage.googleapis.com/download/storage/v1/b/acme-models/o/${model}.onnx?alt=media: ml-fastapi@${PROJECT}.iam.gserviceaccount.com does not have storage.objects.get access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on resource (or it may not exist).: ('Request failed with status code', 403, 'Expected one of', <HTTPStatus.OK: 200>, <HTTPStatus.PARTIAL_CONTENT: 206>)`);
    return [
      { stream: 'stderr', text: `ERROR:    ${tb}` },
      { stream: 'stderr', text: 'ERROR:    Application startup failed. Exiting.', as: { family: 'ml-fastapi:startup-failed', level: 'ERROR' } },
    ];
  },
};

const cacheNotice: Family = {
  name: 'ml-fastapi:model-cache-evicted', level: 'NOTICE', perDay: [10, 30],
  emit(ctx) {
    return [{ stream: 'stdout', json: { severity: 'NOTICE', message: `Evicted ${ctx.rng.int(1, 6)} models from the cache to stay under the memory budget (${ctx.rng.int(1500, 1990)} MiB in use)` } }];
  },
};

const mlInfo: Family = {
  name: 'noise:ml-fastapi:chatter', level: 'INFO', perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    const status = rng.pick(['200 OK', '200 OK', '200 OK', '422 Unprocessable Entity', '500 Internal Server Error']);
    return [rng.pick<Write>([
      { stream: 'stdout', text: `INFO:     169.254.169.126:${rng.int(30000, 60999)} - "POST /predict HTTP/1.1" ${status}` },
      appLog(ctx, 'INFO', ['app.batcher', 'flush', 63], `Flushed batch of ${rng.int(1, 32)} in ${rng.int(5, 400)} ms (errors=0, retries=0)`),
    ])];
  },
};

export const mlFastapi: ServiceDef = {
  name: 'ml-fastapi', stack: 'Python 3.12, FastAPI, uvicorn, loguru then google-cloud-logging', splitRate: 0.75,
  families: [channels, onnxDims, queueHigh, modelForbidden, cacheNotice, mlInfo],
};
