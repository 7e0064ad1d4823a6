// The Node services of the twenty-fourth day: a Next.js 14 app with Auth.js v5 and Prisma, the Prisma
// Migrate job that runs before its deploys, and a Slack Bolt app. Formats follow each library's source
// and the reports cited in README.md.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { prismaTime } from './clock.js';
import { cloudTrace, exitLine, fam, nodeStack, slug } from './shared.js';

const TICKS = 'process.processTicksAndRejections (node:internal/process/task_queues:95:5)';
const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';
const RESET = '\u001b[0m';
const DB = '10.18.0.3:5432';

// ---------------------------------------------------------------------------------------------------
// portal-authjs: Next.js 14.2 standalone (`node server.js`), Auth.js v5 (next-auth 5.0.0-beta) with
// the Prisma adapter, Prisma 5.22 on Cloud SQL for PostgreSQL over private IP. Auth.js's default logger
// writes each part with its own console call (`[auth][error]` in red, then `[auth][cause]:` with the
// cause's stack and `[auth][details]:` as JSON, or the error's frames alone when it has no cause);
// after the rollout the app passes Auth.js a `logger` that writes one JSON line per record. Next
// prints an uncaught server action error with its ` ⨯ ` mark and util.inspect's fields.
const PORTAL = 'portal-authjs';
const HOST = 'portal-6tq3vzk2la-ew.a.run.app';

const authFrames = (first: string): string[] => [
  first,
  'async Module.session (/app/.next/server/chunks/8948.js:25:6135)',
  'async AuthInternal (/app/.next/server/chunks/8948.js:25:21112)',
  'async Auth (/app/.next/server/chunks/8948.js:25:23944)',
  'async /app/.next/server/app/api/auth/[...nextauth]/route.js:1:3902',
  'async /app/node_modules/next/dist/compiled/next-server/app-route.runtime.prod.js:6:38411',
];

/** Auth.js's default logger (morning) or the app's JSON logger (after) for one AuthError. */
function authError(rev: 0 | 1, type: string, message: string, cause?: { stack: string; details: Record<string, unknown> }, frames?: string[]): Write[] {
  if (rev === 1) {
    return [{ stream: 'stderr', json: { severity: 'ERROR', message: `[auth] ${type}: ${message}`, errorType: type, ...(cause ? { cause: cause.stack, details: cause.details } : {}) } }];
  }
  const out: Write[] = [{ stream: 'stderr', text: `${RED}[auth][error]${RESET} ${type}: ${message}` }];
  if (cause) {
    out.push({ stream: 'stderr', text: `${RED}[auth][cause]${RESET}: ${cause.stack}` });
    out.push({ stream: 'stderr', text: `${RED}[auth][details]${RESET}: ${JSON.stringify(cause.details, null, 2)}` });
  } else if (frames) {
    out.push({ stream: 'stderr', text: frames.map((f) => `    at ${f}`).join('\n') });
  }
  return out;
}

const untrustedHost = fam(`${PORTAL}:auth-untrusted-host`, 'ERROR', [30, 70], ({ rng, rev }) => {
  const path = rng.pick(['/api/auth/session', '/api/auth/providers', '/api/auth/csrf', '/api/auth/signin']);
  // AUTH_TRUST_HOST is set from the rollout on, so only the morning revision has it.
  if (rev === 1) return [];
  return authError(0, 'UntrustedHost', `Host must be trusted. URL was: https://${HOST}${path}. Read more at https://errors.authjs.dev#untrustedhost`, undefined,
    ['assertConfig (/app/.next/server/chunks/8948.js:1:31207)', 'Auth (/app/.next/server/chunks/8948.js:25:23511)', 'async /app/node_modules/next/dist/compiled/next-server/app-route.runtime.prod.js:6:38411', 'async eT.execute (/app/node_modules/next/dist/compiled/next-server/app-route.runtime.prod.js:6:29041)']);
});

const jweFailed = fam(`${PORTAL}:auth-session-decrypt`, 'ERROR', [40, 110], ({ rev }) => {
  const stack = nodeStack('JWEDecryptionFailed: decryption operation failed', [
    'gcmDecrypt (/app/node_modules/jose/dist/node/cjs/runtime/decrypt.js:67:15)',
    'decrypt (/app/node_modules/jose/dist/node/cjs/runtime/decrypt.js:92:20)',
    'flattenedDecrypt (/app/node_modules/jose/dist/node/cjs/jwe/flattened/decrypt.js:143:52)',
    'async compactDecrypt (/app/node_modules/jose/dist/node/cjs/jwe/compact/decrypt.js:18:23)',
    'async jwtDecrypt (/app/node_modules/jose/dist/node/cjs/jwt/decrypt.js:8:23)',
    'async Object.decode (/app/.next/server/chunks/8948.js:1:40218)',
    ...authFrames('async Module.session (/app/.next/server/chunks/8948.js:25:6135)').slice(1),
  ]);
  return authError(rev, 'JWTSessionError', 'Read more at https://errors.authjs.dev#jwtsessionerror', { stack, details: {} });
});

const prismaUnreachable = (op: string): string => `PrismaClientInitializationError: \nInvalid \`prisma.${op}()\` invocation:\n\n\nCan't reach database server at \`${DB}\`\n\nPlease make sure your database server is running at \`${DB}\`.`;

const callbackDb = fam(`${PORTAL}:auth-signin-db-unreachable`, 'ERROR', [10, 35], ({ rev }) => {
  const stack = nodeStack(prismaUnreachable('user.findUnique'), [
    '$n.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7615)',
    '$n.handleAndLogRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:6623)',
    '$n.request (/app/node_modules/@prisma/client/runtime/library.js:121:6307)',
    'async l (/app/node_modules/@prisma/client/runtime/library.js:130:9633)',
    'async Object.authorize (/app/.next/server/chunks/4712.js:1:2210)',
    'async Module.callback (/app/.next/server/chunks/8948.js:25:14402)',
    'async AuthInternal (/app/.next/server/chunks/8948.js:25:21112)',
  ]);
  return authError(rev, 'CallbackRouteError', 'Read more at https://errors.authjs.dev#callbackrouteerror', { stack, details: { provider: 'credentials' } });
}, 0.3);

const inviteUnique = fam(`${PORTAL}:invite-membership-unique`, 'ERROR', [15, 40], ({ rng, rev }) => {
  const head = 'PrismaClientKnownRequestError: \nInvalid `prisma.membership.create()` invocation:\n\n\nUnique constraint failed on the fields: (`orgId`,`userId`)';
  const frames = ['$n.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7315)', '$n.handleAndLogRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:6623)', '$n.request (/app/node_modules/@prisma/client/runtime/library.js:121:6307)', 'async l (/app/node_modules/@prisma/client/runtime/library.js:130:9633)', 'async acceptInvite (/app/.next/server/app/orgs/[slug]/invite/page.js:1:5120)', 'async /app/node_modules/next/dist/compiled/next-server/app-page.runtime.prod.js:16:418'];
  const org = `org_${slug(rng, 6)}`;
  if (rev === 1) {
    // After the rollout the action catches the error, logs it and returns an error state.
    return [{ stream: 'stdout', json: { severity: 'ERROR', message: `invite accept failed for ${org}: Unique constraint failed on the fields: (\`orgId\`,\`userId\`)`, code: 'P2002', stack: nodeStack(head, frames), 'logging.googleapis.com/trace': cloudTrace(rng) } }];
  }
  return [{ stream: 'stderr', text: ` ⨯ ${nodeStack(head, frames)} {\n  code: 'P2002',\n  clientVersion: '5.22.0',\n  meta: { modelName: 'Membership', target: [ 'orgId', 'userId' ] },\n  digest: '${rng.int(100000000, 4200000000)}'\n}` }];
}, 0.2);

const basepathWarn = fam(`${PORTAL}:auth-warn-basepath`, 'WARNING', [150, 300], ({ rev }) => [rev === 0
  ? { stream: 'stderr', text: `${YELLOW}[auth][warn][env-url-basepath-redundant]${RESET} Read more: https://warnings.authjs.dev#env-url-basepath-redundant` }
  : { stream: 'stderr', json: { severity: 'WARNING', message: '[auth] warning env-url-basepath-redundant', code: 'env-url-basepath-redundant' } }]);

const portalChatter = fam(`noise:${PORTAL}:rendered`, 'INFO', [200, 450], ({ rng, rev }) => {
  const line = rng.pick([
    `invoice INV-${rng.int(10000, 99999)} rendered in ${rng.int(20, 400)}ms (errors=0)`,
    `org ${slug(rng, 6)}: ${rng.int(1, 40)} members synced, 0 errors`,
    `session refreshed for usr_${slug(rng, 8)}`,
  ]);
  return [rev === 0 ? { stream: 'stdout', text: line } : { stream: 'stdout', json: { severity: 'INFO', message: line, 'logging.googleapis.com/trace': cloudTrace(rng) } }];
});

const portalBoot = fam(`noise:${PORTAL}:boot`, 'INFO', [6, 20], ({ rng }) => [
  { stream: 'stdout', text: '  ▲ Next.js 14.2.18\n  - Local:        http://localhost:8080\n  - Network:      http://0.0.0.0:8080' },
  { stream: 'stdout', text: ' ✓ Starting...' },
  { stream: 'stdout', text: ` ✓ Ready in ${rng.int(90, 600)}ms` },
]);

export const portalAuthjs: ServiceDef = {
  name: PORTAL, stack: 'Node 20, Next.js 14.2 standalone, Auth.js v5, Prisma 5.22, Cloud SQL for PostgreSQL', splitRate: 0.65,
  families: [untrustedHost, jweFailed, callbackDb, inviteUnique, basepathWarn, portalChatter, portalBoot],
};

// ---------------------------------------------------------------------------------------------------
// jobs-migrate: a Cloud Run job that runs `prisma migrate deploy` for the portal every 30 minutes and
// before its deploys. Prisma's CLI prints its banner on stdout and its error (code, message, details)
// on stderr as one write, then exits 1. From the rollout the job runs it through `npm run migrate`, and
// npm 10 adds its own `npm error` block after the CLI's error: the runner's line after the failure,
// one problem with it. A clean run goes on to the release's backfill script.
const MIGRATE = 'jobs-migrate';
const MIGRATION = (rng: Prng): string => `2026120${rng.int(1, 3)}${rng.int(10, 23)}${rng.int(10, 59)}00_${rng.pick(['add_membership_role', 'invoice_due_index', 'org_slug_unique'])}`;

const npmTail = (rev: 0 | 1): Write[] => (rev === 0 ? [] : [{ stream: 'stderr', text: 'npm error Lifecycle script `migrate` failed with error:\nnpm error code 1\nnpm error path /app\nnpm error workspace portal@1.0.0\nnpm error location /app\nnpm error command failed\nnpm error command sh -c prisma migrate deploy' }]);

const banner = (rng: Prng): Write => ({ stream: 'stdout', text: `Prisma schema loaded from prisma/schema.prisma\nDatasource "db": PostgreSQL database "portal", schema "public" at "${DB}"\n\n${rng.int(12, 19)} migrations found in prisma/migrations\n` });

const migrateFailed = fam(`${MIGRATE}:failed-migration-blocks`, 'ERROR', [8, 18], ({ rng, t, rev }) => [
  banner(rng),
  { stream: 'stderr', text: `Error: P3009\n\nmigrate found failed migrations in the target database, new migrations will not be applied. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\nThe \`${MIGRATION(rng)}\` migration started at ${prismaTime(t - rng.int(3_600_000_000, 40_000_000_000))} failed\n` },
  ...npmTail(rev),
  exitLine(MIGRATE, 1),
]);

const migrateApplyFailed = fam(`${MIGRATE}:migration-unique-index`, 'ERROR', [2, 6], ({ rng, rev }) => {
  const org = `org_${slug(rng, 5)}`;
  const usr = `usr_${slug(rng, 6)}`;
  return [
    banner(rng),
    { stream: 'stdout', text: `Applying migration \`${MIGRATION(rng)}\`` },
    { stream: 'stderr', text: `Error: P3018\n\nA migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: 20261203091500_add_membership_role\n\nDatabase error code: 23505\n\nDatabase error:\nERROR: could not create unique index "Membership_orgId_userId_key"\nDETAIL: Key ("orgId", "userId")=(${org}, ${usr}) is duplicated.\n\nDbError { severity: "ERROR", parsed_severity: Some(Error), code: SqlState(E23505), message: "could not create unique index \\"Membership_orgId_userId_key\\"", detail: Some("Key (\\"orgId\\", \\"userId\\")=(${org}, ${usr}) is duplicated."), hint: None, position: None, where_: None, schema: Some("public"), table: Some("Membership"), column: None, datatype: None, constraint: Some("Membership_orgId_userId_key"), file: Some("tuplesortvariants.c"), line: Some(1361), routine: Some("comparetup_index_btree") }\n` },
    ...npmTail(rev),
    exitLine(MIGRATE, 1),
  ];
});

const migrateUnreachable = fam(`${MIGRATE}:db-unreachable`, 'ERROR', [4, 10], ({ rng, rev }) => [
  banner(rng),
  { stream: 'stderr', text: `Error: P1001: Can't reach database server at \`${DB}\`\n\nPlease make sure your database server is running at \`${DB}\`.` },
  ...npmTail(rev),
  exitLine(MIGRATE, 1),
]);

const migrateOk = fam(`noise:${MIGRATE}:no-pending`, 'INFO', [20, 40], ({ rng }) => [banner(rng), { stream: 'stdout', text: rng.chance(0.8) ? 'No pending migrations to apply.' : `The following migration(s) have been applied:\n\nmigrations/\n  └─ ${MIGRATION(rng)}/\n    └─ migration.sql\n\nAll migrations have been successfully applied.` }]);

const npmNotice = fam(`noise:${MIGRATE}:npm-notice`, 'INFO', [10, 30], () => [{ stream: 'stderr', text: 'npm notice\nnpm notice New minor version of npm available! 10.8.2 -> 10.9.2\nnpm notice Changelog: https://github.com/npm/cli/releases/tag/v10.9.2\nnpm notice To update run: npm install -g npm@10.9.2\nnpm notice' }]);

// After a clean migrate the job runs the release's backfill script, which reports each batch.
const backfill = fam(`noise:${MIGRATE}:backfill`, 'INFO', [150, 300], ({ rng }) => [{ stream: 'stdout', text: `backfill ${rng.pick(['invoice_due_at', 'membership_role', 'org_slug'])}: batch ${rng.int(1, 80)} done, ${rng.int(100, 500)} rows updated (errors=0)` }]);

export const jobsMigrate: ServiceDef = {
  name: MIGRATE, stack: 'Node 20 Cloud Run job, Prisma 5.22 CLI (`prisma migrate deploy`), npm 10', splitRate: 0.6,
  families: [migrateFailed, migrateApplyFailed, migrateUnreachable, migrateOk, npmNotice, backfill],
};

// ---------------------------------------------------------------------------------------------------
// bot-bolt: a Slack app on Bolt for JavaScript 3.21 with its ExpressReceiver, @slack/web-api 6,
// @google-cloud/firestore 7. Bolt's ConsoleLogger prints `[LEVEL]  name` then the arguments as
// console.* does (util.inspect for errors: the stack, then `{ code, data }` or `{ code, original }`).
// The default error handler logs the error and rejects; the receiver then logs that it had an
// unhandled error and answers 500 (one failure, two records). From the rollout Bolt gets a logger
// that writes one JSON line per call (`severity`, `message`, `logger`).
const BOLT = 'bot-bolt';

const boltLog = (rev: 0 | 1, level: 'ERROR' | 'WARN' | 'INFO', name: string, text: string): Write => (rev === 0
  ? { stream: level === 'INFO' ? 'stdout' : 'stderr', text: `[${level}]  ${name} ${text}` }
  : { stream: 'stdout', json: { severity: level === 'WARN' ? 'WARNING' : level, message: text, logger: name } });

const unhandled = (rev: 0 | 1): Write => boltLog(rev, 'ERROR', 'bolt-app', 'An unhandled error occurred while Bolt processed an event');

const notAcked = fam(`${BOLT}:event-not-acknowledged`, 'ERROR', [25, 70], ({ rev }) => [
  boltLog(rev, 'ERROR', 'bolt-app', 'An incoming event was not acknowledged within 3 seconds. Ensure that the ack() argument is called in a listener.'),
], 0.15);

const notInChannel = fam(`${BOLT}:post-not-in-channel`, 'ERROR', [20, 50], ({ rng, rev }) => {
  const stack = nodeStack('Error: An API error occurred: not_in_channel', [
    'platformErrorFromResult (/app/node_modules/@slack/web-api/dist/errors.js:62:33)',
    'WebClient.<anonymous> (/app/node_modules/@slack/web-api/dist/WebClient.js:236:60)',
    'Generator.next (<anonymous>)',
    'fulfilled (/app/node_modules/@slack/web-api/dist/WebClient.js:28:58)',
    TICKS,
  ]);
  const inspect = `${stack} {\n  code: 'slack_webapi_platform_error',\n  data: {\n    ok: false,\n    error: 'not_in_channel',\n    response_metadata: { scopes: [ 'app_mentions:read', 'chat:write', 'commands' ], acceptedScopes: [ 'chat:write' ] }\n  }\n}`;
  const first: Write = rev === 0
    ? { stream: 'stderr', text: `[ERROR]  bolt-app ${inspect}` }
    : { stream: 'stdout', json: { severity: 'ERROR', message: stack, logger: 'bolt-app', code: 'slack_webapi_platform_error', channel: `C0${rng.upperAlnum(8)}` } };
  return [first, unhandled(rev)];
});

const shortcutTypeError = fam(`${BOLT}:shortcut-user-undefined`, 'ERROR', [10, 30], ({ rev }) => {
  const original = `TypeError: Cannot read properties of undefined (reading 'user')\n      at /app/dist/listeners/shortcuts.js:41:47\n      at Generator.next (<anonymous>)\n      at fulfilled (/app/dist/listeners/shortcuts.js:5:58)`;
  const stack = nodeStack("UnknownError: Cannot read properties of undefined (reading 'user')", [
    'asCodedError (/app/node_modules/@slack/bolt/dist/errors.js:72:12)',
    'App.handleError (/app/node_modules/@slack/bolt/dist/App.js:873:43)',
    'App.processEvent (/app/node_modules/@slack/bolt/dist/App.js:841:25)',
    TICKS,
  ]);
  const first: Write = rev === 0
    ? { stream: 'stderr', text: `[ERROR]  bolt-app ${stack} {\n  code: 'slack_bolt_unknown_error',\n  original: ${original}\n}` }
    : { stream: 'stdout', json: { severity: 'ERROR', message: `${stack}\nCaused by: ${original.replace(/\n {6}/g, '\n    ')}`, logger: 'bolt-app', code: 'slack_bolt_unknown_error' } };
  return [first, unhandled(rev)];
});

const staleRequest = fam(`${BOLT}:request-verification-stale`, 'WARNING', [120, 260], ({ rev }) => [
  boltLog(rev, 'WARN', 'bolt-app', 'Request verification failed (code: slack_bolt_receiver_authenticity_error, message: Failed to verify authenticity: x-slack-request-timestamp must differ from system time by no more than 5 minutes or request is stale)'),
]);

const boltChatter = fam(`noise:${BOLT}:handled`, 'INFO', [200, 450], ({ rng, rev }) => [rng.chance(0.8)
  ? (rev === 0 ? { stream: 'stdout', text: `handled ${rng.pick(['/standup', '/oncall', 'app_mention', 'view_submission'])} from U0${rng.upperAlnum(8)} in ${rng.int(80, 2400)}ms (errors=0)` } : { stream: 'stdout', json: { severity: 'INFO', message: `handled ${rng.pick(['/standup', '/oncall', 'app_mention', 'view_submission'])} in ${rng.int(80, 2400)}ms (errors=0)`, logger: 'app' } })
  : boltLog(rev, 'INFO', 'web-api:WebClient:0', `API Call failed due to rate limiting. Will retry in ${rng.pick([1, 3, 30])} seconds.`)]);

const boltBoot = fam(`noise:${BOLT}:boot`, 'INFO', [6, 20], ({ rev }) => [rev === 0 ? { stream: 'stdout', text: '⚡️ Bolt app is running on port 8080' } : { stream: 'stdout', json: { severity: 'INFO', message: 'Bolt app is running on port 8080', logger: 'app' } }]);

export const botBolt: ServiceDef = {
  name: BOLT, stack: 'Node 20, Bolt for JavaScript 3.21 (ExpressReceiver), @slack/web-api 6, @google-cloud/firestore 7', splitRate: 0.6,
  families: [notAcked, notInChannel, shortcutTypeError, staleRequest, boltChatter, boltBoot],
};
