// web-sveltekit: SvelteKit 2 on adapter-node (Node 22) with TypeORM 0.3 over pg. The morning revision
// keeps SvelteKit's default handleError, which hands the error to console.error: Node's inspect of the
// error, the stack, then its own properties in braces (TypeORM's QueryFailedError carries the query, the
// driver error and pg's fields; undici's `fetch failed` its `[cause]`). The revision rolled out later
// has a handleError hook that writes one JSON line for Cloud Logging (`severity`, `message`, the error
// under `error` with name, message and stack), and logs a 404 as WARNING.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';
import { familyOf } from './family.js';

const S = 'web-sveltekit';
const fam = familyOf(S);
const NM = '/app/node_modules';
const chunk = (ctx: Ctx): string => `file:///app/build/server/chunks/${ctx.rng.pick(['2', '3', '7'])}-${ctx.rng.pick(['BkQ9x1aT', 'D4mW0rLe', 'C8u_nQ2v'])}.js`;

interface Err { name: string; message: string; stack: string[]; inspect: string[] }

/** The revision's record of an error SvelteKit caught while rendering `route`. */
function handled(ctx: Ctx, e: Err, route: string, status: number): Write {
  if (ctx.rev === 0) {
    const props = e.inspect.length > 0 ? ` {\n${e.inspect.join('\n')}\n}` : '';
    return { stream: 'stderr', text: `${e.name}: ${e.message}\n${e.stack.join('\n')}${props}` };
  }
  return {
    stream: 'stdout',
    json: {
      severity: status === 404 ? 'WARNING' : 'ERROR', time: isoMillis(ctx.t), message: `${status} ${route}: ${e.message}`,
      route, status, error: { name: e.name, message: e.message, stack: `${e.name}: ${e.message}\n${e.stack.join('\n')}` },
    },
  };
}

function duplicateEmail(ctx: Ctx): Err {
  const email = `${ctx.rng.lower(ctx.rng.int(4, 9))}@${ctx.rng.pick(['gmail.com', 'outlook.com', 'proton.me'])}`;
  const msg = 'duplicate key value violates unique constraint "UQ_e12875dfb3b1d92d7d7c5377e22"';
  return {
    name: 'QueryFailedError', message: msg,
    stack: [
      `    at PostgresQueryRunner.query (${NM}/typeorm/driver/postgres/PostgresQueryRunner.js:219:19)`,
      '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
      `    at async InsertQueryBuilder.execute (${NM}/typeorm/query-builder/InsertQueryBuilder.js:106:33)`,
      `    at async actions.default (${chunk(ctx)}:41:5)`,
      '    at async handle_action_request (file:///app/build/server/index.js:2391:18)',
    ],
    inspect: [
      `  query: 'INSERT INTO "subscriber"("email", "createdAt") VALUES ($1, DEFAULT) RETURNING "id", "createdAt"',`,
      `  parameters: [ '${email}' ],`,
      `  driverError: error: ${msg}`,
      `      at ${NM}/pg/lib/client.js:535:17`,
      '      at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
      `      at async PostgresQueryRunner.query (${NM}/typeorm/driver/postgres/PostgresQueryRunner.js:184:25) {`,
      '    length: 249,',
      "    severity: 'ERROR',",
      "    code: '23505',",
      `    detail: 'Key (email)=(${email}) already exists.',`,
      "    schema: 'public',",
      "    table: 'subscriber',",
      `    constraint: 'UQ_e12875dfb3b1d92d7d7c5377e22',`,
      "    routine: '_bt_check_unique'",
      '  },',
      "  code: '23505',",
      `  detail: 'Key (email)=(${email}) already exists.'`,
    ],
  };
}

function fetchFailed(ctx: Ctx): Err {
  return {
    name: 'TypeError', message: 'fetch failed',
    stack: [
      '    at node:internal/deps/undici/undici:13502:13',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
      `    at async load (${chunk(ctx)}:12:20)`,
      '    at async load_server_data (file:///app/build/server/index.js:1683:18)',
    ],
    inspect: [
      '  [cause]: Error: getaddrinfo ENOTFOUND cms.internal',
      '      at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:120:26) {',
      '    errno: -3008,',
      "    code: 'ENOTFOUND',",
      "    syscall: 'getaddrinfo',",
      "    hostname: 'cms.internal'",
      '  }',
    ],
  };
}

export const webSveltekit: ServiceDef = {
  name: S, stack: 'Node 22, SvelteKit 2 (adapter-node), TypeORM 0.3, pg 8', splitRate: 0.78,
  families: [
    fam('subscribe-duplicate-email', 'ERROR', [10, 30], (ctx) => [handled(ctx, duplicateEmail(ctx), '/newsletter', 500)]),
    fam('cms-fetch-failed', 'ERROR', [8, 24], (ctx) => [handled(ctx, fetchFailed(ctx), ctx.rng.pick(['/blog/[slug]', '/']), 500)], 0.35),
    // Scanners probing PHP paths: the default handler prints SvelteKit's 404 with no level (ERROR as the
    // text stands), the later hook at WARNING. One problem printed two ways.
    fam('not-found-probe', 'ERROR', [60, 180], (ctx) => {
      const path = ctx.rng.pick(['/wp-login.php', '/.env', '/xmlrpc.php', '/wp-admin/setup-config.php', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php']);
      const w = handled(ctx, {
        name: 'SvelteKitError', message: `Not found: ${path}`,
        stack: ['    at resolve2 (file:///app/build/server/index.js:3583:18)', '    at resolve (file:///app/build/server/index.js:3418:34)', '    at Object.handle (file:///app/build/server/chunks/hooks.server-CzL2.js:9:10)'],
        inspect: ['  status: 404,', "  text: 'Not Found'"],
      }, path, 404);
      return [ctx.rev === 0 ? w : { ...w, as: { family: `${S}:not-found-probe`, level: 'WARNING' } }];
    }),
    fam('cache', 'INFO', [200, 420], (ctx) => [{ stream: 'stdout', text: `[cache] revalidated /products/${ctx.rng.lower(6)} in ${ctx.rng.int(3, 90)}ms (0 errors)` }]),
  ],
};
