// The day's Go service: a go-zero REST API on logx's JSON encoding, then its plain encoding.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoOffset } from './clock.js';
import { digits, fam, UA } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// api-gozero: Go 1.23, go-zero 1.7 (`rest` server as goctl generates it, its default middlewares:
// tracing, the access log, adaptive shedding at 90% CPU, a breaker in front of sqlx), sqlx on
// go-sql-driver/mysql 1.8 to Cloud SQL for MySQL 8. logx writes to stdout; morning revision: the
// default `Encoding: json` (`@timestamp`, `caller`, `content`, `duration`, `level`, `span`, `trace`,
// keys sorted; `trace` and `span` only for records written with a request's context). From the
// rollout `Encoding: plain` (time, level, content, then `key=value` fields, tab-separated). The access
// log is `[HTTP] status - METHOD uri - addr - ua` at info, and at error for a 5xx with the request
// dumped after it (the dump's own lines, `\r\n`-terminated); a request over 500ms is logged again at
// `slow` as `… - slowcall(…)`. The shedding middleware logs `[http] dropped, uri - addr - ua` without
// the request's context. goctl's main prints `Starting server at 0.0.0.0:8080...` with fmt.
const GZ = 'api-gozero';

interface Ctx { trace: string; span: string }
const reqCtx = (rng: Prng): Ctx => ({ trace: rng.hex(32), span: rng.hex(16) });

function logx(t: number, rev: 0 | 1, level: string, caller: string, content: string, ctx?: Ctx, duration?: string): Write {
  if (rev === 0) {
    const json: Record<string, unknown> = { '@timestamp': isoOffset(t), caller, content };
    if (duration !== undefined) json.duration = duration;
    json.level = level;
    if (ctx) { json.span = ctx.span; json.trace = ctx.trace; }
    return { stream: 'stdout', json };
  }
  const fields = [`caller=${caller}`, ...(duration !== undefined ? [`duration=${duration}`] : []), ...(ctx ? [`span=${ctx.span}`, `trace=${ctx.trace}`] : [])];
  return { stream: 'stdout', text: [isoOffset(t), level, content, ...fields].join('\t') };
}

const ms = (rng: Prng, lo: number, hi: number): string => `${(rng.next() * (hi - lo) + lo).toFixed(1)}ms`;

/** The access log's record; a 5xx carries the request dump after the first line. */
function access(rng: Prng, t: number, rev: 0 | 1, ctx: Ctx, status: number, method: string, uri: string, host: string, duration: string): Write {
  const addr = rng.publicIpv4();
  const ua = rng.pick(UA);
  let content = `[HTTP] ${status} - ${method} ${uri} - ${addr} - ${ua}`;
  if (status >= 500) {
    const hdrs = [`Host: ${host}`, `User-Agent: ${ua}`, ...(rng.chance(0.6) ? ['Accept: application/json'] : []), ...(method === 'POST' ? [`Content-Length: ${rng.int(40, 900)}`, 'Content-Type: application/json'] : []), `Traceparent: 00-${ctx.trace}-${rng.hex(16)}-01`, `X-Cloud-Trace-Context: ${ctx.trace}/${digits(rng, 18)};o=1`, `X-Forwarded-For: ${addr}`, 'X-Forwarded-Proto: https'];
    content += `\n${method} ${uri} HTTP/1.1\r\n${hdrs.join('\r\n')}\r\n\r\n`;
  }
  return logx(t, rev, status >= 500 ? 'error' : 'info', 'handler/loghandler.go:160', content, ctx, duration);
}

// The orders table's breaker opens after a burst of slow queries: the detail handler answers 503.
const gzBreaker = fam(`${GZ}:order-detail-breaker-open`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => {
  const ctx = reqCtx(rng);
  const id = digits(rng, 7);
  return [logx(t, rev, 'error', 'logic/getorderlogic.go:41', `find order ${id}: circuit breaker is open`, ctx), access(rng, t + 300, rev, ctx, 503, 'GET', `/api/orders/${id}`, host, ms(rng, 0.3, 3))];
}, 0.4);

// Two checkouts reserve the same SKUs in opposite order: MySQL kills one transaction.
const gzDeadlock = fam(`${GZ}:reserve-stock-deadlock`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => {
  const ctx = reqCtx(rng);
  return [logx(t, rev, 'error', 'logic/checkoutlogic.go:77', `reserve stock for order ${digits(rng, 7)}: Error 1213 (40001): Deadlock found when trying to get lock; try restarting transaction`, ctx), access(rng, t + 900, rev, ctx, 500, 'POST', '/api/checkout', host, ms(rng, 80, 480))];
}, 0.3);

// CPU over the shedding threshold during a sale: requests dropped with 503 before any handler runs.
const gzShedding = fam(`${GZ}:adaptive-shedding-dropped`, 'ERROR', [30, 80], ({ rng, t, rev, host }) => {
  const ctx = reqCtx(rng);
  const uri = rng.pick(['/api/products?page=' + rng.int(1, 40), `/api/products/${digits(rng, 6)}`, '/api/checkout']);
  const method = uri === '/api/checkout' ? 'POST' : 'GET';
  return [logx(t, rev, 'error', 'handler/sheddinghandler.go:57', `[http] dropped, ${uri} - ${rng.publicIpv4()} - ${rng.pick(UA)}`), access(rng, t + 50, rev, ctx, 503, method, uri, host, ms(rng, 0.1, 0.9))];
}, 0.5);

// Listing pages over 500ms: logx's `slow` level (frequent).
const gzSlow = fam(`${GZ}:http-slowcall`, 'WARNING', [120, 240], ({ rng, t, rev }) => {
  const ctx = reqCtx(rng);
  const d = ms(rng, 501, 2400);
  return [logx(t, rev, 'slow', 'handler/loghandler.go:153', `[HTTP] 200 - GET /api/products?page=${rng.int(1, 40)}&sort=${rng.pick(['price', 'new', 'rating'])} - ${rng.publicIpv4()} - ${rng.pick(UA)} - slowcall(${d})`, ctx, d)];
});

const gzChatter = fam(`noise:${GZ}:chatter`, 'INFO', [240, 340], ({ rng, t, rev, host }) => {
  if (rng.chance(0.05)) return [{ stream: 'stdout', text: 'Starting server at 0.0.0.0:8080...' }];
  if (rng.chance(0.2)) return [logx(t, rev, 'info', 'logic/checkoutlogic.go:95', `order ${digits(rng, 7)} placed: ${rng.int(1, 9)} items, 0 errors`, reqCtx(rng))];
  const [m, u] = rng.pick([['GET', `/api/products?page=${rng.int(1, 40)}`], ['GET', `/api/orders/${digits(rng, 7)}`], ['POST', '/api/checkout'], ['GET', '/healthz']] as const);
  return [access(rng, t, rev, reqCtx(rng), rng.pick([200, 200, 200, 404]), m, u, host, ms(rng, 0.4, 120))];
});

export const apiGozero: ServiceDef = {
  name: GZ, stack: 'Go 1.23, go-zero 1.7 (rest, sqlx, breaker, adaptive shedding), go-sql-driver/mysql 1.8', splitRate: 0.6,
  families: [gzBreaker, gzDeadlock, gzShedding, gzSlow, gzChatter],
};
