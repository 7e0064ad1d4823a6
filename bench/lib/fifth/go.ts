// orders-gin: Go 1.23, gin 1.10, pgx, go-hclog. hclog's text format (`2026-12-03T10:00:00.123Z [ERROR]
// module: msg: k=v`, level padded to five) on the morning revision, its JSONFormat after (`@level`,
// `@message`, `@module`, `@timestamp`, fields); gin's access lines and its Recovery middleware
// (`[Recovery] 2026/12/03 - 10:00:00 panic recovered:` + the error + `file:line (pc)` / `\tfunc: source`
// pairs, in red); an unrecovered panic in a background goroutine ends the process.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { isoMicros, isoMillis } from '../stranger/text.js';
import { ginTime, goStdTime } from './clock.js';

function hclog(rev: 0 | 1, t: number, level: 'debug' | 'info' | 'warn' | 'error', module: string, msg: string, fields: ReadonlyArray<readonly [string, string | number]>): Write {
  if (rev === 0) {
    const kv = fields.map(([k, v]) => `${k}=${typeof v === 'string' && /[\s"=]/.test(v) ? JSON.stringify(v) : v}`).join(' ');
    return { stream: 'stderr', text: `${isoMillis(t)} [${level.toUpperCase().padEnd(5)}] ${module}: ${msg}${kv ? `: ${kv}` : ''}` };
  }
  const json: Record<string, unknown> = { '@level': level, '@message': msg, '@module': module, '@timestamp': isoMicros(t) };
  for (const [k, v] of fields) json[k] = v;
  return { stream: 'stderr', json };
}
const orderId = (rng: Prng): string => `ord_${rng.alnum(20)}`;
const GIN = '/root/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0';

function recovery(rng: Prng, t: number, err: string, frames: ReadonlyArray<readonly [string, string]>): string {
  const lines = [`\u001b[31m${goStdTime(t)} [Recovery] ${ginTime(t)} panic recovered:`, err];
  for (const [loc, fn] of frames) lines.push(`${loc} (0x${rng.hex(6)})`, `\t${fn}`);
  return `${lines.join('\n')}\n\u001b[0m`;
}

const ginFamilies: Family[] = [
  {
    name: 'orders-gin:order-insert-serialization', level: 'ERROR', perDay: [25, 70], burst: 0.2,
    emit: ({ rng, rev, t }) => [hclog(rev, t, 'error', 'orders.store', 'insert failed', [['order_id', orderId(rng)], ['attempt', rng.int(1, 3)], ['error', 'ERROR: could not serialize access due to concurrent update (SQLSTATE 40001)']])],
  },
  {
    name: 'orders-gin:get-order-nil-customer', level: 'ERROR', perDay: [10, 35],
    emit: ({ rng, t }) => [{ stream: 'stderr', text: recovery(rng, t, 'runtime error: invalid memory address or nil pointer dereference', [
      ['/usr/local/go/src/runtime/panic.go:262', 'panicmem: panic(memoryError)'],
      ['/usr/local/go/src/runtime/signal_unix.go:917', 'sigpanic: panicmem()'],
      ['/app/internal/http/orders.go:88', '(*Handler).GetOrder: c.JSON(http.StatusOK, toDTO(order, order.Customer.Email))'],
      [`${GIN}/context.go:185`, '(*Context).Next: c.handlers[c.index](c)'],
      [`${GIN}/recovery.go:102`, 'CustomRecoveryWithWriter.func1: c.Next()'],
      [`${GIN}/context.go:185`, '(*Context).Next: c.handlers[c.index](c)'],
      [`${GIN}/gin.go:633`, '(*Engine).handleHTTPRequest: c.Next()'],
      [`${GIN}/gin.go:589`, '(*Engine).ServeHTTP: engine.handleHTTPRequest(c)'],
      ['/usr/local/go/src/net/http/server.go:3210', 'serverHandler.ServeHTTP: handler.ServeHTTP(rw, req)'],
    ]) }],
  },
  {
    name: 'orders-gin:charge-retry-timeout', level: 'WARNING', perDay: [120, 300],
    emit: ({ rng, rev, t }) => [hclog(rev, t, 'warn', 'orders.payments', 'retrying charge', [['order_id', orderId(rng)], ['attempt', rng.int(2, 5)], ['error', 'Post "https://api.psp.example/v1/charges": context deadline exceeded (Client.Timeout exceeded while awaiting headers)']])],
  },
  {
    name: 'orders-gin:notifier-send-on-closed-channel', level: 'CRITICAL', perDay: [1, 4],
    emit: ({ rng }) => {
      const g = rng.int(100, 9000);
      return [
        { stream: 'stderr', text: `panic: send on closed channel\n\ngoroutine ${g} [running]:\ngithub.com/acme/orders/internal/notify.(*Notifier).Publish(0xc000${rng.hex(6)}, {0xc00${rng.hex(7)}, 0x1a})\n\t/app/internal/notify/notifier.go:57 +0x8c\ngithub.com/acme/orders/internal/outbox.(*Relay).flush(0xc000${rng.hex(6)})\n\t/app/internal/outbox/relay.go:93 +0x1d4\ncreated by github.com/acme/orders/internal/outbox.(*Relay).Start in goroutine 1\n\t/app/internal/outbox/relay.go:41 +0x5a` },
        { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(2).', as: { family: 'orders-gin:container-exit', level: 'WARNING' } },
      ];
    },
  },
  // gin's access line has no level: chatter, 500s included (the request log has the status).
  {
    name: 'noise:orders-gin:access', level: 'INFO', perDay: [500, 900],
    emit: ({ rng, t }) => {
      const status = rng.weighted([[200, 85], [201, 10], [500, 3], [404, 2]] as const);
      const method = status === 201 ? 'POST' : 'GET';
      return [{ stream: 'stdout', text: `[GIN] ${ginTime(t)} | ${status} | ${String(rng.fixed(0.2, 900, 3)).padStart(10)}ms | ${'169.254.1.1'.padStart(15)} | ${method.padEnd(7)} "${method === 'POST' ? '/v1/orders' : `/v1/orders/${orderId(rng)}`}"` }];
    },
  },
  {
    name: 'noise:orders-gin:outbox-flushed', level: 'INFO', perDay: [150, 300],
    emit: ({ rng, rev, t }) => [hclog(rev, t, 'info', 'orders.outbox', 'flushed', [['count', rng.int(0, 40)], ['failed', 0], ['error', '<nil>']])],
  },
];

export const ordersGin: ServiceDef = { name: 'orders-gin', stack: 'Go 1.23, gin 1.10, pgx, go-hclog', splitRate: 0.75, families: ginFamilies };
