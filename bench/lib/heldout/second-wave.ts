// A second batch of families, written after the first batch had been used to fix the classifier,
// and measured before any change for them: the first batch no longer tests anything it was not
// tuned on, this one does.
import type { Family, Payload, Tools } from './spec.js';
import { iso, request } from './spec.js';

const TOPICS = ['orders', 'payments', 'refunds', 'shipments', 'audit'];

function winston(t: Tools, severity: string, message: string, extra: Record<string, unknown> = {}): Payload {
  return { stream: 'stdout', severity, jsonPayload: { level: severity.toLowerCase(), message, service: 'storefront', timestamp: iso(t.time), ...extra } };
}

function zap(t: Tools, severity: string, msg: string, extra: Record<string, unknown>): Payload {
  return { stream: 'stderr', severity, jsonPayload: { level: severity.toLowerCase(), ts: t.time / 1000, caller: 'rpc/client.go:64', msg, ...extra } };
}

function pyText(t: Tools, severity: string, text: string): Payload {
  return { stream: 'stderr', severity, textPayload: text };
}

function httpPanic(t: Tools, fn: string, file: string): string {
  const { rng } = t;
  return [
    `http: panic serving 10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}:${rng.int(30000, 65000)}: runtime error: invalid memory address or nil pointer dereference`,
    `goroutine ${rng.int(20, 9000)} [running]:`,
    'net/http.(*conn).serve.func1()', '\t/usr/local/go/src/net/http/server.go:1903 +0xbe',
    `panic({0x8f1a20?, 0x${rng.hex(7)}?})`, '\t/usr/local/go/src/runtime/panic.go:770 +0x132',
    `${fn}(0xc000${rng.hex(6)}, 0x0)`, `\t${file} +0x${rng.hex(2)}`,
    `net/http.HandlerFunc.ServeHTTP(0xc000${rng.hex(6)}?, {0xa1b2c0, 0xc000${rng.hex(6)}}, 0xc000${rng.hex(6)})`,
    '\t/usr/local/go/src/net/http/server.go:2171 +0x29',
  ].join('\n');
}

export const secondWave: Family[] = [
  {
    name: 'w2-validation-json', service: 'storefront', count: 40,
    emit: (t) => {
      const fields = ['email', 'postcode', 'phone', 'country'].slice(0, t.rng.int(1, 4));
      const detail = JSON.stringify(fields.map((f) => ({ field: f, errors: t.rng.chance(0.5) ? ['required'] : ['required', 'format'] })));
      return winston(t, 'WARNING', `Validation failed for POST /api/v1/addresses: ${detail}`);
    },
  },
  {
    name: 'w2-dns-enotfound', service: 'storefront', count: 30,
    emit: (t) => winston(t, 'ERROR', 'payment capture failed', {
      stack: `Error: getaddrinfo ENOTFOUND payments-${t.rng.pick(['a', 'b'])}.internal\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)`,
    }),
  },
  {
    name: 'w2-grpc-unavailable', service: 'ledger', count: 45,
    emit: (t) => zap(t, 'ERROR', 'grpc call failed', {
      method: '/acme.inventory.v1.Inventory/Reserve',
      error: `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 10.0.${t.rng.int(0, 9)}.${t.rng.int(2, 250)}:443: i/o timeout"`,
    }),
  },
  {
    // The topic is a name written into a resource path with no digit in it.
    name: 'w2-publish-failed', service: 'ledger', count: 36,
    emit: (t) => zap(t, 'ERROR', `publish to projects/acme-prod/topics/${t.rng.pick(TOPICS)} failed`, { error: 'context deadline exceeded', attempt: t.rng.int(1, 4) }),
  },
  {
    name: 'w2-http-panic-handler', service: 'ledger', count: 12,
    emit: (t) => ({ stream: 'stderr', severity: 'ERROR', textPayload: httpPanic(t, 'github.com/acme/ledger/internal/api.(*Server).getStatement', '/src/internal/api/statement.go:58') }),
  },
  {
    // The same recovered panic in another handler: another bug.
    name: 'w2-http-panic-export', service: 'ledger', count: 8,
    emit: (t) => ({ stream: 'stderr', severity: 'ERROR', textPayload: httpPanic(t, 'github.com/acme/ledger/internal/export.(*Writer).row', '/src/internal/export/csv.go:112') }),
  },
  {
    name: 'w2-urllib3-retry', service: 'inference', count: 50,
    emit: (t) => pyText(t, 'WARNING', `WARNING:urllib3.connectionpool:Retrying (Retry(total=${t.rng.int(0, 4)}, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f${t.rng.hex(10)}>: Failed to establish a new connection: [Errno 111] Connection refused')': /v1/embeddings`),
  },
  {
    name: 'w2-unique-violation', service: 'inference', count: 22,
    emit: (t) => {
      const local = t.plant.email(t.rng.pick(['li.wei', 'a.schmidt', 'kim.j']), 'users.example.net');
      return pyText(t, 'ERROR', `ERROR:inference.accounts:signup failed: (psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint "users_email_key"\nDETAIL:  Key (email)=(${local}) already exists.\n[SQL: INSERT INTO users (email, name) VALUES (%(email)s, %(name)s)]\n[parameters: {'email': '${local}', 'name': '${t.rng.pick(['Li', 'Anna', 'Jin'])}'}]\n(Background on this error at: https://sqlalche.me/e/20/gkpj)`);
    },
  },
  {
    name: 'w2-queue-dlq', service: 'inference', count: 28,
    emit: (t) => pyText(t, 'ERROR', `ERROR:root:Failed to process message ${t.rng.int(1e6, 9e6)} from queue ${t.rng.pick(['embed-dlq', 'rerank-dlq', 'ocr-dlq'])} after ${t.rng.pick(['1.2s', '350ms', '00:00:01.2', '1m30s'])}`),
  },
  {
    name: 'w2-payload-too-large', service: 'inference', count: 18,
    emit: (t) => pyText(t, 'WARNING', `WARNING:inference.api:rejected upload of ${t.rng.pick(['1.5 GB', '612MiB', '2GiB', '700 MB'])}: exceeds limit of 512MiB`),
  },
  {
    name: 'w2-method-not-supported', service: 'billing', count: 33,
    emit: (t) => ({
      stream: 'stdout', severity: 'WARNING',
      textPayload: `${iso(t.time)}  WARN 1 --- [billing] [nio-8080-exec-${t.rng.int(1, 10)}] .w.s.m.s.DefaultHandlerExceptionResolver : Resolved [org.springframework.web.HttpRequestMethodNotSupportedException: Request method '${t.rng.pick(['PUT', 'PATCH', 'DELETE'])}' is not supported]`,
    }),
  },
  {
    name: 'w2-java-suppressed', service: 'billing', count: 16,
    emit: (t) => ({
      stream: 'stdout', severity: 'ERROR',
      jsonPayload: {
        '@timestamp': iso(t.time), level: 'ERROR', logger_name: 'com.acme.billing.export.StatementExporter', message: `statement export ${t.rng.uuid()} failed`,
        stack_trace: [
          `java.io.UncheckedIOException: java.io.IOException: No space left on device`,
          '\tat com.acme.billing.export.StatementExporter.write(StatementExporter.java:91)',
          '\tat com.acme.billing.export.StatementExporter.run(StatementExporter.java:55)',
          '\tSuppressed: java.io.IOException: Stream Closed',
          '\t\tat java.base/java.io.FileOutputStream.writeBytes(Native Method)',
          `\t\t... ${t.rng.int(3, 9)} more`,
          'Caused by: java.io.IOException: No space left on device',
          '\tat java.base/java.io.FileOutputStream.writeBytes(Native Method)',
          `\t... ${t.rng.int(10, 20)} more`,
        ].join('\n'),
      },
    }),
  },
  {
    name: 'w2-malformed-response', service: 'billing', count: 20,
    emit: (t) => ({
      stream: 'requests', severity: 'ERROR',
      textPayload: 'The request failed because either the HTTP response was malformed or connection to the instance had an error. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#malformed-response-or-connection-error',
      httpRequest: request(t, 'GET', `https://billing-2kq8zx1mfa-ew.a.run.app/api/invoices/INV-2025-${String(t.rng.int(1, 99999)).padStart(6, '0')}/pdf`, 503, [0.2, 30]),
    }),
  },
  {
    name: 'w2-lease-expired', service: 'billing', count: 24,
    emit: (t) => ({
      stream: 'stdout', severity: 'WARNING',
      textPayload: `${iso(t.time)}  WARN 1 --- [billing] [scheduling-1] c.a.b.jobs.LeaderElection                : leader lease for ${t.rng.pick(['invoice-runner', 'dunning'])} expired at ${new Date(t.time - 30000).toUTCString()} (holder ${t.rng.base64(12)}==, renewed ${t.rng.int(2, 90)}s ago)`,
    }),
  },
  {
    name: 'w2-ipv6-reset', service: 'storefront', count: 26,
    emit: (t) => winston(t, 'WARNING', `upstream connection reset by [2600:1900:4000:${t.rng.hex(4)}::${t.rng.hex(2)}]:443 after ${t.rng.int(1, 900)} ms (idempotency key ${t.rng.base64(16)}=)`),
  },
];
