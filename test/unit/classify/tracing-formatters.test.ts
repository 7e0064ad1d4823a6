// An axum service on tracing-subscriber logs each problem through Full (with the request's span, or
// outside any span) and, after a rollout, through Pretty: one problem, one cluster. The handler's error
// and tower-http's `response failed` for the same request are two problems (tower-rs/tower-http's
// DefaultOnFailure; torrust/torrust-tracker#1151 and #1069 show its line in both formatters).
import { describe, expect, test } from '@jest/globals';
import { clusterIds } from '../../support/cluster-ids.js';

const SPAN = (q: string) => `request{method=GET uri=/search?q=${q} version=HTTP/1.1}: `;
const full = (level: string, target: string, message: string, q?: string) =>
  `2026-12-04T10:00:00.123456Z ${level.padStart(5)} ${q === undefined ? '' : SPAN(q)}${target}: ${message}`;
const pretty = (level: string, target: string, message: string, at: string, q: string) => [
  `  2026-12-04T10:00:00.123456Z ${level.padStart(5)} ${target}: ${message}`,
  `    at ${at}`,
  `    in tower_http::trace::make_span::request with method: GET, uri: /search?q=${q}, version: HTTP/1.1`,
].join('\n');

const DB = 'error returned from database: canceling statement due to statement timeout';
const ON_FAILURE = '/usr/local/cargo/registry/src/index.crates.io-6f17d22bba15001f/tower-http-0.5.2/src/trace/on_failure.rs:93';

describe('tracing Full and Pretty formatters of one service', () => {
  test('each problem is one cluster through both formatters, with and without a span', () => {
    const [handler, failure, throttled] = clusterIds([
      [
        full('ERROR', 'search_api::routes', `search failed error=${DB}`, 'tent'),
        full('ERROR', 'search_api::routes', `search failed error=${DB}`),
        pretty('ERROR', 'search_api::routes', `search failed, error: ${DB}`, 'src/routes.rs:57', 'stove'),
      ],
      [
        full('ERROR', 'tower_http::trace::on_failure', 'response failed classification=Status code: 500 Internal Server Error latency=12034 ms', 'tent'),
        full('ERROR', 'tower_http::trace::on_failure', 'response failed classification=Status code: 500 Internal Server Error latency=0 ms'),
        pretty('ERROR', 'tower_http::trace::on_failure', 'response failed, classification: Status code: 500 Internal Server Error, latency: 8120 ms', ON_FAILURE, 'headlamp'),
      ],
      [
        full('WARN', 'search_api::embed', 'embedding service throttled, backing off retry_after_ms=800 attempt=2', 'tent'),
        pretty('WARN', 'search_api::embed', 'embedding service throttled, backing off, retry_after_ms: 1200, attempt: 3', 'src/embed.rs:41', 'stove'),
      ],
    ]);
    expect(handler).toHaveLength(1);
    expect(failure).toHaveLength(1);
    expect(throttled).toHaveLength(1);
    expect(new Set([...handler!, ...failure!, ...throttled!]).size).toBe(3);
  });
});
