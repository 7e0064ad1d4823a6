// The day's Go services: a gqlgen GraphQL API (the log package and gqlgen's default recover, then a
// slog handler written for Cloud Logging), and Cloud Tasks handlers logging through zap's production
// JSON, then zap with Cloud Logging's keys.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { epochFloat, goLogTime, isoMillis } from './clock.js';
import { containerExit, digits, fam, PROJECT, traceOf } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// graph-gqlgen: Go 1.23, gqlgen 0.17.55 (handler.NewDefaultServer), pgx 5 pool to Cloud SQL over the
// connector, cloud.google.com/go/firestore 1.17, secretmanager 1.14. Morning revision: the log package
// with LstdFlags on stderr; a resolver's panic goes through gqlgen's DefaultRecover, which prints the
// panic value, an empty line and debug.PrintStack() on stderr (the client gets `internal system
// error`). From the rollout slog with a small handler of the app's own that writes Cloud Logging's
// keys (`severity`, `message`, `time`, `logging.googleapis.com/trace` from the traceparent) on stdout,
// and SetRecoverFunc logging the panic with its stack at ERROR.
const GG = 'graph-gqlgen';

const slogLine = (rng: Prng, t: number, severity: string, message: string, attrs: Record<string, unknown> = {}): Write => ({
  stream: 'stdout', json: { time: isoMillis(t), severity, message, ...attrs, 'logging.googleapis.com/trace': traceOf(rng) },
});

const itemsStack = (rng: Prng, rev: 0 | 1): string => [
  `goroutine ${rng.int(30, 4000)} [running]:`,
  'runtime/debug.Stack()', '\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e',
  ...(rev === 0
    ? ['runtime/debug.PrintStack()', '\t/usr/local/go/src/runtime/debug/stack.go:18 +0x13', 'github.com/99designs/gqlgen/graphql.DefaultRecover({0xc1e3a0?, 0xc000412a80?}, {0xa8e2c0?, 0x11c5a40?})', '\t/go/pkg/mod/github.com/99designs/gqlgen@v0.17.55/graphql/recovery.go:17 +0x65']
    : ['main.main.func2({0xc1e3a0?, 0xc000412a80?}, {0xa8e2c0, 0x11c5a40})', '\t/src/cmd/server/main.go:58 +0x4d']),
  'github.com/99designs/gqlgen/graphql.(*OperationContext).Recover(0xc0001c8000?, {0xc1e3a0?, 0xc000412a80?}, {0xa8e2c0?, 0x11c5a40?})',
  '\t/go/pkg/mod/github.com/99designs/gqlgen@v0.17.55/graphql/context_operation.go:124 +0x3a',
  'github.com/tidewater/shop-graph/graph/generated.(*executionContext)._Order_items.func1()',
  `\t/src/graph/generated/generated.go:${rng.pick([4412, 4413])} +0x65`,
  'panic({0xa8e2c0?, 0x11c5a40?})', '\t/usr/local/go/src/runtime/panic.go:785 +0x132',
  'github.com/tidewater/shop-graph/graph.(*orderResolver).Items(0xc000010f30?, {0xc1e3a0, 0xc000412a80}, 0x0)',
  '\t/src/graph/order.resolvers.go:31 +0x3c',
  'github.com/tidewater/shop-graph/graph/generated.(*executionContext)._Order_items.func1({0xc1e3a0?, 0xc000412a80?})',
  '\t/src/graph/generated/generated.go:4420 +0x53',
].join('\n');

const NIL = 'runtime error: invalid memory address or nil pointer dereference';
const ggItemsPanic = fam(`${GG}:order-items-nil-panic`, 'ERROR', [30, 80], ({ rng, t, rev }) => [rev === 0
  ? { stream: 'stderr', text: `${NIL}\n\n${itemsStack(rng, 0)}` }
  : slogLine(rng, t, 'ERROR', 'resolver panic', { panic: NIL, path: `order.items`, stack: itemsStack(rng, 1) })]);

// The pool cannot get a connection before the request's deadline (the resolver's error goes to the
// client too; the app logs it in its error presenter).
const ggCustomer = fam(`${GG}:customer-pool-timeout`, 'ERROR', [40, 100], ({ rng, t, rev }) => {
  const err = `load customer ${digits(rng, 6)}: failed to connect to \`user=shop database=shop\`: /cloudsql/${PROJECT}:europe-west1:shop-pg/.s.PGSQL.5432 (/cloudsql/${PROJECT}:europe-west1:shop-pg): dial error: timeout: context deadline exceeded`;
  return [rev === 0
    ? { stream: 'stderr', text: `${goLogTime(t)} graphql error: [customer] ${err}` }
    : slogLine(rng, t, 'ERROR', 'graphql error', { path: 'customer', error: err, operation: rng.pick(['CustomerPage', 'Checkout', 'AccountMenu']) })];
}, 0.3);

// Firestore's wishlist write contends on a popular product's counter; the mutation retries (a warning).
const ggWishlist = fam(`${GG}:wishlist-contention`, 'WARNING', [80, 200], ({ rng, t, rev }) => {
  const err = `add to wishlist: rpc error: code = Aborted desc = Too much contention on these documents. Please try again.`;
  return [rev === 0
    ? { stream: 'stderr', text: `${goLogTime(t)} warning: wishlist ${rng.hex(20)} retry ${rng.int(1, 3)}: ${err}` }
    : slogLine(rng, t, 'WARNING', 'wishlist write retried', { wishlist: rng.hex(20), attempt: rng.int(1, 3), error: err })];
});

const ggChatter = fam(`noise:${GG}:chatter`, 'INFO', [210, 320], ({ rng, t, rev }) => {
  const op = rng.pick(['ProductPage', 'CustomerPage', 'Checkout', 'Search', 'AccountMenu']);
  const ms = rng.int(2, 400);
  return [rev === 0
    ? { stream: 'stderr', text: `${goLogTime(t)} ${rng.chance(0.05) ? 'connect to http://localhost:8080/ for GraphQL playground' : `op=${op} ms=${ms} errors=0`}` }
    : slogLine(rng, t, 'INFO', 'operation served', { operation: op, ms, errors: 0 })];
});

export const graphGqlgen: ServiceDef = {
  name: GG, stack: 'Go 1.23, gqlgen 0.17.55, pgx 5, Firestore 1.17, Secret Manager 1.14, log then a slog Cloud Logging handler', splitRate: 0.7,
  families: [ggItemsPanic, ggCustomer, ggWishlist, ggChatter],
};

// ---------------------------------------------------------------------------------------------------
// tasks-zap: Go 1.23 net/http handlers for two Cloud Tasks queues (`inventory-sync`, `emails`),
// zap 1.27, cloud.google.com/go/secretmanager 1.14. Morning revision: zap.NewProduction() on stderr
// (`level`, `ts` as epoch seconds, `caller`, `msg`, fields, `stacktrace` at ERROR). From the rollout a
// zap.Config with Cloud Logging's keys (`severity` in capitals, `time` ISO 8601, `message`,
// `logging.googleapis.com/trace`) on stdout, `stacktrace` kept. A data race in the stock cache ends in
// the Go runtime's `fatal error: concurrent map writes` on stderr (not zap), then Cloud Run's exit(2).
const TZ = 'tasks-zap';

function zapLine(rng: Prng, t: number, rev: 0 | 1, level: 'info' | 'warn' | 'error', caller: string, msg: string, fields: Record<string, unknown>, stack?: string): Write {
  if (rev === 0) {
    const json: Record<string, unknown> = { level, ts: Number(epochFloat(t)), caller, msg, ...fields };
    if (stack) json.stacktrace = stack;
    return { stream: 'stderr', json };
  }
  const json: Record<string, unknown> = { severity: level === 'warn' ? 'WARNING' : level.toUpperCase(), time: isoMillis(t), caller, message: msg, ...fields, 'logging.googleapis.com/trace': traceOf(rng) };
  if (stack) json.stacktrace = stack;
  return { stream: 'stdout', json };
}

const zapStack = (fn: string, file: string, line: number): string => `main.(*server).${fn}\n\t/src/cmd/tasks/${file}:${line}\nnet/http.HandlerFunc.ServeHTTP\n\t/usr/local/go/src/net/http/server.go:2220\nnet/http.(*ServeMux).ServeHTTP\n\t/usr/local/go/src/net/http/server.go:2747\nnet/http.serverHandler.ServeHTTP\n\t/usr/local/go/src/net/http/server.go:3210\nnet/http.(*conn).serve\n\t/usr/local/go/src/net/http/server.go:2092`;

const tzWms = fam(`${TZ}:wms-stock-timeout`, 'ERROR', [50, 130], ({ rng, t, rev }) => {
  const wh = rng.int(1, 24);
  return [zapLine(rng, t, rev, 'error', 'tasks/inventory.go:71', 'inventory sync failed', {
    task: `projects/${PROJECT}/locations/europe-west1/queues/inventory-sync/tasks/${digits(rng, 19)}`, retry: rng.int(0, 9), warehouse: wh,
    error: `fetch stock for warehouse ${wh}: Get "https://wms.partner.example/api/v2/stock?warehouse=${wh}&page=${rng.int(1, 30)}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
  }, zapStack('syncInventory', 'inventory.go', 71))];
}, 0.25);

const tzSecret = fam(`${TZ}:email-secret-denied`, 'ERROR', [30, 70], ({ rng, t, rev }) => [zapLine(rng, t, rev, 'error', 'tasks/email.go:38', 'email task failed', {
  task: `projects/${PROJECT}/locations/europe-west1/queues/emails/tasks/${digits(rng, 19)}`, retry: rng.int(0, 5),
  error: `load sendgrid key: rpc error: code = PermissionDenied desc = Permission 'secretmanager.versions.access' denied for resource 'projects/${PROJECT}/secrets/sendgrid-api-key/versions/latest' (or it may not exist).`,
}, zapStack('sendEmail', 'email.go', 38))]);

// A task whose address does not parse is acknowledged and skipped (a warning, no stack).
const tzAddress = fam(`${TZ}:email-bad-address`, 'WARNING', [80, 180], ({ rng, t, rev }) => [zapLine(rng, t, rev, 'warn', 'tasks/email.go:29', 'skipping email with invalid recipient', {
  task: `projects/${PROJECT}/locations/europe-west1/queues/emails/tasks/${digits(rng, 19)}`, to: rng.pick(['john.doe(at)example.com', 'mary@', 'sales example.org', '"Ann" <ann@example.com']),
  error: rng.pick(["mail: missing '@' or angle-addr", 'mail: no address', "mail: unclosed angle-addr"]),
})]);

const tzMapWrites = fam(`${TZ}:concurrent-map-writes`, 'CRITICAL', [3, 8], ({ rng }) => [
  { stream: 'stderr', text: `fatal error: concurrent map writes\n\ngoroutine ${rng.int(100, 9000)} [running]:\nmain.(*stockCache).put(...)\n\t/src/cmd/tasks/cache.go:24\nmain.(*server).syncInventory(0xc0001a2000, {0xa1c0f8, 0xc0004b21c0}, 0xc0003c4000)\n\t/src/cmd/tasks/inventory.go:88 +0x4a5\nnet/http.HandlerFunc.ServeHTTP(0xc0001b4010?, {0xa1c0f8?, 0xc0004b21c0?}, 0xc0000d3b60?)\n\t/usr/local/go/src/net/http/server.go:2220 +0x29\nnet/http.(*ServeMux).ServeHTTP(0x4f5b99?, {0xa1c0f8, 0xc0004b21c0}, 0xc0003c4000)\n\t/usr/local/go/src/net/http/server.go:2747 +0x1ca\nnet/http.(*conn).serve(0xc000230000, {0xa1c8d8, 0xc0001e2a50})\n\t/usr/local/go/src/net/http/server.go:2092 +0x5d0\ncreated by net/http.(*Server).Serve in goroutine 1\n\t/usr/local/go/src/net/http/server.go:3360 +0x485\n\ngoroutine 1 [IO wait]:\ninternal/poll.runtime_pollWait(0x7f2b9c1e1e08, 0x72)\n\t/usr/local/go/src/runtime/netpoll.go:351 +0x85\nnet/http.(*Server).ListenAndServe(0xc0001ae000)\n\t/usr/local/go/src/net/http/server.go:3259 +0x73\nmain.main()\n\t/src/cmd/tasks/main.go:44 +0x2f1` },
  containerExit(TZ, 2),
]);

const tzChatter = fam(`noise:${TZ}:chatter`, 'INFO', [230, 350], ({ rng, t, rev }) => [rng.chance(0.6)
  ? zapLine(rng, t, rev, 'info', 'tasks/inventory.go:95', 'inventory synced', { warehouse: rng.int(1, 24), skus: rng.int(10, 4000), errors: 0, retry: 0 })
  : zapLine(rng, t, rev, 'info', 'tasks/email.go:52', 'email sent', { template: rng.pick(['receipt', 'welcome', 'password-reset']), failed: 0 })]);

export const tasksZap: ServiceDef = {
  name: TZ, stack: 'Go 1.23, net/http, Cloud Tasks, zap 1.27 (production JSON, then Cloud Logging keys), Secret Manager 1.14', splitRate: 0.7,
  families: [tzWms, tzSecret, tzAddress, tzMapWrites, tzChatter],
};
