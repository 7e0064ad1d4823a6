// `geo-rust`: Rust, axum 0.7, tower-http's TraceLayer, sqlx (PostGIS), reqwest, with
// tracing-subscriber's JSON formatter: `timestamp`, `level`, `fields` (with `message`), `target`, the
// current `span` and the list of `spans`. No `severity`, so Cloud Run leaves the entry at DEFAULT.
// Records logged inside a request carry the `request` span; the same record from a spawned task that
// was never instrumented carries none (the span context comes and goes). A panic inside a handler is printed by Rust's default hook on stderr as
// text; tokio catches it and the server keeps running.
//
// Sources: the JSON formatter's shape, tokio-rs/tracing#1627, #2705 and #1408, and
// https://docs.rs/tracing-subscriber/latest/tracing_subscriber/fmt/format/struct.Json.html;
// tower-http's default `finished processing request` / `response failed` events with `latency` and
// `classification`, https://docs.rs/tower-http/latest/tower_http/trace/; sqlx's `pool timed out while
// waiting for an open connection` (sqlx::Error::PoolTimedOut); reqwest's error Display (`error sending
// request for url (...)`, `HTTP status server error (502 Bad Gateway) for url (...)`); the Rust 1.73+
// panic message layout (`thread '...' panicked at file:line:col:` then the message).
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { isoMicros } from './text.js';

type RLevel = 'INFO' | 'WARN' | 'ERROR';

function tileUri(rng: Prng): string {
  const z = rng.int(8, 16);
  return `/tiles/${z}/${rng.int(0, 2 ** z - 1)}/${rng.int(0, 2 ** z - 1)}.png`;
}

function tracing(ctx: Ctx, level: RLevel, target: string, fields: Record<string, unknown>, inRequest: boolean): Write {
  const json: Record<string, unknown> = { timestamp: isoMicros(ctx.t), level, fields, target };
  if (inRequest) {
    const span = { method: 'GET', uri: tileUri(ctx.rng), version: 'HTTP/1.1', name: 'request' };
    json.span = span;
    json.spans = [span];
  }
  return { stream: 'stdout', json };
}

const poolTimeout: Family = {
  name: 'geo-rust:postgis-pool-timeout', level: 'ERROR', perDay: [25, 80], burst: 0.35,
  emit(ctx) {
    const { rng } = ctx;
    // The handler's own record carries the request span; the same query run from a spawned render task
    // that was never instrumented logs with no span at all.
    const inRequest = rng.chance(0.7);
    return [tracing(ctx, 'ERROR', 'geo::tiles::query',
      { message: 'tile query failed', error: 'pool timed out while waiting for an open connection', layer: rng.pick(['roads', 'water', 'landuse']) }, inRequest)];
  },
};

// One reqwest client, two failures: no answer in time vs a 502 from the upstream.
const elevationTimeout: Family = {
  name: 'geo-rust:elevation-request-timeout', level: 'ERROR', perDay: [15, 50],
  emit(ctx) {
    const { rng } = ctx;
    const url = `http://elevation.internal:8080/v1/lookup?lat=${rng.fixed(-60, 70, 4)}&lon=${rng.fixed(-180, 180, 4)}`;
    return [tracing(ctx, 'ERROR', 'geo::elevation', { message: 'elevation lookup failed', error: `error sending request for url (${url})`, 'error.source': 'operation timed out' }, true)];
  },
};

const elevation502: Family = {
  name: 'geo-rust:elevation-bad-gateway', level: 'ERROR', perDay: [10, 35],
  emit(ctx) {
    const { rng } = ctx;
    const url = `http://elevation.internal:8080/v1/lookup?lat=${rng.fixed(-60, 70, 4)}&lon=${rng.fixed(-180, 180, 4)}`;
    return [tracing(ctx, 'ERROR', 'geo::elevation', { message: 'elevation lookup failed', error: `HTTP status server error (502 Bad Gateway) for url (${url})` }, true)];
  },
};

const rasterPanic: Family = {
  name: 'geo-rust:raster-unwrap-none-panic', level: 'ERROR', perDay: [8, 25],
  emit(ctx) {
    const text = [
      `thread 'tokio-runtime-worker' panicked at src/render/raster.rs:${ctx.rng.pick([88, 88, 91])}:14:`,
      'called `Option::unwrap()` on a `None` value',
      'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
    ].join('\n');
    return [{ stream: 'stderr', text }];
  },
};

const responseFailed: Family = {
  name: 'geo-rust:response-failed-500', level: 'ERROR', perDay: [30, 90],
  emit(ctx) {
    return [tracing(ctx, 'ERROR', 'tower_http::trace::on_failure', { message: 'response failed', classification: 'Status code: 500 Internal Server Error', latency: `${ctx.rng.int(1, 5000)} ms` }, true)];
  },
};

const cacheMiss: Family = {
  name: 'geo-rust:tile-cache-miss-ratio-high', level: 'WARNING', perDay: [40, 120],
  emit(ctx) {
    const { rng } = ctx;
    return [tracing(ctx, 'WARN', 'geo::cache', { message: 'tile cache miss ratio above threshold', ratio: rng.float(0.3, 0.9, 2), threshold: 0.25, entries: rng.int(10000, 500000) }, false)];
  },
};

const geoInfo: Family = {
  name: 'noise:geo-rust:chatter', level: 'INFO', perDay: [350, 500],
  emit(ctx) {
    const { rng } = ctx;
    return [rng.chance(0.75)
      ? tracing(ctx, 'INFO', 'tower_http::trace::on_response', { message: 'finished processing request', latency: `${rng.int(0, 400)} ms`, status: 200 }, true)
      : tracing(ctx, 'INFO', 'geo::prefetch', { message: 'prefetch pass done', tiles: rng.int(10, 5000), errors: 0 }, false)];
  },
};

export const geoRust: ServiceDef = {
  name: 'geo-rust', stack: 'Rust, axum 0.7, tower-http, sqlx, reqwest, tracing-subscriber JSON', splitRate: 0.75,
  families: [poolTimeout, elevationTimeout, elevation502, rasterPanic, responseFailed, cacheMiss, geoInfo],
};
