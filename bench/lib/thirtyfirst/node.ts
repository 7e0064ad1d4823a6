// The day's Node services: a NestJS 11 API on Nest's own ConsoleLogger (text, then its JSON mode), a
// Next.js 15 shop under `next start` with an `onRequestError` hook, and a Koa image service that logs
// nothing but Koa's default error handler.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { epochMillis } from './clock.js';
import { containerExit, digits, fam, req, requestLog, traceHex, traceOf, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// orders-nest: Node 22, NestJS 11.0 on Express, Prisma 6.1 to Cloud SQL for PostgreSQL, @nestjs/axios
// 4 (axios 1.7), @nestjs/schedule 5. No request logging (Nest has none by default). The morning
// revision uses the default ConsoleLogger with `NO_COLOR` set: `[Nest] PID  - MM/DD/YYYY, H:MM:SS AM
// LEVEL [Context] message`, the level right-aligned in seven columns, an error's stack printed after
// it as a second write; from the rollout `new ConsoleLogger({ json: true })` (Nest 11): one JSON line
// a record on stdout or stderr, `level`, `pid`, `timestamp` (epoch ms), `message`, `context`, and
// `stack` (an array) for errors, no `severity`. The ExceptionsHandler logs an unknown error's message
// and stack when the request fails; Cloud Run's request log follows when the 500 goes out.
const ON = 'orders-nest';

function nestText(t: number, pid: number, level: 'LOG' | 'WARN' | 'ERROR', context: string, message: string): string {
  const d = new Date(Math.floor(t / 1000));
  const h = d.getUTCHours();
  const clock = `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
  return `[Nest] ${pid}  - ${clock} ${level.padStart(7)} [${context}] ${message}`;
}

/** One Nest record; an error's stack as the second write of the text logger, or `stack` in the JSON one. */
function nest(t: number, rev: 0 | 1, level: 'log' | 'warn' | 'error', context: string, message: string, stack?: string, delayUs?: number): Write[] {
  const stream = level === 'error' ? 'stderr' : 'stdout';
  const d = delayUs === undefined ? {} : { delayUs };
  if (rev === 1) {
    const json: Record<string, unknown> = { level, pid: 1, timestamp: epochMillis(t), message, context };
    if (stack !== undefined) json.stack = [stack];
    return [{ stream, json, ...d }];
  }
  const head: Write = { stream, text: nestText(t, 1, level === 'log' ? 'LOG' : level === 'warn' ? 'WARN' : 'ERROR', context, message), ...d };
  return stack === undefined ? [head] : [head, { stream, text: stack }];
}

const prismaInvocation = (call: string, body: string): string => `\nInvalid \`prisma.${call}()\` invocation:\n\n\n${body}`;
const POOL = (limit: number): string => `Timed out fetching a new connection from the connection pool. More info: http://pris.ly/d/connection-pool (Current connection pool timeout: 10, connection limit: ${limit})`;
const prismaStack = (name: string, message: string, frames: string[]): string => [`${name}: ${message}`, ...frames.map((f) => `    at ${f}`)].join('\n');
const PRISMA_FRAMES = ['$n.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7315)', '$n.handleAndLogRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:6623)', '$n.request (/app/node_modules/@prisma/client/runtime/library.js:121:6307)', 'async l (/app/node_modules/@prisma/client/runtime/library.js:130:9633)'];

/** A request the ExceptionsHandler closes with a 500, then Cloud Run's request log when the response goes out. */
function nestFailure(rng: Prng, t: number, rev: 0 | 1, host: string, r: Req, message: string, stack: string): Write[] {
  return [...nest(t + r.latencyUs, rev, 'error', 'ExceptionsHandler', message, stack, r.latencyUs), requestLog(rng, host, ON, r, rng.int(400, 4000))];
}

export const ordersNest: ServiceDef = {
  name: ON, stack: 'Node 22, NestJS 11 ConsoleLogger (text, then json), Prisma 6, @nestjs/axios', splitRate: 0.6,
  families: [
    // Prisma's pool timeout on the order list: the request waited the pool's 10 s, then failed.
    fam(`${ON}:orders-list-pool-timeout`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => {
      const limit = rng.pick([5, 9, 17]);
      const msg = prismaInvocation('order.findMany', POOL(limit));
      const r = req(rng, 'GET', `/v1/orders?customer=${digits(rng, 6)}&page=${rng.int(1, 9)}`, 500, rng.int(10_000_000, 10_400_000));
      return nestFailure(rng, t, rev, host, r, msg, prismaStack('PrismaClientInitializationError', msg, [...PRISMA_FRAMES, `async OrdersService.list (/app/dist/orders/orders.service.js:${rng.pick([41, 44])}:24)`, 'async OrdersController.list (/app/dist/orders/orders.controller.js:27:16)']));
    }, 0.3),
    // The same pool timeout from the nightly invoice export, a scheduled job: its own problem.
    fam(`${ON}:invoice-export-pool-timeout`, 'ERROR', [8, 20], ({ rng, t, rev }) => {
      const msg = prismaInvocation('invoice.findMany', POOL(rng.pick([5, 9, 17])));
      return nest(t, rev, 'error', 'InvoiceExportJob', `Invoice export for 2026-${String(rng.int(1, 11)).padStart(2, '0')} failed: ${msg.trim().split('\n').pop()}`, prismaStack('PrismaClientInitializationError', msg, [...PRISMA_FRAMES, 'async InvoiceExportJob.run (/app/dist/invoices/invoice-export.job.js:38:26)']));
    }),
    // A customer created twice: Prisma's unique constraint on email (P2002).
    fam(`${ON}:customer-email-unique`, 'ERROR', [20, 60], ({ rng, t, rev, host }) => {
      const msg = prismaInvocation('customer.create', 'Unique constraint failed on the fields: (`email`)');
      const r = req(rng, 'POST', '/v1/customers', 500, rng.int(35_000, 180_000));
      return nestFailure(rng, t, rev, host, r, msg, prismaStack('PrismaClientKnownRequestError', msg, [...PRISMA_FRAMES, 'async CustomersService.create (/app/dist/customers/customers.service.js:22:26)']));
    }),
    // The carrier's rate API timing out through @nestjs/axios (axios' own message).
    fam(`${ON}:carrier-quote-timeout`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => {
      const r = req(rng, 'POST', `/v1/orders/${digits(rng, 7)}/shipping-quote`, 500, rng.int(5_000_000, 5_090_000));
      const stack = ['AxiosError: timeout of 5000ms exceeded', '    at RedirectableRequest.handleRequestTimeout (/app/node_modules/axios/dist/node/axios.cjs:3180:16)', '    at RedirectableRequest.emit (node:events:518:28)', '    at Timeout.<anonymous> (/app/node_modules/follow-redirects/index.js:221:12)', '    at listOnTimeout (node:internal/timers:594:17)', '    at process.processTimers (node:internal/timers:529:7)', '    at Axios.request (/app/node_modules/axios/dist/node/axios.cjs:4287:41)'].join('\n');
      return nestFailure(rng, t, rev, host, r, 'timeout of 5000ms exceeded', stack);
    }, 0.25),
    // Prisma cannot reach the database when the app boots: Nest's bootstrap error, the process exits.
    fam(`${ON}:boot-db-unreachable`, 'ERROR', [3, 8], ({ rng, t, rev }) => {
      const addr = `10.${rng.int(20, 30)}.0.5:5432`;
      const msg = `Can't reach database server at \`${addr}\`\n\nPlease make sure your database server is running at \`${addr}\`.`;
      return [...nest(t, rev, 'error', 'ExceptionHandler', msg, prismaStack('PrismaClientInitializationError', msg, ['t (/app/node_modules/@prisma/client/runtime/library.js:112:2488)', 'async Proxy.onModuleInit (/app/dist/prisma/prisma.service.js:17:9)', 'async Promise.all (index 0)', 'async callModuleInitHook (/app/node_modules/@nestjs/core/hooks/on-module-init.hook.js:43:5)', 'async NestApplication.callInitHook (/app/node_modules/@nestjs/core/nest-application-context.js:242:13)'])), { ...containerExit(ON, 1), delayUs: rng.int(50_000, 400_000) }];
    }),
    fam(`${ON}:shipping-zone-default`, 'WARNING', [150, 300], ({ t, rev, rng }) => nest(t, rev, 'warn', 'ShippingService', `Order ORD-${digits(rng, 7)} has no shipping zone for postcode ${rng.pick(['BT', 'GY', 'JE', 'IM'])}${rng.int(1, 9)}; falling back to zone EU-2`)),
    fam(`noise:${ON}:reconcile`, 'INFO', [120, 240], ({ t, rev, rng }) => nest(t, rev, 'log', 'ReconcileJob', `Reconciled ${rng.int(40, 400)} orders with the payment provider: 0 errors, ${rng.int(0, 3)} skipped`)),
  ],
};

// ---------------------------------------------------------------------------------------------------
// shop-next: Node 22, Next.js 15.1 App Router under `next start` (the whole node_modules, not the
// standalone output), a headless CMS over fetch, the image optimizer. Next prints an unhandled server
// error itself on stderr: ` ⨯ ` and the error as util.inspect writes it (stack, `digest`, `[cause]`).
// The app's `instrumentation.ts` exports `onRequestError` (Next 15), which writes one JSON line on
// stderr with `severity`, the message, digest, path, the router's `routePath`/`routeType`, and
// `logging.googleapis.com/trace` from the request's `traceparent` (Cloud Run lifts it); the same hook
// writes the app's own WARNING and INFO lines. No access log. Next's image optimizer logs ` ⨯ upstream
// image response failed for URL STATUS` and then the ImageError with its stack.
const SN = 'shop-next';

function nextError(name: string, message: string, frames: string[], digest: string | undefined, cause?: string): string {
  const lines = [` ⨯ ${name}: ${message}`, ...frames.map((f) => `    at ${f}`)];
  const props: string[] = [];
  if (digest !== undefined) props.push(`  digest: '${digest}'`);
  if (cause !== undefined) props.push(`  [cause]: ${cause}`);
  if (props.length === 0) return lines.join('\n');
  lines[lines.length - 1] += ' {';
  return [...lines, props.join(',\n'), '}'].join('\n');
}

const CONNECT_CAUSE = (host: string): string => [`ConnectTimeoutError: Connect Timeout Error (attempted address: ${host}:443, timeout: 10000ms)`, '      at onConnectTimeout (node:internal/deps/undici/undici:2602:28)', '      at Immediate._onImmediate (node:internal/deps/undici/undici:2568:35)', '      at process.processImmediate (node:internal/timers:491:21) {', "    code: 'UND_ERR_CONNECT_TIMEOUT'", '  }'].join('\n');
const FETCH_FRAMES = ['node:internal/deps/undici/undici:13502:13', 'process.processTicksAndRejections (node:internal/process/task_queues:105:5)'];

function hook(trace: string, message: string, extra: Record<string, unknown>, severity = 'ERROR', delayUs?: number): Write {
  return { stream: 'stderr', json: { severity, message, ...extra, 'logging.googleapis.com/trace': trace }, ...(delayUs === undefined ? {} : { delayUs }) };
}

/** Next's own print of a render or route error, then the hook's record, then Cloud Run's request log. */
function nextFailure(rng: Prng, host: string, r: Req, printed: string, message: string, route: { routePath: string; routeType: 'render' | 'route' }, digest: string | undefined): Write[] {
  return [
    { stream: 'stderr', text: printed, delayUs: r.latencyUs },
    hook(r.trace, message, { digest: digest ?? null, path: r.path, method: r.method, routerKind: 'App Router', ...route, traceId: traceHex(r.trace) }),
    requestLog(rng, host, SN, r, rng.int(300, 3000)),
  ];
}

const CMS = 'cms.kestrelmoor.example';
export const shopNext: ServiceDef = {
  name: SN, stack: 'Node 22, Next.js 15.1 `next start`, onRequestError JSON hook', splitRate: 0.6,
  families: [
    // The product page's CMS fetch: undici's connect timeout under fetch failed (one problem, raw and wrapped).
    fam(`${SN}:product-page-cms-timeout`, 'ERROR', [40, 100], ({ rng, host }) => {
      const slug = `${rng.pick(['trail', 'bothy', 'fell', 'tarn'])}-${rng.pick(['jacket', 'tent', 'boots', 'stove'])}-${rng.int(2, 9)}`;
      const r = req(rng, 'GET', `/products/${slug}`, 500, rng.int(10_020_000, 10_300_000));
      const digest = digits(rng, rng.pick([9, 10]));
      const printed = nextError('TypeError', 'fetch failed', [...FETCH_FRAMES, `async getProduct (/app/.next/server/chunks/${rng.pick([812, 4471])}.js:1:${rng.int(3000, 9000)})`, 'async ProductPage (/app/.next/server/app/products/[slug]/page.js:1:9203)'], digest, CONNECT_CAUSE(CMS));
      return nextFailure(rng, host, r, printed, 'fetch failed', { routePath: '/products/[slug]', routeType: 'render' }, digest);
    }, 0.35),
    // The same CMS timeout from the stock route handler: another call site, another problem.
    fam(`${SN}:stock-route-cms-timeout`, 'ERROR', [25, 60], ({ rng, host }) => {
      const r = req(rng, 'GET', `/api/stock/${rng.upperAlnum(8)}`, 500, rng.int(10_010_000, 10_200_000));
      const printed = nextError('TypeError', 'fetch failed', [...FETCH_FRAMES, 'async GET (/app/.next/server/app/api/stock/[sku]/route.js:1:1873)', 'async AppRouteRouteModule.do (/app/node_modules/next/dist/compiled/next-server/app-route.runtime.prod.js:6:38696)'], undefined, CONNECT_CAUSE(CMS));
      return nextFailure(rng, host, r, printed, 'fetch failed', { routePath: '/api/stock/[sku]', routeType: 'route' }, undefined);
    }),
    // A render bug on products the CMS returns without a price.
    fam(`${SN}:product-price-undefined`, 'ERROR', [20, 50], ({ rng, host }) => {
      const r = req(rng, 'GET', `/products/${rng.pick(['gift-card', 'repair-kit', 'sample-pack'])}-${rng.int(1, 40)}`, 500, rng.int(60_000, 400_000));
      const digest = digits(rng, rng.pick([9, 10]));
      const printed = nextError('TypeError', "Cannot read properties of undefined (reading 'amount')", [`PriceTag (/app/.next/server/chunks/${rng.pick([377, 902])}.js:1:${rng.int(1000, 4000)})`, 'renderWithHooks (/app/node_modules/next/dist/compiled/next-server/app-page.runtime.prod.js:12:95418)', 'renderElement (/app/node_modules/next/dist/compiled/next-server/app-page.runtime.prod.js:12:103554)'], digest);
      return nextFailure(rng, host, r, printed, "Cannot read properties of undefined (reading 'amount')", { routePath: '/products/[slug]', routeType: 'render' }, digest);
    }),
    // The image optimizer: the CDN answers 404 for a removed image; Next logs it, then its ImageError (ERROR, one problem).
    fam(`${SN}:image-upstream-404`, 'ERROR', [60, 160], ({ rng, host }) => {
      const url = `https://media.kestrelmoor.example/catalogue/${rng.hex(8)}/${rng.pick(['hero', 'detail', 'thumb'])}.jpg`;
      const r = req(rng, 'GET', `/_next/image?url=${encodeURIComponent(url)}&w=${rng.pick([640, 828, 1080])}&q=75`, 500, rng.int(40_000, 900_000));
      return [
        { stream: 'stderr', text: ` ⨯ upstream image response failed for ${url} 404`, delayUs: r.latencyUs },
        { stream: 'stderr', text: ['ImageError: "url" parameter is valid but upstream response is invalid', '    at imageOptimizer (/app/node_modules/next/dist/server/image-optimizer.js:653:19)', '    at async cacheEntry.imageResponseCache.get.incrementalCache (/app/node_modules/next/dist/server/next-server.js:227:65)', '    at async /app/node_modules/next/dist/server/response-cache/index.js:90:36', '    at async /app/node_modules/next/dist/lib/batcher.js:45:32 {', '  statusCode: 500', '}'].join('\n') },
        requestLog(rng, host, SN, r, rng.int(300, 3000)),
      ];
    }),
    fam(`${SN}:cart-price-changed`, 'WARNING', [150, 300], ({ rng }) => [hook(traceOf(rng), `cart ${rng.hex(12)}: price of ${rng.upperAlnum(8)} changed since it was added (${rng.int(10, 300)}.${rng.int(10, 99)} -> ${rng.int(10, 300)}.${rng.int(10, 99)})`, { path: '/cart' }, 'WARNING')]),
    fam(`noise:${SN}:revalidate`, 'INFO', [120, 240], ({ rng }) => [hook(traceOf(rng), `revalidated tag products:${rng.pick(['tents', 'boots', 'stoves'])}: ${rng.int(5, 80)} paths, 0 errors`, { path: '/api/revalidate' }, 'INFO')]),
  ],
};

// ---------------------------------------------------------------------------------------------------
// media-koa: Node 22, Koa 2.15, @koa/router 13, sharp 0.33, @google-cloud/storage 7. No logger at all:
// Koa's default `app.onerror` writes each unexposed error on stderr as `\n` + the stack with every line
// indented two spaces + `\n` (console.error, so no severity); the app prints a `console.log` line per
// resize. An error with a 4xx `status` is not printed (Koa skips exposed errors), so only the 500s are.
const MK = 'media-koa';
const koaError = (stack: string[]): string => `\n${stack.join('\n').replace(/^/gm, '  ')}\n`;

export const mediaKoa: ServiceDef = {
  name: MK, stack: 'Node 22, Koa 2.15 default onerror, sharp 0.33, @google-cloud/storage 7', splitRate: 0.6,
  families: [
    fam(`${MK}:resize-unsupported-format`, 'ERROR', [40, 100], ({ rng, host }) => {
      const r = req(rng, 'GET', `/resize/${rng.hex(16)}?w=${rng.pick([320, 640, 1280])}&fmt=webp`, 500, rng.int(80_000, 600_000));
      return [
        { stream: 'stderr', delayUs: r.latencyUs, text: koaError(['Error: Input buffer contains unsupported image format', `    at Sharp.toBuffer (/srv/node_modules/sharp/lib/output.js:${rng.pick([163, 165])}:17)`, '    at resize (/srv/src/resize.js:31:6)', '    at async /srv/src/routes.js:18:20', '    at async dispatch (/srv/node_modules/koa-compose/index.js:42:32)']) },
        requestLog(rng, host, MK, r, rng.int(200, 2500)),
      ];
    }, 0.3),
    fam(`${MK}:originals-gcs-forbidden`, 'ERROR', [30, 70], ({ rng, host }) => {
      const obj = `originals/${rng.hex(2)}/${rng.hex(16)}.jpg`;
      const r = req(rng, 'GET', `/originals/${obj.slice(10)}`, 500, rng.int(30_000, 250_000));
      return [
        { stream: 'stderr', delayUs: r.latencyUs, text: koaError([`ApiError: media-runner@kestrelmoor-run-prod.iam.gserviceaccount.com does not have storage.objects.get access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on resource (or it may not exist).`, '    at new ApiError (/srv/node_modules/@google-cloud/storage/build/cjs/src/nodejs-common/util.js:114:15)', '    at Util.parseHttpRespBody (/srv/node_modules/@google-cloud/storage/build/cjs/src/nodejs-common/util.js:249:38)', '    at Util.handleResp (/srv/node_modules/@google-cloud/storage/build/cjs/src/nodejs-common/util.js:189:117)', '    at /srv/node_modules/@google-cloud/storage/build/cjs/src/nodejs-common/util.js:577:22', '    at onResponse (/srv/node_modules/retry-request/index.js:259:7)']) },
        requestLog(rng, host, MK, r, rng.int(200, 2500)),
      ];
    }),
    fam(`noise:${MK}:resized`, 'INFO', [150, 300], ({ rng }) => [{ stream: 'stdout', text: `resized ${rng.hex(16)} ${rng.pick([320, 640, 1280])}w webp in ${rng.int(20, 400)}ms (cache miss, 0 errors)` }]),
  ],
};

