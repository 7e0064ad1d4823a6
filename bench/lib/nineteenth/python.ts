// The Python services: Odoo with the Cloud SQL Auth Proxy as a sidecar, a Dagster daemon that runs the
// pipelines in its own container, a python-telegram-bot webhook, and FastAPI under gunicorn with ddtrace.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { asctime, epochSeconds, werkzeugTime, zoned } from './clock.js';
import { CONN, proxyLine } from './sidecar.js';
import { fam, pyChained, pyTraceback, type PyFrame } from './shared.js';

// Odoo 17 (official image, Python 3.10): its own format `%(asctime)s %(pid)s %(levelname)s %(dbname)s
// %(name)s: %(message)s %(perf_info)s` (a trailing space when there is no perf info; the werkzeug
// request line carries `query_count query_time remaining_time`). Threaded (`workers=0`, pid 1) on the
// morning revision, prefork (`workers=3`, a pid per worker, the cron worker its own) after.
const ODOO = 'erp-odoo';
const OD = '/usr/lib/python3/dist-packages';
const ADD = '/mnt/extra-addons';
const odooPid = (rng: Prng, rev: 0 | 1): number => (rev === 0 ? 1 : rng.pick([14, 15, 16]));
const od = (t: number, pid: number, level: string, db: string, logger: string, msg: string, perf = ''): string => `${asctime(t)} ${pid} ${level} ${db} ${logger}: ${msg} ${perf}`;
const httpFrames: PyFrame[] = [
  [`${OD}/odoo/http.py`, 2202, '__call__', 'response = request._serve_db()'],
  [`${OD}/odoo/http.py`, 1776, '_serve_db', 'return service_model.retrying(self._serve_ir_http, self.env)'],
  [`${OD}/odoo/service/model.py`, 133, 'retrying', 'result = func()'],
  [`${OD}/odoo/http.py`, 1803, '_serve_ir_http', 'response = self.dispatcher.dispatch(rule.endpoint, args)'],
  [`${OD}/odoo/http.py`, 2006, 'dispatch', "result = self.request.registry['ir.http']._dispatch(endpoint)"],
  [`${OD}/odoo/addons/base/models/ir_http.py`, 222, '_dispatch', 'result = endpoint(**request.params)'],
  [`${OD}/odoo/http.py`, 757, 'route_wrapper', 'result = endpoint(self, *args, **params_ok)'],
];
const werkzeug = (rng: Prng, t: number, pid: number, method: string, path: string, status: number): string =>
  od(t, pid, 'INFO', 'prod', 'werkzeug', `169.254.1.1 - - [${werkzeugTime(t)}] "${method} ${path} HTTP/1.1" ${status} -`, `${rng.int(3, 180)} ${rng.fixed(0.001, 0.4, 3)} ${rng.fixed(0.005, 1.2, 3)}`);
export const erpOdoo: ServiceDef = {
  name: ODOO, stack: 'Odoo 17.0 (official image, Python 3.10, werkzeug), Cloud SQL for PostgreSQL 15 through the Cloud SQL Auth Proxy 2.14 as a sidecar container', splitRate: 0.7,
  families: [
    fam(`${ODOO}:quant-serialization`, 'ERROR', [25, 60], ({ rng, t, rev }) => {
      const pid = odooPid(rng, rev);
      return [
        { stream: 'stderr', text: od(t, pid, 'ERROR', 'prod', 'odoo.sql_db', `bad query: b'UPDATE "stock_quant" SET "quantity" = "__tmp"."quantity"::numeric, "write_date" = "__tmp"."write_date"::timestamp FROM (VALUES (${rng.int(1000, 99999)}, ${rng.int(0, 400)}.0, \\'${asctime(t).slice(0, 19)}\\'::timestamp)) AS "__tmp"("id", "quantity", "write_date") WHERE "stock_quant"."id" = "__tmp"."id"'\nERROR: could not serialize access due to concurrent update\n`) },
        { stream: 'stderr', text: od(t + 900, pid, 'INFO', 'prod', 'odoo.service.model', `SERIALIZATION_FAILURE, ${rng.int(1, 4)} tries left, try again in ${rng.fixed(0.1, 1.9, 4)} sec...`), as: { family: `noise:${ODOO}:retry`, level: 'INFO' } },
      ];
    }, 0.3),
    fam(`${ODOO}:db-connection-closed`, 'ERROR', [6, 16], ({ rng, t, rev }) => {
      const pid = odooPid(rng, rev);
      const err = 'psycopg2.OperationalError: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.';
      return [
        { stream: 'stderr', text: od(t, pid, 'ERROR', 'prod', 'odoo.sql_db', `bad query: b'SELECT "sale_order"."id" FROM "sale_order" WHERE ("sale_order"."state" IN (\\'sale\\')) ORDER BY "sale_order"."date_order" DESC LIMIT 80'\nERROR: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.\n`) },
        { stream: 'stderr', text: `${od(t + 40, pid, 'ERROR', 'prod', 'odoo.http', 'Exception during request handling.')}\n${pyTraceback([
          ...httpFrames,
          [`${OD}/odoo/addons/web/controllers/dataset.py`, 42, 'call_kw', "return self._call_kw(model, method, args, kwargs)"],
          [`${OD}/odoo/models.py`, 5788, 'search_fetch', 'query = self._search(domain, offset=offset, limit=limit, order=order or self._order)'],
          [`${OD}/odoo/sql_db.py`, 332, 'execute', 'res = self._obj.execute(query, params)'],
        ], err)}` },
      ];
    }, 0.5),
    fam(`${ODOO}:portal-delivery-slot`, 'ERROR', [15, 40], ({ rng, t, rev }) => [{ stream: 'stderr', text: `${od(t, odooPid(rng, rev), 'ERROR', 'prod', 'odoo.http', 'Exception during request handling.')}\n${pyTraceback([
      ...httpFrames,
      [`${ADD}/moss_sale/controllers/portal.py`, 58, 'delivery_slots', "slot = post['x_delivery_slot']"],
    ], "KeyError: 'x_delivery_slot'")}` }]),
    fam(`${ODOO}:cron-carrier-rates`, 'ERROR', [8, 20], ({ rng, t, rev }) => {
      const pid = rev === 0 ? 1 : 19;
      return [{ stream: 'stderr', text: `${od(t, pid, 'ERROR', 'prod', 'odoo.addons.base.models.ir_cron', 'Call from cron Moss: Sync carrier rates for server action #318 failed in Job #27')}\n${pyTraceback([
        [`${OD}/odoo/addons/base/models/ir_cron.py`, 392, '_callback', "self.env['ir.actions.server'].browse(server_action_id).run()"],
        [`${OD}/odoo/addons/base/models/ir_actions.py`, 709, 'run', 'res = runner(run_self, eval_context=eval_context)'],
        [`${OD}/odoo/addons/base/models/ir_actions.py`, 587, '_run_action_code_multi', 'safe_eval(self.code.strip(), eval_context, mode="exec", nocopy=True, filename=str(self))'],
        [`${OD}/odoo/tools/safe_eval.py`, 394, 'safe_eval', 'return unsafe_eval(c, globals_dict, locals_dict)'],
        [`${ADD}/moss_delivery/models/carrier.py`, 141, '_cron_sync_rates', 'resp = requests.get(url, params=params, timeout=30)'],
        [`${OD}/requests/adapters.py`, 532, 'send', 'raise ReadTimeout(e, request=request)'],
      ], `requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='api.parcelhub.example', port=443): Read timed out. (read timeout=30)`)}` }];
    }),
    fam(`${ODOO}:cron-skip-upgrade`, 'WARNING', [20, 60], ({ t, rev }) => [{ stream: 'stderr', text: od(t, rev === 0 ? 1 : 19, 'WARNING', 'prod', 'odoo.addons.base.models.ir_cron', 'Skipping database prod because of modules to install/upgrade/remove.') }]),
    fam(`${ODOO}:proxy-dial-timeout`, 'ERROR', [10, 30], ({ rng, t, rev }) => [proxyLine(t, rev, 'ERROR', `[${CONN}] failed to connect to instance: Dial error: failed to dial (connection name = "${CONN}"): dial tcp 10.61.0.3:3307: connect: connection timed out`)], 0.5),
    fam(`${ODOO}:proxy-refresh-403`, 'ERROR', [3, 9], ({ t, rev }) => [proxyLine(t, rev, 'ERROR', `[${CONN}] failed to connect to instance: failed to get instance: Refresh error: failed to get instance metadata (connection name = "${CONN}"): googleapi: Error 403: The client is not authorized to make this request., notAuthorized`)]),
    fam(`noise:${ODOO}:requests`, 'INFO', [350, 500], ({ rng, t, rev }) => [{ stream: 'stderr', text: werkzeug(rng, t, odooPid(rng, rev), rng.pick(['POST', 'POST', 'GET']), rng.pick(['/web/dataset/call_kw/sale.order/web_search_read', '/web/action/load', '/mail/data', '/shop/cart/update_json', '/web/webclient/version_info']), 200) }]),
    fam(`noise:${ODOO}:proxy-accepted`, 'INFO', [180, 280], ({ rng, t, rev }) => [proxyLine(t, rev, 'INFO', `[${CONN}] Accepted connection from 127.0.0.1:${rng.int(30000, 60000)}`)]),
    fam(`noise:${ODOO}:cron-done`, 'INFO', [80, 120], ({ rng, t, rev }) => [{ stream: 'stderr', text: od(t, rev === 0 ? 1 : 19, 'INFO', 'prod', 'odoo.addons.base.models.ir_cron', `Job 'Mail: Email Queue Manager' (${rng.int(1, 40)}) done in ${rng.fixed(0.01, 4, 3)}s (errors=0)`) }]),
  ],
};

// A Dagster 1.9 deployment in one always-on container: dagster-daemon launches runs in-process
// (DefaultRunLauncher) against a code server on localhost. Run logs go through the default
// colored_console_logger (coloredlogs, no TTY, so no colours): `%(asctime)s - dagster - %(levelname)s -
// job - run_id - pid - step - EVENT - msg`, a step failure carrying Dagster's rendering of the error
// (`Stack Trace:`, `The above exception was caused by the following exception:`). After the rollout the
// jobs use json_console_logger (the LogRecord's __dict__ as JSON, no severity). The daemon's own lines
// keep `%(asctime)s - %(name)s - %(levelname)s - %(message)s` on both revisions.
const DAG = 'jobs-dagster';
const DP = '/usr/local/lib/python3.12/site-packages';
const dagLine = (t: number, logger: string, level: string, msg: string): string => `${zoned(t)} - ${logger} - ${level} - ${msg}`;
function dagRun(rng: Prng, t: number, rev: 0 | 1, job: string, runId: string, step: string | undefined, level: string, event: string | undefined, msg: string): Write {
  const body = `${job} - ${runId} - ${step === undefined ? '' : `${rng.int(200, 900)} - ${step} - `}${event === undefined ? '' : `${event} - `}${msg}`;
  if (rev === 0) return { stream: 'stderr', text: dagLine(t, 'dagster', level, body) };
  const levelno = level === 'ERROR' ? 40 : level === 'WARNING' ? 30 : level === 'INFO' ? 20 : 10;
  return {
    stream: 'stderr', json: {
      name: 'dagster', msg: body, args: [], levelname: level, levelno, pathname: `${DP}/dagster/_core/log_manager.py`, filename: 'log_manager.py', module: 'log_manager',
      exc_info: null, exc_text: null, stack_info: null, lineno: 437, funcName: 'log_dagster_event', created: epochSeconds(t), msecs: Math.floor((t % 1_000_000) / 1000),
      relativeCreated: rng.float(1000, 90000, 3), thread: 140212345678912, threadName: 'MainThread', processName: 'MainProcess', process: rng.int(200, 900), taskName: null,
      dagster_meta: { run_id: runId, job_name: job, job_tags: { 'dagster/schedule_name': `${job}_schedule` }, step_key: step ?? null, op_name: step ?? null, orig_message: msg, log_message_id: rng.uuid(), log_timestamp: epochSeconds(t), dagster_event: event === undefined ? null : { __class__: 'DagsterEvent', event_type_value: event, job_name: job, step_key: step ?? null } },
    },
  };
}
const dagsterError = (msg: string, stack: string, cause: string, causeStack: string): string =>
  `dagster._core.errors.DagsterExecutionStepExecutionError: ${msg}\n\n${cause}\n\nStack Trace:\n${stack}\n\nThe above exception was caused by the following exception:\n${cause}\n\nStack Trace:\n${causeStack}`;
const boundary = `  File "${DP}/dagster/_core/execution/plan/utils.py", line 54, in op_execution_error_boundary\n    yield\n  File "${DP}/dagster/_utils/__init__.py", line 490, in iterate_with_context\n    next_output = next(iterator)\n                  ^^^^^^^^^^^^^^\n  File "${DP}/dagster/_core/execution/plan/compute_generator.py", line 140, in _coerce_op_compute_fn_to_iterator\n    result = invoke_compute_fn(`;
function stepFailure(rng: Prng, t: number, rev: 0 | 1, job: string, step: string, cause: string, causeStack: string): Write[] {
  const runId = rng.uuid();
  const err = dagsterError(`Error occurred while executing op "${step}"::`, boundary, cause, `  File "${DP}/dagster/_core/execution/plan/utils.py", line 54, in op_execution_error_boundary\n    yield\n${causeStack}`);
  return [
    dagRun(rng, t, rev, job, runId, step, 'ERROR', 'STEP_FAILURE', `Execution of step "${step}" failed.\n\n${err}`),
    dagRun(rng, t + 2_000_000, rev, job, runId, undefined, 'ERROR', 'RUN_FAILURE', `Execution of run for "${job}" failed. Steps failed: ['${step}'].`),
  ];
}
export const jobsDagster: ServiceDef = {
  name: DAG, stack: 'Dagster 1.9 (dagster-daemon with the DefaultRunLauncher and a code server in one always-on container), dagster-gcp, google-cloud-bigquery 3.27, google-api-python-client 2.150 (Sheets), Python 3.12', splitRate: 0.75,
  families: [
    fam(`${DAG}:load-orders-bq-403`, 'ERROR', [6, 14], ({ rng, t, rev }) => stepFailure(rng, t, rev, 'nightly_orders', 'load_orders',
      'google.api_core.exceptions.Forbidden: 403 Access Denied: Table moss-harbor-4410:raw.orders: User does not have permission to query table moss-harbor-4410:raw.orders, or perhaps it does not exist.; reason: accessDenied, message: Access Denied: Table moss-harbor-4410:raw.orders: User does not have permission to query table moss-harbor-4410:raw.orders, or perhaps it does not exist.',
      `  File "/opt/dagster/app/moss_pipelines/ops/orders.py", line 37, in load_orders\n    rows = client.query(sql).result()\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${DP}/google/cloud/bigquery/job/query.py", line 1681, in result\n    while not is_job_done():\n              ^^^^^^^^^^^^^\n  File "${DP}/google/api_core/retry/retry_unary.py", line 293, in retry_wrapped_func\n    return retry_target(`)),
    fam(`${DAG}:export-sheets-429`, 'ERROR', [8, 20], ({ rng, t, rev }) => stepFailure(rng, t, rev, 'daily_kpis', 'export_to_sheets',
      `googleapiclient.errors.HttpError: <HttpError 429 when requesting https://sheets.googleapis.com/v4/spreadsheets/1x${rng.base64url(30)}:batchUpdate?alt=json returned "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:${rng.int(100000000000, 999999999999)}'.". Details: "[{'@type': 'type.googleapis.com/google.rpc.ErrorInfo', 'reason': 'RATE_LIMIT_EXCEEDED', 'domain': 'googleapis.com'}]">`,
      `  File "/opt/dagster/app/moss_pipelines/ops/kpis.py", line 88, in export_to_sheets\n    sheets.spreadsheets().batchUpdate(spreadsheetId=sheet_id, body=body).execute()\n  File "${DP}/googleapiclient/_helpers.py", line 130, in positional_wrapper\n    return wrapped(*args, **kwargs)\n           ^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${DP}/googleapiclient/http.py", line 938, in execute\n    raise HttpError(resp, content, uri=self.uri)`), 0.2),
    fam(`${DAG}:sensor-code-server`, 'ERROR', [4, 12], ({ t }) => [{ stream: 'stderr', text: `${dagLine(t, 'dagster.daemon.SensorDaemon', 'ERROR', 'Sensor daemon caught an error for sensor orders_sensor')}\n${pyChained(
      pyTraceback([
        [`${DP}/dagster/_grpc/client.py`, 172, '_query', 'return self._get_response(method, request=request_type(**kwargs), timeout=timeout)'],
        [`${DP}/dagster/_grpc/client.py`, 147, '_get_response', 'return getattr(stub, method)(request, metadata=self._metadata, timeout=timeout)'],
        [`${DP}/grpc/_channel.py`, 1006, '_end_unary_response_blocking', 'raise _InactiveRpcError(state)  # pytype: disable=not-instantiable'],
      ], 'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.UNAVAILABLE\n\tdetails = "failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:4000: Failed to connect to remote host: Connection refused"\n\tdebug_error_string = "UNKNOWN:Error received from peer  {grpc_message:"failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:4000: Failed to connect to remote host: Connection refused", grpc_status:14}"\n>'),
      pyTraceback([
        [`${DP}/dagster/_daemon/sensor.py`, 556, '_process_tick_generator', 'yield from _evaluate_sensor('],
        [`${DP}/dagster/_core/remote_representation/code_location.py`, 856, 'get_sensor_execution_data', 'return sync_get_external_sensor_execution_data_grpc('],
        [`${DP}/dagster/_grpc/client.py`, 175, '_query', 'raise DagsterUserCodeUnreachableError("Could not reach user code server") from e'],
      ], 'dagster._core.errors.DagsterUserCodeUnreachableError: Could not reach user code server. gRPC Error code: UNAVAILABLE'),
    )}` }], 0.2),
    fam(`${DAG}:orders-no-currency`, 'WARNING', [30, 80], ({ rng, t, rev }) => [dagRun(rng, t, rev, 'nightly_orders', rng.uuid(), 'load_orders', 'WARNING', undefined, `skipped ${rng.int(1, 40)} orders with no currency code`)]),
    fam(`noise:${DAG}:steps`, 'INFO', [350, 500], ({ rng, t, rev }) => {
      const step = rng.pick(['load_orders', 'export_to_sheets', 'refresh_kpis']);
      const job = step === 'load_orders' ? 'nightly_orders' : 'daily_kpis';
      return [rng.pick<Write>([
        dagRun(rng, t, rev, job, rng.uuid(), step, 'DEBUG', 'STEP_START', `Started execution of step "${step}".`),
        dagRun(rng, t, rev, job, rng.uuid(), step, 'DEBUG', 'STEP_SUCCESS', `Finished execution of step "${step}" in ${rng.fixed(0.2, 90, 2)}s.`),
        dagRun(rng, t, rev, job, rng.uuid(), step, 'INFO', undefined, `loaded ${rng.int(100, 90000)} rows (errors=0)`),
      ])];
    }),
    fam(`noise:${DAG}:daemon`, 'INFO', [180, 280], ({ rng, t }) => [{ stream: 'stderr', text: rng.pick([
      dagLine(t, 'dagster.daemon.SensorDaemon', 'INFO', 'Checking for new runs for sensor: orders_sensor'),
      dagLine(t, 'dagster.daemon.SensorDaemon', 'INFO', 'No run requests returned for orders_sensor, skipping'),
      dagLine(t, 'dagster.daemon.SchedulerDaemon', 'INFO', 'Not checking for any runs since no schedules have been started.'),
    ]) }]),
  ],
};

// A Telegram bot on python-telegram-bot 21 in webhook mode (Starlette under uvicorn), state in
// Firestore. The error handler from PTB's docs example logs `Exception while handling an update:` with
// the traceback; httpx logs every Bot API call at INFO. `%(asctime)s - %(name)s - %(levelname)s -
// %(message)s` (PTB's examples) on the morning revision, `%(asctime)s %(levelname)-8s %(name)s:
// %(message)s` after.
const BOT = 'bot-telegram';
const BP = '/usr/local/lib/python3.12/site-packages';
const TOKEN = '7212345678:AAFq3xRnTb0cWm9YvKd2LpE7sHuJ4gNiQ5o';
const tg = (t: number, rev: 0 | 1, name: string, level: string, msg: string): string => (rev === 0 ? `${asctime(t)} - ${name} - ${level} - ${msg}` : `${asctime(t)} ${level.padEnd(8)} ${name}: ${msg}`);
const ptbFrames = (handler: PyFrame): PyFrame[] => [
  [`${BP}/telegram/ext/_application.py`, 1335, 'process_update', 'await coroutine'],
  [`${BP}/telegram/ext/_handlers/basehandler.py`, 158, 'handle_update', 'return await self.callback(update, context)'],
  handler,
];
const botCall = (method: string): PyFrame[] => [
  [`${BP}/telegram/ext/_extbot.py`, 2993, method, `return await super().${method}(`],
  [`${BP}/telegram/_bot.py`, 1018, method, 'return await self._send_message('],
  [`${BP}/telegram/_bot.py`, 618, '_do_post', 'result = await request.post('],
  [`${BP}/telegram/request/_baserequest.py`, 202, 'post', 'result = await self._request_wrapper('],
];
const botError = (t: number, rev: 0 | 1, tb: string): Write => ({ stream: 'stderr', text: `${tg(t, rev, '__main__', 'ERROR', 'Exception while handling an update:')}\n${tb}` });
const httpxLine = (t: number, rev: 0 | 1, method: string, status: string): Write => ({ stream: 'stderr', text: tg(t, rev, 'httpx', 'INFO', `HTTP Request: POST https://api.telegram.org/bot${TOKEN}/${method} "HTTP/1.1 ${status}"`) });
export const botTelegram: ServiceDef = {
  name: BOT, stack: 'Python 3.12, python-telegram-bot 21.6 (webhook through Starlette 0.41 under uvicorn 0.32), httpx 0.27, google-cloud-firestore 2.19', splitRate: 0.7,
  families: [
    fam(`${BOT}:blocked-by-user`, 'ERROR', [40, 90], ({ t, rev }) => [
      { ...httpxLine(t, rev, 'sendMessage', '403 Forbidden'), as: { family: `noise:${BOT}:httpx`, level: 'INFO' } },
      botError(t + 3000, rev, pyTraceback([
        ...ptbFrames(['/app/bot/handlers/orders.py', 61, 'notify_shipped', 'await context.bot.send_message(chat_id, text)']),
        ...botCall('send_message'),
        [`${BP}/telegram/request/_baserequest.py`, 383, '_request_wrapper', 'raise Forbidden(message)'],
      ], 'telegram.error.Forbidden: Forbidden: bot was blocked by the user')),
    ]),
    fam(`${BOT}:message-not-modified`, 'ERROR', [25, 60], ({ t, rev }) => [
      { ...httpxLine(t, rev, 'editMessageText', '400 Bad Request'), as: { family: `noise:${BOT}:httpx`, level: 'INFO' } },
      botError(t + 3000, rev, pyTraceback([
        ...ptbFrames(['/app/bot/handlers/menu.py', 112, 'on_refresh', 'await query.edit_message_text(render_cart(cart), reply_markup=kb)']),
        [`${BP}/telegram/_callbackquery.py`, 331, 'edit_message_text', 'return await self.get_bot().edit_message_text('],
        ...botCall('edit_message_text'),
        [`${BP}/telegram/request/_baserequest.py`, 379, '_request_wrapper', 'raise BadRequest(message)'],
      ], 'telegram.error.BadRequest: Message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message')),
    ]),
    fam(`${BOT}:send-timed-out`, 'ERROR', [8, 24], ({ t, rev }) => [botError(t, rev, pyChained(
      pyTraceback([
        [`${BP}/httpx/_transports/default.py`, 72, 'map_httpcore_exceptions', 'yield'],
        [`${BP}/httpx/_transports/default.py`, 376, 'handle_async_request', 'resp = await self._pool.handle_async_request(req)'],
      ], 'httpx.ReadTimeout'),
      pyTraceback([
        ...ptbFrames(['/app/bot/handlers/catalog.py', 40, 'send_catalog', 'await context.bot.send_photo(chat_id, photo=url, caption=caption)']),
        ...botCall('send_photo'),
        [`${BP}/telegram/request/_httpxrequest.py`, 293, 'do_request', 'raise TimedOut from err'],
      ], 'telegram.error.TimedOut: Timed out'),
    ))], 0.4),
    fam(`${BOT}:firestore-contention`, 'ERROR', [6, 18], ({ t, rev }) => [botError(t, rev, pyTraceback([
      ...ptbFrames(['/app/bot/handlers/cart.py', 77, 'add_to_cart', 'await store.add_item(user_id, sku)']),
      ['/app/bot/store.py', 34, 'add_item', 'await txn_update(transaction, ref, item)'],
      [`${BP}/google/cloud/firestore_v1/async_transaction.py`, 295, '__call__', 'await transaction._commit()'],
      [`${BP}/google/api_core/grpc_helpers_async.py`, 88, '__await__', 'raise exceptions.from_grpc_error(rpc_error) from rpc_error'],
    ], 'google.api_core.exceptions.Aborted: 409 Too much contention on these documents. Please try again.'))]),
    fam(`${BOT}:flood-control`, 'WARNING', [40, 110], ({ rng, t, rev }) => [{ stream: 'stderr', text: tg(t, rev, '__main__', 'WARNING', `Flood control for chat -100${rng.int(1000000000, 9999999999)}: Flood control exceeded. Retry in ${rng.int(3, 40)} seconds`) }]),
    fam(`noise:${BOT}:httpx`, 'INFO', [400, 600], ({ rng, t, rev }) => [httpxLine(t, rev, rng.pick(['sendMessage', 'answerCallbackQuery', 'editMessageText', 'sendPhoto']), '200 OK')]),
    fam(`noise:${BOT}:uvicorn`, 'INFO', [200, 300], ({ t }) => [{ stream: 'stderr', text: 'INFO:     169.254.1.1:0 - "POST /telegram/webhook HTTP/1.1" 200 OK' }]),
  ],
};

// FastAPI under gunicorn 23 with uvicorn workers, traced by ddtrace 2.17 (`ddtrace-run`,
// DD_LOGS_INJECTION): the root handler uses ddtrace's documented format `%(asctime)s %(levelname)s
// [%(name)s] [%(filename)s:%(lineno)d] [dd.service=%(dd.service)s dd.env=%(dd.env)s dd.version=...
// dd.trace_id=... dd.span_id=...] - %(message)s` on the morning revision (version 1.41.0), python-json-logger
// with the same dd.* keys after (version 1.42.0; no severity). gunicorn's own log keeps its format.
const DD = 'api-ddtrace';
const DDP = '/usr/local/lib/python3.12/site-packages';
function ddLine(rng: Prng, t: number, rev: 0 | 1, level: string, logger: string, where: string, msg: string, traced: boolean, exc?: string): Write {
  const tid = traced ? String(rng.int(1e15, 9e15)) + String(rng.int(100, 999)) : '0';
  const sid = traced ? String(rng.int(1e15, 9e15)) + String(rng.int(100, 999)) : '0';
  const version = rev === 0 ? '1.41.0' : '1.42.0';
  if (rev === 0) {
    return { stream: 'stderr', text: `${asctime(t)} ${level} [${logger}] [${where}] [dd.service=quotes-api dd.env=prod dd.version=${version} dd.trace_id=${tid} dd.span_id=${sid}] - ${msg}${exc ? `\n${exc}` : ''}` };
  }
  const json: Record<string, unknown> = { asctime: asctime(t), levelname: level, name: logger, message: msg };
  if (exc) json.exc_info = exc;
  Object.assign(json, { 'dd.trace_id': tid, 'dd.span_id': sid, 'dd.service': 'quotes-api', 'dd.env': 'prod', 'dd.version': version });
  return { stream: 'stderr', json };
}
const gunicorn = (t: number, pid: number, level: string, msg: string): string => `[${zoned(t)}] [${pid}] [${level}] ${msg}`;
export const apiDdtrace: ServiceDef = {
  name: DD, stack: 'Python 3.12, FastAPI 0.115 under gunicorn 23 with uvicorn workers, asyncpg 0.30, ddtrace 2.17 (ddtrace-run, logs injection), the Datadog agent unreachable from the container', splitRate: 0.7,
  families: [
    fam(`${DD}:quote-too-many-connections`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
      const sku = `SKU-${rng.int(10000, 99999)}`;
      return [ddLine(rng, t, rev, 'ERROR', 'app.quotes', 'quotes.py:88', `quote failed for sku=${sku}`, true, pyTraceback([
        ['/app/app/quotes.py', 84, 'quote', 'async with pool.acquire() as conn:'],
        [`${DDP}/asyncpg/pool.py`, 1024, '__aenter__', 'self.connection = await self.pool._acquire(self.timeout)'],
        [`${DDP}/asyncpg/pool.py`, 864, '_acquire', 'return await _acquire_impl()'],
        [`${DDP}/asyncpg/connect_utils.py`, 990, '_create_ssl_connection', 'await connected'],
      ], 'asyncpg.exceptions.TooManyConnectionsError: remaining connection slots are reserved for non-replication superuser connections'))];
    }, 0.3),
    fam(`${DD}:response-validation`, 'ERROR', [15, 40], ({ rng, t, rev }) => [ddLine(rng, t, rev, 'ERROR', 'uvicorn.error', 'httptools_impl.py:414', 'Exception in ASGI application', true, pyTraceback([
      [`${DDP}/uvicorn/protocols/http/httptools_impl.py`, 409, 'run_asgi', 'result = await app(  # type: ignore[func-returns-value]'],
      [`${DDP}/ddtrace/contrib/asgi/middleware.py`, 290, '__call__', 'return await self.app(scope, receive, wrapped_send)'],
      [`${DDP}/starlette/routing.py`, 73, 'app', 'response = await f(request)'],
      [`${DDP}/fastapi/routing.py`, 327, 'app', 'content = await serialize_response('],
      [`${DDP}/fastapi/routing.py`, 176, 'serialize_response', 'raise ResponseValidationError('],
    ], "fastapi.exceptions.ResponseValidationError: 1 validation errors:\n  {'type': 'float_type', 'loc': ('response', 'total'), 'msg': 'Input should be a valid number', 'input': None}"))]),
    fam(`${DD}:trace-writer`, 'ERROR', [30, 80], ({ rng, t, rev }) => [ddLine(rng, t, rev, 'ERROR', 'ddtrace.internal.writer.writer', 'writer.py:254',
      `failed to send, dropping ${rng.int(1, 60)} traces to intake at http://localhost:8126/v0.5/traces after 3 retries${rng.chance(0.5) ? `, ${rng.int(1, 90)} additional messages skipped` : ''}`, false)]),
    fam(`${DD}:worker-sigkill`, 'ERROR', [3, 8], ({ rng, t }) => [{ stream: 'stderr', text: gunicorn(t, 1, 'ERROR', `Worker (pid:${rng.int(7, 60)}) was sent SIGKILL! Perhaps out of memory?`) }]),
    fam(`${DD}:slow-pricing`, 'WARNING', [50, 120], ({ rng, t, rev }) => [ddLine(rng, t, rev, 'WARNING', 'app.pricing', 'pricing.py:51', `pricing upstream slow: ${rng.fixed(1.6, 4.9, 2)}s (budget 1.50s)`, true)]),
    fam(`noise:${DD}:requests`, 'INFO', [400, 550], ({ rng, t, rev }) => [ddLine(rng, t, rev, 'INFO', 'app.quotes', 'quotes.py:97', `quote ok sku=SKU-${rng.int(10000, 99999)} total=${rng.fixed(5, 900, 2)} errors=0`, true)]),
    fam(`noise:${DD}:gunicorn`, 'INFO', [10, 30], ({ rng, t }) => [{ stream: 'stderr', text: gunicorn(t, 1, 'INFO', `Booting worker with pid: ${rng.int(7, 60)}`) }]),
  ],
};
