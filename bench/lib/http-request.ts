// Cloud Run request-log fields (`httpRequest`), shaped as Cloud Logging writes them for a service.
import type { EmitContext, Emission, HttpRequestPayload } from './family-spec.js';

const BROWSERS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0',
];
const CLIENTS = ['python-httpx/0.27.2', 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', 'curl/8.7.1',
  'Go-http-client/2.0', 'okhttp/4.12.0'];

export function userAgent(ctx: EmitContext): string {
  return ctx.rng.chance(0.7) ? ctx.rng.pick(BROWSERS) : ctx.rng.pick(CLIENTS);
}

/** Cloud Run latency: a protobuf Duration in JSON, seconds with nine decimals, e.g. `0.123456789s`. */
export function latency(ctx: EmitContext, loSeconds: number, hiSeconds: number): string {
  return `${ctx.rng.fixed(loSeconds, hiSeconds, 9)}s`;
}

/** The severity Cloud Run gives a request log for its status. */
export function requestSeverity(status: number): string {
  if (status >= 500) return 'ERROR';
  if (status >= 400) return 'WARNING';
  return 'INFO';
}

export interface RequestShape {
  method: string;
  /** Path and query, e.g. `/api/threads/<id>?limit=20`. */
  pathAndQuery: string;
  status: number;
  latency: [number, number];
  responseSize?: number;
  userAgent?: string;
}

export function httpRequest(ctx: EmitContext, shape: RequestShape): HttpRequestPayload {
  const { rng } = ctx;
  const req: HttpRequestPayload = {
    requestMethod: shape.method,
    requestUrl: `https://${ctx.service.host}${shape.pathAndQuery}`,
    status: shape.status,
    responseSize: String(shape.responseSize ?? rng.int(120, 48_000)),
    userAgent: shape.userAgent ?? userAgent(ctx),
    remoteIp: rng.chance(0.85) ? rng.publicIpv4() : rng.ipv6(),
    latency: latency(ctx, shape.latency[0], shape.latency[1]),
    protocol: rng.chance(0.8) ? 'HTTP/1.1' : 'HTTP/2',
  };
  if (shape.method === 'POST' || shape.method === 'PUT' || shape.method === 'PATCH') {
    req.requestSize = String(rng.int(180, 9_000));
  }
  if (rng.chance(0.6)) req.serverIp = rng.pick(['216.239.32.53', '216.239.34.53', '216.239.36.53', '216.239.38.53']);
  if (rng.chance(0.3)) req.referer = 'https://app.staging.netrasystems.ai/';
  return req;
}

/** A request log with no payload but `httpRequest`, on the requests stream, as Cloud Run writes it. */
export function requestLog(ctx: EmitContext, shape: RequestShape): Emission {
  return { stream: 'requests', severity: requestSeverity(shape.status), httpRequest: httpRequest(ctx, shape), traced: true };
}
