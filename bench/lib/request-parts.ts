// What a Cloud Run day of requests shares, whatever its project: a request's trace, the clients' user
// agents, Cloud Run's line after a process ends and its request log entry for a request that failed
// (it goes out when the response does and carries the request's trace), and two concurrent requests'
// writes on one instance. The thirty-first and thirty-second days build on it.
import type { Prng } from './prng.js';
import type { Level, Write } from './stranger/model.js';
import { httpRequest } from './cloud-run-day.js';
import { exitLine, traceIn } from './day-parts.js';

/** A day's project-bound parts: `projects/P/traces/T` values and requests carrying one. */
export function requestParts(project: string): { traceOf: (rng: Prng) => string; req: (rng: Prng, method: string, path: string, status: number, latencyUs: number) => Req } {
  /** `projects/P/traces/T`, the value Cloud Run's request log and a structured line carry. */
  const traceOf = (rng: Prng): string => traceIn(project, rng);
  return { traceOf, req: (rng, method, path, status, latencyUs) => ({ trace: traceOf(rng), latencyUs, method, path, status }) };
}

/** The 32 hex digits of a trace value, as an app's own trace field (OpenTelemetry, Next's hook) prints it. */
export const traceHex = (trace: string): string => trace.slice(trace.lastIndexOf('/') + 1);

/** Cloud Run's line when the container's process ended with `code`: a problem of its own. */
export const containerExit = (service: string, code: number): Write => exitLine(service, code, `${service}:container-exit-${code}`);

export const UA = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'okhttp/4.12.0', 'Go-http-client/2.0', 'python-httpx/0.28.1'];

/**
 * A request as one failure sees it: its trace, when it started (`t`, the occurrence's time), how long
 * it lasted (`latencyUs`), and what Cloud Run's request log writes when the response goes out.
 */
export interface Req { trace: string; latencyUs: number; method: string; path: string; status: number }

/** Cloud Run's request log entry for `r`, `delayUs` after the write before it: the platform's record, the service's `http-5xx` (or 4xx) problem. */
export function requestLog(rng: Prng, host: string, service: string, r: Req, delayUs: number): Write {
  const level: Level = r.status >= 500 ? 'ERROR' : r.status >= 400 ? 'WARNING' : 'INFO';
  const family = level === 'INFO' ? `noise:${service}:requests-${r.status}` : `${service}:http-${r.status >= 500 ? '5xx' : r.status}`;
  return { stream: 'requests', severity: level, httpRequest: httpRequest(rng, host, r.method, r.path, r.status, r.latencyUs / 1e6), trace: r.trace, delayUs, as: { family, level } };
}

/** JSON-escapes a text for a JSON line written by hand. */
export const jsonText = (s: string): string => JSON.stringify(s).slice(1, -1);

/**
 * Two requests' writes on one instance, in the order their times put them: `b` starts `offsetUs` after
 * `a`. Each list's `delayUs` are read as the gaps between its own writes (unset: none), and rewritten
 * as the gaps of the merged list.
 */
export function interleave(a: Write[], b: Write[], offsetUs: number): Write[] {
  const timed = (ws: Write[], start: number): Array<[number, number, Write]> => {
    let at = start;
    return ws.map((w, i) => { at += w.delayUs ?? 0; return [at, i, w]; });
  };
  const all = [...timed(a, 0), ...timed(b, offsetUs)].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let prev = 0;
  return all.map(([at, , w]) => {
    const { delayUs: _d, ...rest } = w;
    const gap = at - prev;
    prev = at;
    return gap > 0 ? { ...rest, delayUs: gap } : rest;
  });
}
