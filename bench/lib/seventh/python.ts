// Python services of the seventh day: Flask under waitress (basicConfig text, then ecs-logging's JSON) and
// an aiohttp feed poller (two stdlib formats, asyncio's own error records).
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { clf, clockMillis, commaMillis, isoMillis } from './clock.js';

/** One frame of a CPython 3.12 traceback: file, line, function, source line, and its `^^^` marker if any. */
type Frame = readonly [file: string, line: number, fn: string, src: string, marker?: string];

const tb = (frames: readonly Frame[]): string => frames
  .map(([file, line, fn, src, marker]) => `  File "${file}", line ${line}, in ${fn}\n    ${src}${marker ? `\n    ${marker}` : ''}`)
  .join('\n');

/** A whole traceback as `logging` appends it to a record (or the interpreter prints it). */
const traceback = (frames: readonly Frame[], last: string): string => `Traceback (most recent call last):\n${tb(frames)}\n${last}`;

const SITE = '/usr/local/lib/python3.12/site-packages';
const FLASK: readonly Frame[] = [
  [`${SITE}/flask/app.py`, 1473, 'wsgi_app', 'response = self.full_dispatch_request()', '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^'],
  [`${SITE}/flask/app.py`, 882, 'full_dispatch_request', 'rv = self.handle_user_exception(e)', '     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^'],
  [`${SITE}/flask/app.py`, 880, 'full_dispatch_request', 'rv = self.dispatch_request()', '     ^^^^^^^^^^^^^^^^^^^^^^^'],
  [`${SITE}/flask/app.py`, 865, 'dispatch_request', 'return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)  # type: ignore[no-any-return]', '       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^'],
];

// ---------------------------------------------------------------------------------------------------
// forms-waitress: Flask 3 under waitress 3. Morning revision: logging.basicConfig's default
// `%(levelname)s:%(name)s:%(message)s`; after the rollout ecs-logging's StdlibFormatter (one JSON line,
// `log.level`, `error.type/message/stack_trace`; no `severity`, so Cloud Run sets none).

interface PyRecord { level: 'ERROR' | 'WARNING' | 'INFO'; logger: string; msg: string; file: string; line: number; fn: string; thread: string; exc?: { type: string; message: string; frames: readonly Frame[]; last: string } }

function waitressWrite(rng: Prng, t: number, rev: 0 | 1, r: PyRecord): Write {
  if (rev === 0) {
    const head = `${r.level}:${r.logger}:${r.msg}`;
    return { stream: 'stderr', text: r.exc ? `${head}\n${traceback(r.exc.frames, r.exc.last)}` : head };
  }
  const json: Record<string, unknown> = {
    '@timestamp': isoMillis(t), 'log.level': r.level.toLowerCase(), message: r.msg, 'ecs.version': '1.6.0',
  };
  if (r.exc) json.error = { message: r.exc.message, stack_trace: `${tb(r.exc.frames)}\n`, type: r.exc.type };
  json.log = { logger: r.logger, origin: { file: { line: r.line, name: r.file }, function: r.fn }, original: r.msg };
  json.process = { name: 'MainProcess', pid: 1, thread: { id: 139_872_000_000_000 + rng.int(0, 999_999), name: r.thread } };
  return { stream: 'stderr', json };
}

const formId = (rng: Prng): number => rng.int(100, 9999);
const waitressThread = (rng: Prng): string => `waitress-${rng.int(0, 7)}`;

const submitRefused: Family = {
  name: 'forms-waitress:submit-db-connection-refused', level: 'ERROR', perDay: [20, 60], burst: 0.3,
  emit: ({ rng, t, rev }) => {
    const id = formId(rng);
    const ip = `10.24.${rng.int(0, 3)}.${rng.int(2, 30)}`;
    const pg = `connection failed: connection to server at "${ip}", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?`;
    const inner: Frame[] = [
      [`${SITE}/sqlalchemy/engine/base.py`, 146, '__init__', 'self._dbapi_connection = engine.raw_connection()', '                          ^^^^^^^^^^^^^^^^^^^^^^^'],
      [`${SITE}/sqlalchemy/pool/base.py`, 896, '__connect', 'self.dbapi_connection = connection = pool._invoke_creator(self)', '                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^'],
      [`${SITE}/psycopg/connection.py`, 748, 'connect', 'raise last_ex.with_traceback(None)'],
    ];
    const outer: Frame[] = [
      ...FLASK,
      ['/app/forms/views.py', 58, 'submit', 'db.session.add(Submission(form_id=form.id, data=data))'],
      ['/app/forms/views.py', 59, 'submit', 'db.session.commit()'],
      [`${SITE}/sqlalchemy/orm/session.py`, 2028, 'commit', 'trans.commit(_to_root=True)'],
      [`${SITE}/sqlalchemy/engine/base.py`, 148, '__init__', 'Connection._handle_dbapi_exception_noconnection(', ''],
    ];
    const last = `sqlalchemy.exc.OperationalError: (psycopg.OperationalError) ${pg}\n(Background on this error at: https://sqlalche.me/e/20/e3q8)`;
    const chained = `${traceback(inner, `psycopg.OperationalError: ${pg}`)}\n\nThe above exception was the direct cause of the following exception:\n\n${traceback(outer, last)}`;
    const msg = `Exception on /forms/${id}/submit [POST]`;
    // The text form prints the whole chain; ECS keeps the outer exception's frames only.
    if (rev === 0) return [{ stream: 'stderr', text: `ERROR:forms:${msg}\n${chained}` }];
    return [waitressWrite(rng, t, rev, {
      level: 'ERROR', logger: 'forms', msg, file: 'app.py', line: 875, fn: 'log_exception', thread: waitressThread(rng),
      exc: { type: 'OperationalError', message: last.slice('sqlalchemy.exc.OperationalError: '.length), frames: outer, last },
    })];
  },
};

// The same KeyError from two call sites: the submit view's owner notification, and the digest thread
// (threading's excepthook prints it on stderr, outside logging). Two problems.
const keyErrorSubmit: Family = {
  name: 'forms-waitress:notify-owner-keyerror-email', level: 'ERROR', perDay: [10, 30],
  emit: ({ rng, t, rev }) => {
    const frames: Frame[] = [
      ...FLASK,
      ['/app/forms/views.py', 61, 'submit', 'notify_owner(form, data)'],
      ['/app/forms/notify.py', 23, 'notify_owner', 'to = form.settings["email"]', '     ~~~~~~~~~~~~~^^^^^^^^^'],
    ];
    return [waitressWrite(rng, t, rev, {
      level: 'ERROR', logger: 'forms', msg: `Exception on /forms/${formId(rng)}/submit [POST]`, file: 'app.py', line: 875, fn: 'log_exception', thread: waitressThread(rng),
      exc: { type: 'KeyError', message: "'email'", frames, last: "KeyError: 'email'" },
    })];
  },
};

const keyErrorDigest: Family = {
  name: 'forms-waitress:digest-thread-keyerror-email', level: 'ERROR', perDay: [4, 12],
  emit: ({ rng }) => {
    const n = rng.int(3, 40);
    const frames: Frame[] = [
      ['/usr/local/lib/python3.12/threading.py', 1075, '_bootstrap_inner', 'self.run()'],
      ['/usr/local/lib/python3.12/threading.py', 1012, 'run', 'self._target(*self._args, **self._kwargs)'],
      ['/app/forms/digest.py', 44, 'send_digest', 'for owner in owners_of(batch):'],
      ['/app/forms/digest.py', 29, 'owners_of', 'yield form.settings["email"], form.title', '      ~~~~~~~~~~~~~^^^^^^^^^'],
    ];
    return [{ stream: 'stderr', text: `Exception in thread Thread-${n} (send_digest):\n${traceback(frames, "KeyError: 'email'")}` }];
  },
};

// waitress warns each time a task waits for a thread: the service is under-provisioned.
const queueDepth: Family = {
  name: 'forms-waitress:task-queue-depth', level: 'WARNING', perDay: [150, 400], burst: 0.2,
  emit: ({ rng, t, rev }) => [waitressWrite(rng, t, rev, {
    level: 'WARNING', logger: 'waitress.queue', msg: `Task queue depth is ${rng.int(1, 24)}`, file: 'task.py', line: 114, fn: 'add_task', thread: 'MainThread',
  })],
};

const stored: Family = {
  name: 'noise:forms-waitress:stored', level: 'INFO', perDay: [300, 600],
  emit: ({ rng, t, rev }) => [waitressWrite(rng, t, rev, {
    level: 'INFO', logger: 'forms', msg: `submission stored form=${formId(rng)} fields=${rng.int(2, 20)} error_count=0`, file: 'views.py', line: 66, fn: 'submit', thread: waitressThread(rng),
  })],
};

const serving: Family = {
  name: 'noise:forms-waitress:serving', level: 'INFO', perDay: [3, 10],
  emit: ({ rng, t, rev }) => [waitressWrite(rng, t, rev, {
    level: 'INFO', logger: 'waitress', msg: 'Serving on http://0.0.0.0:8080', file: 'server.py', line: 219, fn: 'print_listen', thread: 'MainThread',
  })],
};

export const formsWaitress: ServiceDef = {
  name: 'forms-waitress', stack: 'Python 3.12, Flask 3, waitress 3, SQLAlchemy 2 + psycopg 3, ecs-logging', splitRate: 0.75,
  families: [submitRefused, keyErrorSubmit, keyErrorDigest, queueDepth, stored, serving],
};

// ---------------------------------------------------------------------------------------------------
// feeds-aiohttp: an aiohttp 3.10 server that polls partner feeds. Morning revision:
// `%(levelname)-8s %(asctime)s %(name)s:%(lineno)d %(message)s`; after the rollout
// `%(asctime)s.%(msecs)03d %(levelname).1s %(name)s %(message)s` with datefmt `%H:%M:%S`.

function aioText(t: number, rev: 0 | 1, level: 'ERROR' | 'WARNING' | 'INFO', logger: string, lineno: number, msg: string): string {
  return rev === 0
    ? `${level.padEnd(8)} ${commaMillis(t)} ${logger}:${lineno} ${msg}`
    : `${clockMillis(t)} ${level[0]} ${logger} ${msg}`;
}

const AIO_HANDLER: readonly Frame[] = [
  [`${SITE}/aiohttp/web_protocol.py`, 459, '_handle_request', 'resp = await request_handler(request)', '       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^'],
  [`${SITE}/aiohttp/web_app.py`, 537, '_handle', 'resp = await handler(request)', '       ^^^^^^^^^^^^^^^^^^^^^'],
  ['/app/feeds/api.py', 71, 'preview', 'items = await fetch_feed(session, src.url)', '        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^'],
  ['/app/feeds/fetch.py', 18, 'fetch_feed', 'async with session.get(url, timeout=TIMEOUT) as resp:'],
  [`${SITE}/aiohttp/client.py`, 1357, '__aenter__', 'self._resp: _RetType = await self._coro', '                       ^^^^^^^^^^^^^^^^'],
  [`${SITE}/aiohttp/client.py`, 661, '_request', 'conn = await self._connector.connect(', '       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^'],
  [`${SITE}/aiohttp/connector.py`, 1104, '_wrap_create_connection', 'raise client_error(req.connection_key, exc) from exc'],
];

const PARTNERS = ['feeds.partner-news.example', 'rss.harbourtimes.example', 'api.wirecast.example'];

const handlerConnect: Family = {
  name: 'feeds-aiohttp:preview-partner-connect-failed', level: 'ERROR', perDay: [15, 50], burst: 0.3,
  emit: ({ rng, t, rev }) => {
    const host = rng.pick(PARTNERS);
    const ip = `203.0.113.${rng.int(2, 250)}`;
    const last = `aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host ${host}:443 ssl:default [Connect call failed ('${ip}', 443)]`;
    return [{ stream: 'stderr', text: `${aioText(t, rev, 'ERROR', 'aiohttp.server', 421, 'Error handling request')}\n${traceback(AIO_HANDLER, last)}` }];
  },
};

// asyncio's "never retrieved" record: a fire-and-forget refresh task that timed out.
const neverRetrieved: Family = {
  name: 'feeds-aiohttp:refresh-task-timeout-never-retrieved', level: 'ERROR', perDay: [10, 40],
  emit: ({ rng, t, rev }) => {
    const frames: Frame[] = [
      ['/app/feeds/poller.py', 63, 'refresh_source', 'body = await resp.read()', '       ^^^^^^^^^^^^^^^^^'],
      [`${SITE}/aiohttp/client_reqrep.py`, 1180, 'read', 'self._body = await self.content.read()', '             ^^^^^^^^^^^^^^^^^^^^^^^^^'],
      [`${SITE}/aiohttp/streams.py`, 386, 'read', 'block = await self.readany()', '        ^^^^^^^^^^^^^^^^^^^^^^'],
      [`${SITE}/aiohttp/helpers.py`, 671, '__exit__', 'raise asyncio.TimeoutError from exc_val'],
    ];
    const msg = `Task exception was never retrieved\nfuture: <Task finished name='Task-${rng.int(1000, 99999)}' coro=<refresh_source() done, defined at /app/feeds/poller.py:57> exception=TimeoutError()>`;
    return [{ stream: 'stderr', text: `${aioText(t, rev, 'ERROR', 'asyncio', 1821, msg)}\n${traceback(frames, 'TimeoutError')}` }];
  },
};

const unclosedSession: Family = {
  name: 'feeds-aiohttp:unclosed-client-session', level: 'ERROR', perDay: [40, 120],
  emit: ({ rng, t, rev }) => [{ stream: 'stderr', text: `${aioText(t, rev, 'ERROR', 'asyncio', 1821, `Unclosed client session\nclient_session: <aiohttp.client.ClientSession object at 0x7f${rng.hex(10)}>`)}` }],
};

const noPubDate: Family = {
  name: 'feeds-aiohttp:entry-without-pubdate', level: 'WARNING', perDay: [150, 350],
  emit: ({ rng, t, rev }) => [{ stream: 'stderr', text: aioText(t, rev, 'WARNING', 'feeds.parse', 112, `skipping entry without <pubDate> in https://${rng.pick(PARTNERS)}/feed/${rng.lower(6)}.xml (guid=${rng.hex(12)})`) }],
};

// aiohttp's access log goes through the same logger at INFO, whatever the status.
const access: Family = {
  name: 'noise:feeds-aiohttp:access', level: 'INFO', perDay: [300, 600],
  emit: ({ rng, t, rev }) => {
    const status = rng.weighted([[200, 90], [304, 6], [500, 4]] as const);
    const line = `${rng.privateIpv4()} [${clf(t)}] "GET /v1/feeds/${rng.int(1, 900)}/items HTTP/1.1" ${status} ${rng.int(150, 90000)} "-" "${rng.pick(['okhttp/4.12.0', 'Mozilla/5.0 (X11; Linux x86_64)', 'python-httpx/0.27.2'])}"`;
    return [{ stream: 'stderr', text: aioText(t, rev, 'INFO', 'aiohttp.access', 206, line) }];
  },
};

const cycle: Family = {
  name: 'noise:feeds-aiohttp:refresh-cycle', level: 'INFO', perDay: [150, 300],
  emit: ({ rng, t, rev }) => [{ stream: 'stderr', text: aioText(t, rev, 'INFO', 'feeds.poller', 88, `refreshed ${rng.int(20, 80)} sources in ${rng.fixed(1, 30, 1)}s, 0 errors`) }],
};

export const feedsAiohttp: ServiceDef = {
  name: 'feeds-aiohttp', stack: 'Python 3.12, aiohttp 3.10 (server and client)', splitRate: 0.7,
  families: [handlerConnect, neverRetrieved, unclosedSession, noPubDate, access, cycle],
};

