// The day's Node service: a NestJS 11 API with nest-winston as the application logger, winston's
// Console transport in nest-winston's `nestLike` format, then winston's JSON.
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis, localeUS } from './clock.js';
import { containerExit, digits, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// api-nest: Node 22, NestJS 11 (Express platform), @nestjs/typeorm 11 with TypeORM 0.3 on pg 8 to
// Cloud SQL for PostgreSQL (`statement_timeout` 5 s), @nestjs/axios to a payment gateway, nest-winston
// 1.10 as the app logger (`WinstonModule.createLogger`, `bufferLogs`), one Console transport (stdout).
// Morning revision: `format.combine(format.timestamp(), format.ms(), utilities.format.nestLike('Api',
// { colors: false }))`: `[Api] 1      - 12/9/2026, 10:00:00 AM   ERROR [Context] message - {meta} +Nms`,
// the ISO time turned into the en-US locale, the level upper-cased and padded to seven, `info` shown as
// `LOG`, the rest of the record (the `stack` array nest-winston builds from Nest's trace) as one line
// of JSON. From the rollout `format.combine(format.timestamp(), format.json())`: the record's keys
// sorted (logform's JSON is deterministic), no `severity`. Nest's ExceptionsHandler logs an unknown
// error's message with its stack and answers 500; TypeOrmModule logs `Unable to connect to the database.
// Retrying (N)...` with the error's stack at start.
const AN = 'api-nest';

function nlog(t: number, rev: 0 | 1, level: 'info' | 'warn' | 'error', context: string, message: string, stack?: string): Write {
  if (rev === 0) {
    const meta = stack !== undefined ? ` - ${JSON.stringify({ stack: [stack] })}` : '';
    const shown = level === 'info' ? 'log' : level;
    return { stream: 'stdout', text: `[Api] ${'1'.padEnd(6)} - ${localeUS(t)} ${shown.toUpperCase().padStart(7)} [${context}] ${message}${meta} +${Math.floor(t / 1000) % 40}ms` };
  }
  const json: Record<string, unknown> = { context, level, message };
  if (stack !== undefined) json.stack = [stack];
  json.timestamp = isoMillis(t);
  return { stream: 'stdout', json };
}

const NM = '/app/node_modules';
const TICKS = '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)';

// The open-orders listing scans a table whose index was dropped in a migration: statement timeout.
const anOrders = fam(`${AN}:orders-list-statement-timeout`, 'ERROR', [40, 90], ({ t, rev }) => {
  const stack = ['QueryFailedError: canceling statement due to statement timeout',
    `    at PostgresQueryRunner.query (${NM}/typeorm/driver/postgres/PostgresQueryRunner.js:219:19)`, TICKS,
    `    at async SelectQueryBuilder.loadRawResults (${NM}/typeorm/query-builder/SelectQueryBuilder.js:2231:25)`,
    `    at async SelectQueryBuilder.executeEntitiesAndRawResults (${NM}/typeorm/query-builder/SelectQueryBuilder.js:2079:26)`,
    `    at async SelectQueryBuilder.getRawAndEntities (${NM}/typeorm/query-builder/SelectQueryBuilder.js:684:29)`,
    `    at async SelectQueryBuilder.getManyAndCount (${NM}/typeorm/query-builder/SelectQueryBuilder.js:766:36)`,
    '    at async OrdersService.findOpen (/app/dist/orders/orders.service.js:48:32)',
    '    at async OrdersController.list (/app/dist/orders/orders.controller.js:31:16)'].join('\n');
  return [nlog(t, rev, 'error', 'ExceptionsHandler', 'canceling statement due to statement timeout', stack)];
}, 0.4);

const axios502 = (site: string): string => ['AxiosError: Request failed with status code 502',
  `    at settle (${NM}/axios/dist/node/axios.cjs:2019:12)`,
  `    at IncomingMessage.handleStreamEnd (${NM}/axios/dist/node/axios.cjs:3135:11)`,
  '    at IncomingMessage.emit (node:events:530:35)',
  '    at endReadableNT (node:internal/streams/readable:1698:12)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:90:21)',
  `    at Axios.request (${NM}/axios/dist/node/axios.cjs:4287:41)`,
  TICKS, site].join('\n');

// The gateway's edge answers 502 while it fails over: capture fails; the service logs and rethrows,
// the ExceptionsHandler logs again and answers 500 (two records of one failure).
const anCapture = fam(`${AN}:payment-capture-bad-gateway`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const stack = axios502('    at async PaymentsService.capture (/app/dist/payments/payments.service.js:41:30)\n    at async CheckoutController.pay (/app/dist/checkout/checkout.controller.js:57:9)');
  return [
    nlog(t, rev, 'error', 'PaymentsService', `Capture failed for payment pay_${rng.alnum(14)}: Request failed with status code 502`, stack),
    nlog(t + 400, rev, 'error', 'ExceptionsHandler', 'Request failed with status code 502', stack),
  ];
}, 0.3);

// The same 502 from the refunds call site: logged and queued for a retry, the client gets 202.
const anRefund = fam(`${AN}:refund-bad-gateway`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const stack = axios502('    at async RefundsService.issue (/app/dist/refunds/refunds.service.js:58:13)\n    at async RefundsController.create (/app/dist/refunds/refunds.controller.js:24:9)');
  return [nlog(t, rev, 'error', 'RefundsService', `Refund ${digits(rng, 6)} for order ${digits(rng, 7)} failed, queued for retry: Request failed with status code 502`, stack)];
});

// Reservations slower than their budget (frequent).
const anSlow = fam(`${AN}:reservation-over-budget`, 'WARNING', [120, 240], ({ rng, t, rev }) =>
  [nlog(t, rev, 'warn', 'InventoryService', `Reservation for order ${digits(rng, 7)} took ${rng.int(1001, 4800)}ms (budget 1000ms, ${rng.int(1, 9)} lines)`)]);

// Cloud SQL's private IP moved after maintenance and the new revision's VPC connector lags: TypeORM
// retries, Nest gives up, the process exits 1.
const anStartup = fam(`${AN}:startup-db-unreachable`, 'ERROR', [4, 10], ({ rng, t, rev }) => {
  const ip = `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
  const stack = `Error: connect ETIMEDOUT ${ip}:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1615:16)`;
  const tries = rng.int(2, 4);
  const out: Write[] = [];
  for (let i = 1; i <= tries; i += 1) out.push(nlog(t + i * 3_000_000, rev, 'error', 'TypeOrmModule', `Unable to connect to the database. Retrying (${i})...`, stack));
  out.push(nlog(t + (tries + 1) * 3_000_000, rev, 'error', 'ExceptionHandler', `connect ETIMEDOUT ${ip}:5432`, stack));
  out.push(containerExit(AN, 1));
  return out;
});

const anChatter = fam(`noise:${AN}:chatter`, 'INFO', [240, 360], ({ rng, t, rev }) => {
  const roll = rng.next();
  if (roll < 0.05) return [nlog(t, rev, 'info', rng.pick(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'NestApplication']), rng.pick(['Starting Nest application...', 'TypeOrmModule dependencies initialized', 'OrdersController {/orders}:', 'Nest application successfully started']))];
  if (roll < 0.5) return [nlog(t, rev, 'info', 'OrdersService', `Order ${digits(rng, 7)} created (${rng.int(1, 9)} lines, 0 errors)`)];
  return [nlog(t, rev, 'info', 'PaymentsService', `Captured payment pay_${rng.alnum(14)} (${rng.int(5, 900)}.${rng.int(10, 99)} EUR, retries=0)`)];
});

export const apiNest: ServiceDef = {
  name: AN, stack: 'Node 22, NestJS 11, nest-winston 1.10 (winston 3), TypeORM 0.3 + pg 8, @nestjs/axios', splitRate: 0.65,
  families: [anOrders, anCapture, anRefund, anSlow, anStartup, anChatter],
};

