// A search API on axum with tracing-subscriber: the Full formatter (no colours) on the morning revision,
// the Pretty formatter after (the event on one line, then `at file:line` and `in span with fields`
// lines of its own that name no error); a handler's panic goes to stderr through the default hook.
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { isoMicros } from './clock.js';

type TLevel = 'INFO' | 'WARN' | 'ERROR';
interface Ev { level: TLevel; target: string; file: string; line: number; message: string; fields: Array<[string, string]> }

function tracing(rng: Prng, t: number, rev: 0 | 1, ev: Ev, path: string | undefined): Write {
  const span = path === undefined ? undefined : { method: path.startsWith('/admin') ? 'POST' : 'GET', uri: path };
  if (rev === 0) {
    const prefix = span ? `request{method=${span.method} uri=${span.uri} version=HTTP/1.1}: ` : '';
    const f = ev.fields.map(([k, v]) => ` ${k}=${v}`).join('');
    return { stream: 'stdout', text: `${isoMicros(t)} ${ev.level.padStart(5)} ${prefix}${ev.target}: ${ev.message}${f}` };
  }
  const f = ev.fields.map(([k, v]) => `, ${k}: ${v}`).join('');
  const lines = [`  ${isoMicros(t)} ${ev.level.padStart(5)} ${ev.target}: ${ev.message}${f}`, `    at ${ev.file}:${ev.line}`];
  if (span) {
    if (ev.target.startsWith('search_api::routes')) lines.push(`    in search_api::routes::search with q: "${span.uri.replace(/^.*q=/, '')}"`);
    lines.push(`    in tower_http::trace::make_span::request with method: ${span.method}, uri: ${span.uri}, version: HTTP/1.1`);
  }
  void rng;
  return { stream: 'stdout', text: `${lines.join('\n')}\n` };
}

const QUERIES = ['tent', 'sleeping+bag', 'headlamp', 'stove', 'trail+shoes', 'rain+jacket'];

export const searchAxum: ServiceDef = {
  name: 'search-axum', stack: 'Rust 1.82, axum 0.7, tower-http, tracing-subscriber, sqlx (PostgreSQL)', splitRate: 0.75,
  families: [
    {
      // The handler's error, and tower-http's report of the 500 it answered (its own problem).
      name: 'search-axum:query-statement-timeout', level: 'ERROR', perDay: [20, 50], burst: 0.35,
      emit: ({ rng, t, rev }) => {
        const path = `/search?q=${rng.pick(QUERIES)}`;
        return [
          tracing(rng, t, rev, { level: 'ERROR', target: 'search_api::routes', file: 'src/routes.rs', line: 57, message: 'search failed', fields: [['error', 'error returned from database: canceling statement due to statement timeout']] }, path),
          { ...tracing(rng, t, rev, { level: 'ERROR', target: 'tower_http::trace::on_failure', file: '/usr/local/cargo/registry/src/index.crates.io-6f17d22bba15001f/tower-http-0.5.2/src/trace/on_failure.rs', line: 93, message: 'response failed', fields: [['classification', 'Status code: 500 Internal Server Error'], ['latency', `${rng.int(5000, 30000)} ms`]] }, path), as: { family: 'search-axum:response-failed-500', level: 'ERROR' } },
        ];
      },
    },
    {
      name: 'search-axum:shard-index-out-of-bounds', level: 'ERROR', perDay: [5, 14],
      emit: ({ rng }) => {
        const len = rng.int(2, 8);
        return [{ stream: 'stderr', text: `thread 'tokio-runtime-worker' panicked at src/index/shard.rs:88:14:\nindex out of bounds: the len is ${len} but the index is ${len}\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace\n` }];
      },
    },
    {
      name: 'search-axum:embedding-throttled', level: 'WARNING', perDay: [100, 220],
      emit: ({ rng, t, rev }) => [tracing(rng, t, rev, { level: 'WARN', target: 'search_api::embed', file: 'src/embed.rs', line: 41, message: 'embedding service throttled, backing off', fields: [['retry_after_ms', String(rng.int(2, 20) * 100)], ['attempt', String(rng.int(1, 4))]] }, `/search?q=${rng.pick(QUERIES)}`)],
    },
    {
      name: 'noise:search-axum:response', level: 'INFO', perDay: [250, 450],
      emit: ({ rng, t, rev }) => [tracing(rng, t, rev, { level: 'INFO', target: 'tower_http::trace::on_response', file: '/usr/local/cargo/registry/src/index.crates.io-6f17d22bba15001f/tower-http-0.5.2/src/trace/on_response.rs', line: 114, message: 'finished processing request', fields: [['latency', `${rng.int(1, 90)} ms`], ['status', '200']] }, `/search?q=${rng.pick(QUERIES)}`)],
    },
    {
      name: 'noise:search-axum:index-refresh', level: 'INFO', perDay: [40, 90],
      emit: ({ rng, t, rev }) => [tracing(rng, t, rev, { level: 'INFO', target: 'search_api::index', file: 'src/index/mod.rs', line: 133, message: 'index refreshed', fields: [['shards', String(rng.int(2, 8))], ['errors', '0']] }, undefined)],
    },
  ] satisfies Family[],
};
