// A Go 1.23 API on echo v4. The app logs with klog v2 (`Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`,
// structured calls as `"msg" key="value"`) on the morning revision and through echo's own logger
// (gommon/log: a JSON line `time`, `level`, `prefix`, `file`, `line`, `message`) after. echo's Logger
// middleware writes one JSON access line per request (no level; `error` holds the handler's error, if
// any); its Recover middleware logs `[PANIC RECOVER] err stack` at ERROR through echo's logger. An
// unrecovered panic in a background goroutine ends the process with the runtime's `panic:` and traces.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { goNano, klogTime } from './clock.js';

type Sev = 'E' | 'W' | 'I';
const GOMMON: Record<Sev, string> = { E: 'ERROR', W: 'WARN', I: 'INFO' };

/** klog text before the rollout (`kv` as klog quotes it), gommon's JSON after (`kv` folded into the message). */
function log(rev: 0 | 1, t: number, sev: Sev, file: string, line: number, msg: string, kv: Array<[string, string | number]>): Write {
  if (rev === 0) {
    const pairs = kv.map(([k, v]) => ` ${k}=${typeof v === 'number' ? v : JSON.stringify(v)}`).join('');
    return { stream: 'stderr', text: `${sev}${klogTime(t)}       1 ${file}:${line}] ${JSON.stringify(msg)}${pairs}` };
  }
  const tail = kv.map(([k, v]) => ` ${k}=${v}`).join('');
  return { stream: 'stdout', json: { time: goNano(t), level: GOMMON[sev], prefix: 'inventory', file, line: String(line), message: `${msg}:${tail}` } };
}

function recovered(rng: Prng, t: number): Write {
  const g = rng.int(40, 9000);
  const stack = `goroutine ${g} [running]:
github.com/labstack/echo/v4/middleware.RecoverWithConfig.func1.1.1()
\t/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/middleware/recover.go:99 +0x1b1
panic({0x9a4f60?, 0xc0003d2018?})
\t/usr/local/go/src/runtime/panic.go:785 +0x132
harbor/inventory/internal/api.(*Handler).Lots(0xc000132a80, {0xb2c1e8, 0xc0004b6000})
\t/src/internal/api/lots.go:61 +0x2e5
github.com/labstack/echo/v4.(*Echo).add.func1({0xb2c1e8, 0xc0004b6000})
\t/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/echo.go:587 +0x4b
`;
  return { stream: 'stdout', json: { time: goNano(t), level: 'ERROR', prefix: 'echo', file: 'recover.go', line: '130', message: `[PANIC RECOVER] runtime error: index out of range [${rng.int(2, 6)}] with length ${rng.int(0, 2)} ${stack}` } };
}

const families: Family[] = [
  {
    name: 'inventory-echo:reserve-deadlock', level: 'ERROR', perDay: [20, 60], burst: 0.25,
    emit: ({ rng, t, rev }) => [log(rev, t, 'E', 'reserve.go', 88, 'stock reservation failed', [['err', 'ERROR: deadlock detected (SQLSTATE 40P01)'], ['sku', `SKU-${rng.int(1000, 9999)}`], ['qty', rng.int(1, 9)]])],
  },
  {
    name: 'inventory-echo:lots-index-out-of-range', level: 'ERROR', perDay: [5, 15],
    emit: ({ rng, t }) => [recovered(rng, t)],
  },
  {
    name: 'inventory-echo:warehouse-feed-stale', level: 'WARNING', perDay: [80, 200],
    emit: ({ rng, t, rev }) => [log(rev, t, 'W', 'feed.go', 54, 'warehouse feed stale', [['warehouse', rng.pick(['lis-1', 'opo-2', 'mad-1'])], ['age', `${rng.int(5, 40)}m${rng.int(0, 59)}s`]])],
  },
  {
    name: 'inventory-echo:expiry-sweeper-nil-map', level: 'CRITICAL', perDay: [1, 3],
    emit: ({ rng }) => [
      { stream: 'stderr', text: `panic: assignment to entry in nil map

goroutine ${rng.int(20, 400)} [running]:
harbor/inventory/internal/store.(*Sweeper).expire(0xc00021e0c0, {0xc0003a4000, 0x1f, 0x20})
\t/src/internal/store/sweeper.go:77 +0x1a4
harbor/inventory/internal/store.(*Sweeper).Run(0xc00021e0c0, {0xb2d0a8, 0xc000120050})
\t/src/internal/store/sweeper.go:41 +0x12e
created by main.main in goroutine 1
\t/src/cmd/inventory/main.go:63 +0x5b9` },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(2).', as: { family: 'inventory-echo:container-exit', level: 'WARNING' } },
    ],
  },
  {
    name: 'noise:inventory-echo:access', level: 'INFO', perDay: [400, 800],
    emit: ({ rng, t }) => {
      const failed = rng.chance(0.04);
      const lat = rng.int(200_000, 90_000_000);
      return [{ stream: 'stdout', json: {
        time: goNano(t), id: '', remote_ip: rng.publicIpv4(), host: 'inventory-echo.run.app', method: 'POST', uri: '/v1/reservations', user_agent: 'Go-http-client/2.0',
        status: failed ? 500 : 201, error: failed ? 'code=500, message=Internal Server Error' : '', latency: lat, latency_human: `${(lat / 1e6).toFixed(6)}ms`, bytes_in: rng.int(40, 200), bytes_out: rng.int(20, 90),
      } }];
    },
  },
  {
    name: 'noise:inventory-echo:cache', level: 'INFO', perDay: [80, 200],
    emit: ({ rng, t, rev }) => [log(rev, t, 'I', 'cache.go', 40, 'cache refreshed', [['items', rng.int(800, 4000)], ['errors', 0]])],
  },
];

export const inventoryEcho: ServiceDef = { name: 'inventory-echo', stack: 'Go 1.23, echo v4, klog v2, pgx', splitRate: 0.75, families };
