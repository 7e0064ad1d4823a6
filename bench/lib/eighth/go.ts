// links-chi: a Go 1.23 link shortener on chi v5 that resolves links over gRPC. chi's middleware.Logger
// (`"GET http://host/path HTTP/1.1" from ip:port - 500 12B in 1.2ms` through the std logger: cased/hubproxy#27),
// chi's Recoverer (its pretty stack: ` panic: …`, `-> pkg.func`, `->   file:line`, then the other frames
// indented, no colour when stderr is not a terminal), the application's own log.Printf lines, and
// grpc-go's default logger (`WARNING: 2026/12/04 10:00:00 [core] [Channel #n SubChannel #m]grpc:
// addrConn.createTransport failed to connect to {…}`: grpc/grpc-go#3012, ydb-platform/ydb-go-sdk#1732,
// letsencrypt/boulder#6331). The afternoon revision adds log.Lmicroseconds|log.Lshortfile to the std logger
// and sets GRPC_GO_LOG_FORMATTER=json (grpc-go's `{"message":…,"severity":…}` lines).
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { goLog, goLogMicros } from './clock.js';

/** The std logger: `2026/12/04 10:00:00 msg`, or with microseconds and the file after the rollout. */
const std = (t: number, rev: 0 | 1, file: string, msg: string, stream: 'stdout' | 'stderr' = 'stderr'): Write =>
  ({ stream, text: rev === 1 ? `${goLogMicros(t)} ${file}: ${msg}` : `${goLog(t)} ${msg}` });

type GrpcSeverity = 'INFO' | 'WARNING' | 'ERROR';
const grpc = (t: number, rev: 0 | 1, sev: GrpcSeverity, msg: string): Write =>
  (rev === 1 ? { stream: 'stderr', json: { message: msg, severity: sev } } : { stream: 'stderr', text: `${sev}: ${goLog(t)} ${msg}` });

const PROFILES = (rng: Prng): string => `10.8.${rng.int(0, 3)}.${rng.int(2, 40)}:50051`;
const refused = (addr: string): string => `connection error: desc = "transport: Error while dialing: dial tcp ${addr}: connect: connection refused"`;

export const linksChi: ServiceDef = {
  name: 'links-chi', stack: 'Go 1.23, chi v5, grpc-go 1.67, Redis', splitRate: 0.74,
  families: [
    {
      name: 'links-chi:resolve-rpc-unavailable', level: 'ERROR', perDay: [15, 40],
      emit: ({ rng, t, rev }) => [std(t, rev, 'resolve.go:61', `resolve link ${rng.alnum(7)}: rpc error: code = Unavailable desc = ${refused(PROFILES(rng))}`)],
    },
    {
      name: 'links-chi:record-click-deadline', level: 'ERROR', perDay: [10, 30],
      emit: ({ rng, t, rev }) => [std(t, rev, 'clicks.go:34', `record click for ${rng.alnum(7)}: rpc error: code = DeadlineExceeded desc = context deadline exceeded`)],
    },
    {
      // A nil *Link from the cache: chi's Recoverer prints the pretty stack and answers 500.
      name: 'links-chi:redirect-nil-pointer', level: 'ERROR', perDay: [6, 18],
      emit: ({ rng }) => [{
        stream: 'stderr',
        text: [
          '',
          ' panic: runtime error: invalid memory address or nil pointer dereference',
          ' ',
          ' -> github.com/harborlane/links/internal/http.(*Handler).Redirect',
          ` ->   /src/internal/http/redirect.go:${rng.pick([47, 48])}`,
          '',
          '    net/http.HandlerFunc.ServeHTTP',
          '      /usr/local/go/src/net/http/server.go:2220',
          '    github.com/go-chi/chi/v5.(*Mux).routeHTTP',
          '      /go/pkg/mod/github.com/go-chi/chi/v5@v5.1.0/mux.go:459',
          '    github.com/go-chi/chi/v5/middleware.RequestLogger.func1.1',
          '      /go/pkg/mod/github.com/go-chi/chi/v5@v5.1.0/middleware/logger.go:54',
          '    github.com/go-chi/chi/v5/middleware.Recoverer.func1',
          '      /go/pkg/mod/github.com/go-chi/chi/v5@v5.1.0/middleware/recoverer.go:45',
          '',
        ].join('\n'),
      }],
    },
    {
      // grpc-go reconnecting to a profiles backend that went away: frequent, a real problem.
      name: 'links-chi:grpc-create-transport-refused', level: 'WARNING', perDay: [120, 300],
      emit: ({ rng, t, rev }) => {
        const addr = PROFILES(rng);
        const ch = rng.int(1, 9);
        return [grpc(t, rev, 'WARNING', `[core] [Channel #${ch} SubChannel #${ch + rng.int(1, 4)}]grpc: addrConn.createTransport failed to connect to {Addr: "${addr}", ServerName: "profiles.internal:50051", }. Err: ${refused(addr)}`)];
      },
    },
    {
      name: 'noise:links-chi:access', level: 'INFO', perDay: [300, 600],
      emit: ({ rng, t, rev, host }) => {
        const status = rng.weighted([[302, 80], [404, 12], [500, 3], [200, 5]] as const);
        const path = status === 200 ? '/healthz' : `/${rng.alnum(7)}`;
        return [std(t, rev, 'logger.go:165', `"GET http://${host}${path} HTTP/1.1" from 169.254.1.1:${rng.int(30000, 60000)} - ${status} ${rng.int(0, 120)}B in ${rng.fixed(0.1, 90, 3)}ms`, 'stdout')];
      },
    },
    {
      name: 'noise:links-chi:grpc-state', level: 'INFO', perDay: [100, 200],
      emit: ({ rng, t, rev }) => [grpc(t, rev, 'INFO', `[core] [Channel #${rng.int(1, 9)}]Channel Connectivity change to ${rng.pick(['CONNECTING', 'READY', 'IDLE'])}`)],
    },
    {
      name: 'noise:links-chi:cache-stats', level: 'INFO', perDay: [40, 90],
      emit: ({ rng, t, rev }) => [std(t, rev, 'cache.go:90', `cache stats: hits=${rng.int(1000, 90000)} misses=${rng.int(10, 900)} errors=0`, 'stdout')],
    },
  ] satisfies Family[],
};
