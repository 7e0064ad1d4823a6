// The Go service of the twenty-third day: chi v5 with log/slog, first the TextHandler, then a JSON
// handler shaped for Cloud Logging; the Cloud SQL Go connector under pgx, Pub/Sub, and chi's Recoverer.
// Formats follow the sources and the reports cited in README.md.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis, isoNanos } from './clock.js';
import { cloudTrace, fam, slug, PROJECT } from './shared.js';

// sync-chi: Go 1.23, chi v5.1, log/slog. Morning: `slog.New(slog.NewTextHandler(os.Stderr, nil))`
// (`time=... level=ERROR msg="..." key=value`, values quoted when they need it). After the rollout a
// JSONHandler on stdout with AddSource and a ReplaceAttr that renames `level` to `severity` and `msg`
// to `message`, moves `source` to `logging.googleapis.com/sourceLocation`, and adds the request's trace
// from `X-Cloud-Trace-Context`. chi's Recoverer prints its pretty stack on stderr (no colour: not a
// terminal) and answers 500.
const SVC = 'sync-chi';

/** slog's TextHandler quoting: bare when the value has no space, quote, `=` or control character. */
const tv = (v: string | number): string => {
  const s = String(v);
  return s === '' || /[\s"=\\]/.test(s) ? JSON.stringify(s) : s;
};

function slogLine(rng: Prng, t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', fn: string, line: number, msg: string, attrs: Record<string, string | number>): Write {
  if (rev === 0) {
    return { stream: 'stderr', text: `time=${isoMillis(t)} level=${level} msg=${tv(msg)}${Object.entries(attrs).map(([k, v]) => ` ${k}=${tv(v)}`).join('')}` };
  }
  return { stream: 'stdout', json: {
    time: isoNanos(t), severity: level === 'WARN' ? 'WARNING' : level,
    'logging.googleapis.com/sourceLocation': { function: fn, file: '/app/internal/api/handlers.go', line },
    message: msg, ...attrs, 'logging.googleapis.com/trace': cloudTrace(rng),
  } };
}

const refreshDenied = fam(`${SVC}:cloudsql-instance-denied`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const conn = `${PROJECT}:europe-west1:accounts-pg`;
  const err = `failed to connect to \`user=sync database=accounts\`: 127.0.0.1:5432 (localhost): dial error: Refresh error: failed to get instance metadata (connection name = "${conn}"): googleapi: Error 403: boss::NOT_AUTHORIZED: Not authorized to access resource. Possibly missing permission cloudsql.instances.get on resource instances.accounts-pg., forbidden`;
  return [slogLine(rng, t, rev, 'ERROR', 'github.com/acme/sync/internal/api.(*Server).listAccounts', 88, 'list accounts failed', { op: 'ListAccounts', tenant: `t_${slug(rng, 6)}`, err })];
}, 0.4);

const topicMissing = fam(`${SVC}:account-topic-missing`, 'ERROR', [15, 40], ({ rng, t, rev }) => [
  slogLine(rng, t, rev, 'ERROR', 'github.com/acme/sync/internal/api.(*Server).publishAccount', 131, 'publish account event failed', { topic: 'account-events', account: `acc_${slug(rng, 10)}`, err: 'rpc error: code = NotFound desc = Resource not found (resource=account-events).' }),
]);

// chi's PrintPrettyStack: a blank line, ` panic: <value>`, a line holding one space, then the frames
// from the panicking function outward, the first two marked ` -> ` with a blank line after them.
const nilMap = fam(`${SVC}:merge-nil-map-panic`, 'ERROR', [10, 30], () => [{ stream: 'stderr', text: [
  '',
  ' panic: assignment to entry in nil map',
  ' ',
  ' -> github.com/acme/sync/internal/merge.(*Merger).Apply',
  ' ->   /app/internal/merge/merge.go:57',
  '',
  '    github.com/acme/sync/internal/api.(*Server).syncAccount',
  '      /app/internal/api/handlers.go:142',
  '    net/http.HandlerFunc.ServeHTTP',
  '      /usr/local/go/src/net/http/server.go:2220',
  '    github.com/go-chi/chi/v5/middleware.Recoverer.func1',
  '      /go/pkg/mod/github.com/go-chi/chi/v5@v5.1.0/middleware/recoverer.go:45',
  '    net/http.HandlerFunc.ServeHTTP',
  '      /usr/local/go/src/net/http/server.go:2220',
  '    github.com/go-chi/chi/v5.(*Mux).routeHTTP',
  '      /go/pkg/mod/github.com/go-chi/chi/v5@v5.1.0/mux.go:459',
  '    net/http.serverHandler.ServeHTTP',
  '      /usr/local/go/src/net/http/server.go:3210',
  '    net/http.(*conn).serve',
  '      /usr/local/go/src/net/http/server.go:2092',
].join('\n') }]);

const slowQuery = fam(`${SVC}:slow-query`, 'WARNING', [150, 300], ({ rng, t, rev }) => [
  slogLine(rng, t, rev, 'WARN', 'github.com/acme/sync/internal/store.(*Store).query', 64, 'slow query', { op: rng.pick(['ListAccounts', 'UpsertAccount', 'ListTenants']), elapsed: `${rng.fixed(1, 9, 3)}s` }),
]);

const syncDone = fam(`noise:${SVC}:sync-done`, 'INFO', [385, 715], ({ rng, t, rev }) => [
  slogLine(rng, t, rev, 'INFO', 'github.com/acme/sync/internal/api.(*Server).syncTenant', 97, 'sync complete', { tenant: `t_${slug(rng, 6)}`, accounts: rng.int(1, 900), errors: 0, elapsed: `${rng.int(40, 900)}ms` }),
]);

const listening = fam(`noise:${SVC}:listening`, 'INFO', [6, 16], ({ rng, t, rev }) => [
  slogLine(rng, t, rev, 'INFO', 'main.main', 41, 'listening', { addr: ':8080', version: 'v1.14.2' }),
]);

export const syncChi: ServiceDef = {
  name: SVC, stack: 'Go 1.23, chi v5.1, log/slog, pgx 5 through cloud.google.com/go/cloudsqlconn 1.13, cloud.google.com/go/pubsub 1.45', splitRate: 0.65,
  families: [refreshDenied, topicMissing, nilMap, slowQuery, syncDone, listening],
};
