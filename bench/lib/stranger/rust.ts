// Rust services: an axum API logging through tracing-subscriber's default `fmt` layer (ANSI colours on
// the older revision, as the layer writes them unless told otherwise; plain on the newer), and a worker
// using env_logger whose `main` returns an anyhow error. Panics as std's default hook prints them: the
// pre-1.73 one-line form on the older revision, the two-line form with a backtrace on the newer.
import type { Ctx, Family, ServiceDef } from './model.js';
import { ansi, isoMicros, isoSeconds } from './text.js';

const LEVEL_COLOUR: Record<string, string> = { ERROR: '31', WARN: '33', INFO: '32' };

/** tracing-subscriber's Full format: time, level, span context, target, message, fields. */
function tracingLine(ctx: Ctx, level: 'ERROR' | 'WARN' | 'INFO', span: string | undefined, target: string, msg: string, fields: ReadonlyArray<readonly [string, string | number]>): string {
  const lvl = level.padStart(5);
  if (ctx.rev === 1) {
    const f = fields.map(([k, v]) => ` ${k}=${v}`).join('');
    return `${isoMicros(ctx.t)} ${lvl} ${span ? `${span}: ` : ''}${target}: ${msg}${f}`;
  }
  const f = fields.map(([k, v]) => ` ${ansi('3', k)}${ansi('2', '=')}${v}`).join('');
  const sp = span ? `${ansi('1', span.slice(0, span.indexOf('{')))}${ansi('1', '{')}${span.slice(span.indexOf('{') + 1, -1)}${ansi('1', '}')}${ansi('2', ':')} ` : '';
  return `${ansi('2', isoMicros(ctx.t))} ${ansi(LEVEL_COLOUR[level] ?? '0', lvl)} ${sp}${ansi('2', target)}${ansi('2', ':')} ${msg}${f}`;
}

const requestSpan = (ctx: Ctx): string | undefined => {
  if (ctx.rng.chance(0.35)) return undefined;
  const q = ctx.rng.pick(['shoes', 'red+dress', 'usb-c', 'garden%20chair', 'lamp']);
  return `request{method=GET uri=/v1/search?q=${q} version=HTTP/1.1}`;
};

const shardTimeout: Family = {
  name: 'search-rs:shard-query-timeout',
  level: 'ERROR',
  perDay: [20, 60],
  burst: 0.3,
  emit(ctx) {
    return [{ stream: 'stdout', text: tracingLine(ctx, 'ERROR', requestSpan(ctx), 'search_api::shards', 'shard query failed', [['shard', ctx.rng.int(0, 11)], ['error', 'deadline has elapsed'], ['elapsed_ms', ctx.rng.int(2000, 2100)]]) }];
  },
};

const slowQuery: Family = {
  name: 'search-rs:slow-query',
  level: 'WARNING',
  perDay: [30, 80],
  emit(ctx) {
    return [{ stream: 'stdout', text: tracingLine(ctx, 'WARN', requestSpan(ctx), 'search_api::rank', 'slow ranking pass', [['took_ms', ctx.rng.int(800, 5000)], ['candidates', ctx.rng.int(100, 90000)]]) }];
  },
};

const BT_COMMON = [
  '   0: rust_begin_unwind',
  '             at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/std/src/panicking.rs:665:5',
  '   1: core::panicking::panic_fmt',
  '             at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/core/src/panicking.rs:74:14',
];

const panicOob: Family = {
  name: 'search-rs:rank-top-k-index-out-of-bounds',
  level: 'ERROR',
  perDay: [5, 20],
  emit(ctx) {
    const msg = 'index out of bounds: the len is 0 but the index is 0';
    if (ctx.rev === 0) {
      return [{ stream: 'stderr', text: `thread 'tokio-runtime-worker' panicked at '${msg}', src/rank.rs:88:21\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace` }];
    }
    const bt = [
      'stack backtrace:', ...BT_COMMON,
      '   2: core::panicking::panic_bounds_check',
      '             at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/core/src/panicking.rs:276:5',
      '   3: search_api::rank::top_k',
      '             at ./src/rank.rs:88:21',
      '   4: search_api::handlers::search::{{closure}}',
      '             at ./src/handlers.rs:52:19',
      '   5: <axum::handler::future::IntoServiceFuture<F> as core::future::future::Future>::poll',
      '             at /build/vendor/axum-0.7.9/src/handler/future.rs:18:1',
      'note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.',
    ];
    return [{ stream: 'stderr', text: `thread 'tokio-runtime-worker' panicked at src/rank.rs:88:21:\n${msg}\n${bt.join('\n')}` }];
  },
};

const panicEnv: Family = {
  name: 'search-rs:startup-index-bucket-unset',
  level: 'CRITICAL',
  perDay: [1, 4],
  emit(ctx) {
    const msg = 'called `Result::unwrap()` on an `Err` value: NotPresent';
    const text = ctx.rev === 0
      ? `thread 'main' panicked at '${msg}', src/main.rs:31:47\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace`
      : `thread 'main' panicked at src/main.rs:31:47:\n${msg}\nstack backtrace:\n${BT_COMMON.join('\n')}\n   2: core::result::unwrap_failed\n             at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/core/src/result.rs:1700:5\n   3: search_api::main::{{closure}}\n             at ./src/main.rs:31:47\nnote: Some details are omitted, run with \`RUST_BACKTRACE=full\` for a verbose backtrace.`;
    return [
      { stream: 'stderr', text },
      { stream: 'varlog/system', text: 'Container called exit(101).', severity: 'WARNING', as: { family: 'search-rs:container-exit', level: 'WARNING' } },
    ];
  },
};

const searchNoise: Family = {
  name: 'noise:search-rs:requests',
  level: 'INFO',
  perDay: [300, 500],
  emit(ctx) {
    const { rng } = ctx;
    if (rng.chance(0.8)) {
      return [{ stream: 'stdout', text: tracingLine(ctx, 'INFO', requestSpan(ctx), 'tower_http::trace::on_response', 'finished processing request', [['latency', `${rng.int(1, 400)} ms`], ['status', 200]]) }];
    }
    return [{ stream: 'stdout', text: tracingLine(ctx, 'INFO', undefined, 'search_api::shards', 'shard health', [['healthy', 12], ['errors', 0], ['last_error', 'None']]) }];
  },
};

export const searchRs: ServiceDef = {
  name: 'search-rs',
  stack: 'Rust 1.70 / 1.83, axum 0.7, tokio, tracing-subscriber fmt',
  splitRate: 0.8,
  families: [shardTimeout, slowQuery, panicOob, panicEnv, searchNoise],
};

// ---- ingest-rs: env_logger + anyhow ---------------------------------------------------------------

const envLine = (ctx: Ctx, level: string, target: string, msg: string): string => `[${isoSeconds(ctx.t)} ${level.padEnd(5)} ${target}] ${msg}`;

const flushFailed: Family = {
  name: 'ingest-rs:gcs-flush-connection-closed',
  level: 'ERROR',
  perDay: [15, 50],
  emit(ctx) {
    const { rng } = ctx;
    const obj = `raw-events/2026/03/10/part-${String(rng.int(0, 99999)).padStart(5, '0')}.ndjson`;
    const cause = `error sending request for url (https://storage.googleapis.com/upload/storage/v1/b/raw-events/o?uploadType=resumable&upload_id=${rng.base64url(24)}): connection closed before message completed`;
    // anyhow's `{:#}` prints the whole context chain; some call sites add one context, some two.
    const chain = rng.pick([
      `flush failed: upload ${obj}: ${cause}`,
      `flush failed: ${cause}`,
      `flush failed: batch ${rng.int(1, 9000)}: upload ${obj}: ${cause}`,
    ]);
    return [{ stream: 'stderr', text: envLine(ctx, 'ERROR', 'ingest_worker::sink', chain) }];
  },
};

const checkpointFatal: Family = {
  name: 'ingest-rs:checkpoint-load-forbidden',
  level: 'CRITICAL',
  perDay: [1, 5],
  emit(ctx) {
    const url = 'https://storage.googleapis.com/storage/v1/b/raw-events/o/checkpoints%2Fingest.json?alt=media';
    const text = ctx.rng.chance(0.5)
      ? `Error: failed to load checkpoint\n\nCaused by:\n    0: reading gs://raw-events/checkpoints/ingest.json\n    1: HTTP status client error (403 Forbidden) for url (${url})`
      : `Error: failed to load checkpoint\n\nCaused by:\n    HTTP status client error (403 Forbidden) for url (${url})`;
    return [
      { stream: 'stderr', text },
      { stream: 'varlog/system', text: 'Container called exit(1).', severity: 'WARNING', as: { family: 'ingest-rs:container-exit', level: 'WARNING' } },
    ];
  },
};

const ackWarn: Family = {
  name: 'ingest-rs:ack-deadline-extended',
  level: 'WARNING',
  perDay: [20, 60],
  emit(ctx) {
    return [{ stream: 'stderr', text: envLine(ctx, 'WARN', 'ingest_worker::pull', `ack deadline extended for ${ctx.rng.int(1, 900)} messages (oldest ${ctx.rng.int(10, 600)}s)`) }];
  },
};

const ingestNoise: Family = {
  name: 'noise:ingest-rs:flushed',
  level: 'INFO',
  perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    return [{ stream: 'stderr', text: envLine(ctx, 'INFO', rng.pick(['ingest_worker::sink', 'ingest_worker::pull']), rng.pick([
      `flushed ${rng.int(1, 500)} records (0 failed) in ${rng.int(20, 900)}ms`,
      `pulled ${rng.int(1, 1000)} messages, error_rate=0.00`,
    ])) }];
  },
};

export const ingestRs: ServiceDef = {
  name: 'ingest-rs',
  stack: 'Rust 1.83, tokio, env_logger, anyhow',
  splitRate: 0.8,
  families: [flushFailed, checkpointFatal, ackWarn, ingestNoise],
};


