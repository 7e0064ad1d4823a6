// The day's PHP service: Drupal 10 on the official php:8.3-apache image, its log channels through the
// monolog module to stderr (Monolog's LineFormatter, then its JsonFormatter), Apache's own error log for
// what PHP itself reports, Apache's combined access log on stdout.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { apacheErrorTime, clfTime, monologTime } from './clock.js';
import { as, fam, peer } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// cms-drupal: Drupal 10.3 (PHP 8.3, mod_php, prefork), drupal/monolog 3 with a StreamHandler on
// `php://stderr`, Cloud SQL for MySQL 8 over the `/cloudsql` socket, the aggregator module pulling partner
// feeds. Morning revision: Monolog's LineFormatter default `[%datetime%] %channel%.%level_name%: %message%
// %context% %extra%` (the module's processors fill `extra`; Drupal's exception records carry the
// backtrace string, which the default `allowInlineLineBreaks = false` puts on the one line). From the
// rollout the monolog.formatter.json service
// (Monolog's JsonFormatter: `message`, `context`, `level`, `level_name`, `channel`, `datetime`,
// `extra`, one line). PHP's fatal errors, which Drupal cannot log, come from Apache's error log
// (`[php:error]`). Every request's combined access line on stdout.
const CM = 'cms-drupal';
const HOST = 'cms.tidewater.example';
const LEVELS: Record<string, number> = { INFO: 200, NOTICE: 250, WARNING: 300, ERROR: 400, CRITICAL: 500 };

function monolog(rng: Prng, t: number, rev: 0 | 1, channel: string, level: string, message: string, uri: string): Write {
  const extra = { uid: rng.chance(0.8) ? '0' : String(rng.int(1, 40)), request_uri: `https://${HOST}${uri}`, ip: rng.publicIpv4(), referer: '' };
  if (rev === 0) return { stream: 'stderr', text: `[${monologTime(t)}] ${channel}.${level}: ${message.replace(/\r?\n/g, ' ')} [] ${JSON.stringify(extra).replace(/\//g, '\\/')}` };
  return { stream: 'stderr', json: { message, context: {}, level: LEVELS[level], level_name: level, channel, datetime: monologTime(t), extra } };
}

function accessLine(rng: Prng, t: number, method: string, uri: string, status: number): Write {
  return { stream: 'stdout', text: `${peer(rng)} - - [${clfTime(t)}] "${method} ${uri} HTTP/1.1" ${status} ${status >= 500 ? rng.int(600, 900) : rng.int(2000, 90000)} "-" "${rng.pick(['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Googlebot/2.1 (+http://www.google.com/bot.html)'])}"` };
}

const backtrace = (frames: string[]): string => frames.map((f, i) => `#${i} ${f}`).join('\n');
const KERNEL = [
  '/var/www/html/core/lib/Drupal/Core/DrupalKernel.php(718): Drupal\\Core\\StackMiddleware\\StackedHttpKernel->handle(Object(Symfony\\Component\\HttpFoundation\\Request), 1, true)',
  '/var/www/html/index.php(19): Drupal\\Core\\DrupalKernel->handle(Object(Symfony\\Component\\HttpFoundation\\Request))',
  '{main}',
];

const nodeUri = (rng: Prng): string => rng.pick([`/node/${rng.int(1, 4000)}`, `/news/${rng.pick(['harbour-works', 'ferry-timetable-winter', 'council-meeting', 'beach-cleanup'])}-${rng.int(2020, 2026)}`, '/events', '/']);

// The Cloud SQL socket is not there yet when a fresh instance takes its first requests.
const cmSocket = fam(`${CM}:db-socket-missing`, 'ERROR', [30, 80], ({ rng, t, rev }) => {
  const uri = nodeUri(rng);
  const msg = `PDOException: SQLSTATE[HY000] [2002] No such file or directory in Drupal\\mysql\\Driver\\Database\\mysql\\Connection::open() (line 150 of /var/www/html/core/modules/mysql/src/Driver/Database/mysql/Connection.php). ${backtrace([
    '/var/www/html/core/modules/mysql/src/Driver/Database/mysql/Connection.php(150): PDO->__construct(\'mysql:unix_sock...\', \'drupal\', Object(SensitiveParameterValue), Array)',
    '/var/www/html/core/lib/Drupal/Core/Database/Database.php(438): Drupal\\mysql\\Driver\\Database\\mysql\\Connection::open(Array)',
    '/var/www/html/core/lib/Drupal/Core/Database/Database.php(201): Drupal\\Core\\Database\\Database::openConnection(\'default\', \'default\')',
    '/var/www/html/core/lib/Drupal/Core/Database/Database.php(441): Drupal\\Core\\Database\\Database::getConnection()',
    ...KERNEL,
  ])}`;
  return [monolog(rng, t, rev, 'php', 'ERROR', msg, uri), as(accessLine(rng, t + 2000, 'GET', uri, 500), `${CM}:db-socket-missing`, 'ERROR')];
}, 0.4);

// Concurrent renders write the same cache rows; MySQL picks a deadlock victim.
const cmDeadlock = fam(`${CM}:cache-render-deadlock`, 'ERROR', [25, 70], ({ rng, t, rev }) => {
  const uri = nodeUri(rng);
  const cid = `entity_view:node:${rng.int(1, 4000)}:full:[languages:language_interface]=en:[theme]=tidewater:[user.permissions]=${rng.hex(64)}`;
  const msg = `Drupal\\Core\\Database\\DatabaseExceptionWrapper: SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction: INSERT INTO "cache_render" ("cid", "expire", "created", "tags", "checksum", "data", "serialized") VALUES (:db_insert_placeholder_0, :db_insert_placeholder_1, :db_insert_placeholder_2, :db_insert_placeholder_3, :db_insert_placeholder_4, :db_insert_placeholder_5, :db_insert_placeholder_6) ON DUPLICATE KEY UPDATE "cid" = VALUES("cid"), "expire" = VALUES("expire"), "created" = VALUES("created"), "tags" = VALUES("tags"), "checksum" = VALUES("checksum"), "data" = VALUES("data"), "serialized" = VALUES("serialized"); Array\n(\n    [:db_insert_placeholder_0] => ${cid}\n    [:db_insert_placeholder_1] => -1\n    [:db_insert_placeholder_2] => ${Math.floor(t / 1e6)}.${rng.int(100, 999)}\n    [:db_insert_placeholder_3] => config:filter.format.basic_html node:${rng.int(1, 4000)} node_view rendered user:${rng.int(1, 40)}\n    [:db_insert_placeholder_4] => ${rng.int(10, 900)}\n    [:db_insert_placeholder_5] => a:3:{s:7:"#markup";...}\n    [:db_insert_placeholder_6] => 1\n)\n in Drupal\\Core\\Cache\\DatabaseBackend->doSetMultiple() (line 236 of /var/www/html/core/lib/Drupal/Core/Cache/DatabaseBackend.php). ${backtrace([
    '/var/www/html/core/lib/Drupal/Core/Database/ExceptionHandler.php(39): Drupal\\mysql\\Driver\\Database\\mysql\\ExceptionHandler->handleExecutionException(Object(PDOException), Object(Drupal\\Core\\Database\\StatementWrapperIterator), Array, Array)',
    '/var/www/html/core/lib/Drupal/Core/Cache/DatabaseBackend.php(236): Drupal\\Core\\Database\\Query\\Upsert->execute()',
    '/var/www/html/core/lib/Drupal/Core/Render/RenderCache.php(123): Drupal\\Core\\Cache\\DatabaseBackend->set(\'entity_view:nod...\', Array, -1, Array)',
    ...KERNEL,
  ])}`;
  return [monolog(rng, t, rev, 'php', 'ERROR', msg, uri), as(accessLine(rng, t + 2000, 'GET', uri, 500), `${CM}:cache-render-deadlock`, 'ERROR')];
});

// An editor's title longer than the column: the entity layer wraps the database's exception.
const cmTitle = fam(`${CM}:node-title-too-long`, 'ERROR', [12, 35], ({ rng, t, rev }) => {
  const type = rng.pick(['article', 'event', 'page']);
  const msg = `Drupal\\Core\\Entity\\EntityStorageException: SQLSTATE[22001]: String data, right truncated: 1406 Data too long for column 'title' at row 1: INSERT INTO "node_field_data" ("nid", "vid", "type", "langcode", "status", "uid", "title", "created", "changed", "promote", "sticky", "default_langcode", "revision_translation_affected") VALUES (:db_insert_placeholder_0, ...); Array\n(\n    [:db_insert_placeholder_0] => ${rng.int(4000, 5000)}\n    [:db_insert_placeholder_2] => ${type}\n    [:db_insert_placeholder_6] => ${'Harbour '.repeat(rng.int(33, 40)).trim()}\n)\n in Drupal\\Core\\Entity\\Sql\\SqlContentEntityStorage->save() (line 817 of /var/www/html/core/lib/Drupal/Core/Entity/Sql/SqlContentEntityStorage.php). ${backtrace([
    '/var/www/html/core/lib/Drupal/Core/Entity/EntityBase.php(354): Drupal\\Core\\Entity\\Sql\\SqlContentEntityStorage->save(Object(Drupal\\node\\Entity\\Node))',
    '/var/www/html/core/modules/node/src/NodeForm.php(306): Drupal\\Core\\Entity\\EntityBase->save()',
    '/var/www/html/core/lib/Drupal/Core/Form/FormSubmitter.php(116): Drupal\\node\\NodeForm->save(Array, Object(Drupal\\Core\\Form\\FormState))',
    ...KERNEL,
  ])}`;
  const uri = `/node/add/${type}`;
  return [monolog(rng, t, rev, 'php', 'ERROR', msg, uri), as(accessLine(rng, t + 2000, 'POST', uri, 500), `${CM}:node-title-too-long`, 'ERROR')];
});

const cmThemeKey = fam(`${CM}:theme-undefined-field-hero`, 'WARNING', [150, 300], ({ rng, t, rev }) => [
  monolog(rng, t, rev, 'php', 'WARNING', 'Warning: Undefined array key "field_hero" in tidewater_preprocess_node() (line 88 of /var/www/html/themes/custom/tidewater/tidewater.theme).', nodeUri(rng)),
]);

// What PHP reports itself: the memory limit on the admin content listing, in Apache's error log.
const cmMemory = fam(`${CM}:php-memory-exhausted`, 'ERROR', [10, 30], ({ rng, t }) => [
  { stream: 'stderr', text: `[${apacheErrorTime(t)}] [php:error] [pid ${rng.int(20, 300)}] [client ${peer(rng)}:${rng.int(30000, 60000)}] PHP Fatal error:  Allowed memory size of 268435456 bytes exhausted (tried to allocate ${rng.pick([4096, 20480, 262144])} bytes) in /var/www/html/core/lib/Drupal/Core/Database/StatementWrapperIterator.php on line 113, referer: https://${HOST}/admin/content?page=${rng.int(1, 90)}` },
  as(accessLine(rng, t + 1000, 'GET', `/admin/content?type=All&items_per_page=${rng.pick([200, 500])}`, 500), `${CM}:php-memory-exhausted`, 'ERROR'),
]);

const cmFeed = fam(`${CM}:aggregator-feed-timeout`, 'WARNING', [40, 90], ({ rng, t, rev }) => {
  const [name, url] = rng.pick([['Port authority notices', 'https://port.partner.example/notices.rss'], ['Ferry status', 'https://ferries.partner.example/status/feed.xml'], ['Weather warnings', 'https://wx.partner.example/warnings/rss']] as const);
  return [monolog(rng, t, rev, 'aggregator', 'WARNING', `The feed from ${name} seems to be broken because of error "cURL error 28: Operation timed out after ${rng.int(30000, 30010)} milliseconds with 0 bytes received (see https://curl.haxx.se/libcurl/c/libcurl_errors.html) for ${url}".`, '/cron/' + rng.base64url(43))];
});

const cmChatter = fam(`noise:${CM}:chatter`, 'INFO', [320, 470], ({ rng, t, rev }) => {
  const r = rng.next();
  if (r < 0.75) return [accessLine(rng, t, rng.chance(0.9) ? 'GET' : 'POST', rng.chance(0.8) ? nodeUri(rng) : rng.pick(['/user/login', '/admin/content', '/sites/default/files/styles/large/public/2026-12/hero.jpg']), rng.pick([200, 200, 200, 304, 302, 404]))];
  if (r < 0.9) return [monolog(rng, t, rev, 'cron', 'INFO', 'Cron run completed.', `/cron/${rng.base64url(43)}`)];
  return [monolog(rng, t, rev, 'user', 'INFO', `Session opened for ${rng.pick(['editor1', 'harbourmaster', 'webteam'])}.`, '/user/login')];
});

export const cmsDrupal: ServiceDef = {
  name: CM, stack: 'PHP 8.3 on php:8.3-apache, Drupal 10.3, drupal/monolog 3 (LineFormatter then JsonFormatter), Cloud SQL for MySQL 8', splitRate: 0.6,
  families: [cmSocket, cmDeadlock, cmTitle, cmThemeKey, cmMemory, cmFeed, cmChatter],
};

