// The ingress container: HAProxy 3.0 in front of the app container on 127.0.0.1:3000, health-checking
// it. Its own notices, warnings and alerts go to stderr (`[LEVEL]    (pid) : message`), the HTTP log to
// stdout with `log stdout format raw`: `option httplog` on the morning revision, `option httplog clf`
// after. The HTTP log writes no level; its status and termination state say how the request ended.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { clfTime, haproxyAccept } from './clock.js';
import { fam } from './shared.js';

const HA = 'front-haproxy';
const WORKER = 8;

const said = (level: 'NOTICE' | 'WARNING' | 'ALERT', pid: number, msg: string): Write => ({ stream: 'stderr', text: `${`[${level}]`.padEnd(10)} (${pid}) : ${msg}` });

interface HttpLine { path: string; method: string; server: string; status: number; bytes: number; timers: [number, number, number, number, number]; state: string }

function httpLog(rng: Prng, rev: 0 | 1, t: number, l: HttpLine): Write {
  const ip = `169.254.${rng.int(1, 8)}.${rng.int(1, 254)}`;
  const port = rng.int(30000, 65000);
  const conns = `${rng.int(1, 40)}/${rng.int(1, 40)}/${rng.int(0, 10)}/${rng.int(0, 10)}/0`;
  if (rev === 0) {
    return { stream: 'stdout', text: `${ip}:${port} [${haproxyAccept(t)}] fe_http be_app/${l.server} ${l.timers.join('/')} ${l.status} ${l.bytes} - - ${l.state} ${conns} 0/0 "${l.method} ${l.path} HTTP/1.1"` };
  }
  return { stream: 'stdout', text: `${ip} - - ${clfTime(t)} "${l.method} ${l.path} HTTP/1.1" ${l.status} ${l.bytes} "" "" ${port} ${rng.int(100, 999)} "fe_http" "be_app" "${l.server}" ${l.timers.join(' ')} ${l.state} ${conns.split('/').join(' ')} 0 0 "" ""` };
}

// The app stops answering: the check marks the only server DOWN, then the backend has none.
const haDown = fam(`${HA}:server-down`, 'WARNING', [6, 14], () => [
  said('WARNING', WORKER, 'Server be_app/app1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.'),
  { ...said('ALERT', WORKER, "backend 'be_app' has no server available!"), as: { family: `${HA}:backend-no-server`, level: 'CRITICAL' } },
]);

const haNoServer = fam(`${HA}:http-503-no-server`, 'ERROR', [40, 90], ({ rng, t, rev }) => [
  httpLog(rng, rev, t, { method: 'GET', path: rng.pick(['/', '/api/orders', `/api/orders/${rng.int(100, 9999)}`]), server: '<NOSRV>', status: 503, bytes: 217, timers: [0, -1, -1, -1, 0], state: 'SC--' }),
], 0.3);

const haTimeout = fam(`${HA}:http-504-reports-timeout`, 'ERROR', [25, 55], ({ rng, t, rev }) => [
  httpLog(rng, rev, t, { method: 'GET', path: `/api/reports/${rng.pick(['monthly', 'quarterly'])}?year=${rng.int(2023, 2026)}`, server: 'app1', status: 504, bytes: 198, timers: [0, 0, 0, -1, 30001], state: 'sH--' }),
]);

const haCheck = fam(`${HA}:health-check-layer7`, 'WARNING', [120, 240], ({ rng }) => [
  said('WARNING', WORKER, `Health check for server be_app/app1 failed, reason: Layer7 wrong status, code: 500, info: "Internal Server Error", check duration: ${rng.int(1, 40)}ms, status: ${rng.int(1, 2)}/3 UP.`),
]);

const haUp = fam(`noise:${HA}:server-up`, 'INFO', [6, 14], () => [
  said('WARNING', WORKER, 'Server be_app/app1 is UP, reason: Layer4 check passed, check duration: 0ms. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.'),
]);

const haOk = fam(`noise:${HA}:http-ok`, 'INFO', [600, 900], ({ rng, t, rev }) => [
  httpLog(rng, rev, t, { method: rng.pick(['GET', 'GET', 'POST']), path: rng.pick(['/', '/api/orders', `/api/orders/${rng.int(100, 9999)}`, '/static/app.js']), server: 'app1', status: rng.pick([200, 200, 200, 304]), bytes: rng.int(200, 40000), timers: [rng.int(0, 3), 0, 0, rng.int(2, 400), rng.int(3, 420)], state: '----' }),
]);

const haStartup = fam(`noise:${HA}:startup`, 'INFO', [6, 16], ({ rev }) => [
  said('NOTICE', 1, `haproxy version is ${rev === 0 ? '2.9.12-5e4e4d6' : '3.0.7-ce35390'}`),
  said('NOTICE', 1, 'path to executable is /usr/local/sbin/haproxy'),
  said('NOTICE', 1, `New worker (${WORKER}) forked`),
  said('NOTICE', 1, 'Loading success.'),
]);

export const frontHaproxy: ServiceDef = {
  name: HA, stack: 'HAProxy 2.9 then 3.0 as the ingress container, health-checking a Node app container on 127.0.0.1:3000', splitRate: 0.7,
  families: [haDown, haNoServer, haTimeout, haCheck, haUp, haOk, haStartup],
};
