// The day's Rust service: a tonic gRPC server logging through the log crate and fern (fern's README
// format, then JSON lines), and the panic hook's own text on stderr.
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis, isoSeconds } from './clock.js';
import { fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// rpc-fx: Rust 1.83, tonic 0.12 (a gRPC `fx.v1.Rates` service over h2c, Cloud Run's HTTP/2 end to end),
// deadpool-postgres 0.14 on tokio-postgres to Cloud SQL for PostgreSQL, reqwest 0.12 to the rates
// partner, `log` 0.4 with fern 0.7 on stderr. Morning revision: fern's README format (`[{}
// {} {}] {}` with humantime's RFC 3339 seconds, the level, the target, the message). From the rollout a
// fern format writing one JSON object a record on stdout (`severity`, `time`, `target`, `message`).
// Errors are printed with anyhow's `{:#}` (the cause chain on one line). A panic in a handler is
// Rust's default hook on stderr (`thread '…' panicked at file:line:col:`, the message, the note),
// whatever the revision. gRPC answers errors in trailers with HTTP 200, so Cloud Run's request log
// holds no 5xx for it.
const RF = 'rpc-fx';

function flog(t: number, rev: 0 | 1, level: 'ERROR' | 'WARN' | 'INFO', target: string, msg: string): Write {
  if (rev === 0) return { stream: 'stderr', text: `[${isoSeconds(t)} ${level} ${target}] ${msg}` };
  return { stream: 'stdout', json: { severity: level === 'WARN' ? 'WARNING' : level, time: isoMillis(t), target, message: msg } };
}

const PAIRS = ['EUR/USD', 'EUR/GBP', 'USD/JPY', 'EUR/CHF', 'GBP/USD', 'USD/CAD'];

// The rates table's pool (16) is held by a slow refresh: GetRate waits past the pool's wait timeout.
const rfPoolTimeout = fam(`${RF}:get-rate-pool-timeout`, 'ERROR', [40, 100], ({ rng, t, rev }) => [
  flog(t, rev, 'ERROR', 'rpc_fx::rates', `GetRate ${rng.pick(PAIRS)} failed: get connection: Timeout occurred while waiting for a slot to become available`),
], 0.4);

// The partner's rates endpoint does not answer: the refresh loop logs and keeps the old rates.
const rfPartnerTimeout = fam(`${RF}:rates-refresh-partner-timeout`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const base = rng.pick(['EUR', 'USD', 'GBP']);
  return [flog(t, rev, 'ERROR', 'rpc_fx::refresh', `refresh rates (base ${base}) failed: error sending request for url (https://api.fxpartner.example/v1/latest?base=${base}&symbols=${rng.int(20, 160)}): operation timed out`)];
});

// A pair with no cross rate reaches an unwrap in the conversion path: the handler's task panics.
const rfPanic = fam(`${RF}:convert-unwrap-none-panic`, 'ERROR', [15, 35], ({ rng }) => [
  { stream: 'stderr', text: `thread '${rng.pick(['tokio-runtime-worker', 'tokio-runtime-worker', 'main'])}' panicked at src/convert.rs:88:41:\ncalled \`Option::unwrap()\` on a \`None\` value\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace` },
]);

// Clients asking for pairs the service does not quote: tonic's Status, returned and logged (frequent).
const rfRejected = fam(`${RF}:quote-pair-rejected`, 'WARNING', [120, 240], ({ rng, t, rev }) => {
  const pair = `${rng.pick(['EUR', 'USD', 'GBP'])}/${rng.pick(['XAU', 'XAG', 'BTC', 'RUB', 'VES'])}`;
  return [flog(t, rev, 'WARN', 'rpc_fx::rates', `Convert rejected: status: InvalidArgument, message: "unsupported currency pair ${pair}", details: [], metadata: MetadataMap { headers: {} }`)];
});

const rfChatter = fam(`noise:${RF}:chatter`, 'INFO', [200, 300], ({ rng, t, rev }) => [
  flog(t, rev, 'INFO', rng.pick(['rpc_fx::refresh', 'rpc_fx', 'rpc_fx::rates']), rng.pick([
    `rates refreshed: ${rng.int(30, 170)} pairs in ${rng.int(80, 2400)}ms (0 errors)`,
    'listening on 0.0.0.0:8080 (h2c)',
    `GetRate ${rng.pick(PAIRS)} served from cache (age ${rng.int(1, 60)}s)`,
    `pool status: size=16 available=${rng.int(0, 16)} waiting=0`,
  ])),
]);

export const rpcFx: ServiceDef = {
  name: RF, stack: 'Rust 1.83, tonic 0.12 (gRPC, h2c), deadpool-postgres 0.14, reqwest 0.12, log 0.4 + fern 0.7', splitRate: 0.6,
  families: [rfPoolTimeout, rfPartnerTimeout, rfPanic, rfRejected, rfChatter],
};
