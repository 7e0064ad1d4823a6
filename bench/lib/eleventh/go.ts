// edge-kratos: Go 1.23, Kratos v2.8 (HTTP and gRPC transports), an etcd registry. The morning revision
// logs with Kratos's std logger (`LEVEL key=value ...` with `ts`, `caller`, `service.*`, `trace.id`,
// `span.id`, as go-kratos users paste it: project-kessel/relations-api#120), the later one with a JSON
// logger writing `severity` and the error of the logging middleware nested under `error` (Kratos's
// errors.Error: code, reason, message, metadata, cause). The server logging middleware writes no `msg`
// at all: `kind`, `component`, `operation`, `args`, `code`, `reason`, `stack`, `latency`; two operations
// failing with two errors behind that one shape are two problems. The recovery middleware logs
// `latency=... reason=<panic>: <request>` followed by the goroutine's stack.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { rfc3339 } from './clock.js';
import { familyOf } from './family.js';

const SERVICE = 'edge-kratos';
const fam = familyOf(SERVICE);
const ID = 'edge-6d9f7c8b54-x2kqp';

type Pairs = Array<[string, string | number]>;

function rec(ctx: Ctx, level: 'INFO' | 'WARN' | 'ERROR', caller: string, pairs: Pairs, error?: Record<string, unknown>): Write {
  const trace = ctx.rng.hex(32);
  const span = ctx.rng.hex(16);
  if (ctx.rev === 1) {
    const json: Record<string, unknown> = { severity: level === 'WARN' ? 'WARNING' : level, ts: rfc3339(ctx.t), caller, 'service.name': 'edge', 'service.version': 'v1.5.0', 'trace.id': trace, 'span.id': span };
    for (const [k, v] of pairs) if (!(error && k === 'stack')) json[k] = v;
    if (error) json.error = error;
    return { stream: 'stdout', json };
  }
  const head = `${level} ts=${rfc3339(ctx.t)} caller=${caller} service.id=${ID} service.name=edge service.version=v1.4.2 trace.id=${trace} span.id=${span}`;
  return { stream: 'stdout', text: `${head}${pairs.map(([k, v]) => ` ${k}=${v}`).join('')}` };
}

const server = (op: string, args: string, code: number, reason: string, stack: string, latency: string): Pairs =>
  [['kind', 'server'], ['component', 'http'], ['operation', op], ['args', args], ['code', code], ['reason', reason], ['stack', stack], ['latency', latency]];

const kratosError = (code: number, reason: string, message: string, cause: string): Record<string, unknown> => ({ code, reason, message, metadata: {}, cause });

export const edgeKratos: ServiceDef = {
  name: SERVICE,
  stack: 'Go 1.23, Kratos v2.8, etcd registry',
  splitRate: 0.7,
  families: [
    fam('served', 'INFO', [320, 520], (ctx) => [rec(ctx, 'INFO', 'logging/logging.go:46',
      server(ctx.rng.pick(['/edge.v1.Edge/GetQuote', '/edge.v1.Edge/ListOffers', '/edge.v1.Edge/Health']), `sku:"${ctx.rng.upperAlnum(2)}-${ctx.rng.int(100, 999)}"`, 0, '', '', ctx.rng.fixed(0.001, 0.09, 9)))]),
    fam('config-watch', 'INFO', [20, 40], (ctx) => [rec(ctx, 'INFO', 'log/helper.go:109', [['msg', `config watch: pricing.yaml unchanged, reload_errors=0 (${ctx.rng.int(1, 40)} keys)`]])]),
    // Two problems behind one record shape: GetQuote's pricing backend refusing, ListOffers timing out.
    fam('getquote-pricing-unavailable', 'ERROR', [10, 26], (ctx) => {
      const cause = `dial tcp 10.8.${ctx.rng.int(0, 3)}.${ctx.rng.int(2, 200)}:9000: connect: connection refused`;
      const err = kratosError(503, 'PRICING_UNAVAILABLE', 'pricing backend unavailable', cause);
      return [rec(ctx, 'ERROR', 'logging/logging.go:46', server('/edge.v1.Edge/GetQuote', `sku:"${ctx.rng.upperAlnum(2)}-${ctx.rng.int(100, 999)}"`, 503, 'PRICING_UNAVAILABLE',
        `error: code = 503 reason = PRICING_UNAVAILABLE message = pricing backend unavailable metadata = map[] cause = ${cause}`, ctx.rng.fixed(0.001, 0.02, 9)), err)];
    }, 0.3),
    fam('listoffers-deadline', 'ERROR', [6, 18], (ctx) => {
      const err = kratosError(504, '', 'context deadline exceeded', 'context deadline exceeded');
      return [rec(ctx, 'ERROR', 'logging/logging.go:46', server('/edge.v1.Edge/ListOffers', `region:"${ctx.rng.pick(['eu', 'us', 'apac'])}" limit:50`, 504, '',
        'error: code = 504 reason =  message = context deadline exceeded metadata = map[] cause = context deadline exceeded', ctx.rng.fixed(2, 2.1, 9)), err)];
    }),
    fam('panic-recovered', 'ERROR', [3, 9], (ctx) => {
      const g = ctx.rng.int(30, 900);
      const stack = `goroutine ${g} [running]:
github.com/go-kratos/kratos/v2/middleware/recovery.Recovery.func2.1.1()
\t/go/pkg/mod/github.com/go-kratos/kratos/v2@v2.8.2/middleware/recovery/recovery.go:57 +0x7c
panic({0x1a3c2e0?, 0xc000a4e318?})
\t/usr/local/go/src/runtime/panic.go:785 +0x132
edge/internal/service.(*EdgeService).ListOffers(0xc00021e1c0, {0x1f0a2b8, 0xc000b1e0f0}, 0xc000a4c2d0)
\t/src/internal/service/offers.go:88 +0x2a5
edge/api/edge/v1._Edge_ListOffers0_HTTP_Handler.func1.1({0x1f0a2b8?, 0xc000b1e0f0?}, {0x1b9d5a0?, 0xc000a4c2d0?})
\t/src/api/edge/v1/edge_http.pb.go:61 +0x4b`;
      const reason = `runtime error: index out of range [3] with length 3: region:"${ctx.rng.pick(['eu', 'us'])}" limit:50`;
      return [rec(ctx, 'ERROR', 'recovery/recovery.go:61', [['latency', ctx.rng.fixed(0.0005, 0.003, 9)], ['reason', `${reason}\n${stack}`]])];
    }),
    // Frequent and real: the registry watch keeps failing.
    fam('registry-watch-failed', 'WARNING', [70, 180], (ctx) => [rec(ctx, 'WARN', 'etcd/watcher.go:58',
      [['msg', `[registry] watch /microservices/pricing failed: etcdserver: request timed out, retrying in ${ctx.rng.int(1, 8)}s`]])]),
  ],
};
