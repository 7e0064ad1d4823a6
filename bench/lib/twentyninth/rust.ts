// The day's Rust service: actix-web with tracing-actix-web's root span and tracing-bunyan-formatter's
// Bunyan JSON (the setup of the "Zero To Production" book), Rust's panic message bare on stderr.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoNanos } from './clock.js';
import { fam, UA } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// quotes-actix: Rust 1.83, actix-web 4.9, tracing-actix-web 0.7 (`TracingLogger::default()`),
// tracing-subscriber 0.3 with tracing-bunyan-formatter 0.3 (`JsonStorageLayer` + `BunyanFormattingLayer`
// on stdout), sqlx 0.8 (PostgreSQL pool of 5), reqwest 0.12 to an FX partner. Every record is Bunyan
// JSON: `v`, `name`, `msg`, `level` (30 info, 40 warn, 50 error), `hostname`, `pid`, `time`, `target`,
// `line`, `file`, then the span's fields (the root span's `http.*`, `otel.*`, `request_id`) and the
// event's. The root span is written when it opens (`[HTTP REQUEST - START]`) and closes (`[HTTP
// REQUEST - END]`, with `elapsed_milliseconds`, `http.status_code`, and for an error response
// `otel.status_code`, `exception.message` and `exception.details`: the error's Display and Debug, the
// Debug a cause chain), at the span's level (info); an event inside is `[HTTP REQUEST - EVENT] msg`.
// No `severity`. From the rollout a custom RootSpanBuilder adds `tenant` to the root span (on every
// record of a request). A panic in a handler prints Rust's panic message on stderr.
const QA = 'quotes-actix';
const REG = '/usr/local/cargo/registry/src/index.crates.io-6f17d22bba15001f';

interface Req { method: string; route: string; target: string; fields: Record<string, unknown> }

function req(rng: Prng, rev: 0 | 1, host: string, method: string, route: string, target: string): Req {
  const fields: Record<string, unknown> = {
    'http.client_ip': rng.publicIpv4(), 'http.flavor': '1.1', 'http.host': host, 'http.method': method,
    'http.route': route, 'http.scheme': 'http', 'http.target': target, 'http.user_agent': rng.pick(UA), 'otel.kind': 'server', 'otel.name': `HTTP ${method} ${route}`, request_id: rng.uuid(),
  };
  if (rev === 1) fields.tenant = rng.pick(['acme-freight', 'northwind', 'globex', 'initech']);
  return { method, route, target, fields };
}

function bunyan(rng: Prng, t: number, msg: string, level: 30 | 40 | 50, target: string, line: number, file: string, fields: Record<string, unknown>): Write {
  return { stream: 'stdout', json: { v: 0, name: 'quotes', msg, level, hostname: 'localhost', pid: 1, time: isoNanos(t, rng.int(0, 999)), target, line, file, ...fields } };
}

const ROOT = ['tracing_actix_web::root_span_builder', 41, `${REG}/tracing-actix-web-0.7.15/src/root_span_builder.rs`] as const;

const start = (rng: Prng, t: number, r: Req): Write => bunyan(rng, t, '[HTTP REQUEST - START]', 30, ...ROOT, r.fields);
function end(rng: Prng, t: number, r: Req, status: number, ms: number, error?: { message: string; details: string }): Write {
  const f: Record<string, unknown> = { ...r.fields, elapsed_milliseconds: ms, 'http.status_code': status };
  if (error) Object.assign(f, { 'otel.status_code': 'ERROR', 'exception.message': error.message, 'exception.details': error.details });
  else f['otel.status_code'] = 'OK';
  return bunyan(rng, t, '[HTTP REQUEST - END]', 30, ...ROOT, f);
}
const event = (rng: Prng, t: number, r: Req, level: 40 | 50, msg: string, line: number, fields: Record<string, unknown>): Write =>
  bunyan(rng, t, `[HTTP REQUEST - EVENT] ${msg}`, level, 'quotes::routes::quote', line, 'src/routes/quote.rs', { ...r.fields, ...fields });

const chain = (head: string, causes: string[]): string => `${head}\n\n${causes.map((c) => `Caused by:\n\t${c}\n`).join('')}`;

// Five pooled connections and a slow tariff query at the morning peak: the pool times out.
const qaPool = fam(`${QA}:tariff-pool-timeout`, 'ERROR', [50, 110], ({ rng, t, rev, host }) => {
  const r = req(rng, rev, host, 'POST', '/v1/quotes', '/v1/quotes');
  const cause = 'pool timed out while waiting for an open connection';
  return [
    event(rng, t + 30_000_000, r, 50, 'Failed to load tariff', 61, { error: cause, lane: `${rng.upperAlnum(2)}-${rng.upperAlnum(2)}` }),
    end(rng, t + 30_000_400, r, 500, 30_000 + rng.int(0, 40), { message: 'Failed to load tariff', details: chain('Failed to load tariff', [cause]) }),
  ];
}, 0.4);

// The FX partner stops answering within reqwest's 5 s timeout: cross-currency quotes fail.
const qaFx = fam(`${QA}:fx-rate-timeout`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => {
  const base = rng.pick(['EUR', 'GBP', 'USD', 'PLN', 'SEK']);
  const r = req(rng, rev, host, 'POST', '/v1/quotes', `/v1/quotes?currency=${base}`);
  const url = `https://fx.partner.example/v1/latest?base=${base}`;
  return [
    event(rng, t + 5_000_000, r, 50, 'Failed to fetch FX rate', 88, { error: `error sending request for url (${url})` }),
    end(rng, t + 5_000_300, r, 500, 5000 + rng.int(0, 30), { message: 'Failed to fetch FX rate', details: chain('Failed to fetch FX rate', [`error sending request for url (${url})`, 'operation timed out']) }),
  ];
}, 0.3);

// A lane without tariff rows reaches the price table's first index: the handler panics.
const qaPanic = fam(`${QA}:tariff-index-panic`, 'ERROR', [20, 50], ({ rng }) =>
  [{ stream: 'stderr', text: `thread 'actix-rt|system:0|arbiter:${rng.int(0, 3)}' panicked at src/pricing/tariff.rs:57:31:\nindex out of bounds: the len is 0 but the index is 0\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace` }]);

const PROBLEMS = ['postcode: invalid format', 'weight_kg: must be greater than 0', 'pallets: must be at most 33', 'pickup_date: in the past', 'hazmat_class: unknown'];

// Requests the validator refuses (frequent): a warning event, and the 422's END record.
const qaRejected = fam(`${QA}:quote-rejected`, 'WARNING', [120, 260], ({ rng, t, rev, host }) => {
  const r = req(rng, rev, host, 'POST', '/v1/quotes', '/v1/quotes');
  const errs = Array.from({ length: rng.int(1, 4) }, () => rng.pick(PROBLEMS));
  const debug = `[${errs.map((e) => JSON.stringify(e)).join(', ')}]`;
  return [
    event(rng, t, r, 40, 'Quote request rejected', 34, { errors: debug }),
    end(rng, t + 200, r, 422, rng.int(0, 3), { message: `${errs.length} validation error(s)`, details: `ValidationErrors(${debug})` }),
  ];
});

const qaChatter = fam(`noise:${QA}:chatter`, 'INFO', [260, 380], ({ rng, t, rev, host }) => {
  const r = rng.chance(0.8) ? req(rng, rev, host, 'POST', '/v1/quotes', '/v1/quotes') : req(rng, rev, host, 'GET', '/health_check', '/health_check');
  if (rng.chance(0.15)) return [bunyan(rng, t, 'Tariff cache refreshed', 30, 'quotes::tariff', 112, 'src/pricing/tariff.rs', { lanes: rng.int(200, 900), errors: 0 })];
  return rng.chance(0.5) ? [start(rng, t, r)] : [end(rng, t, r, 200, rng.int(2, 400))];
});

export const quotesActix: ServiceDef = {
  name: QA, stack: 'Rust 1.83, actix-web 4.9, tracing-actix-web 0.7, tracing-bunyan-formatter 0.3, sqlx 0.8, reqwest 0.12', splitRate: 0.6,
  families: [qaPool, qaFx, qaPanic, qaRejected, qaChatter],
};

