// The day's Python services: a Flask site under uWSGI (its request log, harakiri and all), and a
// FastAPI API under uvicorn that gains OpenTelemetry's log correlation at the rollout.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { clfTime, cTime, epochSeconds, pyTime } from './clock.js';
import { as, digits, fam, interleave, peer, pyTraceback, req, requestLog, traceHex, type PyFrame, type Req } from './shared.js';

const SP = '/usr/local/lib/python3.12/site-packages';
const CAUSE = '\n\nThe above exception was the direct cause of the following exception:\n\n';
const DURING = '\n\nDuring handling of the above exception, another exception occurred:\n\n';

// ---------------------------------------------------------------------------------------------------
// forms-flask: Python 3.12, Flask 3.1 under uWSGI 2.0.28 (`--http-socket :8080 --master --processes 4
// --threads 2 --harakiri 30`), Flask-SQLAlchemy 3.1 on psycopg2, redis-py 5 for sessions, requests 2.32
// for webhooks. Flask's default handler on wsgi.errors (uWSGI's stderr): `[YYYY-MM-DD HH:MM:SS,mmm]
// LEVEL in module: message`, the traceback in the same write. uWSGI writes its request log line when the
// response has gone out (`[pid: N|app: 0|req: N/N] addr () {N vars in N bytes} [ctime] METHOD uri =>
// generated N bytes in N msecs (HTTP/1.1 500) …`, the start time in brackets, the latency in msecs);
// from the rollout `--logformat` writes it as one JSON object instead (no severity). The master's
// harakiri lines are each a write, prefixed with their ctime.
const FF = 'forms-flask';

const flaskLog = (t: number, level: 'ERROR' | 'WARNING', module: string, message: string, tb?: string): string => `[${pyTime(t)}] ${level} in ${module}: ${message}${tb ? `\n${tb}` : ''}`;

const FLASK_FRAMES: PyFrame[] = [
  [`${SP}/flask/app.py`, 1511, 'wsgi_app', 'response = self.full_dispatch_request()'],
  [`${SP}/flask/app.py`, 919, 'full_dispatch_request', 'rv = self.handle_user_exception(e)'],
  [`${SP}/flask/app.py`, 917, 'full_dispatch_request', 'rv = self.dispatch_request()'],
  [`${SP}/flask/app.py`, 902, 'dispatch_request', 'return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)  # type: ignore[no-any-return]'],
];

/** uWSGI's request log line (text in the morning, the JSON `--logformat` after), written when the response went out. */
function uwsgiAccess(rng: Prng, t: number, rev: 0 | 1, r: Req, delayUs: number): Write {
  const pid = rng.int(8, 40);
  const msecs = Math.round(r.latencyUs / 1000);
  const size = r.status >= 500 ? 265 : rng.int(800, 40000);
  const addr = peer(rng);
  if (rev === 1) return { stream: 'stderr', delayUs, json: { ltime: clfTime(t), addr, pid, wid: rng.int(1, 4), method: r.method, uri: r.path, proto: 'HTTP/1.1', status: r.status, msecs, size, uagent: rng.pick(['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'python-requests/2.32.3']) } };
  const req1 = rng.int(1, 400);
  return { stream: 'stderr', delayUs, text: `[pid: ${pid}|app: 0|req: ${req1}/${req1 + rng.int(0, 1200)}] ${addr} () {${rng.int(40, 60)} vars in ${rng.int(700, 1400)} bytes} [${cTime(t)}] ${r.method} ${r.path} => generated ${size} bytes in ${msecs} msecs (HTTP/1.1 ${r.status}) ${rng.int(2, 5)} headers in ${rng.int(80, 200)} bytes (1 switches on core ${rng.int(0, 1)})` };
}

/** An unhandled exception: Flask's `Exception on PATH [METHOD]` record, uWSGI's 500 line, Cloud Run's request log. */
function flaskFailure(rng: Prng, t: number, rev: 0 | 1, host: string, r: Req, site: PyFrame[], last: string): Write[] {
  const path = r.path.split('?')[0] ?? r.path;
  return [
    { stream: 'stderr', delayUs: r.latencyUs - rng.int(1000, 4000), text: flaskLog(t + r.latencyUs, 'ERROR', 'app', `Exception on ${path} [${r.method}]`, pyTraceback([...FLASK_FRAMES, ...site], last).replace(/^Traceback/, 'Traceback')) },
    uwsgiAccess(rng, t, rev, r, rng.int(1000, 4000)),
    requestLog(rng, host, FF, r, rng.int(300, 3000)),
  ];
}

const QUEUEPOOL = 'sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)';
const QUEUEPOOL_FRAMES: PyFrame[] = [
  ['/srv/forms/views.py', 88, 'submit', 'form = db.get_or_404(Form, form_id)'],
  [`${SP}/sqlalchemy/orm/session.py`, 2248, '_connection_for_bind', 'conn = self._connection_for_bind(engine, execution_options)'],
  [`${SP}/sqlalchemy/pool/base.py`, 448, 'connect', 'return _ConnectionFairy._checkout(self)'],
  [`${SP}/sqlalchemy/pool/impl.py`, 164, '_do_get', 'raise exc.TimeoutError('],
];
const submitPool = (rng: Prng, t: number, rev: 0 | 1, host: string): Write[] =>
  flaskFailure(rng, t, rev, host, req(rng, 'POST', `/forms/${rng.int(100, 9999)}/submit`, 500, rng.int(30_000_000, 30_200_000)), QUEUEPOOL_FRAMES, QUEUEPOOL);

function redisRefused(rng: Prng): string {
  const a = pyTraceback([
    [`${SP}/redis/connection.py`, 357, 'connect', 'sock = self.retry.call_with_retry('],
    [`${SP}/redis/retry.py`, 62, 'call_with_retry', 'return do()'],
    [`${SP}/redis/connection.py`, 730, '_connect', 'raise err'],
    [`${SP}/redis/connection.py`, 718, '_connect', 'sock.connect(socket_address)'],
  ], 'ConnectionRefusedError: [Errno 111] Connection refused');
  return `${a}${DURING}${pyTraceback([...FLASK_FRAMES, ['/srv/forms/auth.py', 41, 'login', 'session_store.set(sid, payload, ex=3600)'], [`${SP}/redis/connection.py`, 363, 'connect', 'raise ConnectionError(self._error_message(e))']], `redis.exceptions.ConnectionError: Error 111 connecting to 10.${rng.int(8, 9)}.0.3:6379. Connection refused.`)}`;
}
const loginRedis = (rng: Prng, t: number, rev: 0 | 1, host: string): Write[] => {
  const r = req(rng, 'POST', '/login', 500, rng.int(3_000, 40_000));
  return [
    { stream: 'stderr', delayUs: r.latencyUs - 1500, text: flaskLog(t + r.latencyUs, 'ERROR', 'app', 'Exception on /login [POST]', redisRefused(rng)) },
    uwsgiAccess(rng, t, rev, r, rng.int(800, 3000)),
    requestLog(rng, host, FF, r, rng.int(300, 3000)),
  ];
};

const READ_TIMEOUT = (host: string): string => `requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='${host}', port=443): Read timed out. (read timeout=10)`;
const REQUESTS_FRAMES: PyFrame[] = [
  [`${SP}/requests/api.py`, 115, 'post', 'return request("post", url, data=data, json=json, **kwargs)'],
  [`${SP}/requests/sessions.py`, 703, 'send', 'r = adapter.send(request, **kwargs)'],
  [`${SP}/requests/adapters.py`, 713, 'send', 'raise ReadTimeout(e, request=request)'],
];

function harakiri(rng: Prng, t: number): Write[] {
  const worker = rng.int(1, 4);
  const pid = rng.int(8, 40);
  const at = t + 30_000_000 + rng.int(0, 900_000);
  const line = (text: string, delayUs?: number): Write => ({ stream: 'stderr', text: `${cTime(at)} - ${text}`, ...(delayUs === undefined ? {} : { delayUs }) });
  return [
    line(`*** HARAKIRI ON WORKER ${worker} (pid: ${pid}, try: 1) ***`, at - t),
    line(`HARAKIRI !!! worker ${worker} status !!!`),
    line(`HARAKIRI [core ${rng.int(0, 1)}] ${peer(rng)} - GET /forms/${rng.int(100, 9999)}/export.csv since ${epochSeconds(t)}`),
    line(`HARAKIRI !!! end of worker ${worker} status !!!`),
    line(`DAMN ! worker ${worker} (pid: ${pid}) died, killed by signal 9 :( trying respawn ...`, rng.int(200_000, 900_000)),
    line(`Respawned uWSGI worker ${worker} (new pid: ${pid + rng.int(1, 30)})`),
  ];
}

export const formsFlask: ServiceDef = {
  name: FF, stack: 'Python 3.12, Flask 3.1 on uWSGI 2.0.28, Flask-SQLAlchemy 3.1 / psycopg2, redis-py 5, requests', splitRate: 0.6,
  families: [
    fam(`${FF}:submit-queuepool-timeout`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => submitPool(rng, t, rev, host), 0.3),
    fam(`${FF}:login-redis-refused`, 'ERROR', [25, 60], ({ rng, t, rev, host }) => loginRedis(rng, t, rev, host), 0.3),
    // Both at once on one instance: the pool is exhausted while Redis is down; their records interleave.
    fam(`${FF}:submit-queuepool-timeout`, 'ERROR', [10, 25], ({ rng, t, rev, host }) => {
      const b = loginRedis(rng, t, rev, host).map((w) => (w.as ? w : as(w, `${FF}:login-redis-refused`, 'ERROR')));
      return interleave(submitPool(rng, t, rev, host), b, rng.int(1_000_000, 28_000_000));
    }),
    fam(`${FF}:export-harakiri`, 'ERROR', [6, 16], ({ rng, t }) => harakiri(rng, t)),
    // The webhook to a form's owner, sent after the submission was saved: logged and swallowed.
    fam(`${FF}:webhook-read-timeout`, 'ERROR', [30, 80], ({ rng, t }) => [{ stream: 'stderr', delayUs: rng.int(10_000_000, 10_100_000), text: flaskLog(t + 10_000_000, 'ERROR', 'webhooks', `webhook delivery failed for form ${rng.int(100, 9999)} (attempt ${rng.int(1, 3)} of 3)`, pyTraceback([['/srv/forms/webhooks.py', 57, 'deliver', 'resp = requests.post(hook.url, json=payload, timeout=10)'], ...REQUESTS_FRAMES], READ_TIMEOUT(rng.pick(['hooks.zapier.com', 'hook.eu1.make.com'])))) }]),
    // The same ReadTimeout from the owner's "send a test" button: unhandled, a 500.
    fam(`${FF}:test-webhook-read-timeout`, 'ERROR', [10, 30], ({ rng, t, rev, host }) =>
      flaskFailure(rng, t, rev, host, req(rng, 'POST', `/forms/${rng.int(100, 9999)}/webhook/test`, 500, rng.int(10_010_000, 10_300_000)), [['/srv/forms/views.py', 131, 'test_webhook', 'webhooks.deliver(form.hook, sample_payload(form))'], ['/srv/forms/webhooks.py', 57, 'deliver', 'resp = requests.post(hook.url, json=payload, timeout=10)'], ...REQUESTS_FRAMES], READ_TIMEOUT(rng.pick(['hooks.zapier.com', 'hook.eu1.make.com'])))),
    fam(`${FF}:captcha-rejected`, 'WARNING', [150, 320], ({ rng, t }) => [{ stream: 'stderr', text: flaskLog(t, 'WARNING', 'validators', `submission to form ${rng.int(100, 9999)} rejected: captcha score 0.${rng.int(0, 4)} below 0.5`) }]),
    fam(`noise:${FF}:requests-200`, 'INFO', [150, 300], ({ rng, t, rev }) => [uwsgiAccess(rng, t, rev, { trace: '', latencyUs: rng.int(5_000, 300_000), method: 'GET', path: rng.pick([`/api/forms/${rng.int(100, 9999)}/errors`, `/forms/${rng.int(100, 9999)}`, '/healthz']), status: 200 }, 0)]),
  ],
};

// ---------------------------------------------------------------------------------------------------
// quotes-otel: Python 3.12, FastAPI 0.115 under uvicorn 0.34, SQLAlchemy 2.0 async on asyncpg 0.30,
// httpx 0.28 to an FX partner. uvicorn's own loggers keep uvicorn's formatters (`INFO:     addr -
// "METHOD path HTTP/1.1" 500 Internal Server Error`, `ERROR:    Exception in ASGI application` and the
// traceback). The app's loggers go through the root handler: the morning revision's
// `logging.basicConfig(level=logging.INFO)` (`LEVEL:name:message`); from the rollout the service runs
// under `opentelemetry-instrument` with `OTEL_PYTHON_LOG_CORRELATION=true`, whose logging
// instrumentation sets the root format to OpenTelemetry's default (`asctime levelname [name]
// [file:line] [trace_id=… span_id=… resource.service.name=… trace_sampled=…] - message`, trace id 0 off
// a request), and its OTLP exporter warns when no collector answers.
const QO = 'quotes-otel';

function appLog(t: number, rev: 0 | 1, level: 'INFO' | 'WARNING' | 'ERROR', name: string, where: string, message: string, trace: string | undefined, tb?: string): Write {
  const head = rev === 0 ? `${level}:${name}:${message}` : `${pyTime(t)} ${level} [${name}] [${where}] [trace_id=${trace ? traceHex(trace) : '0'} span_id=${trace ? trace.slice(-16) : '0'} resource.service.name=${QO} trace_sampled=${trace ? 'True' : 'False'}] - ${message}`;
  return { stream: 'stderr', text: tb ? `${head}\n${tb}` : head };
}

const ASGI_FRAMES: PyFrame[] = [
  [`${SP}/uvicorn/protocols/http/httptools_impl.py`, 409, 'run_asgi', 'result = await app(  # type: ignore[func-returns-value]'],
  [`${SP}/starlette/middleware/errors.py`, 187, '__call__', 'raise exc'],
  [`${SP}/starlette/routing.py`, 73, 'app', 'response = await f(request)'],
  [`${SP}/fastapi/routing.py`, 212, 'run_endpoint_function', 'return await dependant.call(**values)'],
];

/** uvicorn's 500 access line when the error response goes out, then `Exception in ASGI application`, then Cloud Run's request log. */
function asgiFailure(rng: Prng, host: string, r: Req, tb: string): Write[] {
  return [
    { stream: 'stdout', delayUs: r.latencyUs, text: `INFO:     ${peer(rng)}:${rng.int(30000, 60000)} - "${r.method} ${r.path} HTTP/1.1" 500 Internal Server Error` },
    { stream: 'stderr', text: `ERROR:    Exception in ASGI application\n${tb}` },
    requestLog(rng, host, QO, r, rng.int(300, 3000)),
  ];
}

function connectTimeout(site: PyFrame[]): string {
  const inner = pyTraceback([
    [`${SP}/httpx/_transports/default.py`, 101, 'map_httpcore_exceptions', 'yield'],
    [`${SP}/httpx/_transports/default.py`, 394, 'handle_async_request', 'resp = await self._pool.handle_async_request(req)'],
    [`${SP}/httpcore/_async/connection.py`, 124, '_connect', 'stream = await self._network_backend.connect_tcp(**kwargs)'],
    [`${SP}/httpcore/_backends/anyio.py`, 113, 'connect_tcp', 'with map_exceptions(exc_map):'],
    ['/usr/local/lib/python3.12/contextlib.py', 158, '__exit__', 'self.gen.throw(value)'],
    [`${SP}/httpcore/_exceptions.py`, 14, 'map_exceptions', 'raise to_exc(exc) from exc'],
  ], 'httpcore.ConnectTimeout');
  return `${inner}${CAUSE}${pyTraceback([...site, [`${SP}/httpx/_client.py`, 1730, '_send_single_request', 'response = await transport.handle_async_request(request)'], [`${SP}/httpx/_transports/default.py`, 393, 'handle_async_request', 'with map_httpcore_exceptions():'], ['/usr/local/lib/python3.12/contextlib.py', 158, '__exit__', 'self.gen.throw(value)'], [`${SP}/httpx/_transports/default.py`, 118, 'map_httpcore_exceptions', 'raise mapped_exc(message) from exc']], 'httpx.ConnectTimeout')}`;
}

function statementTimeout(): string {
  const a = pyTraceback([
    [`${SP}/sqlalchemy/dialects/postgresql/asyncpg.py`, 521, '_prepare_and_execute', 'self._rows = deque(await prepared_stmt.fetch(*parameters))'],
    [`${SP}/asyncpg/prepared_stmt.py`, 176, 'fetch', 'data = await self.__bind_execute(args, 0, timeout)'],
  ], 'asyncpg.exceptions.QueryCanceledError: canceling statement due to statement timeout');
  const b = pyTraceback([
    [`${SP}/sqlalchemy/engine/base.py`, 1967, '_exec_single_context', 'self.dialect.do_execute('],
    [`${SP}/sqlalchemy/dialects/postgresql/asyncpg.py`, 559, '_handle_exception', 'raise translated_error from error'],
  ], "sqlalchemy.dialects.postgresql.asyncpg.AsyncAdapt_asyncpg_dbapi.Error: <class 'asyncpg.exceptions.QueryCanceledError'>: canceling statement due to statement timeout");
  const c = pyTraceback([...ASGI_FRAMES, ['/app/app/routes/history.py', 44, 'quote_history', 'rows = (await session.execute(stmt)).all()'], [`${SP}/sqlalchemy/engine/base.py`, 2355, '_handle_dbapi_exception', 'raise sqlalchemy_exception.with_traceback(exc_info[2]) from e']],
    "sqlalchemy.exc.DBAPIError: (sqlalchemy.dialects.postgresql.asyncpg.Error) <class 'asyncpg.exceptions.QueryCanceledError'>: canceling statement due to statement timeout\n[SQL: SELECT quote_events.id, quote_events.quote_id, quote_events.kind, quote_events.payload, quote_events.created_at \nFROM quote_events \nWHERE quote_events.quote_id = $1::UUID ORDER BY quote_events.created_at]\n(Background on this error at: https://sqlalche.me/e/20/dbapi)");
  return `${a}${CAUSE}${b}${CAUSE}${c}`;
}

export const quotesOtel: ServiceDef = {
  name: QO, stack: 'Python 3.12, FastAPI 0.115 on uvicorn 0.34, opentelemetry-instrument from the rollout, httpx 0.28, SQLAlchemy 2 / asyncpg', splitRate: 0.6,
  families: [
    fam(`${QO}:quote-fx-connect-timeout`, 'ERROR', [40, 100], ({ rng, host }) => {
      const r = req(rng, 'POST', '/v1/quotes', 500, rng.int(5_010_000, 5_200_000));
      return asgiFailure(rng, host, r, connectTimeout([...ASGI_FRAMES, ['/app/app/routes/quotes.py', 37, 'create_quote', 'rate = await fx.rate(body.sell, body.buy)'], ['/app/app/fx.py', 22, 'rate', 'resp = await self.client.get(f"/v2/rates/{sell}{buy}")']]));
    }, 0.3),
    // The same httpx timeout from the rates refresher (an asyncio task every minute): logged by the app.
    fam(`${QO}:rates-refresh-connect-timeout`, 'ERROR', [20, 60], ({ rng, t, rev }) => [appLog(t, rev, 'ERROR', 'app.refresher', 'refresher.py:31', `FX rates refresh failed (${rng.int(1, 40)} pairs kept from the previous run)`, undefined, connectTimeout([['/app/app/refresher.py', 28, 'refresh_rates', 'table = await fx.all_rates()'], ['/app/app/fx.py', 30, 'all_rates', 'resp = await self.client.get("/v2/rates")']]))]),
    fam(`${QO}:history-statement-timeout`, 'ERROR', [20, 50], ({ rng, host }) => {
      const r = req(rng, 'GET', `/v1/quotes/${rng.uuid()}/history`, 500, rng.int(15_000_000, 15_200_000));
      return asgiFailure(rng, host, r, statementTimeout());
    }),
    fam(`${QO}:quote-validity-clamped`, 'WARNING', [150, 300], ({ rng, t, rev }) => [appLog(t, rev, 'WARNING', 'app.pricing', 'pricing.py:112', `quote Q-${digits(rng, 7)} expires after the settlement date; validity clamped to 24h`, rev === 1 ? `projects/p/traces/${rng.hex(32)}` : undefined)]),
    // Only once the exporter exists (the rollout): every retry while the collector sidecar is not up.
    fam(`${QO}:otlp-export-unavailable`, 'WARNING', [60, 140], ({ rng, t, rev }) => (rev === 0 ? [] : [appLog(t, 1, 'WARNING', 'opentelemetry.exporter.otlp.proto.grpc.exporter', 'exporter.py:293', `Transient error StatusCode.UNAVAILABLE encountered while exporting ${rng.pick(['traces', 'metrics', 'logs'])} to localhost:4317, retrying in ${rng.pick([1, 2, 4, 8, 16])}s.`, undefined)])),
    fam(`noise:${QO}:priced`, 'INFO', [150, 300], ({ rng, t, rev }) => [appLog(t, rev, 'INFO', 'app.pricing', 'pricing.py:80', `priced ${rng.int(1, 12)} legs for quote Q-${digits(rng, 7)}: 0 errors, spread ${rng.int(5, 60)}bp`, rev === 1 ? `projects/p/traces/${rng.hex(32)}` : undefined)]),
    fam(`noise:${QO}:access-200`, 'INFO', [150, 300], ({ rng }) => [{ stream: 'stdout', text: `INFO:     ${peer(rng)}:${rng.int(30000, 60000)} - "GET /v1/quotes/${rng.uuid()} HTTP/1.1" 200 OK` }]),
  ],
};
