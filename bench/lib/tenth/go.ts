// catalog-beego: Go 1.22, Beego v2.2 with its logs package on the console and MySQL through
// go-sql-driver. Beego's RecoverPanic calls logs.Critical once per line: `the request url is  /path`,
// `Handler crashed with error <value>`, then one `file:line` per frame, so a panic arrives as a run of
// one-line records, each with the full header (as pasted in beego/beego#879, #2733, #2379). The morning
// revision shows the caller (`[C] [asm_amd64.s:1695]`, Beego resolving the recover frame, as in those
// pastes); the later one turns the call site off (`logs.SetLogFuncCall(false)`). The access log is
// Beego's own `|   ip| status |  latency|   match| METHOD path   r:route` line at [I], 500s included.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { beegoTime } from './clock.js';
import { familyOf } from './family.js';

const S = 'catalog-beego';
const fam = familyOf(S);
const GO = '/usr/local/go/src';

/** One Beego record; the header is the revision's. `t` moves a few microseconds per line. */
function beego(ctx: Ctx, t: number, letter: 'I' | 'W' | 'E' | 'C', caller: string, msg: string): Write {
  const head = ctx.rev === 0 ? `${beegoTime(t)} [${letter}] [${caller}]  ` : `${beegoTime(t)} [${letter}]  `;
  return { stream: 'stdout', text: `${head}${msg}` };
}

/** RecoverPanic's run of Critical lines for a panic in `appFrames`. */
function recovered(ctx: Ctx, url: string, err: string, appFrames: string[]): Write[] {
  const frames = [
    `${GO}/runtime/asm_amd64.s:1695`,
    `${GO}/runtime/panic.go:770`,
    ...appFrames,
    '/go/pkg/mod/github.com/beego/beego/v2@v2.2.2/server/web/router.go:1136',
    `${GO}/net/http/server.go:3142`,
    `${GO}/net/http/server.go:2044`,
    `${GO}/runtime/asm_amd64.s:1695`,
  ];
  const lines = [`the request url is  ${url}`, `Handler crashed with error ${err}`, ...frames];
  return lines.map((l, i) => beego(ctx, ctx.t + i * 9, 'C', 'asm_amd64.s:1695', l));
}

export const catalogBeego: ServiceDef = {
  name: S, stack: 'Go 1.22, Beego v2.2 (logs, web), go-sql-driver/mysql 1.8', splitRate: 0.7,
  families: [
    // Two panics behind RecoverPanic's one header: two problems. Labelled CRITICAL as Beego's [C] says.
    fam('import-nil-map-panic', 'CRITICAL', [6, 18], (ctx) => recovered(ctx, '/api/items/import', 'assignment to entry in nil map', [
      `${GO}/runtime/map_faststr.go:205`,
      '/src/catalog/controllers/import.go:64',
      '/src/catalog/controllers/import.go:31',
    ]), 0.2),
    fam('variants-index-panic', 'CRITICAL', [5, 15], (ctx) => {
      const n = ctx.rng.int(1, 6);
      return recovered(ctx, `/api/items/${ctx.rng.int(100, 99999)}/variants`, `runtime error: index out of range [${n}] with length ${n}`, [
        `${GO}/runtime/panic.go:114`,
        '/src/catalog/models/variant.go:88',
        '/src/catalog/controllers/items.go:142',
      ]);
    }),
    fam('mysql-too-many-connections', 'ERROR', [8, 24], (ctx) => [beego(ctx, ctx.t, 'E', 'items.go:57', `list items: Error 1040 (08004): Too many connections`)], 0.4),
    // Frequent and real: slow category queries, the id list varies.
    fam('slow-category-query', 'WARNING', [100, 260], (ctx) => {
      const ids = Array.from({ length: ctx.rng.int(1, 5) }, () => ctx.rng.int(1, 400)).join(',');
      return [beego(ctx, ctx.t, 'W', 'items.go:131', `slow query ${ctx.rng.int(1000, 6000)}ms: SELECT id, sku, title FROM items WHERE category_id IN (${ids}) ORDER BY updated_at DESC`)];
    }),
    fam('access', 'INFO', [300, 600], (ctx) => {
      const status = ctx.rng.weighted<number>([[200, 50], [304, 5], [404, 3], [500, 1]]);
      const [path, route] = ctx.rng.pick([['/api/items', '/api/items'], [`/api/items/${ctx.rng.int(100, 99999)}`, '/api/items/:id'], ['/healthz', '/healthz']]);
      return [beego(ctx, ctx.t, 'I', 'router.go:1025', `|  ${ctx.rng.privateIpv4().padStart(13)}| ${status} | ${(ctx.rng.next() * 40).toFixed(6)}ms|   match| GET      ${path}   r:${route}`)];
    }),
  ],
};
