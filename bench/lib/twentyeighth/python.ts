// The day's Python services: a Temporal worker (the SDK's activity and workflow loggers through
// basicConfig's default format, then a format with a time) and a CherryPy tile server (CherryPy's own
// error and access logs on the screen, then the error log through a dictConfig format).
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { asctime, cherryTime } from './clock.js';
import { as, containerExit, digits, fam, peer, pyTraceback, UA, type PyFrame } from './shared.js';

const SITE = '/usr/local/lib/python3.12/site-packages';

// ---------------------------------------------------------------------------------------------------
// worker-temporal: Python 3.12, temporalio 1.8 worker on Temporal Cloud (always-on CPU, a health
// endpoint only), task queue `invoices`, httpx 0.28 to a billing partner, google-cloud-storage 2.18 for
// the PDFs. Morning revision: `logging.basicConfig(level=logging.INFO)`, logging's default format
// `LEVEL:logger:message` on stderr. From the rollout `basicConfig(level=INFO, format="%(asctime)s
// %(levelname)s [%(name)s] %(message)s")`. The SDK's activity logger appends the activity's context as
// a dict (`({'activity_id': '1', 'activity_type': …, 'attempt': 1, 'namespace': …, 'task_queue': …,
// 'workflow_id': …, 'workflow_run_id': …, 'workflow_type': …})`); a failed activity is the SDK's
// `Completing activity as failed` at WARNING with the traceback (the server retries it); a workflow
// task that raises is `Failed activation on workflow …` at WARNING with the traceback. A worker that
// cannot reach Temporal Cloud at start dies with Python's bare traceback (exit 1).
const WT = 'worker-temporal';
const NAMESPACE = 'quillwort-prod.x7k2q';

function pyRec(t: number, rev: 0 | 1, level: string, logger: string, msg: string): Write {
  return { stream: 'stderr', text: rev === 0 ? `${level}:${logger}:${msg}` : `${asctime(t)} ${level} [${logger}] ${msg}` };
}

const activityCtx = (rng: Prng, type: string): string => {
  const wf = `invoice-2026-12-${digits(rng, 6)}`;
  return `({'activity_id': '${rng.int(1, 6)}', 'activity_type': '${type}', 'attempt': ${rng.int(1, 12)}, 'namespace': '${NAMESPACE}', 'task_queue': 'invoices', 'workflow_id': '${wf}', 'workflow_run_id': '${rng.uuid()}', 'workflow_type': 'InvoiceWorkflow'})`;
};

const RUN_ACTIVITY: PyFrame[] = [
  [`${SITE}/temporalio/worker/_activity.py`, 485, '_run_activity', 'result = await impl.execute_activity(input)'],
  [`${SITE}/temporalio/worker/_activity.py`, 682, 'execute_activity', 'return await input.fn(*input.args)'],
];

// The partner's invoice API stops answering within the read timeout: the activity fails, Temporal retries.
const wtFetchTimeout = fam(`${WT}:fetch-invoice-read-timeout`, 'WARNING', [60, 140], ({ rng, t, rev }) => {
  const tb = `${pyTraceback([
    [`${SITE}/httpx/_transports/default.py`, 72, 'map_httpcore_exceptions', 'yield'],
    [`${SITE}/httpx/_transports/default.py`, 377, 'handle_async_request', 'resp = await self._pool.handle_async_request(req)'],
    [`${SITE}/httpcore/_async/connection_pool.py`, 256, 'handle_async_request', 'raise exc from None'],
    [`${SITE}/httpcore/_backends/anyio.py`, 32, 'read', 'with map_exceptions(exc_map):'],
    ['/usr/local/lib/python3.12/contextlib.py', 158, '__exit__', 'self.gen.throw(value)'],
    [`${SITE}/httpcore/_exceptions.py`, 14, 'map_exceptions', 'raise to_exc(exc) from exc'],
  ], 'httpcore.ReadTimeout')}\n\nThe above exception was the direct cause of the following exception:\n\n${pyTraceback([...RUN_ACTIVITY,
    ['/app/invoices/activities.py', 38, 'fetch_invoice', `resp = await client.get(f"/v2/invoices/{invoice_id}")`],
    [`${SITE}/httpx/_client.py`, 1814, 'get', 'return await self.request('],
    [`${SITE}/httpx/_transports/default.py`, 89, 'map_httpcore_exceptions', 'raise mapped_exc(message) from exc'],
  ], 'httpx.ReadTimeout')}`;
  return [pyRec(t, rev, 'WARNING', 'temporalio.activity', `Completing activity as failed ${activityCtx(rng, 'fetch_invoice')}\n${tb}`)];
}, 0.3);

// The PDF bucket lost the worker's binding: the upload activity fails the same way, another operation.
const wtUploadForbidden = fam(`${WT}:upload-pdf-forbidden`, 'WARNING', [30, 70], ({ rng, t, rev }) => {
  const tb = pyTraceback([...RUN_ACTIVITY,
    ['/app/invoices/activities.py', 71, 'upload_pdf', 'blob.upload_from_string(pdf, content_type="application/pdf")'],
    [`${SITE}/google/cloud/storage/blob.py`, 3033, 'upload_from_string', 'self.upload_from_file('],
    [`${SITE}/google/cloud/storage/blob.py`, 2899, 'upload_from_file', '_raise_from_invalid_response(exc)'],
    [`${SITE}/google/cloud/storage/blob.py`, 4791, '_raise_from_invalid_response', 'raise exceptions.from_http_status(response.status_code, message, response=response)'],
  ], `google.api_core.exceptions.Forbidden: 403 POST https://storage.googleapis.com/upload/storage/v1/b/quillwort-invoices/o?uploadType=multipart: {\n  "error": {\n    "code": 403,\n    "message": "${WT}@quillwort-run-prod.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).",\n    "errors": [\n      {\n        "message": "${WT}@quillwort-run-prod.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).",\n        "domain": "global",\n        "reason": "forbidden"\n      }\n    ]\n  }\n}\n: ('Request failed with status code', 403, 'Expected one of', <HTTPStatus.OK: 200>)`);
  return [pyRec(t, rev, 'WARNING', 'temporalio.activity', `Completing activity as failed ${activityCtx(rng, 'upload_pdf')}\n${tb}`)];
});

// A workflow reads a field older invoices lack: the workflow task fails and is retried by the server.
const wtActivation = fam(`${WT}:workflow-activation-keyerror`, 'WARNING', [25, 60], ({ rng, t, rev }) => {
  const tb = pyTraceback([
    [`${SITE}/temporalio/worker/_workflow_instance.py`, 398, 'activate', 'self._run_once(check_conditions=index == 1 or index == 2)'],
    [`${SITE}/temporalio/worker/_workflow_instance.py`, 1918, '_run_once', 'raise self._current_activation_error'],
    [`${SITE}/temporalio/worker/_workflow_instance.py`, 1936, '_run_top_level_workflow_function', 'await coro'],
    ['/app/invoices/workflows.py', 52, 'run', 'currency = invoice["currency"]'],
  ], "KeyError: 'currency'");
  return [pyRec(t, rev, 'WARNING', 'temporalio.worker._workflow_instance', `Failed activation on workflow InvoiceWorkflow with ID invoice-2026-12-${digits(rng, 6)} and run ID ${rng.uuid()}\n${tb}`)];
});

// Temporal Cloud unreachable at start (the egress firewall rule lost in a rollout): the process dies.
const wtConnect = fam(`${WT}:client-connect-timeout`, 'ERROR', [6, 16], () => [
  { stream: 'stderr', text: pyTraceback([
    ['/app/worker.py', 48, '<module>', 'asyncio.run(main())'],
    ['/usr/local/lib/python3.12/asyncio/runners.py', 194, 'run', 'return runner.run(main)'],
    ['/usr/local/lib/python3.12/asyncio/runners.py', 118, 'run', 'return self._loop.run_until_complete(task)'],
    ['/usr/local/lib/python3.12/asyncio/base_events.py', 687, 'run_until_complete', 'return future.result()'],
    ['/app/worker.py', 24, 'main', 'client = await Client.connect('],
    [`${SITE}/temporalio/client.py`, 175, 'connect', 'await temporalio.service.ServiceClient.connect(connect_config),'],
    [`${SITE}/temporalio/service.py`, 209, 'connect', 'return await _BridgeServiceClient.connect(config)'],
    [`${SITE}/temporalio/service.py`, 1063, '_connected_client', 'self._bridge_client = await temporalio.bridge.client.Client.connect('],
    [`${SITE}/temporalio/bridge/client.py`, 99, 'connect', 'await temporalio.bridge.temporal_sdk_bridge.connect_client('],
  ], `RuntimeError: Failed client connect: Server connection error: tonic::transport::Error(Transport, ConnectError(ConnectError("tcp connect error", Os { code: 110, kind: TimedOut, message: "Connection timed out" })))`) },
  containerExit(WT, 1),
]);

const wtChatter = fam(`noise:${WT}:chatter`, 'INFO', [220, 320], ({ rng, t, rev }) => {
  const r = rng.next();
  if (r < 0.08) return [pyRec(t, rev, 'INFO', '__main__', rng.pick(['Worker started, ctrl+c to exit', `Connected to ${NAMESPACE}.tmprl.cloud:7233`]))];
  if (r < 0.6) return [pyRec(t, rev, 'INFO', 'temporalio.activity', `${rng.pick([`Fetched invoice ${digits(rng, 6)} (${rng.int(1, 40)} lines)`, `Uploaded PDF for invoice ${digits(rng, 6)}`, `Reconciled batch ${digits(rng, 4)}: ${rng.int(10, 400)} invoices, 0 errors`])} ${activityCtx(rng, rng.pick(['fetch_invoice', 'upload_pdf', 'reconcile']))}`)];
  return [pyRec(t, rev, 'INFO', 'temporalio.workflow', `Invoice ${digits(rng, 6)} settled (retries=0, failed=0) ({'attempt': 1, 'namespace': '${NAMESPACE}', 'run_id': '${rng.uuid()}', 'task_queue': 'invoices', 'workflow_id': 'invoice-2026-12-${digits(rng, 6)}', 'workflow_type': 'InvoiceWorkflow'})`)];
});

export const workerTemporal: ServiceDef = {
  name: WT, stack: 'Python 3.12, temporalio 1.8 worker on Temporal Cloud, httpx 0.28, google-cloud-storage 2.18', splitRate: 0.65,
  families: [wtFetchTimeout, wtUploadForbidden, wtActivation, wtConnect, wtChatter],
};

// ---------------------------------------------------------------------------------------------------
// tiles-cherrypy: Python 3.12, CherryPy 18.10 (its cheroot server on :8080, `log.screen` on), Pillow 11
// rendering map tiles from source rasters on Cloud Storage, psycopg 3.2 to Cloud SQL for PostgreSQL.
// CherryPy writes its error log on stderr (`[08/Dec/2026:10:00:00] HTTP ` then the traceback, then the
// log_headers tool's `Request Headers:` record at INFO, as many headers as the request carried) and its access
// log on stdout (`ip - - [time] "GET … HTTP/1.1" 500 1234 "" "ua"`). From the rollout the app sends the
// error log through a dictConfig format (`%(asctime)s [%(levelname)s] %(name)s: %(message)s`, logger
// `cherrypy.error.<id>`); the access log is unchanged. Pillow's DecompressionBombWarning goes through
// `warnings` (bare, both revisions).
const TC = 'tiles-cherrypy';
const APP_ID = '140318722941520';

function cpError(t: number, rev: 0 | 1, msg: string, level = 'ERROR'): Write {
  const body = `[${cherryTime(t)}] ${msg}`;
  return { stream: 'stderr', text: rev === 0 ? body : `${asctime(t)} [${level}] cherrypy.error.${APP_ID}: ${body}` };
}

const cpAccess = (rng: Prng, t: number, path: string, status: number, host: string): Write => ({
  stream: 'stdout', text: `${peer(rng)} - - [${cherryTime(t)}] "GET ${path} HTTP/1.1" ${status} ${status >= 500 ? rng.int(700, 1600) : rng.int(900, 60000)} "${rng.chance(0.4) ? `https://${host}/map` : ''}" "${rng.pick(UA)}"`,
});

const tilePath = (rng: Prng): string => `/tiles/${rng.pick(['relief', 'parcels', 'flood'])}/${rng.int(8, 16)}/${rng.int(0, 30000)}/${rng.int(0, 30000)}.png`;

const CP_RESPOND: PyFrame[] = [
  [`${SITE}/cherrypy/_cprequest.py`, 659, 'respond', 'self._do_respond(path_info)'],
  [`${SITE}/cherrypy/_cprequest.py`, 718, '_do_respond', 'response.body = self.handler()'],
  [`${SITE}/cherrypy/lib/encoding.py`, 223, '__call__', 'self.body = self.oldhandler(*args, **kwargs)'],
  [`${SITE}/cherrypy/_cpdispatch.py`, 54, '__call__', 'return self.callable(*self.args, **self.kwargs)'],
];

/** The log_headers tool's record: the request's headers, which vary in number and kind. */
function headers(rng: Prng, t: number, rev: 0 | 1, host: string, family: string): Write {
  const h = [`  Remote-Addr: ${peer(rng)}`, `  HOST: ${host}`, `  USER-AGENT: ${rng.pick(UA)}`, '  ACCEPT: image/avif,image/webp,image/png,*/*;q=0.8'];
  if (rng.chance(0.6)) h.push(`  REFERER: https://${host}/map?z=${rng.int(8, 16)}`);
  if (rng.chance(0.5)) h.push('  ACCEPT-ENCODING: gzip, deflate, br');
  if (rng.chance(0.7)) h.push(`  X-CLOUD-TRACE-CONTEXT: ${rng.hex(32)}/${digits(rng, 18)};o=1`);
  if (rng.chance(0.7)) h.push(`  TRACEPARENT: 00-${rng.hex(32)}-${rng.hex(16)}-01`);
  if (rng.chance(0.5)) h.push(`  X-FORWARDED-FOR: ${rng.publicIpv4()}`);
  h.push('  X-FORWARDED-PROTO: https', `  FORWARDED: for="${rng.publicIpv4()}";proto=https`);
  return as(cpError(t, rev, `HTTP \nRequest Headers:\n${h.join('\n')}`, 'INFO'), family, 'INFO');
}

// A source raster that is not an image any more (an HTML error page cached in the bucket): Pillow
// cannot open it, CherryPy answers 500.
const tcUnidentified = fam(`${TC}:tile-source-unidentified-image`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => {
  const path = tilePath(rng);
  const tb = pyTraceback([...CP_RESPOND,
    ['/app/tiles/server.py', 61, 'default', 'img = render_tile(layer, z, x, y)'],
    ['/app/tiles/render.py', 34, 'render_tile', 'src = Image.open(io.BytesIO(blob.download_as_bytes()))'],
    [`${SITE}/PIL/Image.py`, 3498, 'open', 'raise UnidentifiedImageError(msg)'],
  ], `PIL.UnidentifiedImageError: cannot identify image file <_io.BytesIO object at 0x7f${rng.hex(10)}>`);
  return [cpError(t, rev, `HTTP \n${tb}`), headers(rng, t + 200, rev, host, `${TC}:tile-source-unidentified-image`), cpAccess(rng, t + 900, path, 500, host)];
});

// Cloud SQL closes idle connections the app keeps: the parcel lookup fails on a dead connection.
const tcDbClosed = fam(`${TC}:parcel-lookup-connection-closed`, 'ERROR', [25, 60], ({ rng, t, rev, host }) => {
  const path = `/parcels/${rng.int(8, 16)}/${rng.int(0, 30000)}/${rng.int(0, 30000)}.json`;
  const tb = pyTraceback([...CP_RESPOND,
    ['/app/tiles/server.py', 88, 'parcels', 'rows = db.parcels_in(bbox)'],
    ['/app/tiles/db.py', 22, 'parcels_in', 'cur.execute(PARCELS_SQL, bbox)'],
    [`${SITE}/psycopg/cursor.py`, 97, 'execute', 'raise ex.with_traceback(None)'],
  ], 'psycopg.OperationalError: consuming input failed: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.');
  return [cpError(t, rev, `HTTP \n${tb}`), headers(rng, t + 200, rev, host, `${TC}:parcel-lookup-connection-closed`), cpAccess(rng, t + 700, path, 500, host)];
}, 0.3);

// Large source rasters: Pillow's warning through `warnings` (frequent), the tile still renders.
const tcBomb = fam(`${TC}:decompression-bomb-warning`, 'WARNING', [100, 220], ({ rng }) => {
  const px = rng.int(89_500_000, 160_000_000);
  return [{ stream: 'stderr', text: `${SITE}/PIL/Image.py:3402: DecompressionBombWarning: Image size (${px} pixels) exceeds limit of 89478485 pixels, could be decompression bomb DOS attack.\n  warnings.warn(` }];
});

const tcChatter = fam(`noise:${TC}:chatter`, 'INFO', [240, 340], ({ rng, t, rev, host }) => {
  if (rng.chance(0.06)) return [cpError(t, rev, `ENGINE ${rng.pick(['Bus STARTING', 'Started monitor thread \'Autoreloader\'.', 'Serving on http://0.0.0.0:8080', 'Bus STARTED'])}`, 'INFO')];
  if (rng.chance(0.15)) return [{ stream: 'stderr', text: `${asctime(t)} INFO tiles.render: ${rng.pick([`tile cache warmed: ${rng.int(100, 4000)} tiles, 0 errors`, `source ${rng.pick(['relief', 'parcels', 'flood'])} reloaded (${rng.int(10, 90)} rasters)`])}` }];
  return [cpAccess(rng, t, rng.chance(0.8) ? tilePath(rng) : '/healthz', rng.pick([200, 200, 200, 304]), host)];
});

export const tilesCherrypy: ServiceDef = {
  name: TC, stack: 'Python 3.12, CherryPy 18.10 (cheroot), Pillow 11, psycopg 3.2, google-cloud-storage 2.18', splitRate: 0.65,
  families: [tcUnidentified, tcDbClosed, tcBomb, tcChatter],
};
