// A Rust cart API: tracing-subscriber's Pretty formatter without colours on the morning revision (the
// event line indented two spaces, then `at file:line on thread`, then one `in span with fields` line per
// span, an empty line after each event), tracing-stackdriver's JSON layer after (`severity`, `time`,
// `target`, `logging.googleapis.com/sourceLocation`, `span`, `spans`, the fields flattened, and the trace
// from X-Cloud-Trace-Context). Panics are the standard library's own lines on stderr.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMicros } from './clock.js';
import { PROJECT, traceName } from './shared.js';

interface Event { level: 'ERROR' | 'WARN' | 'INFO'; target: string; message: string; fields: Array<[string, string | number]>; file: string; line: number; span?: { name: string; fields: Array<[string, string | number]> } }

function tracing(rng: Prng, t: number, rev: 0 | 1, e: Event, method: string, uri: string): Write {
  if (rev === 0) {
    const fields = e.fields.map(([k, v]) => `, ${k}: ${v}`).join('');
    const spans = [
      ...(e.span ? [`    in ${e.target}::${e.span.name} with ${e.span.fields.map(([k, v]) => `${k}: ${v}`).join(', ')}`] : []),
      `    in tower_http::trace::make_span::request with method: ${method}, uri: ${uri}, version: HTTP/1.1`,
    ];
    return { stream: 'stdout', text: `  ${isoMicros(t)} ${e.level.padStart(5)} ${e.target}: ${e.message}${fields}\n    at ${e.file}:${e.line} on tokio-runtime-worker ThreadId(${rng.int(2, 9)})\n${spans.join('\n')}\n` };
  }
  const json: Record<string, unknown> = {
    time: isoMicros(t), target: e.target, 'logging.googleapis.com/sourceLocation': { file: e.file, line: String(e.line) },
    span: e.span ? { name: e.span.name, ...Object.fromEntries(e.span.fields) } : { method, name: 'request', uri, version: 'HTTP/1.1' },
    spans: [{ method, name: 'request', uri, version: 'HTTP/1.1' }, ...(e.span ? [{ name: e.span.name, ...Object.fromEntries(e.span.fields) }] : [])],
    severity: e.level === 'WARN' ? 'WARNING' : e.level, message: e.message, ...Object.fromEntries(e.fields),
    'logging.googleapis.com/trace': traceName(rng, PROJECT), 'logging.googleapis.com/spanId': rng.hex(16),
  };
  return { stream: 'stdout', json };
}

/** tower-http's TraceLayer on a 5xx: its own record, a problem of its own. */
const responseFailed = (rng: Prng, t: number, rev: 0 | 1, method: string, uri: string): Write => ({
  ...tracing(rng, t, rev, { level: 'ERROR', target: 'tower_http::trace::on_failure', message: 'response failed', fields: [['classification', 'Status code: 500 Internal Server Error'], ['latency', `${rng.int(1, 30000)} ms`]], file: '/usr/local/cargo/registry/src/index.crates.io-6f17d22bba15001f/tower-http-0.6.2/src/trace/on_failure.rs', line: 93 }, method, uri),
  as: { family: 'cart-rust:response-failed-500', level: 'ERROR' },
});

export const cartRust: ServiceDef = {
  name: 'cart-rust', stack: 'Rust 1.83, axum 0.8, tower-http 0.6, sqlx 0.8 (PostgreSQL), reqwest 0.12, redis-rs, tracing-subscriber 0.3, tracing-stackdriver 0.10', splitRate: 0.72,
  families: [
    {
      name: 'cart-rust:checkout-pool-timeout', level: 'ERROR', perDay: [33, 88], burst: 0.35,
      emit: ({ rng, t, rev }) => {
        const cart = rng.int(1000, 999999);
        const uri = `/v1/carts/${cart}/checkout`;
        return [
          tracing(rng, t, rev, { level: 'ERROR', target: 'cart_api::routes::checkout', message: 'checkout failed', fields: [['error', 'pool timed out while waiting for an open connection']], file: 'src/routes/checkout.rs', line: 88, span: { name: 'checkout', fields: [['cart_id', cart]] } }, 'POST', uri),
          responseFailed(rng, t, rev, 'POST', uri),
        ];
      },
    },
    {
      name: 'cart-rust:tax-quote-timeout', level: 'ERROR', perDay: [33, 77],
      emit: ({ rng, t, rev }) => {
        const cart = rng.int(1000, 999999);
        return [tracing(rng, t, rev, { level: 'ERROR', target: 'cart_api::tax', message: 'tax quote failed, pricing without tax', fields: [['error', 'error sending request for url (https://tax.internal.marlpit.dev/v2/quote)'], ['source', 'operation timed out']], file: 'src/tax.rs', line: 57, span: { name: 'quote', fields: [['cart_id', cart], ['region', rng.pick(['DE', 'FR', 'NL', 'IT'])]] } }, 'GET', `/v1/carts/${cart}`)];
      },
    },
    {
      name: 'cart-rust:pricing-unwrap-panic', level: 'ERROR', perDay: [11, 33],
      emit: ({ rng, t, rev }) => [
        { stream: 'stderr', text: `thread 'tokio-runtime-worker' panicked at src/pricing.rs:41:37:\ncalled \`Option::unwrap()\` on a \`None\` value\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace` },
        responseFailed(rng, t, rev, 'GET', `/v1/carts/${rng.int(1000, 999999)}`),
      ],
    },
    {
      name: 'cart-rust:redis-unavailable', level: 'WARNING', perDay: [330, 660],
      emit: ({ rng, t, rev }) => [tracing(rng, t, rev, { level: 'WARN', target: 'cart_api::cache', message: 'redis unavailable, serving without cache', fields: [['error', 'Connection refused (os error 111)']], file: 'src/cache.rs', line: 31 }, 'GET', `/v1/carts/${rng.int(1000, 999999)}`)],
    },
    {
      name: 'noise:cart-rust:priced', level: 'INFO', perDay: [192, 289],
      emit: ({ rng, t, rev }) => [tracing(rng, t, rev, { level: 'INFO', target: 'cart_api::routes::cart', message: 'cart priced', fields: [['items', rng.int(1, 12)], ['errors', 0]], file: 'src/routes/cart.rs', line: 40 }, 'GET', `/v1/carts/${rng.int(1000, 999999)}`)],
    },
  ],
};
