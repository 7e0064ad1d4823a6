// The Go services: Ollama serving a model on a Cloud Run GPU, and a Connect RPC shop API on zap with an
// OpenTelemetry Collector sidecar in the same instance.
import type { Prng } from '../prng.js';
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { epochSeconds, ginTime, isoMillis, isoNanos } from './clock.js';
import { PROJECT, exitLine, fam, spanId, traceId } from './shared.js';

// ---- llm-ollama: Ollama 0.5 then 0.6 (slog's TextHandler with `source`, gin's request lines, the
// llama runner's own stderr).

const MODELS = ['gemma2:9b', 'llama3.1:8b', 'qwen2.5:14b'];
const blob = (rng: Prng): string => `/root/.ollama/models/blobs/sha256-${rng.hex(64)}`;
const slog = (t: number, level: string, source: string, msg: string, rest = ''): string => `time=${isoMillis(t)} level=${level} source=${source} msg=${msg.includes(' ') ? `"${msg}"` : msg}${rest ? ` ${rest}` : ''}`;
const latency = (rng: Prng, slow: boolean): string => (slow ? `${rng.fixed(1, 59, 6)}s` : `${rng.fixed(1, 999, 6)}ms`);
const gin = (t: number, rng: Prng, status: number, method: string, path: string, slow: boolean): string => `[GIN] ${ginTime(t)} | ${status} | ${latency(rng, slow).padStart(13)} | ${'169.254.1.1'.padStart(15)} | ${method.padEnd(7)}  "${path}"`;

const ginOk = fam('noise:llm-ollama:gin-200', 'INFO', [500, 800], ({ rng, t }) => [{
  stream: 'stdout', text: gin(t, rng, 200, 'POST', rng.pick(['/api/chat', '/api/generate', '/api/embed']), true),
}]);
const runnerStarted = fam('noise:llm-ollama:runner-started', 'INFO', [20, 40], ({ rng, t, rev }) => [{
  stream: 'stderr', text: slog(t, 'INFO', `server.go:${rev ? 619 : 596}`, `llama runner started in ${rng.fixed(3, 40, 2)} seconds`),
}]);
const vram = fam('noise:llm-ollama:vram', 'INFO', [30, 60], ({ rng, t }) => [{
  stream: 'stderr', text: slog(t, 'INFO', 'sched.go:730', 'new model will fit in available VRAM in single GPU, loading', `model=${blob(rng)} gpu=GPU-${rng.uuid()} parallel=4 available=${rng.int(20000, 23000)}000000 required="${rng.fixed(5, 12, 1)} GiB"`),
}]);

// ggml's allocation failure, the runner's panic, then the server's slog line: one failed model load.
const cudaOom = fam('llm-ollama:runner-cuda-oom', 'ERROR', [6, 14], ({ rng, t, rev }) => {
  const b = blob(rng);
  const mib = rng.fixed(9000, 21000, 2);
  const runner = rev ? 'runner/llamarunner/runner.go' : 'llama/runner/runner.go';
  return [
    { stream: 'stderr', text: [
      `ggml_backend_cuda_buffer_type_alloc_buffer: allocating ${mib} MiB on device 0: cudaMalloc failed: out of memory`,
      'llama_model_load: error loading model: unable to allocate CUDA0 buffer',
      'llama_load_model_from_file: failed to load model',
      `panic: unable to load model: ${b}`,
      '',
      `goroutine ${rng.int(5, 60)} [running]:`,
      `github.com/ollama/ollama/${rev ? 'runner/llamarunner' : 'llama/runner'}.(*Server).loadModel(0xc000${rng.hex(6)}, {0x${rng.int(20, 99)}, 0x0, 0x1, 0x0, {0x0, 0x0, 0x0}, 0xc000${rng.hex(6)}, 0x0}, ...)`,
      `\tgithub.com/ollama/ollama/${runner}:${rev ? 838 : 852} +0x3ad`,
      `created by github.com/ollama/ollama/${rev ? 'runner/llamarunner' : 'llama/runner'}.Execute in goroutine 1`,
      `\tgithub.com/ollama/ollama/${runner}:${rev ? 971 : 986} +0xd0d`,
    ].join('\n') },
    { stream: 'stderr', text: slog(t + 900_000, 'ERROR', 'sched.go:455', 'error loading llama server', 'error="llama runner process has terminated: error loading model: unable to allocate CUDA0 buffer"') },
    { stream: 'stdout', text: gin(t + 950_000, rng, 500, 'POST', '/api/chat', true), as: { family: 'llm-ollama:http-500', level: 'ERROR' } },
  ];
}, 0.2);

const runnerTimeout = fam('llm-ollama:runner-start-timeout', 'ERROR', [3, 8], ({ rng, t }) => [
  { stream: 'stderr', text: slog(t, 'ERROR', 'sched.go:455', 'error loading llama server', `error="timed out waiting for llama runner to start - progress ${rng.fixed(0, 1, 2)} - "`) },
  { stream: 'stdout', text: gin(t + 800_000, rng, 500, 'POST', '/api/generate', true), as: { family: 'llm-ollama:http-500', level: 'ERROR' } },
]);

const clientGone = fam('llm-ollama:client-closed-during-load', 'WARNING', [40, 90], ({ t, rev }) => [{
  stream: 'stderr', text: slog(t, 'WARN', `server.go:${rev ? 610 : 587}`, 'client connection closed before server finished loading, aborting load'),
}]);

const cudaIllegal = fam('llm-ollama:cuda-illegal-memory-access', 'ERROR', [2, 6], ({ rng, rev }) => {
  const src = rev ? '/go/src/github.com/ollama/ollama/ml/backend/ggml/ggml/src/ggml-cuda/ggml-cuda.cu' : '/go/src/github.com/ollama/ollama/llama/ggml-cuda/ggml-cuda.cu';
  return [
    { stream: 'stderr', text: [
      'CUDA error: an illegal memory access was encountered',
      `  current device: 0, in function ggml_backend_cuda_synchronize at ${src}:${rev ? 2461 : 2333}`,
      '  cudaStreamSynchronize(cuda_ctx->stream())',
      `${src}:${rev ? 75 : 96}: CUDA error`,
      'SIGABRT: abort',
      `PC=0x7f${rng.hex(10)} m=${rng.int(3, 12)} sigcode=18446744073709551610`,
      'signal arrived during cgo execution',
    ].join('\n') },
    exitLine('llm-ollama', 2),
  ];
});

export const llmOllama: ServiceDef = {
  name: 'llm-ollama', stack: 'Ollama 0.5 then 0.6 (Go, llama.cpp runner), one L4 GPU', splitRate: 0.7,
  families: [ginOk, runnerStarted, vram, cudaOom, runnerTimeout, clientGone, cudaIllegal],
};

// ---- shop-connect: connect-go on zap's production JSON, then zapdriver with the request's trace; the
// OpenTelemetry Collector (contrib) sidecar writing zap's console encoder to stderr.

interface ZapRecord { level: 'info' | 'warn' | 'error'; caller: string; fn: string; msg: string; fields: Record<string, unknown>; stack?: string[] }

function zapLine(c: Ctx, r: ZapRecord): Write {
  const { rng, t, rev } = c;
  const stacktrace = r.stack?.join('\n');
  if (rev === 0) {
    return { stream: 'stderr', json: { level: r.level, ts: epochSeconds(t), caller: r.caller, msg: r.msg, ...r.fields, ...(stacktrace ? { stacktrace } : {}) } };
  }
  const [file, line] = r.caller.split(':');
  return {
    stream: 'stderr',
    json: {
      severity: r.level === 'warn' ? 'WARNING' : r.level.toUpperCase(), timestamp: isoNanos(t), caller: r.caller, message: r.msg, ...r.fields,
      'logging.googleapis.com/sourceLocation': { file: `/src/internal/${file}`, line, function: r.fn },
      'logging.googleapis.com/trace': `projects/${PROJECT}/traces/${traceId(rng)}`, 'logging.googleapis.com/spanId': spanId(rng), 'logging.googleapis.com/trace_sampled': rng.chance(0.1),
      ...(stacktrace ? { stacktrace } : {}),
    },
  };
}

const goStack = (frames: ReadonlyArray<readonly [string, string]>): string[] => frames.flatMap(([fn, at]) => [fn, `\t${at}`]);
const connectFrames = (service: string, method: string): Array<readonly [string, string]> => [
  [`github.com/acme/shop/gen/shop/v1/shopv1connect.New${service}Handler.func${method === 'CreateOrder' ? 1 : 2}`, `/src/gen/shop/v1/shopv1connect/shop.connect.go:${method === 'CreateOrder' ? 214 : 388}`],
  ['connectrpc.com/connect.NewUnaryHandler[...].func1', '/go/pkg/mod/connectrpc.com/connect@v1.17.0/handler.go:52'],
  ['connectrpc.com/connect.(*Handler).ServeHTTP', '/go/pkg/mod/connectrpc.com/connect@v1.17.0/handler.go:241'],
];

const accessInfo = fam('noise:shop-connect:rpc-ok', 'INFO', [300, 500], (c) => [zapLine(c, {
  level: 'info', caller: 'server/interceptors.go:41', fn: 'github.com/acme/shop/internal/server.logInterceptor.func1', msg: 'rpc finished',
  fields: { procedure: c.rng.pick(['/shop.v1.CatalogService/ListProducts', '/shop.v1.OrderService/GetOrder', '/shop.v1.CartService/AddItem']), code: 'ok', duration: `${c.rng.fixed(1, 90, 3)}ms`, errors: 0 },
})]);

const duplicateOrder = fam('shop-connect:create-order-duplicate-key', 'ERROR', [15, 35], (c) => [zapLine(c, {
  level: 'error', caller: 'orders/service.go:142', fn: 'github.com/acme/shop/internal/orders.(*Service).CreateOrder', msg: 'create order failed',
  fields: { procedure: '/shop.v1.OrderService/CreateOrder', error: `insert order: ERROR: duplicate key value violates unique constraint "orders_idempotency_key_key" (SQLSTATE 23505)`, customer_id: c.rng.int(10000, 99999) },
  stack: goStack([['github.com/acme/shop/internal/orders.(*Service).CreateOrder', '/src/internal/orders/service.go:142'], ...connectFrames('OrderService', 'CreateOrder')]),
})]);

const inventoryDown = fam('shop-connect:reserve-stock-unavailable', 'ERROR', [10, 30], (c) => [zapLine(c, {
  level: 'error', caller: 'orders/reserve.go:58', fn: 'github.com/acme/shop/internal/orders.(*Service).reserve', msg: 'reserve stock failed',
  fields: { procedure: '/shop.v1.OrderService/CreateOrder', error: `unavailable: dial tcp ${c.rng.privateIpv4()}:8080: connect: connection refused`, sku: `SKU-${c.rng.upperAlnum(6)}` },
  stack: goStack([['github.com/acme/shop/internal/orders.(*Service).reserve', '/src/internal/orders/reserve.go:58'], ['github.com/acme/shop/internal/orders.(*Service).CreateOrder', '/src/internal/orders/service.go:131'], ...connectFrames('OrderService', 'CreateOrder')]),
})], 0.3);

const chargeDeadline = fam('shop-connect:charge-deadline-exceeded', 'ERROR', [8, 20], (c) => [zapLine(c, {
  level: 'error', caller: 'payments/client.go:97', fn: 'github.com/acme/shop/internal/payments.(*Client).Charge', msg: 'charge failed',
  fields: { procedure: '/shop.v1.CheckoutService/Pay', error: 'deadline_exceeded: context deadline exceeded', amount_cents: c.rng.int(500, 90000) },
  stack: goStack([['github.com/acme/shop/internal/payments.(*Client).Charge', '/src/internal/payments/client.go:97'], ['github.com/acme/shop/internal/checkout.(*Service).Pay', '/src/internal/checkout/service.go:77'], ...connectFrames('CheckoutService', 'Pay')]),
})]);

const slowQuery = fam('shop-connect:slow-query', 'WARNING', [60, 140], (c) => [zapLine(c, {
  level: 'warn', caller: 'db/trace.go:33', fn: 'github.com/acme/shop/internal/db.(*tracer).TraceQueryEnd', msg: 'slow query',
  fields: { sql: c.rng.pick(['SELECT id, sku, qty FROM stock WHERE sku = ANY($1) FOR UPDATE', 'SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 50']), elapsed: `${c.rng.fixed(1, 4, 3)}s`, rows: c.rng.int(0, 50) },
})]);

// The collector: zap's console encoder, tab-separated, the fields as JSON, the stack after.
const collectorFrames = (rev: 0 | 1): string => {
  const v = rev ? 'v0.116.0' : 'v0.113.0';
  return [
    'go.opentelemetry.io/collector/exporter/exporterhelper/internal.NewQueueSender.func1',
    `\tgo.opentelemetry.io/collector/exporter@${v}/exporterhelper/internal/queue_sender.go:${rev ? 101 : 92}`,
    'go.opentelemetry.io/collector/exporter/internal/queue.(*Consumers[...]).Start.func1',
    `\tgo.opentelemetry.io/collector/exporter@${v}/internal/queue/consumers.go:43`,
  ].join('\n');
};
const collectorTraces = fam('shop-connect:otel-traces-export-dropped', 'ERROR', [10, 25], ({ rng, t, rev }) => [{
  stream: 'stderr',
  text: `${isoMillis(t)}\terror\tinternal/queue_sender.go:${rev ? 101 : 92}\tExporting failed. Dropping data.\t{"kind": "exporter", "data_type": "traces", "name": "googlecloud", "error": "context deadline exceeded", "dropped_items": ${rng.pick([100, 200, 512])}}\n${collectorFrames(rev)}`,
}]);
const collectorMetrics = fam('shop-connect:otel-metrics-start-time-invalid', 'ERROR', [12, 30], ({ rng, t, rev }) => {
  const ts = isoMillis(t - rng.int(1, 9) * 1_000_000);
  const metric = rng.pick(['rpc_server_duration_milliseconds_count', 'http_server_request_duration_seconds_sum']);
  return [{
    stream: 'stderr',
    text: `${isoMillis(t)}\terror\tinternal/queue_sender.go:${rev ? 101 : 92}\tExporting failed. Dropping data.\t{"kind": "exporter", "data_type": "metrics", "name": "googlemanagedprometheus", "error": "rpc error: code = InvalidArgument desc = One or more TimeSeries could not be written: timeSeries[${rng.int(0, 90)}]: Field timeSeries[${rng.int(0, 90)}].points[0].interval.start_time had an invalid value of \\"${ts}\\": The start time must be before the end time (${ts}) for the non-gauge metric 'prometheus.googleapis.com/${metric}/unknown:counter'.\\nerror details: name = Unknown desc = total_point_count:${rng.int(90, 160)} success_point_count:${rng.int(80, 89)} errors:{status:{code:3} point_count:${rng.int(1, 4)}}", "dropped_items": ${rng.int(60, 150)}}\n${collectorFrames(rev)}`,
  }];
});
const collectorReady = fam('noise:shop-connect:collector-ready', 'INFO', [10, 30], ({ t, rev }) => [{
  stream: 'stderr', text: `${isoMillis(t)}\tinfo\tservice@${rev ? 'v0.116.0' : 'v0.113.0'}/service.go:${rev ? 261 : 239}\tEverything is ready. Begin running and processing data.`,
}]);

export const shopConnect: ServiceDef = {
  name: 'shop-connect', stack: 'Go 1.23, connect-go 1.17, pgx 5, zap then zapdriver; OpenTelemetry Collector contrib 0.113 then 0.116 sidecar', splitRate: 0.7,
  families: [accessInfo, duplicateOrder, inventoryDown, chargeDeadline, slowQuery, collectorTraces, collectorMetrics, collectorReady],
};
