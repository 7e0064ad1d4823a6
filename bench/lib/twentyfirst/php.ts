// The PHP service: Craft CMS 5 on the craftcms/nginx image (nginx and php-fpm 8.2 in one container),
// Cloud SQL for MySQL 8, a Cloud Storage bucket for assets.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { fpmTime, isoMicrosOffset, ymdHms } from './clock.js';
import { fam } from './shared.js';

// CRAFT_STREAM_LOG=true sends Craft's Monolog records to stderr. Morning revision: Craft's line format
// `%datetime% [%channel%.%level_name%] [%extra.yii_category%] %message% %context% %extra%` with line
// breaks allowed, an exception's trace in the message over the lines after. After the rollout a
// `monologTargetConfig` with Monolog's JsonFormatter: one JSON object a line (`message`, `context`,
// `level`, `level_name`, `channel`, `datetime`, `extra`); no severity. php-fpm's master writes its own
// `[date] WARNING: [pool www] ...` lines on stderr.
const CR = 'cms-craft';
function craft(rng: Prng, t: number, rev: 0 | 1, channel: string, level: 'ERROR' | 'WARNING' | 'INFO', category: string, msg: string, trace?: readonly string[]): Write {
  const memory = rng.int(4_000_000, 60_000_000);
  if (rev === 0) {
    const body = trace ? `${msg}\nStack trace:\n${trace.map((f, i) => `#${i} ${f}`).join('\n')}` : msg;
    return { stream: 'stderr', text: `${ymdHms(t)} [${channel}.${level}] [${category}] ${body} {"memory":${memory}} ` };
  }
  const code = { ERROR: 400, WARNING: 300, INFO: 200 }[level];
  const context: Record<string, unknown> = trace ? { trace: trace.map((f, i) => `#${i} ${f}`) } : {};
  return { stream: 'stderr', json: { message: msg, context, level: code, level_name: level, channel, datetime: isoMicrosOffset(t), extra: { yii_category: category, memory } } };
}
const V = '/app/vendor';
const dbTimeout = [
  `${V}/yiisoft/yii2/db/Connection.php(648): PDO->__construct('mysql:host=10.2...', 'craft', Object(SensitiveParameterValue), Array)`,
  `${V}/craftcms/cms/src/db/Connection.php(219): yii\\db\\Connection->open()`,
  `${V}/yiisoft/yii2/db/Connection.php(1066): craft\\db\\Connection->open()`,
  `${V}/yiisoft/yii2/db/Command.php(1305): yii\\db\\Connection->getSlavePdo(true)`,
  `${V}/craftcms/cms/src/db/Query.php(267): yii\\db\\Command->queryOne()`,
  `${V}/craftcms/cms/src/elements/db/ElementQuery.php(1660): craft\\db\\Query->one(NULL)`,
  `${V}/craftcms/cms/src/services/Elements.php(628): craft\\elements\\db\\ElementQuery->one()`,
  `${V}/craftcms/cms/src/web/UrlManager.php(319): craft\\services\\Elements->getElementByUri('news/spring-sal...', 1, true)`,
  '{main}',
];
const twigAsset = [
  `${V}/twig/twig/src/Template.php(402): __TwigTemplate_8c2f1d0e7a->doDisplay(Array, Array)`,
  `${V}/craftcms/cms/src/web/View.php(505): Twig\\Template->render(Array)`,
  `${V}/craftcms/cms/src/controllers/TemplatesController.php(111): craft\\web\\View->renderPageTemplate('_entries/articl...', Array, 'site')`,
  `${V}/yiisoft/yii2/base/InlineAction.php(57): craft\\controllers\\TemplatesController->actionRender('_entries/articl...', Array)`,
  '{main}',
];
export const cmsCraft: ServiceDef = {
  name: CR, stack: 'Craft CMS 5.5 (PHP 8.2, Yii 2, Monolog 3, Twig 3) on the craftcms/nginx image (nginx + php-fpm), Cloud SQL for MySQL 8', splitRate: 0.6,
  families: [
    fam(`${CR}:db-connect-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => [
      craft(rng, t, rev, 'web', 'ERROR', 'yii\\db\\Exception', 'PDOException: SQLSTATE[HY000] [2002] Connection timed out in /app/vendor/yiisoft/yii2/db/Connection.php:648', dbTimeout),
    ], 0.5),
    fam(`${CR}:twig-asset-null`, 'ERROR', [15, 35], ({ rng, t, rev }) => [
      craft(rng, t, rev, 'web', 'ERROR', 'Twig\\Error\\RuntimeError', `Twig\\Error\\RuntimeError: An exception has been thrown during the rendering of a template ("Call to a member function getUrl() on null") in "_entries/article.twig" at line ${rev === 0 ? 42 : 44}. in /app/templates/_entries/article.twig:${rev === 0 ? 42 : 44}`, twigAsset),
    ]),
    fam(`${CR}:queue-memory`, 'ERROR', [5, 15], ({ rng, t, rev }) => [
      craft(rng, t, rev, 'queue', 'ERROR', 'craft\\queue\\QueueLogBehavior::afterError', `[${rng.int(10000, 99999)}] Generating pending image transforms (attempt: 1, pid: ${rng.int(20, 300)}) - Error (time: ${rng.fixed(2, 40, 3)}s): Allowed memory size of 268435456 bytes exhausted (tried to allocate ${rng.pick([20480, 65536, 4194304])} bytes)`),
    ]),
    fam(`${CR}:template-not-found`, 'WARNING', [150, 300], ({ rng, t, rev }) => [
      craft(rng, t, rev, 'web', 'WARNING', 'yii\\web\\HttpException:404', `yii\\web\\NotFoundHttpException: Template not found: ${rng.pick(['wp-login.php', '.env', 'xmlrpc.php', 'wp-admin/setup-config.php', 'news/old-article'])} in /app/vendor/craftcms/cms/src/controllers/TemplatesController.php:98`),
    ]),
    fam(`${CR}:fpm-max-children`, 'WARNING', [10, 25], ({ t }) => [
      { stream: 'stderr', text: `[${fpmTime(t)}] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it` },
    ]),
    fam(`noise:${CR}:info`, 'INFO', [250, 450], ({ rng, t, rev }) => [
      craft(rng, t, rev, rng.pick(['web', 'queue']), 'INFO', rng.pick(['craft\\queue\\QueueLogBehavior::afterExecute', 'craft\\services\\Search::indexElementAttributes']), rng.pick([
        `[${rng.int(10000, 99999)}] Updating search indexes (attempt: 1, pid: ${rng.int(20, 300)}) - Done (time: ${rng.fixed(0.01, 2, 3)}s)`,
        `Indexed ${rng.int(1, 60)} element attributes (errors=0)`,
      ])),
    ]),
  ],
};
