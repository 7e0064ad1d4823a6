// checkout-hummingbird: Swift 5.10, Hummingbird 2, swift-log, PostgresNIO, AsyncHTTPClient. The
// morning revision logs through swift-log's StreamLogHandler (`timestamp level label : key=value ...
// [source] message`, metadata sorted), the later one through a JSON log handler (`timestamp`, `level`,
// `label`, `source`, `message`, `metadata{}`: the error under `metadata.error`). PSQLError prints a
// generic description unless reflected; the app logs `String(reflecting: error)`. A force unwrap of
// nil traps: Swift's runtime message then its backtracer's report (on by default on Linux), and Cloud
// Run's `Uncaught signal: 4`.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { swiftLog, isoMillis } from './clock.js';

function hbLog(rng: Prng, t: number, rev: 0 | 1, level: 'info' | 'warning' | 'error', msg: string, error?: string): Write {
  const meta: Record<string, string> = { 'hb.request.id': rng.hex(16), 'hb.request.method': 'POST', 'hb.request.path': '/v1/orders' };
  if (rev === 1) {
    return { stream: 'stdout', json: { timestamp: isoMillis(t), level, label: 'checkout', source: 'App', message: msg, metadata: error ? { ...meta, error } : meta } };
  }
  const pretty = Object.keys(meta).sort().map((k) => `${k}=${meta[k]}`).join(' ');
  return { stream: 'stdout', text: `${swiftLog(t)} ${level} checkout : ${pretty} [App] ${error ? `${msg}: ${error}` : msg}` };
}

const fkError = (rng: Prng): string => {
  const customer = rng.int(1000, 99999);
  return `PSQLError(code: server, serverInfo: [sqlState: 23503, detail: Key (customer_id)=(${customer}) is not present in table "customers"., file: ri_triggers.c, line: 2608, message: insert or update on table "orders" violates foreign key constraint "orders_customer_id_fkey", routine: ri_ReportViolation, localizedSeverity: ERROR, severity: ERROR, schemaName: public, tableName: orders, constraintName: orders_customer_id_fkey], query: PostgresQuery(sql: INSERT INTO orders (id, customer_id, total_cents) VALUES ($1, $2, $3), binds: [****, ****, ****]))`;
};

function crash(rng: Prng): string {
  const a = (): string => `0x0000${rng.hex(12)}`;
  return [
    'App/TaxService.swift:88: Fatal error: Unexpectedly found nil while unwrapping an Optional value',
    '',
    `*** Program crashed: Illegal instruction at ${a()} ***`,
    '',
    `Thread ${rng.int(1, 6)} "NIO-ELT-0-#${rng.int(0, 3)}" crashed:`,
    '',
    `0 ${a()} _assertionFailure(_:_:file:line:flags:) + 264 in libswiftCore.so`,
    `1 ${a()} TaxService.rate(for:) + 412 in App at /app/Sources/App/Services/TaxService.swift:88:41`,
    `2 ${a()} OrderController.create(_:context:) + 1180 in App at /app/Sources/App/Controllers/OrderController.swift:54:30`,
    `3 ${a()} closure #1 in Router.post(_:use:) + 96 in App at /app/.build/checkouts/hummingbird/Sources/Hummingbird/Router/RouterMethods.swift:77:24`,
    '',
    `Backtrace took ${rng.fixed(0.1, 0.9, 2)}s`,
  ].join('\n');
}

const checkoutFamilies: Family[] = [
  {
    name: 'checkout-hummingbird:order-insert-customer-fk', level: 'ERROR', perDay: [8, 25],
    emit: ({ rng, t, rev }) => [hbLog(rng, t, rev, 'error', 'Failed to store order', fkError(rng))],
  },
  {
    name: 'checkout-hummingbird:payment-deadline-exceeded', level: 'ERROR', perDay: [10, 30], burst: 0.3,
    emit: ({ rng, t, rev }) => [hbLog(rng, t, rev, 'error', 'Payment authorization failed', 'HTTPClientError.deadlineExceeded')],
  },
  {
    name: 'checkout-hummingbird:slow-request', level: 'WARNING', perDay: [40, 120],
    emit: ({ rng, t, rev }) => [hbLog(rng, t, rev, 'warning', `Slow request: POST /v1/orders took ${rng.fixed(2, 9, 2)}s`)],
  },
  {
    name: 'checkout-hummingbird:tax-rate-nil-trap', level: 'CRITICAL', perDay: [1, 4],
    emit: ({ rng }) => [
      { stream: 'stderr', text: crash(rng) },
      { stream: 'varlog/system', severity: 'ERROR', text: `Uncaught signal: 4, pid=1, tid=${rng.int(8, 40)}, fault_addr=0.`, as: { family: 'checkout-hummingbird:uncaught-signal', level: 'ERROR' } },
    ],
  },
  {
    name: 'noise:checkout-hummingbird:order', level: 'INFO', perDay: [180, 400],
    emit: ({ rng, t, rev }) => [hbLog(rng, t, rev, 'info', `Order ${rng.uuid()} stored (${rng.int(1, 9)} items, validation_errors=0)`)],
  },
];

export const checkoutHummingbird: ServiceDef = {
  name: 'checkout-hummingbird', stack: 'Swift 5.10, Hummingbird 2, swift-log, PostgresNIO, AsyncHTTPClient', splitRate: 0.75,
  families: checkoutFamilies,
};
