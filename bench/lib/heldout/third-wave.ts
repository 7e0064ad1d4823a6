// A third batch, written after the second had been used for fixes and measured before any change
// for it. It also holds near-twins aimed at the rules those fixes added: noun compounds after a
// word that usually introduces a name (`model config` / `model weights`), slugs that are routes.
import type { Family, Payload, Tools } from './spec.js';
import { asctime, iso, request } from './spec.js';

function pino(t: Tools, severity: string, msg: string, extra: Record<string, unknown> = {}): Payload {
  return { stream: 'stdout', severity, jsonPayload: { level: severity === 'ERROR' ? 50 : 40, time: t.time, pid: 1, msg, ...extra } };
}

function slog(t: Tools, severity: string, msg: string, extra: Record<string, unknown> = {}): Payload {
  return { stream: 'stdout', severity, jsonPayload: { time: iso(t.time), level: severity === 'WARNING' ? 'WARN' : severity, msg, ...extra } };
}

function text(severity: string, body: string, stream: Payload['stream'] = 'stderr'): Payload {
  return { stream, severity, textPayload: body };
}

export const thirdWave: Family[] = [
  {
    name: 'w3-fetch-failed-cause', service: 'storefront', count: 34,
    emit: (t) => pino(t, 'ERROR', 'price lookup failed', {
      err: {
        type: 'TypeError', message: 'fetch failed',
        stack: ['TypeError: fetch failed', '    at node:internal/deps/undici/undici:13502:13',
          `    at async PricingClient.quote (/app/dist/clients/pricing.js:${t.rng.pick([22, 24])}:17)`,
          '    at async /app/dist/routes/cart.js:51:19 {',
          `  [cause]: Error: connect ETIMEDOUT 10.0.${t.rng.int(0, 9)}.${t.rng.int(2, 250)}:443`,
          '      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {',
          "    errno: -110,\n    code: 'ETIMEDOUT',\n    syscall: 'connect'\n  }\n}"].join('\n'),
      },
    }),
  },
  {
    name: 'w3-max-listeners', service: 'storefront', count: 10,
    emit: (t) => text('WARNING', `(node:${t.rng.int(1, 40)}) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. ${t.rng.int(11, 40)} close listeners added to [TLSSocket]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit\n(Use \`node --trace-warnings ...\` to show where the warning was created)`),
  },
  // Near-twins: one word after `model` that is part of the message, not a model's name.
  {
    name: 'w3-model-config', service: 'inference', count: 15,
    emit: (t) => ({ stream: 'stdout', severity: 'ERROR', jsonPayload: { event: 'failed to load model config', path: `/models/${t.rng.hex(8)}/config.json`, level: 'error' } }),
  },
  {
    name: 'w3-model-weights', service: 'inference', count: 12,
    emit: (t) => ({ stream: 'stdout', severity: 'ERROR', jsonPayload: { event: 'failed to load model weights', path: `/models/${t.rng.hex(8)}/model.safetensors`, level: 'error' } }),
  },
  {
    name: 'w3-user-session-expired', service: 'billing', count: 20,
    emit: (t) => text('NOTICE', `${iso(t.time)}  INFO 1 --- [billing] [nio-8080-exec-${t.rng.int(1, 9)}] c.a.b.web.AuthFilter                     : user session expired for request ${t.rng.uuid()}`, 'stdout'),
  },
  {
    name: 'w3-user-account-locked', service: 'billing', count: 14,
    emit: (t) => text('WARNING', `${iso(t.time)}  WARN 1 --- [billing] [nio-8080-exec-${t.rng.int(1, 9)}] c.a.b.web.AuthFilter                     : user account locked for request ${t.rng.uuid()}`, 'stdout'),
  },
  {
    name: 'w3-asyncio-never-retrieved', service: 'inference', count: 18,
    emit: (t) => text('ERROR', [
      'Task exception was never retrieved',
      `future: <Task finished name='Task-${t.rng.int(10, 9000)}' coro=<refresh_cache() done, defined at /app/inference/cache.py:30> exception=TimeoutError()>`,
      'Traceback (most recent call last):',
      '  File "/app/inference/cache.py", line 34, in refresh_cache',
      '    data = await asyncio.wait_for(fetch_all(), timeout=5)',
      '  File "/usr/local/lib/python3.11/asyncio/tasks.py", line 502, in wait_for',
      '    raise exceptions.TimeoutError() from exc',
      'TimeoutError'].join('\n')),
  },
  {
    // Pydantic prints one block per invalid field: the message grows with the number of errors.
    name: 'w3-pydantic', service: 'inference', count: 30,
    emit: (t) => {
      const fields = [['max_tokens', 'Input should be less than or equal to 4096 [type=less_than_equal, input_value=10000, input_type=int]'],
        ['temperature', 'Input should be a valid number [type=float_parsing, input_value=\'hot\', input_type=str]'],
        ['messages', 'Field required [type=missing, input_value={\'prompt\': \'hi\'}, input_type=dict]']];
      const n = t.rng.int(1, 3);
      const blocks = fields.slice(0, n).map(([f, m]) => `${f}\n  ${m}\n    For further information visit https://errors.pydantic.dev/2.8/v/x`);
      return { stream: 'stdout', severity: 'WARNING', jsonPayload: { message: `${n} validation error${n > 1 ? 's' : ''} for GenerateRequest\n${blocks.join('\n')}`, levelname: 'WARNING', asctime: asctime(t.time) } };
    },
  },
  {
    name: 'w3-py-runtime-warning', service: 'inference', count: 25,
    emit: () => text('WARNING', '/app/inference/metrics.py:44: RuntimeWarning: invalid value encountered in divide\n  ratio = hits / total'),
  },
  {
    name: 'w3-cloudsql-403', service: 'ledger', count: 16,
    emit: (t) => slog(t, 'ERROR', 'Cloud SQL connection failed. Please see https://cloud.google.com/sql/docs/postgres/connect-run for additional details: '
      + `Error during generateEphemeral for acme-prod:us-central1:ledger-db: googleapi: Error 403: boss::NOT_AUTHORIZED: Not authorized to access resource. Possibly missing permission cloudsql.instances.connect on resource instances/ledger-db., forbidden`, { attempt: t.rng.int(1, 3) }),
  },
  // Go's EOF and a reset are two different failures behind one log line (see the README).
  ...([['eof', 'EOF', 30], ['reset', 'read: connection reset by peer', 10]] as const).map(([short, error, count]): Family => ({
    name: `w3-tls-handshake-${short}`, service: 'ledger', count,
    emit: (t) => text('NOTICE', `${iso(t.time).slice(0, 19).replace(/-/g, '/').replace('T', ' ')} http: TLS handshake error from 10.${t.rng.int(0, 255)}.${t.rng.int(0, 255)}.${t.rng.int(1, 254)}:${t.rng.int(30000, 65000)}: ${error}`),
  })),
  {
    name: 'w3-grpc-java', service: 'billing', count: 22,
    emit: (t) => ({
      stream: 'stdout', severity: 'ERROR',
      jsonPayload: {
        '@timestamp': iso(t.time), level: 'ERROR', logger_name: 'com.acme.billing.tax.TaxGrpcClient', message: 'tax quote failed',
        stack_trace: ['io.grpc.StatusRuntimeException: UNAVAILABLE: io exception',
          '\tat io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:268)',
          '\tat io.grpc.stub.ClientCalls.getUnchecked(ClientCalls.java:249)',
          '\tat com.acme.tax.v1.TaxServiceGrpc$TaxServiceBlockingStub.quote(TaxServiceGrpc.java:310)',
          '\tat com.acme.billing.tax.TaxGrpcClient.quote(TaxGrpcClient.java:41)',
          `Caused by: io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: tax-service/10.0.${t.rng.int(0, 9)}.${t.rng.int(2, 250)}:8443`,
          'Caused by: java.net.ConnectException: Connection refused',
          '\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)',
          `\t... ${t.rng.int(5, 12)} common frames omitted`].join('\n'),
      },
    }),
  },
  {
    name: 'w3-mdc-dunning', service: 'billing', count: 19,
    emit: (t) => text('ERROR', `${asctime(t.time).replace(',', '.')} ERROR [billing,${t.rng.hex(16)},${t.rng.hex(16)}] 1 --- [task-${t.rng.int(1, 8)}] c.a.b.jobs.DunningJob : Dunning run failed for ${t.rng.int(1, 400)} invoices in ${t.rng.int(1, 90)}s`, 'stdout'),
  },
  {
    // A route that is a slug-shaped word under a plural name, next to real ids: two problems.
    name: 'w3-req-reports-monthly-500', service: 'billing', count: 14,
    emit: (t) => ({ stream: 'requests', severity: 'ERROR', httpRequest: request(t, 'GET', 'https://billing-2kq8zx1mfa-ew.a.run.app/api/reports/monthly-summary', 500, [0.5, 9]) }),
  },
  {
    name: 'w3-req-reports-aging-500', service: 'billing', count: 11,
    emit: (t) => ({ stream: 'requests', severity: 'ERROR', httpRequest: request(t, 'GET', 'https://billing-2kq8zx1mfa-ew.a.run.app/api/reports/ar-aging', 500, [0.5, 9]) }),
  },
];
