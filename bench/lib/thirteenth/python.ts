// Python services: a Pyramid wiki served by waitress (pserve's ini logging), and a Bottle shop whose
// container ran web and worker under honcho on the morning revision (every line prefixed by honcho).
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { hmsOnly, pyAsctime, wsgirefTime } from './clock.js';

const PAGES = ['FrontPage', 'Onboarding', 'OnCallRunbook', 'ReleaseNotes2026', 'PostgresTuning', 'TeamCharter'];
const PY = '/usr/local/lib/python3.12/site-packages';

// pserve's generated ini: `%(asctime)s %(levelname)-5.5s [%(name)s:%(lineno)s][%(threadName)s] %(message)s`
// (levelname cut to five letters: `WARNI`), then `[%(levelname)s] %(name)s: %(message)s` after the rollout.
function pyramidLine(t: number, rev: 0 | 1, level: string, logger: string, line: number, thread: string, msg: string): string {
  return rev === 0
    ? `${pyAsctime(t)} ${level.padEnd(5).slice(0, 5)} [${logger}:${line}][${thread}] ${msg}`
    : `[${level}] ${logger}: ${msg}`;
}

const pageSaveTrace = (rng: Prng, page: string): string => [
  'Traceback (most recent call last):',
  `  File "${PY}/waitress/channel.py", line 428, in service`,
  '    task.service()',
  `  File "${PY}/waitress/task.py", line 168, in service`,
  '    self.execute()',
  `  File "${PY}/pyramid/router.py", line 270, in invoke_request`,
  '    response = handle_request(request)',
  `  File "${PY}/pyramid_tm/__init__.py", line 178, in tm_tween`,
  '    reraise(*exc_info)',
  '  File "/app/wiki/views/edit.py", line 64, in save_page',
  '    request.dbsession.flush()',
  `  File "${PY}/sqlalchemy/engine/default.py", line 941, in do_execute`,
  '    cursor.execute(statement, parameters)',
  'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) server closed the connection unexpectedly',
  '\tThis probably means the server terminated abnormally',
  '\tbefore or while processing the request.',
  '',
  '[SQL: UPDATE pages SET data=%(data)s, revision=%(revision)s WHERE pages.id = %(pages_id)s]',
  `[parameters: {'data': '= ${page} =\\n...', 'revision': ${rng.int(2, 90)}, 'pages_id': ${rng.int(1, 4000)}}]`,
  '(Background on this error at: https://sqlalche.me/e/20/e3q8)',
].join('\n');

const renderTrace = (): string => [
  'Traceback (most recent call last):',
  `  File "${PY}/waitress/channel.py", line 428, in service`,
  '    task.service()',
  `  File "${PY}/pyramid/renderers.py", line 446, in render`,
  '    result = renderer(value, system_values)',
  `  File "${PY}/pyramid_jinja2/__init__.py", line 265, in __call__`,
  '    return template.render(system)',
  '  File "/app/wiki/templates/page.jinja2", line 12, in top-level template code',
  '    <p class="byline">last edited by {{ page.editor.display_name }}</p>',
  `  File "${PY}/jinja2/environment.py", line 485, in getattr`,
  '    return getattr(obj, attribute)',
  "jinja2.exceptions.UndefinedError: 'None' has no attribute 'display_name'",
].join('\n');

export const wikiPyramid: ServiceDef = {
  name: 'wiki-pyramid', stack: 'Python 3.12, Pyramid 2, waitress 3, SQLAlchemy 2 + psycopg2, Jinja2', splitRate: 0.75,
  families: [
    {
      // waitress's channel logs the path only: the header names no error.
      name: 'wiki-pyramid:page-save-connection-closed', level: 'ERROR', perDay: [20, 45], burst: 0.3,
      emit: ({ rng, t, rev }) => {
        const page = rng.pick(PAGES);
        return [{ stream: 'stderr', text: `${pyramidLine(t, rev, 'ERROR', 'waitress', 435, `waitress-${rng.int(0, 3)}`, `Exception while serving /wiki/${page}/edit`)}\n${pageSaveTrace(rng, page)}` }];
      },
    },
    {
      // The same header on another route with another error: its own problem.
      name: 'wiki-pyramid:page-render-undefined-editor', level: 'ERROR', perDay: [8, 20],
      emit: ({ rng, t, rev }) => {
        const page = rng.pick(PAGES);
        return [{ stream: 'stderr', text: `${pyramidLine(t, rev, 'ERROR', 'waitress', 435, `waitress-${rng.int(0, 3)}`, `Exception while serving /wiki/${page}`)}\n${renderTrace()}` }];
      },
    },
    {
      // waitress's own warning when every worker thread is busy.
      name: 'wiki-pyramid:task-queue-depth', level: 'WARNING', perDay: [120, 260],
      emit: ({ rng, t, rev }) => [{ stream: 'stderr', text: pyramidLine(t, rev, 'WARNING', 'waitress.queue', 117, 'MainThread', `Task queue depth is ${rng.int(1, 9)}`) }],
    },
    {
      name: 'noise:wiki-pyramid:page-rendered', level: 'INFO', perDay: [200, 400],
      emit: ({ rng, t, rev }) => [{ stream: 'stderr', text: pyramidLine(t, rev, 'INFO', 'wiki.views', 88, `waitress-${rng.int(0, 3)}`, `page ${rng.pick(PAGES)} rendered in ${rng.int(3, 90)} ms, error_count=0`) }],
    },
    {
      name: 'noise:wiki-pyramid:serving', level: 'INFO', perDay: [4, 12],
      emit: ({ t, rev }) => [{ stream: 'stderr', text: pyramidLine(t, rev, 'INFO', 'waitress', 486, 'MainThread', 'Serving on http://0.0.0.0:8080') }],
    },
  ],
};

// honcho prints `HH:MM:SS name | line`, the name padded to the longest process name, one write per line.
const honcho = (t: number, proc: 'web.1' | 'worker.1' | 'system', line: string): string => `${hmsOnly(t)} ${proc.padEnd(8)} | ${line}`;

const redisRefused = 'redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused.';

/** A multi-line text as the morning revision's honcho prints it (one write per line, an INFO line of the
 * worker sometimes among them) or as the later revision writes it (one write). */
function viaHoncho(rng: Prng, t: number, rev: 0 | 1, proc: 'web.1' | 'worker.1', text: string, stream: 'stdout' | 'stderr'): Write[] {
  if (rev === 1) return [{ stream, text }];
  const out: Write[] = [];
  const lines = text.split('\n');
  const intrude = proc === 'web.1' && rng.chance(0.3) ? rng.int(1, lines.length - 1) : -1;
  lines.forEach((line, i) => {
    if (i === intrude) out.push({ stream: 'stdout', text: honcho(t, 'worker.1', `INFO:shop.worker:synced ${rng.int(20, 400)} SKUs, errors=0`), as: { family: 'noise:shop-bottle:stock-synced', level: 'INFO' } });
    out.push({ stream: 'stdout', text: honcho(t, proc, line) });
  });
  return out;
}

// Bottle's catch-all writes the bare traceback to wsgi.errors: no header, no level.
const cartTrace = (): string => [
  'Traceback (most recent call last):',
  `  File "${PY}/bottle.py", line 876, in _handle`,
  '    return route.call(**args)',
  `  File "${PY}/bottle.py", line 1759, in wrapper`,
  '    rv = callback(*a, **ka)',
  '  File "/app/shop/views.py", line 41, in cart',
  `    items = cache.hgetall(f"cart:{cart_id}")`,
  `  File "${PY}/redis/commands/core.py", line 4960, in hgetall`,
  '    return self.execute_command("HGETALL", name, keys=[name])',
  `  File "${PY}/redis/connection.py", line 357, in connect`,
  '    raise ConnectionError(self._error_message(e))',
  redisRefused,
].join('\n');

const checkoutTrace = (): string => [
  'Traceback (most recent call last):',
  `  File "${PY}/bottle.py", line 876, in _handle`,
  '    return route.call(**args)',
  `  File "${PY}/bottle.py", line 1759, in wrapper`,
  '    rv = callback(*a, **ka)',
  '  File "/app/shop/views.py", line 77, in checkout',
  "    sku = line['sku']",
  "KeyError: 'sku'",
].join('\n');

const syncTrace = (): string => [
  'ERROR:shop.worker:stock sync failed',
  'Traceback (most recent call last):',
  '  File "/app/shop/worker.py", line 52, in sync_stock',
  '    pipe.execute()',
  `  File "${PY}/redis/client.py", line 1525, in execute`,
  '    conn = self.connection_pool.get_connection("MULTI")',
  `  File "${PY}/redis/connection.py", line 357, in connect`,
  '    raise ConnectionError(self._error_message(e))',
  redisRefused,
].join('\n');

const access = (rng: Prng, t: number, method: string, path: string, status: number): string =>
  `169.254.1.1 - - [${wsgirefTime(t)}] "${method} ${path} HTTP/1.1" ${status} ${status >= 500 ? 741 : rng.int(200, 9000)}`;

function webAccess(rng: Prng, t: number, rev: 0 | 1, method: string, path: string, status: number): Write {
  const line = access(rng, t, method, path, status);
  return { stream: 'stderr', text: rev === 0 ? honcho(t, 'web.1', line) : line, as: { family: 'noise:shop-bottle:access', level: 'INFO' } };
}

export const shopBottle: ServiceDef = {
  name: 'shop-bottle', stack: 'Python 3.12, Bottle 0.13 on wsgiref, redis-py, honcho (morning revision)', splitRate: 0.7,
  families: [
    {
      // The cart route's Redis failure, and the worker's (below): one error, two call sites, two problems.
      name: 'shop-bottle:cart-redis-refused', level: 'ERROR', perDay: [20, 50], burst: 0.35,
      emit: ({ rng, t, rev }) => {
        const cart = rng.hex(12);
        return [...viaHoncho(rng, t, rev, 'web.1', cartTrace(), 'stderr'), webAccess(rng, t, rev, 'GET', `/cart/${cart}`, 500)];
      },
    },
    {
      name: 'shop-bottle:checkout-missing-sku', level: 'ERROR', perDay: [6, 16],
      emit: ({ rng, t, rev }) => [...viaHoncho(rng, t, rev, 'web.1', checkoutTrace(), 'stderr'), webAccess(rng, t, rev, 'POST', '/checkout', 500)],
    },
    {
      name: 'shop-bottle:stock-sync-redis-refused', level: 'ERROR', perDay: [10, 30],
      emit: ({ rng, t, rev }) => viaHoncho(rng, t, rev, 'worker.1', syncTrace(), 'stdout'),
    },
    {
      // A varying list in the message.
      name: 'shop-bottle:unknown-skus', level: 'WARNING', perDay: [80, 200],
      emit: ({ rng, t, rev }) => {
        const skus = Array.from({ length: rng.int(1, 4) }, () => `'${rng.pick(['TT', 'BP', 'SL', 'HK'])}-${rng.int(100, 999)}'`);
        const line = `WARNING:shop.worker:stock feed returned ${skus.length} unknown SKUs: [${skus.join(', ')}]`;
        return [{ stream: 'stdout', text: rev === 0 ? honcho(t, 'worker.1', line) : line }];
      },
    },
    {
      name: 'noise:shop-bottle:access', level: 'INFO', perDay: [250, 450],
      emit: ({ rng, t, rev }) => [webAccess(rng, t, rev, 'GET', rng.pick(['/', '/products', `/products/${rng.int(100, 999)}`, `/cart/${rng.hex(12)}`]), rng.pick([200, 200, 200, 304]))],
    },
    {
      name: 'noise:shop-bottle:stock-synced', level: 'INFO', perDay: [100, 200],
      emit: ({ rng, t, rev }) => {
        const line = `INFO:shop.worker:synced ${rng.int(20, 400)} SKUs, errors=0`;
        return [{ stream: 'stdout', text: rev === 0 ? honcho(t, 'worker.1', line) : line }];
      },
    },
    {
      name: 'noise:shop-bottle:honcho', level: 'INFO', perDay: [4, 10],
      emit: ({ rng, t, rev }) => rev === 0
        ? [{ stream: 'stdout', text: honcho(t, 'system', `${rng.pick(['web.1', 'worker.1'])} started (pid=${rng.int(8, 40)})`) }]
        : [{ stream: 'stderr', text: 'Bottle v0.13.2 server starting up (using WSGIRefServer())...\nListening on http://0.0.0.0:8080/\nHit Ctrl-C to quit.\n' }],
    },
  ] satisfies Family[],
};
