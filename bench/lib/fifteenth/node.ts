// Two Node services: Ghost 5 (the official image, MySQL 8 on Cloud SQL, Mailgun) with its pretty stdout
// stream, and a Sails 1.5 API with Waterline on PostgreSQL logging through captains-log. Neither changes
// its format at the rollout.
import type { Ctx, Family, ServiceDef } from '../stranger/model.js';
import { ghostTime } from './clock.js';

// ---------------------------------------------------------------- blog-ghost
// Ghost's GhostPrettyStream: `[YYYY-MM-DD HH:mm:ss] LEVEL "METHOD url" status time`; for an error the
// message, the context in quotes, `Error ID:` and `Error Code:` indented, a dashed rule and the stack,
// each part after an empty line, all one write. Every request that ends in an error other than 404 is
// logged at ERROR (a 401 too); the rest at INFO.
const GHOST = 'blog-ghost';
const GV = '/var/lib/ghost/versions/5.105.0';

function ghostError(ctx: Ctx, method: string, url: string, status: number, message: string, context: string | undefined, code: string | undefined, stack: string[]): string {
  return [
    `[${ghostTime(ctx.t)}] ERROR "${method} ${url}" ${status} ${ctx.rng.int(8, status >= 500 ? 60000 : 300)}ms`,
    '',
    message,
    ...(context === undefined ? [] : ['', `"${context}"`]),
    '',
    'Error ID:',
    `    ${ctx.rng.uuid()}`,
    ...(code === undefined ? [] : ['', 'Error Code: ', `    ${code}`]),
    '',
    '----------------------------------------',
    '',
    ...stack,
  ].join('\n');
}

const magicLink: Family = {
  name: `${GHOST}:magic-link-email-forbidden`, level: 'ERROR', perDay: [20, 60], burst: 0.2,
  emit: (ctx) => [{
    stream: 'stdout',
    text: ghostError(ctx, 'POST', '/members/api/send-magic-link/', 500, 'Failed to send email. Reason: Forbidden.', 'Please see https://ghost.org/docs/config/#mail for instructions on configuring email.', undefined, [
      'EmailError: Failed to send email. Reason: Forbidden.',
      `    at createMailError (${GV}/core/server/services/mail/GhostMailer.js:72:12)`,
      `    at ${GV}/core/server/services/mail/GhostMailer.js:140:23`,
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '',
      'Error: Forbidden',
      `    at IncomingMessage.<anonymous> (${GV}/node_modules/nodemailer-mailgun-transport/src/mailgun-transport.js:121:27)`,
    ]),
  }],
};

const knexTimeout: Family = {
  name: `${GHOST}:knex-pool-acquire-timeout`, level: 'ERROR', perDay: [15, 50],
  emit: (ctx) => [{
    stream: 'stdout',
    text: ghostError(ctx, 'GET', ctx.rng.pick(['/', `/${ctx.rng.lower(8)}-${ctx.rng.lower(6)}/`, '/tag/news/']), 500, 'Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?', undefined, undefined, [
      'KnexTimeoutError: Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?',
      `    at Client_MySQL2.acquireConnection (${GV}/node_modules/knex/lib/client.js:332:26)`,
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      `    at async Runner.ensureConnection (${GV}/node_modules/knex/lib/execution/runner.js:305:28)`,
      `    at async Runner.run (${GV}/node_modules/knex/lib/execution/runner.js:30:19)`,
    ]),
  }],
};

const passwordIncorrect: Family = {
  name: `${GHOST}:admin-session-password-incorrect`, level: 'ERROR', perDay: [40, 100],
  emit: (ctx) => [{
    stream: 'stdout',
    text: ghostError(ctx, 'POST', '/ghost/api/admin/session', 401, 'Your password is incorrect.', 'Your password is incorrect.', 'PASSWORD_INCORRECT', [
      'UnauthorizedError: Your password is incorrect.',
      `    at isPasswordCorrect (${GV}/core/server/lib/validate-password.js:48:15)`,
      `    at Function.check (${GV}/core/server/models/user.js:958:19)`,
    ]),
  }],
};

const ghostChatter: Family = {
  name: `noise:${GHOST}:requests`, level: 'INFO', perDay: [300, 550],
  emit: (ctx) => [{
    stream: 'stdout',
    text: ctx.rng.chance(0.9)
      ? `[${ghostTime(ctx.t)}] INFO "GET ${ctx.rng.pick(['/', '/rss/', `/${ctx.rng.lower(8)}/`, '/content/images/size/w600/2026/11/cover.jpg'])}" ${ctx.rng.pick([200, 200, 304, 301])} ${ctx.rng.int(3, 900)}ms`
      : `[${ghostTime(ctx.t)}] INFO [EmailAnalytics] Fetched ${ctx.rng.int(0, 900)} events and aggregated stats for ${ctx.rng.int(0, 40)} emails in ${ctx.rng.int(80, 4000)}ms (0 errors)`,
  }],
};

const ghostBoot: Family = {
  name: `noise:${GHOST}:boot`, level: 'INFO', perDay: [4, 12],
  emit: (ctx) => [
    { stream: 'stdout', text: `[${ghostTime(ctx.t)}] INFO Ghost is running in production...` },
    { stream: 'stdout', text: `[${ghostTime(ctx.t)}] INFO Your site is now available on https://journal.tallowmere.com/` },
    { stream: 'stdout', text: `[${ghostTime(ctx.t)}] INFO Ghost booted in ${ctx.rng.float(2, 9, 3)}s` },
  ],
};

export const blogGhost: ServiceDef = {
  name: GHOST, stack: 'Ghost 5.105 (Node 18, Express, Knex/mysql2), Cloud SQL for MySQL 8, Mailgun', splitRate: 0.75,
  families: [magicLink, knexTimeout, passwordIncorrect, ghostChatter, ghostBoot],
};

// ---------------------------------------------------------------- api-sails
// Sails 1.5 with captains-log at level `info`: `error: `, `warn: `, `info: ` before every line it writes
// (util.format of its arguments, so a multi-line error keeps the prefix on its first line only).
// res.serverError() logs `Sending 500 ("Server Error") response: \n` and the error, inspected (stack,
// then Waterline's own properties in braces).
const SAILS = 'api-sails';
const NM = '/app/node_modules';

function serverError(errLines: string[]): string {
  return [`error: Sending 500 ("Server Error") response: `, ` ${errLines[0]}`, ...errLines.slice(1)].join('\n');
}

const dbRefused: Family = {
  name: `${SAILS}:devices-find-db-connection-refused`, level: 'ERROR', perDay: [25, 70], burst: 0.3,
  emit: (ctx) => [{
    stream: 'stderr',
    text: serverError([
      'AdapterError: Unexpected error from database adapter: connect ECONNREFUSED 10.40.0.3:5432',
      '    at Object.find (/app/api/controllers/device/list.js:24:41)',
      `    at ${NM}/machine/lib/private/help-build-machine.js:954:30`,
      `    at Function.handlerCbs.success (${NM}/machine/lib/private/help-build-machine.js:814:26) {`,
      "  cause: Error: connect ECONNREFUSED 10.40.0.3:5432",
      `      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {`,
      "    errno: -111,",
      "    code: 'ECONNREFUSED',",
      "    syscall: 'connect',",
      "    address: '10.40.0.3',",
      "    port: 5432",
      '  },',
      "  adapterMethodName: 'find',",
      `  modelIdentity: 'device'`,
      '}',
    ]),
  }],
};

const signupUnique: Family = {
  name: `${SAILS}:signup-user-email-not-unique`, level: 'ERROR', perDay: [20, 60],
  emit: (ctx) => [{
    stream: 'stderr',
    text: serverError([
      'AdapterError: Would violate uniqueness constraint-- a record already exists with conflicting value(s).',
      '    at Object.signup (/app/api/controllers/entrance/signup.js:61:8)',
      `    at ${NM}/machine/lib/private/help-build-machine.js:954:30 {`,
      "  code: 'E_UNIQUE',",
      `  footprint: { identity: 'notUnique', keys: [ 'emailAddress' ], raw: { message: 'duplicate key value violates unique constraint "user_emailaddress_key"' } },`,
      "  adapterMethodName: 'create',",
      "  modelIdentity: 'user'",
      '}',
    ]),
  }],
};

const fcmRejected: Family = {
  name: `${SAILS}:fcm-token-not-registered`, level: 'WARNING', perDay: [100, 220],
  emit: (ctx) => [{ stream: 'stderr', text: `warn: Push token rejected by FCM for device ${ctx.rng.int(1000, 99999)} (messaging/registration-token-not-registered), removing it` }],
};

const liftFailed: Family = {
  name: `${SAILS}:lift-orm-password-authentication-failed`, level: 'ERROR', perDay: [2, 5],
  emit: () => [
    { stream: 'stderr', text: 'error: A hook (`orm`) failed to load!' },
    {
      stream: 'stderr',
      text: [
        'error: Failed to lift app: error: password authentication failed for user "sails"',
        `    at Parser.parseErrorMessage (${NM}/pg-protocol/dist/parser.js:283:98)`,
        `    at Parser.handlePacket (${NM}/pg-protocol/dist/parser.js:122:29)`,
        `    at Socket.<anonymous> (${NM}/pg-protocol/dist/index.js:11:42)`,
      ].join('\n'),
    },
    { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: `${SAILS}:container-exit-1`, level: 'WARNING' } },
  ],
};

const sailsChatter: Family = {
  name: `noise:${SAILS}:info`, level: 'INFO', perDay: [180, 360],
  emit: (ctx) => [{ stream: 'stdout', text: ctx.rng.chance(0.6) ? `info: Sent ${ctx.rng.int(1, 900)} push notifications (0 errors)` : `info: Synced ${ctx.rng.int(1, 90)} devices for account ${ctx.rng.int(100, 9999)}` }],
};

const sailsLift: Family = {
  name: `noise:${SAILS}:lift`, level: 'INFO', perDay: [4, 12],
  emit: () => [
    { stream: 'stdout', text: 'info: Server lifted in `/app`' },
    { stream: 'stdout', text: 'info: To shut down Sails, press <CTRL> + C at any time.' },
  ],
};

export const apiSails: ServiceDef = {
  name: SAILS, stack: 'Node 20, Sails 1.5, Waterline + sails-postgresql, firebase-admin (FCM)', splitRate: 0.7,
  families: [dbRefused, signupUnique, fcmRejected, liftFailed, sailsChatter, sailsLift],
};
