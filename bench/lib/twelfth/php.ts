// admin-yii2: PHP 8.2, Yii 2.0.51 (basic template) under php-fpm, a FileTarget on php://stderr. Yii's
// line is `Y-m-d H:i:s [ip][userId][sessionId][level][category] message`; an exception's message is
// PHP's `Class: msg in file:line` + `Stack trace:` + `#N` frames (+ `Next ...` for a chained one), and
// yii\db\Exception appends `Additional Information:` and print_r of the PDO error info. After each
// request with a logged message the target writes the context (`$_GET = [...]`, `$_SERVER = [...]`)
// as one more INFO message of its own. The later revision sets a `prefix` callable (the trace id) and
// `logVars = []`, so no context dump.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { ymdHms } from './clock.js';

const V = '/app/vendor/yiisoft/yii2';

function yii(rng: Prng, t: number, rev: 0 | 1, level: 'error' | 'warning' | 'info', category: string, text: string): Write {
  const prefix = rev === 0 ? `[169.254.1.1][${rng.chance(0.5) ? rng.int(1, 400) : '-'}][${rng.chance(0.5) ? rng.alnum(26).toLowerCase() : '-'}]` : `[${rng.hex(32)}/${rng.int(1, 99999999)}]`;
  return { stream: 'stderr', text: `${ymdHms(t)} ${prefix}[${level}][${category}] ${text}` };
}

/** The request context Yii logs after the error (morning revision only). */
function contextDump(rng: Prng, t: number, route: string, id: number): Write {
  const text = [
    `$_GET = [`, `    'r' => '${route}'`, `    'id' => '${id}'`, `]`, '',
    `$_COOKIE = [`, `    '_csrf' => '${rng.alnum(32)}'`, `    'PHPSESSID' => '${rng.alnum(26).toLowerCase()}'`, `]`, '',
    `$_SERVER = [`, `    'USER' => 'www-data'`, `    'HOME' => '/var/www'`, `    'HTTP_HOST' => 'admin.example.com'`,
    `    'HTTP_X_CLOUD_TRACE_CONTEXT' => '${rng.hex(32)}/${rng.int(1, 99999999)};o=1'`, `    'SCRIPT_FILENAME' => '/app/web/index.php'`,
    `    'REQUEST_METHOD' => 'GET'`, `    'REQUEST_URI' => '/index.php?r=${encodeURIComponent(route)}&id=${id}'`, `    'REQUEST_TIME_FLOAT' => ${(t / 1e6).toFixed(4)}`, `]`,
  ].join('\n');
  return { ...yii(rng, t, 0, 'info', 'application', text), as: { family: 'noise:admin-yii2:request-context', level: 'INFO' } };
}

const connRefused = (): string => [
  `PDOException: SQLSTATE[HY000] [2002] Connection refused in ${V}/db/Connection.php:722`,
  'Stack trace:',
  `#0 ${V}/db/Connection.php(722): PDO->__construct('mysql:host=10.2...', 'admin', Object(SensitiveParameterValue), NULL)`,
  `#1 ${V}/db/Connection.php(637): yii\\db\\Connection->createPdoInstance()`,
  `#2 ${V}/db/Connection.php(1067): yii\\db\\Connection->open()`,
  `#3 ${V}/db/Command.php(261): yii\\db\\Connection->getSlavePdo(true)`,
  `#4 ${V}/db/Command.php(1181): yii\\db\\Command->prepare(true)`,
  `#5 ${V}/db/Command.php(417): yii\\db\\Command->queryInternal('fetch', NULL)`,
  `#6 ${V}/db/Query.php(251): yii\\db\\Command->queryOne()`,
  `#7 ${V}/db/ActiveQuery.php(306): yii\\db\\Query->one(NULL)`,
  '#8 /app/controllers/OrderController.php(64): yii\\db\\ActiveQuery->one()',
  '#9 [internal function]: app\\controllers\\OrderController->actionView(\'4412\')',
  `#10 ${V}/base/InlineAction.php(57): call_user_func_array(Array, Array)`,
  `#11 ${V}/base/Controller.php(178): yii\\base\\InlineAction->runWithParams(Array)`,
  '#12 {main}',
  '',
  `Next yii\\db\\Exception: SQLSTATE[HY000] [2002] Connection refused in ${V}/db/Connection.php:648`,
  'Stack trace:',
  `#0 ${V}/db/Connection.php(1067): yii\\db\\Connection->open()`,
  `#1 ${V}/db/Command.php(261): yii\\db\\Connection->getSlavePdo(true)`,
  '#2 /app/controllers/OrderController.php(64): yii\\db\\ActiveQuery->one()',
  '#3 {main}',
  'Additional Information:',
  'Array',
  '(',
  '    [0] => HY000',
  '    [1] => 2002',
  '    [2] => Connection refused',
  ')',
].join('\n');

const adminFamilies: Family[] = [
  {
    name: 'admin-yii2:db-connection-refused', level: 'ERROR', perDay: [10, 30], burst: 0.4,
    emit: ({ rng, t, rev }) => {
      const id = rng.int(1000, 99999);
      const err = yii(rng, t, rev, 'error', 'yii\\db\\Exception', connRefused().replace("actionView('4412')", `actionView('${id}')`));
      return rev === 0 ? [err, contextDump(rng, t + 400, 'order/view', id)] : [err];
    },
  },
  {
    // A warning turned into an exception by Yii's error handler: the category carries PHP's E_WARNING.
    name: 'admin-yii2:invoice-null-offset', level: 'ERROR', perDay: [8, 25],
    emit: ({ rng, t, rev }) => {
      const id = rng.int(1000, 99999);
      const text = [
        'yii\\base\\ErrorException: Trying to access array offset on value of type null in /app/models/Invoice.php:143',
        'Stack trace:',
        `#0 /app/models/Invoice.php(143): yii\\base\\ErrorHandler->handleError(2, 'Trying to acces...', '/app/models/Inv...', 143)`,
        '#1 /app/controllers/InvoiceController.php(52): app\\models\\Invoice->getTaxLines()',
        `#2 [internal function]: app\\controllers\\InvoiceController->actionPdf('${id}')`,
        `#3 ${V}/base/InlineAction.php(57): call_user_func_array(Array, Array)`,
        '#4 {main}',
      ].join('\n');
      const err = yii(rng, t, rev, 'error', 'yii\\base\\ErrorException:2', text);
      return rev === 0 ? [err, contextDump(rng, t + 300, 'invoice/pdf', id)] : [err];
    },
  },
  {
    name: 'admin-yii2:smtp-slow', level: 'WARNING', perDay: [40, 110],
    emit: ({ rng, t, rev }) => [yii(rng, t, rev, 'warning', 'app\\components\\Mailer', `SMTP relay slow: ${rng.fixed(3, 20, 1)}s to accept the message for order ${rng.int(1000, 99999)}`)],
  },
  {
    name: 'noise:admin-yii2:order-status', level: 'INFO', perDay: [150, 320],
    emit: ({ rng, t, rev }) => [yii(rng, t, rev, 'info', 'application', `Order ${rng.int(1000, 99999)} status changed: ${rng.pick(['paid -> shipped', 'new -> paid', 'shipped -> delivered'])}`)],
  },
];

export const adminYii2: ServiceDef = {
  name: 'admin-yii2', stack: 'PHP 8.2, Yii 2.0.51, php-fpm, MySQL (PDO)', splitRate: 0.8,
  families: adminFamilies,
};
