// pay-vapor: Swift 5.10, Vapor 4, PostgresNIO. Vapor's ConsoleLogger (`[ ERROR ] message [request-id:
// ...]`) on the morning revision; swift-log's StreamLogHandler after (`2026-12-03T10:00:00+0000 error
// codes.vapor.request : request-id=... [Vapor] message`). ErrorMiddleware reports an Abort below 500 at
// warning (`Abort.401: reason`) and any other error at error; a runtime trap prints `Fatal error:` and
// the backtracer's `💣 Program crashed:` block, then the platform sees the signal.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { swiftLogTime } from './clock.js';

function vapor(rng: Prng, rev: 0 | 1, t: number, level: 'info' | 'warning' | 'error', message: string, source = 'Vapor'): Write {
  const rid = rng.uuid().toUpperCase();
  if (rev === 0) return { stream: 'stdout', text: `[ ${level.toUpperCase()} ] ${message} [request-id: ${rid}]` };
  return { stream: 'stdout', text: `${swiftLogTime(t)} ${level} codes.vapor.request : request-id=${rid} [${source}] ${message}` };
}

const vaporFamilies: Family[] = [
  {
    name: 'pay-vapor:payment-idempotency-duplicate', level: 'ERROR', perDay: [20, 60],
    emit: ({ rng, rev, t }) => [vapor(rng, rev, t, 'error', `PSQLError(code: server, serverInfo: [sqlState: 23505, detail: Key (idempotency_key)=(${rng.uuid()}) already exists., file: nbtinsert.c, line: 666, message: duplicate key value violates unique constraint "payments_idempotency_key_key", routine: _bt_check_unique, localizedSeverity: ERROR, severity: ERROR, schemaName: public, tableName: payments, constraintName: payments_idempotency_key_key], triggeredFromRequestInFile: PostgresNIO/PostgresConnection.swift, line: 241, query: PostgresQuery(sql: INSERT INTO "payments" ("id", "amount", "currency", "idempotency_key", "created_at") VALUES ($1, $2, $3, $4, $5), binds: [****, ****, ****, ****, ****]))`)],
  },
  {
    name: 'pay-vapor:webhook-invalid-signature', level: 'WARNING', perDay: [150, 350],
    emit: ({ rng, rev, t }) => [vapor(rng, rev, t, 'warning', 'Abort.401: Invalid webhook signature')],
  },
  {
    name: 'pay-vapor:refund-index-out-of-range', level: 'CRITICAL', perDay: [1, 5],
    emit: ({ rng }) => {
      const pc = (): string => `0x00005${rng.hex(11)}`;
      return [
        { stream: 'stderr', text: [
          'Swift/ContiguousArrayBuffer.swift:675: Fatal error: Index out of range',
          '',
          `💣 Program crashed: System trap at 0x00007f${rng.hex(10)}`,
          '',
          `Thread ${rng.int(1, 6)} crashed:`,
          '',
          `0 ${pc()} Swift runtime failure: Index out of range in App at /app/Sources/App/Controllers/RefundController.swift:77:31`,
          `1 ${pc()} RefundController.split(_:) + 412 in App at /app/Sources/App/Controllers/RefundController.swift:77:31`,
          `2 ${pc()} closure #1 in RefundController.create(req:) + 236 in App at /app/Sources/App/Controllers/RefundController.swift:41:22`,
          '',
          'Backtrace took 0.41s',
        ].join('\n') },
        { stream: 'varlog/system', severity: 'ERROR', text: 'Uncaught signal: 4, pid=1, tid=1, fault_addr=0.', as: { family: 'pay-vapor:uncaught-signal', level: 'ERROR' } },
      ];
    },
  },
  {
    name: 'pay-vapor:psp-client-timeout', level: 'ERROR', perDay: [8, 25],
    emit: ({ rng, rev, t }) => [vapor(rng, rev, t, 'error', `HTTPClientError.deadlineExceeded while capturing payment pay_${rng.alnum(18)}`, 'App')],
  },
  {
    name: 'noise:pay-vapor:request', level: 'INFO', perDay: [400, 800],
    emit: ({ rng, rev, t }) => [vapor(rng, rev, t, 'info', rng.pick(['POST /v1/payments', 'GET /v1/payments/pay_' + rng.alnum(18), 'POST /v1/webhooks/psp', 'POST /v1/refunds']))],
  },
];

export const payVapor: ServiceDef = { name: 'pay-vapor', stack: 'Swift 5.10, Vapor 4, PostgresNIO', splitRate: 0.75, families: vaporFamilies };
