// The Go services: oauth2-proxy in front of an internal admin app, and a Cloud Tasks dispatcher on net/http.
import type { ServiceDef, Write } from '../stranger/model.js';
import { slashMicros, slashTime, isoMillis } from './clock.js';
import { cloudTrace, fam } from './shared.js';

// oauth2-proxy 7.6 then 7.7 as the ingress container: its standard log `[2026/12/08 10:00:00]
// [file.go:N] msg` (the line numbers move with the release) and its request log
// `addr - reqid - user [time] host METHOD upstream "path" proto "ua" status size duration`, no level.
const GATE = 'gate-oauth2proxy';
const std = (t: number, rev: 0 | 1, where: readonly [string, string], msg: string): string => `[${slashTime(t)}] [${where[rev]}] ${msg}`;
const reqLine = (rng: import('../prng.js').Prng, t: number, user: string, host: string, method: string, upstream: string, path: string, status: number): string =>
  `169.254.1.1:${rng.int(20000, 60000)} - ${rng.uuid()} - ${user} [${slashTime(t)}] ${host} ${method} ${upstream} "${path}" HTTP/1.1 "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36" ${status} ${status === 502 ? 0 : 0 + Math.floor(rng.next() * 40000)} ${rng.fixed(0.001, status === 502 ? 0.01 : 1.5, 3)}`;
export const gateOauth2proxy: ServiceDef = {
  name: GATE, stack: 'oauth2-proxy 7.6 then 7.7 (Go) as the ingress container with the Google provider, in front of an internal admin app on 127.0.0.1:3000', splitRate: 0.7,
  families: [
    fam(`${GATE}:redeem-invalid-grant`, 'ERROR', [20, 50], ({ rng, t, rev }) => [
      { stream: 'stderr', text: std(t, rev, ['oauthproxy.go:883', 'oauthproxy.go:897'], 'Error redeeming code during OAuth2 callback: token exchange failed: oauth2: "invalid_grant" "Bad Request"') },
      { stream: 'stdout', text: reqLine(rng, t + 3, '-', 'admin.wren.example', 'GET', '-', `/oauth2/callback?code=4/0A${rng.base64url(40)}&state=${rng.base64url(32)}`, 500), as: { family: `${GATE}:callback-500`, level: 'ERROR' } },
    ]),
    fam(`${GATE}:redeem-timeout`, 'ERROR', [4, 12], ({ rng, t, rev }) => [
      { stream: 'stderr', text: std(t, rev, ['oauthproxy.go:883', 'oauthproxy.go:897'], 'Error redeeming code during OAuth2 callback: token exchange failed: Post "https://oauth2.googleapis.com/token": dial tcp 142.250.102.95:443: i/o timeout') },
      { stream: 'stdout', text: reqLine(rng, t + 3, '-', 'admin.wren.example', 'GET', '-', `/oauth2/callback?code=4/0A${rng.base64url(40)}&state=${rng.base64url(32)}`, 500), as: { family: `${GATE}:callback-500`, level: 'ERROR' } },
    ]),
    fam(`${GATE}:upstream-refused`, 'ERROR', [25, 60], ({ rng, t, rev }) => {
      const user = `${rng.lower(5)}@wren.example`;
      return [
        { stream: 'stderr', text: std(t, rev, ['proxy.go:89', 'proxy.go:89'], 'Error proxying to upstream server: dial tcp 127.0.0.1:3000: connect: connection refused') },
        { stream: 'stdout', text: reqLine(rng, t + 2, user, 'admin.wren.example', rng.pick(['GET', 'POST']), '127.0.0.1:3000', rng.pick(['/', '/api/orders', '/api/refunds/42']), 502), as: { family: `${GATE}:upstream-502`, level: 'ERROR' } },
      ];
    }, 0.4),
    fam(`${GATE}:csrf-cookie`, 'WARNING', [60, 150], ({ t, rev }) => [{ stream: 'stderr', text: std(t, rev, ['oauthproxy.go:832', 'oauthproxy.go:846'], 'Error while loading CSRF cookie: http: named cookie not present') }]),
    fam(`noise:${GATE}:requests`, 'INFO', [650, 950], ({ rng, t }) => {
      const user = `${rng.lower(5)}@wren.example`;
      return [{ stream: 'stdout', text: reqLine(rng, t, user, 'admin.wren.example', 'GET', '127.0.0.1:3000', rng.pick(['/', '/api/orders?page=2', '/assets/app.js', '/api/health?errors=0']), rng.pick([200, 200, 200, 304])) }];
    }),
    fam(`noise:${GATE}:auth-ok`, 'INFO', [150, 300], ({ rng, t, rev }) => [{ stream: 'stderr', text: std(t, rev, ['oauthproxy.go:934', 'oauthproxy.go:949'], `[AuthSuccess] Authenticated via OAuth2: Session{email:${rng.lower(5)}@wren.example user:${rng.int(1e17, 9e17)} PreferredUsername: token:true id_token:true created:${isoMillis(t)} expires:${isoMillis(t + 3_600_000_000)} refresh_token:true}`) }]),
  ],
};

// A Cloud Tasks dispatcher: Go's log with LstdFlags|Lmicroseconds|Lshortfile on the morning revision;
// after, slog's JSONHandler made default with a ReplaceAttr for Cloud Logging (`severity`, `message`,
// the request's `logging.googleapis.com/trace`). slog.SetDefault routes the log package, and so
// net/http's `http: panic serving` report, through the handler at INFO.
const TASKS = 'tasks-dispatch';
function tl(t: number, rev: 0 | 1, file: string, sev: string, msg: string, attrs: Record<string, unknown>, trace: string | undefined): Write {
  if (rev === 0) {
    const kv = Object.entries(attrs).map(([k, v]) => `${k}=${String(v)}`).join(' ');
    return { stream: 'stderr', text: `${slashMicros(t)} ${file}: ${msg}${kv ? ` ${kv}` : ''}` };
  }
  const json: Record<string, unknown> = { time: isoMillis(t), severity: sev, message: msg, ...attrs };
  if (trace) json['logging.googleapis.com/trace'] = trace;
  return { stream: 'stdout', json };
}
const goPanic = (rng: import('../prng.js').Prng): string => [
  `http: panic serving 169.254.1.1:${rng.int(20000, 60000)}: runtime error: invalid memory address or nil pointer dereference`,
  `goroutine ${rng.int(30, 900)} [running]:`,
  'net/http.(*conn).serve.func1()',
  '\t/usr/local/go/src/net/http/server.go:1947 +0xbe',
  `panic({0x9a1e40?, 0x10c2b90?})`,
  '\t/usr/local/go/src/runtime/panic.go:785 +0x132',
  'github.com/wren/dispatch/internal/orders.(*Handler).Fulfil(0xc0001a4000, {0xb93f28, 0xc000312000}, 0xc00031e140)',
  '\t/src/internal/orders/handler.go:112 +0x1d4',
  'net/http.HandlerFunc.ServeHTTP(0xc000126a80?, {0xb93f28?, 0xc000312000?}, 0x4?)',
  '\t/usr/local/go/src/net/http/server.go:2220 +0x29',
  'net/http.(*ServeMux).ServeHTTP(0xc00011e1c0?, {0xb93f28, 0xc000312000}, 0xc00031e140)',
  '\t/usr/local/go/src/net/http/server.go:2747 +0x1ca',
  'net/http.(*conn).serve(0xc0001d0090, {0xb95378, 0xc000126e10})',
  '\t/usr/local/go/src/net/http/server.go:3210 +0xe3d',
  'created by net/http.(*Server).Serve in goroutine 1',
  '\t/usr/local/go/src/net/http/server.go:3360 +0x485',
].join('\n');
export const tasksDispatch: ServiceDef = {
  name: TASKS, stack: 'Go 1.23, net/http, cloud.google.com/go/cloudtasks 1.13, cloud.google.com/go/firestore 1.17; log then slog', splitRate: 0.7,
  families: [
    fam(`${TASKS}:enqueue-paused`, 'ERROR', [10, 30], ({ rng, t, rev }) => [tl(t, rev, 'enqueue.go:64', 'ERROR', 'enqueue fulfilment task failed', { order: `ord_${rng.alnum(10)}`, err: `rpc error: code = FailedPrecondition desc = Queue "projects/wren-lattice-7731/locations/europe-west1/queues/fulfilment" is paused.` }, cloudTrace(rng))], 0.3),
    fam(`${TASKS}:firestore-deadline`, 'ERROR', [15, 40], ({ rng, t, rev }) => [tl(t, rev, 'store.go:131', 'ERROR', 'update order status', { order: `ord_${rng.alnum(10)}`, err: 'rpc error: code = DeadlineExceeded desc = context deadline exceeded' }, cloudTrace(rng))]),
    fam(`${TASKS}:task-exists`, 'WARNING', [60, 150], ({ rng, t, rev }) => [tl(t, rev, 'enqueue.go:71', 'WARNING', 'task already enqueued, skipping', { task: `fulfil-${rng.alnum(12)}`, err: 'rpc error: code = AlreadyExists desc = Requested entity already exists' }, cloudTrace(rng))]),
    fam(`${TASKS}:fulfil-nil-panic`, 'ERROR', [6, 18], ({ rng, t, rev }) => {
      const text = goPanic(rng);
      if (rev === 0) return [{ stream: 'stderr', text: `${slashTime(t)} ${text}` }];
      return [{ stream: 'stdout', json: { time: isoMillis(t), severity: 'INFO', message: text } }];
    }),
    fam(`noise:${TASKS}:dispatched`, 'INFO', [650, 950], ({ rng, t, rev }) => [tl(t, rev, 'enqueue.go:80', 'INFO', 'task dispatched', { task: `fulfil-${rng.alnum(12)}`, attempt: rng.int(1, 3), errors: 0 }, cloudTrace(rng))]),
  ],
};
