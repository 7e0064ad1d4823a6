// Two Go 1.22 services. ledger: the standard `log` package, slog's TextHandler (older revision) and
// JSONHandler (newer), net/http's recovered panics and crashing panics with goroutine dumps.
// dispatch: zap (production JSON in the newer revision, the development console encoder in the
// older), logrus' text formatter in a legacy package, and klog (glog's format) from a client library.
// gateway: structured, zap with a Cloud Logging encoder, so its entries have a severity.
import type { Prng } from '../prng.js';
import { glog, logrus, slogJson, slogText, time, zapConsole } from './formats.js';
import type { Family, ServiceDef, Write } from './model.js';
import { goFrames, goPanic } from './traces.js';

const tenant = (rng: Prng): string => rng.pick(['acme', 'globex', 'initech', 'umbrella', 'hooli']);

/** Errors wrapped with `fmt.Errorf("...: %w")` a varying number of times. */
function wrapped(rng: Prng, root: string): string {
  const layers = ['post entry', `sync ledger`, `fetch page ${rng.int(1, 40)}`, 'apply batch'];
  const n = rng.int(0, 3);
  return [...layers.slice(0, n), root].join(': ');
}

const slog = (rev: number, t: number, level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR', msg: string, attrs: Array<[string, string | number]>): Write =>
  (rev === 0
    ? { stream: 'stderr', text: slogText(t, level, msg, attrs) }
    : { stream: 'stderr', json: slogJson(t, level, msg, Object.fromEntries(attrs)) });

const ledgerFamilies: Family[] = [
  {
    name: 'ledger:pq-deadlock', level: 'ERROR', perDay: [30, 80],
    emit: ({ rng, t, rev }) => {
      const attrs: Array<[string, string | number]> = [['err', wrapped(rng, 'pq: deadlock detected')]];
      if (rng.chance(0.6)) attrs.push(['tenant', tenant(rng)]);
      if (rng.chance(0.4)) attrs.push(['entry_id', rng.int(1e6, 9e6)]);
      return slog(rev, t, 'ERROR', 'post entry failed', attrs);
    },
  },
  {
    name: 'ledger:split-index-panic', level: 'ERROR', perDay: [8, 25], burst: 0.3,
    // net/http recovers a handler's panic and logs it through the standard logger, stack included.
    emit: ({ rng, t }) => {
      const n = rng.int(2, 5);
      const frames = goFrames(rng, [
        ['net/http.(*conn).serve.func1()', '/usr/local/go/src/net/http/server.go:1898'],
        [`panic({0x8a1b20?, 0xc000${rng.hex(6)}?})`, '/usr/local/go/src/runtime/panic.go:770'],
        [`main.splitAmount(...)`, '/src/ledger/split.go:31'],
        [`main.(*Server).handleSplit(0xc000${rng.hex(6)}, {0xa1c2e8, 0xc000${rng.hex(6)}}, 0xc000${rng.hex(6)})`, '/src/ledger/handlers.go:118'],
        ['net/http.HandlerFunc.ServeHTTP(0x0?, {0xa1c2e8?, 0xc000' + rng.hex(6) + '?}, 0x0?)', '/usr/local/go/src/net/http/server.go:2166'],
      ]);
      return { stream: 'stderr', text: `${time.goLog(t)} http: panic serving 169.254.169.126:${rng.int(30000, 65000)}: runtime error: index out of range [${n}] with length ${n}\ngoroutine ${rng.int(10, 9000)} [running]:\n${frames}` };
    },
  },
  {
    name: 'ledger:nil-map-crash', level: 'CRITICAL', perDay: [2, 5],
    emit: ({ rng }) => ({
      stream: 'stderr',
      text: goPanic(rng, 'assignment to entry in nil map', 1, [
        [`main.(*Ledger).Apply(0xc000${rng.hex(6)}, {0xc000${rng.hex(6)}, 0x${rng.int(1, 40).toString(16)}, 0x${rng.int(40, 64).toString(16)}})`, '/src/ledger/apply.go:77'],
        [`main.(*Replayer).Run(0xc000${rng.hex(6)})`, '/src/ledger/replay.go:54'],
        ['main.main()', '/src/ledger/main.go:63'],
      ]) + (rng.chance(0.5) ? `\n\ngoroutine ${rng.int(5, 60)} [IO wait]:\n${goFrames(rng, [[`internal/poll.runtime_pollWait(0x7f${rng.hex(8)}, 0x72)`, '/usr/local/go/src/runtime/netpoll.go:345'], [`net.(*netFD).accept(0xc000${rng.hex(6)})`, '/usr/local/go/src/net/fd_unix.go:172']])}` : ''),
    }),
  },
  {
    name: 'ledger:currency-default', level: 'WARNING', perDay: [4, 10],
    emit: ({ t }) => ({ stream: 'stderr', text: `${time.goLog(t)} config: LEDGER_CURRENCY not set, defaulting to USD` }),
  },
  {
    name: 'ledger:slow-query', level: 'WARNING', perDay: [150, 300],
    emit: ({ rng, t, rev }) => slog(rev, t, 'WARN', 'slow query', [['duration', `${rng.fixed(1, 9, 3)}s`], ['query', rng.pick(['SELECT balance FROM accounts WHERE id = $1', 'UPDATE entries SET state = $1 WHERE batch = $2'])]]),
  },
  {
    name: 'noise:ledger-requests', level: 'INFO', perDay: [500, 900],
    emit: ({ rng, t, rev }) => slog(rev, t, 'INFO', 'request', [['method', 'GET'], ['path', rng.pick(['/v1/balance', '/v1/entries', '/healthz'])], ['status', 200], ['dur', `${rng.int(1, 90)}ms`], ['err', '<nil>']]),
  },
  {
    name: 'noise:ledger-std', level: 'INFO', perDay: [5, 15],
    emit: ({ rng, t }) => ({ stream: 'stderr', text: `${time.goLog(t)} ${rng.pick(['listening on :8080', `replayed ${rng.int(10, 900)} entries, 0 errors`, 'migrations up to date'])}` }),
  },
  {
    name: 'noise:ledger-debug', level: 'DEBUG', perDay: [100, 200],
    emit: ({ rng, t, rev }) => slog(rev, t, 'DEBUG', 'cache refresh', [['keys', rng.int(1, 900)]]),
  },
];

// ---- dispatch ------------------------------------------------------------------------------------

const zapStack = (rng: Prng): string => `main.(*Router).Assign\n\t/src/dispatch/router.go:142\nmain.(*Server).handleAssign\n\t/src/dispatch/server.go:${rng.pick([88, 88, 90])}\nnet/http.HandlerFunc.ServeHTTP\n\t/usr/local/go/src/net/http/server.go:2166`;

const dispatchFamilies: Family[] = [
  {
    name: 'dispatch:route-assign-timeout', level: 'ERROR', perDay: [30, 70], burst: 0.15,
    emit: ({ rng, t, rev }) => {
      const driver = `d-${rng.int(1000, 9999)}`;
      if (rev === 1) {
        return { stream: 'stderr', json: { level: 'error', ts: time.epochSeconds(t), caller: 'dispatch/router.go:142', msg: 'route assignment failed', driver, error: 'context deadline exceeded', stacktrace: zapStack(rng) } };
      }
      return { stream: 'stderr', text: `${zapConsole(t, 'ERROR', 'dispatch/router.go:142', 'route assignment failed', { driver, error: 'context deadline exceeded' })}\n${zapStack(rng)}` };
    },
  },
  {
    name: 'dispatch:persist-refused', level: 'ERROR', perDay: [15, 40], spans: [[0.6, 0.7]],
    emit: ({ rng, t }) => ({ stream: 'stderr', text: logrus(t, 'error', 'failed to persist assignment', [['error', `dial tcp 10.20.0.${rng.int(2, 9)}:5432: connect: connection refused`], ...(rng.chance(0.5) ? [['assignment', rng.int(1e5, 9e5)] as const] : [])]) }),
  },
  {
    name: 'dispatch:geocoder-throttled', level: 'WARNING', perDay: [120, 260],
    emit: ({ rng, t }) => ({ stream: 'stderr', text: logrus(t, 'warning', 'geocoder throttled', [['status', 429], ['retry_in', `${rng.int(1, 8)}s`]]) }),
  },
  {
    name: 'dispatch:configmap-watch-unauthorized', level: 'ERROR', perDay: [20, 50],
    emit: ({ rng, t }) => ({ stream: 'stderr', text: glog(t, 'E', 1, `reflector.go:${rng.pick([147, 150])}`, 'k8s.io/client-go@v0.29.2/tools/cache/reflector.go:229: Failed to watch *v1.ConfigMap: failed to list *v1.ConfigMap: Unauthorized') }),
  },
  {
    name: 'dispatch:watch-stream-ended', level: 'WARNING', perDay: [30, 80],
    emit: ({ t }) => ({ stream: 'stderr', text: glog(t, 'W', 1, 'reflector.go:539', 'k8s.io/client-go@v0.29.2/tools/cache/reflector.go:229: watch of *v1.ConfigMap ended with: an error on the server ("unable to decode an event from the watch stream: http2: client connection lost") has prevented the request from succeeding') }),
  },
  {
    name: 'dispatch:routes-missing-fatal', level: 'CRITICAL', perDay: [1, 3], spans: [[0.4, 0.42]],
    emit: ({ rng, t }) => ({ stream: 'stderr', text: `${glog(t, 'F', 1, 'main.go:40', 'failed to load routing table: open /data/routes.bin: no such file or directory')}\ngoroutine 1 [running]:\n${goFrames(rng, [['k8s.io/klog/v2.stacks(0x1)', '/go/pkg/mod/k8s.io/klog/v2@v2.120.1/klog.go:1169'], ['main.main()', '/src/dispatch/main.go:40']])}` }),
  },
  {
    name: 'noise:dispatch-assigned', level: 'INFO', perDay: [400, 800],
    emit: ({ rng, t, rev }) => (rev === 1
      ? { stream: 'stderr', json: { level: 'info', ts: time.epochSeconds(t), caller: 'dispatch/router.go:160', msg: 'assignment ok', driver: `d-${rng.int(1000, 9999)}`, errors: 0 } }
      : { stream: 'stderr', text: zapConsole(t, 'INFO', 'dispatch/router.go:160', 'assignment ok', { driver: `d-${rng.int(1000, 9999)}`, errors: 0 }) }),
  },
  {
    name: 'noise:dispatch-klog', level: 'INFO', perDay: [20, 60],
    emit: ({ rng, t }) => ({ stream: 'stderr', text: glog(t, 'I', 1, 'shared_informer.go:318', `Caches are synced for configmaps (${rng.int(1, 9)}ms)`) }),
  },
  {
    name: 'noise:dispatch-logrus', level: 'INFO', perDay: [50, 120],
    emit: ({ rng, t }) => ({ stream: 'stderr', text: logrus(t, 'info', 'geocoder cache stats', [['hits', rng.int(0, 900)], ['misses', rng.int(0, 90)], ['error_rate', '0.00']]) }),
  },
];

// ---- gateway: structured -------------------------------------------------------------------------

/** A zapdriver-style encoder: `severity` (lifted into the entry by Cloud Run), `message`, source location. */
const driver = (severity: string, message: string, file: string, line: number, extra: Record<string, unknown> = {}): Write => ({
  stream: 'stderr', severity,
  json: { message, 'logging.googleapis.com/sourceLocation': { file, line: String(line), function: 'main.(*Proxy).ServeHTTP' }, ...extra },
});

const gatewayFamilies: Family[] = [
  {
    name: 'gateway:upstream-reset', level: 'ERROR', perDay: [30, 70],
    emit: ({ rng }) => driver('ERROR', 'upstream request failed', '/src/gateway/proxy.go', 211, {
      upstream: rng.pick(['catalog-api', 'billing', 'accounts']),
      error: `read tcp 10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(2, 250)}:${rng.int(30000, 60000)}->10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(2, 250)}:443: read: connection reset by peer`,
    }),
  },
  {
    name: 'gateway:token-expired', level: 'WARNING', perDay: [100, 220],
    emit: ({ rng }) => driver('WARNING', 'rejecting request: token expired', '/src/gateway/auth.go', 64, { expired_for: `${rng.int(1, 7200)}s`, client: rng.pick(['ios', 'android', 'web']) }),
  },
  {
    name: 'gateway:config-reload-failed', level: 'CRITICAL', perDay: [1, 2],
    emit: () => driver('CRITICAL', 'config reload failed, serving stale routes: yaml: line 42: did not find expected key', '/src/gateway/config.go', 90),
  },
  {
    name: 'noise:gateway-proxied', level: 'INFO', perDay: [400, 700],
    emit: ({ rng }) => driver('INFO', 'proxied', '/src/gateway/proxy.go', 240, { upstream: rng.pick(['catalog-api', 'billing', 'accounts']), status: 200, error: null, ms: rng.int(2, 400) }),
  },
  {
    name: 'noise:gateway-debug', level: 'DEBUG', perDay: [100, 200],
    emit: ({ rng }) => driver('DEBUG', 'route table lookup', '/src/gateway/routes.go', 31, { routes: rng.int(10, 60) }),
  },
];

export const gateway: ServiceDef = { name: 'gateway', stack: 'Go 1.22, zap with a Cloud Logging encoder (severity set)', splitRate: 0, rollout: 0.5, families: gatewayFamilies };
export const ledger: ServiceDef = { name: 'ledger', stack: 'Go 1.22, log, slog (text then JSON), panics', splitRate: 0.85, rollout: 0.45, families: ledgerFamilies };
export const dispatch: ServiceDef = { name: 'dispatch', stack: 'Go 1.22, zap (console then JSON), logrus, klog', splitRate: 0.7, rollout: 0.55, families: dispatchFamilies };
