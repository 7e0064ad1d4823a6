// Rust service: Rocket 0.5 with its own logger (`log_level = "normal"`: one block per request, the
// handler's `Error:` / `Warning:` records, `>>` continuation lines) on the morning revision; after the
// rollout Rocket logs at `critical` only and the app's records go through tracing-subscriber's JSON.
// The panic hook writes to stderr on both.
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { isoMicros } from './clock.js';

function appLog(ctx: Ctx, level: 'INFO' | 'WARN' | 'ERROR', target: string, message: string, error?: string): Write {
  if (ctx.rev === 0) {
    const prefix = level === 'ERROR' ? 'Error: ' : level === 'WARN' ? 'Warning: ' : '';
    return { stream: 'stdout', text: `${prefix}${message}${error ? `: ${error}` : ''}` };
  }
  const fields: Record<string, unknown> = { message };
  if (error) fields.error = error;
  return { stream: 'stdout', json: { timestamp: isoMicros(ctx.t), level, fields, target, threadId: `ThreadId(${ctx.rng.int(2, 17)})` } };
}

const quotePanic: Family = {
  name: 'edge-rocket:quote-unwrap-none', level: 'ERROR', perDay: [8, 30], burst: 0.2,
  emit: (ctx) => {
    const zip = String(ctx.rng.int(10000, 99999));
    const writes: Write[] = [];
    if (ctx.rev === 0) {
      // The request's head says nothing of the panic: it is the request block's chatter.
      writes.push({ stream: 'stdout', text: `GET /v1/quote?zip=${zip} application/json:\n   >> Matched: (quote) GET /v1/quote?<zip>`, as: { family: 'noise:edge-rocket:request', level: 'INFO' } });
    }
    writes.push({ stream: 'stderr', text: "thread 'rocket-worker-thread' panicked at src/routes/quote.rs:48:38:\ncalled `Option::unwrap()` on a `None` value\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace" });
    if (ctx.rev === 0) {
      writes.push({
        stream: 'stdout', text: [
          '   >> Handler quote panicked.',
          '   >> This is an application bug.',
          '   >> A panic in Rust must be treated as an exceptional event.',
          '   >> Panicking is not a suitable error handling mechanism.',
          '   >> Unwinding, the result of a panic, is an expensive operation.',
          '   >> Panics will degrade application performance.',
          '   >> Instead of panicking, return `Option` and/or `Result`.',
          '   >> Values of either type can be returned directly from handlers.',
          '   >> A panic is treated as an internal server error.',
          '   >> Outcome: Error(500 Internal Server Error)',
          '   >> No 500 catcher registered. Using Rocket default.',
          '   >> Response succeeded.',
        ].join('\n'),
      });
    }
    return writes;
  },
};

const ratesStale: Family = {
  name: 'edge-rocket:rates-upstream-timeout-stale', level: 'WARNING', perDay: [100, 240],
  emit: (ctx) => [appLog(ctx, 'WARN', 'edge::rates', 'rates upstream failed, serving stale rates', `error sending request for url (http://rates.internal:8080/v2/rates?region=${ctx.rng.pick(['eu', 'us', 'apac'])}): operation timed out`)],
};

const geoDecode: Family = {
  name: 'edge-rocket:geoip-db-decode', level: 'ERROR', perDay: [3, 12],
  emit: (ctx) => [appLog(ctx, 'ERROR', 'edge::geo', 'geoip lookup failed', `InvalidDatabase("invalid node in search tree at offset ${ctx.rng.int(100000, 9_999_999)}")`)],
};

const requestBlock: Family = {
  name: 'noise:edge-rocket:request', level: 'INFO', perDay: [400, 800],
  emit: (ctx) => {
    if (ctx.rev === 1) return [appLog(ctx, 'INFO', 'edge::routes', `quote served zip=${ctx.rng.int(10000, 99999)} ms=${ctx.rng.int(1, 90)} errors=0`)];
    return [
      { stream: 'stdout', text: `GET /v1/quote?zip=${ctx.rng.int(10000, 99999)} application/json:` },
      { stream: 'stdout', text: '   >> Matched: (quote) GET /v1/quote?<zip>' },
      { stream: 'stdout', text: '   >> Outcome: Success(200 OK)' },
      { stream: 'stdout', text: '   >> Response succeeded.' },
    ];
  },
};

export const edgeRocket: ServiceDef = {
  name: 'edge-rocket', stack: 'Rust 1.83, Rocket 0.5.1, reqwest 0.12, maxminddb', splitRate: 0.75,
  families: [quotePanic, ratesStale, geoDecode, requestBlock],
};
