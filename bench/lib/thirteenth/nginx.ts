// An edge proxy on OpenResty: nginx's error log on stderr (Lua errors with their `stack traceback:`
// lines, upstream failures, buffering warnings), the access log on stdout in the `main` format on the
// morning revision and as JSON (`log_format ... escape=json`) after.
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { isoOffset, nginxTime, timeLocal } from './clock.js';

const ROUTES = ['/api/orders', '/api/orders/RECENT', '/api/profile', '/api/catalog/search'];
const route = (rng: Prng): string => rng.pick(ROUTES).replace('RECENT', String(rng.int(1000, 99999)));

/** nginx's error log line: `time [level] pid#tid: *conn message, client: ..., request: ...`. */
const errLine = (rng: Prng, t: number, level: string, msg: string, path: string, host: string, upstream?: string): string =>
  `${nginxTime(t)} [${level}] 7#7: *${rng.int(100, 99999)} ${msg}, client: 169.254.1.1, server: _, request: "GET ${path} HTTP/1.1", ${upstream ? `upstream: "${upstream}", ` : ''}host: "${host}"`;

function access(rng: Prng, t: number, rev: 0 | 1, path: string, status: number): Write {
  const bytes = status >= 500 ? 157 : rng.int(200, 9000);
  const ua = rng.pick(['okhttp/4.12.0', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)', 'tern-ios/3.2.1']);
  if (rev === 0) return { stream: 'stdout', text: `169.254.1.1 - - [${timeLocal(t)}] "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "${ua}"` };
  return { stream: 'stdout', json: { time: isoOffset(t), remote_addr: '169.254.1.1', request: `GET ${path} HTTP/1.1`, status, body_bytes_sent: bytes, request_time: rng.fixed(0, 2, 3), upstream_status: String(status), http_user_agent: ua } };
}
const noiseAccess = (w: Write): Write => ({ ...w, as: { family: 'noise:edge-openresty:access', level: 'INFO' } });

export const edgeOpenresty: ServiceDef = {
  name: 'edge-openresty', stack: 'OpenResty 1.25 (nginx + LuaJIT), lua-resty-jwt, lua-resty-redis', splitRate: 0.7,
  families: [
    {
      // A Lua runtime error: the message, then the traceback lines (no header, no error named), and the
      // request's context at the end of the last line.
      name: 'edge-openresty:auth-nil-claims', level: 'ERROR', perDay: [15, 40], burst: 0.3,
      emit: ({ rng, t, rev, host }) => {
        const path = route(rng);
        const tail = `, client: 169.254.1.1, server: _, request: "GET ${path} HTTP/1.1", host: "${host}"`;
        return [
          { stream: 'stderr', text: [
            `${nginxTime(t)} [error] 7#7: *${rng.int(100, 99999)} lua entry thread aborted: runtime error: /usr/local/openresty/nginx/lua/auth.lua:42: attempt to index local 'claims' (a nil value)`,
            'stack traceback:',
            'coroutine 0:',
            "\t/usr/local/openresty/nginx/lua/auth.lua: in function 'verify'",
            `\taccess_by_lua(nginx.conf:61):3: in function <access_by_lua(nginx.conf:61):1>${tail}`,
          ].join('\n') },
          noiseAccess(access(rng, t, rev, path, 500)),
        ];
      },
    },
    {
      name: 'edge-openresty:upstream-connect-refused', level: 'ERROR', perDay: [20, 50], burst: 0.4,
      emit: ({ rng, t, rev, host }) => {
        const path = route(rng);
        return [
          { stream: 'stderr', text: errLine(rng, t, 'error', 'connect() failed (111: Connection refused) while connecting to upstream', path, host, `http://10.8.0.${rng.int(2, 40)}:8080${path}`) },
          noiseAccess(access(rng, t, rev, path, 502)),
        ];
      },
    },
    {
      // ngx.log from Lua: `[lua] file:line: function(): message`.
      name: 'edge-openresty:rate-limit-redis-refused', level: 'ERROR', perDay: [10, 30],
      emit: ({ rng, t, host }) => [{ stream: 'stderr', text: errLine(rng, t, 'error', '[lua] ratelimit.lua:31: incoming(): failed to connect to redis: connection refused', route(rng), host) }],
    },
    {
      name: 'edge-openresty:upstream-buffered-to-file', level: 'WARNING', perDay: [100, 250],
      emit: ({ rng, t, host }) => {
        const path = route(rng);
        return [{ stream: 'stderr', text: errLine(rng, t, 'warn', `an upstream response is buffered to a temporary file /usr/local/openresty/nginx/proxy_temp/${rng.int(1, 9)}/${rng.int(10, 99)}/00000${rng.int(10000, 99999)} while reading upstream`, path, host, `http://10.8.0.${rng.int(2, 40)}:8080${path}`) }];
      },
    },
    {
      name: 'noise:edge-openresty:access', level: 'INFO', perDay: [300, 500],
      emit: ({ rng, t, rev }) => [access(rng, t, rev, route(rng), rng.pick([200, 200, 200, 304, 404]))],
    },
    {
      // ngx.log(ngx.INFO, ...) with error_log at info.
      name: 'noise:edge-openresty:lua-info', level: 'INFO', perDay: [40, 100],
      emit: ({ rng, t, host }) => [{ stream: 'stderr', text: errLine(rng, t, 'info', `[lua] jwks.lua:77: refresh(): jwks refreshed keys=${rng.int(2, 5)} errors=0`, '/api/profile', host) }],
    },
  ] satisfies Family[],
};
