// cms-strapi: Node 20, Strapi 4.25 on Knex and pg. Strapi 4's logger (winston) prints `[Y-m-d H:M:S.ms]
// level: msg`, an error's stack on the lines after (strapi/strapi#15845, #17092, #11860 as pasted); the
// later revision configures winston's `format.errors({ stack: true })` + `format.json()` (one JSON line,
// `level`, `message`, `stack`, `timestamp`; no `severity`, so no entry severity). Knex's pool timeout
// from a request and from `Strapi.bootstrap` at start are two call sites, two problems.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { isoMillis, ymdHmsMillis } from './clock.js';
import { familyOf } from './family.js';

const SERVICE = 'cms-strapi';
const fam = familyOf(SERVICE);
const NM = '/opt/app/node_modules';

function rec(ctx: Ctx, level: string, message: string, stack?: string): Write {
  if (ctx.rev === 1) {
    return { stream: 'stdout', json: { level, message, ...(stack === undefined ? {} : { stack }), timestamp: isoMillis(ctx.t) } };
  }
  return { stream: 'stdout', text: `[${ymdHmsMillis(ctx.t)}] ${level}: ${message}${stack === undefined ? '' : `\n${stack}`}` };
}

const KNEX = 'Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?';
const knexHead = `KnexTimeoutError: ${KNEX}
    at Client_PG.acquireConnection (${NM}/knex/lib/client.js:332:26)
    at async Runner.ensureConnection (${NM}/knex/lib/execution/runner.js:305:28)
    at async Runner.run (${NM}/knex/lib/execution/runner.js:30:19)`;

export const cmsStrapi: ServiceDef = {
  name: SERVICE,
  stack: 'Node 20, Strapi 4.25, Knex 2.5, pg 8',
  splitRate: 0.76,
  families: [
    fam('http', 'INFO', [320, 520], (ctx) => {
      const status = ctx.rng.weighted([[200, 80], [204, 6], [404, 8], [500, 3], [403, 3]] as const);
      const path = ctx.rng.pick(['/api/articles?populate=*', `/api/articles/${ctx.rng.int(1, 4000)}`, '/api/global', '/admin/init', '/uploads/thumbnail_hero.webp']);
      return [rec(ctx, 'http', `${ctx.rng.pick(['GET', 'GET', 'PUT'])} ${path} (${ctx.rng.int(2, 300)} ms) ${status}`)];
    }),
    fam('cron-publish', 'INFO', [24, 48], (ctx) => [rec(ctx, 'info', `[cron] scheduled publish ran: ${ctx.rng.int(0, 12)} published, 0 errors`)]),
    fam('request-knex-timeout', 'ERROR', [8, 24], (ctx) => [rec(ctx, 'error', KNEX, `${knexHead}
    at async SelectQueryBuilder.execute (${NM}/@strapi/database/dist/index.js:4120:24)
    at async Object.findMany (${NM}/@strapi/database/dist/index.js:5723:21)
    at async Object.find (/opt/app/src/api/article/controllers/article.js:14:20)
    at async ${NM}/@strapi/strapi/dist/services/server/compose-endpoint.js:49:22`)], 0.4),
    fam('startup-knex-timeout', 'ERROR', [1, 3], (ctx) => [rec(ctx, 'error', KNEX, `${knexHead}
    at async Strapi.bootstrap (${NM}/@strapi/strapi/dist/Strapi.js:391:9)
    at async Strapi.load (${NM}/@strapi/strapi/dist/Strapi.js:426:5)
    at async Strapi.start (${NM}/@strapi/strapi/dist/Strapi.js:191:9)`)]),
    fam('unique-slug', 'ERROR', [5, 14], (ctx) => [rec(ctx, 'error',
      `insert into "articles" ("created_at", "created_by_id", "locale", "published_at", "slug", "title", "updated_at", "updated_by_id") values ($1, $2, $3, $4, $5, $6, $7, $8) returning "id" - duplicate key value violates unique constraint "articles_slug_unique"`,
      `error: insert into "articles" ("created_at", "created_by_id", "locale", "published_at", "slug", "title", "updated_at", "updated_by_id") values ($1, $2, $3, $4, $5, $6, $7, $8) returning "id" - duplicate key value violates unique constraint "articles_slug_unique"
    at Parser.parseErrorMessage (${NM}/pg-protocol/dist/parser.js:283:98)
    at Parser.handlePacket (${NM}/pg-protocol/dist/parser.js:122:29)
    at Socket.<anonymous> (${NM}/pg-protocol/dist/index.js:11:42)
    at Socket.emit (node:events:519:28)`)]),
    // Frequent and real: image processing runs out of time on large uploads.
    fam('upload-optimize-slow', 'WARNING', [70, 180], (ctx) => [rec(ctx, 'warn',
      `[upload] image optimisation of ${ctx.rng.lower(8)}_${ctx.rng.int(1000, 9999)}.${ctx.rng.pick(['jpg', 'png'])} took ${ctx.rng.int(4, 19)}s (> 3s budget), serving original`)]),
  ],
};
