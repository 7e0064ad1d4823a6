// PHP service of the seventh day: a quotes API on Slim 4 under php-fpm. Slim's ErrorMiddleware logs every
// error it renders (404s included) as its plain-text block (`Slim Application Error`, `Type:`, `Code:`,
// `Message:`, `File:`, `Line:`, `Trace:`, then the `Tips:` line). Morning revision: through PHP's
// `error_log()` to stderr (`[dd-Mon-yyyy HH:MM:SS UTC] ` before the first line); after the rollout
// through a Monolog 3 logger with GoogleCloudLoggingFormatter (`severity`, `time`; Cloud Run lifts both).
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { clf, fpmTime, isoMicrosOffset, phpErrorLogTime } from './clock.js';

const TIPS = 'Tips: To display error details in HTTP response set "displayErrorDetails" to true in the ErrorHandler constructor.';

interface SlimError { type: string; code: number; message: string; file: string; line: number; trace: readonly string[] }

function slimBlock(e: SlimError): string {
  const trace = [...e.trace, '{main}'].map((f, i) => `#${i} ${f}`).join('\n');
  return `Slim Application Error\nType: ${e.type}\nCode: ${e.code}\nMessage: ${e.message}\nFile: ${e.file}\nLine: ${e.line}\nTrace: ${trace}\n${TIPS}`;
}

function slimWrite(t: number, rev: 0 | 1, e: SlimError): Write {
  const block = slimBlock(e);
  if (rev === 0) return { stream: 'stderr', text: `[${phpErrorLogTime(t)}] ${block}` };
  // RFC3339_EXTENDED: milliseconds.
  const time = isoMicrosOffset(t).replace(/(\.\d{3})\d{3}/, '$1');
  return { stream: 'stderr', json: { message: block, context: {}, channel: 'quotes', extra: {}, severity: 'ERROR', time } };
}

const V = '/var/www/vendor';
const SLIM_STACK = [
  `${V}/slim/slim/Slim/Handlers/Strategies/RequestResponse.php(38): App\\Action\\QuoteAction->__invoke(Object(Slim\\Psr7\\Request), Object(Slim\\Psr7\\Response), Array)`,
  `${V}/slim/slim/Slim/Routing/Route.php(363): Slim\\Handlers\\Strategies\\RequestResponse->__invoke(Array, Object(Slim\\Psr7\\Request), Object(Slim\\Psr7\\Response), Array)`,
  `${V}/slim/slim/Slim/MiddlewareDispatcher.php(73): Slim\\Routing\\Route->handle(Object(Slim\\Psr7\\Request))`,
  `${V}/slim/slim/Slim/Routing/Route.php(321): Slim\\MiddlewareDispatcher->handle(Object(Slim\\Psr7\\Request))`,
  `${V}/slim/slim/Slim/Routing/RouteRunner.php(74): Slim\\Routing\\Route->run(Object(Slim\\Psr7\\Request))`,
  `${V}/slim/slim/Slim/Middleware/ErrorMiddleware.php(76): Slim\\Routing\\RouteRunner->handle(Object(Slim\\Psr7\\Request))`,
  `${V}/slim/slim/Slim/App.php(209): Slim\\Middleware\\ErrorMiddleware->process(Object(Slim\\Psr7\\Request), Object(Slim\\Routing\\RouteRunner))`,
  '/var/www/public/index.php(31): Slim\\App->run()',
];

const pdoRefused: Family = {
  name: 'quotes-slim:pdo-connection-refused', level: 'ERROR', perDay: [20, 60], burst: 0.4,
  emit: ({ rng, t, rev }) => [slimWrite(t, rev, {
    type: 'PDOException', code: 2002, message: 'SQLSTATE[HY000] [2002] Connection refused', file: '/var/www/src/Infrastructure/Db.php', line: 21,
    trace: [
      `/var/www/src/Infrastructure/Db.php(21): PDO->__construct('mysql:host=10.3...', 'quotes', Object(SensitiveParameterValue), Array)`,
      '/var/www/src/Repository/QuoteRepository.php(18): App\\Infrastructure\\Db::connect()',
      `/var/www/src/Action/QuoteAction.php(${rng.pick([27, 27, 34])}): App\\Repository\\QuoteRepository->latest('${rng.pick(['EURUSD', 'GBPUSD', 'USDJPY'])}')`,
      ...SLIM_STACK,
    ],
  })],
};

const fxTimeout: Family = {
  name: 'quotes-slim:fx-rates-curl-timeout', level: 'ERROR', perDay: [10, 35],
  emit: ({ rng, t, rev }) => {
    const ms = rng.int(5000, 5004);
    return [slimWrite(t, rev, {
      type: 'GuzzleHttp\\Exception\\ConnectException', code: 0,
      message: `cURL error 28: Operation timed out after ${ms} milliseconds with 0 bytes received (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://fx.internal.example/v2/latest?base=${rng.pick(['EUR', 'USD', 'GBP'])}`,
      file: `${V}/guzzlehttp/guzzle/src/Handler/CurlFactory.php`, line: 275,
      trace: [
        `${V}/guzzlehttp/guzzle/src/Handler/CurlFactory.php(205): GuzzleHttp\\Handler\\CurlFactory::createRejection(Object(GuzzleHttp\\Handler\\EasyHandle), Array)`,
        `${V}/guzzlehttp/guzzle/src/Handler/CurlFactory.php(157): GuzzleHttp\\Handler\\CurlFactory::finishError(Object(GuzzleHttp\\Handler\\CurlHandler), Object(GuzzleHttp\\Handler\\EasyHandle), Object(GuzzleHttp\\Handler\\CurlFactory))`,
        `${V}/guzzlehttp/guzzle/src/Handler/CurlHandler.php(47): GuzzleHttp\\Handler\\CurlFactory::finish(Object(GuzzleHttp\\Handler\\CurlHandler), Object(GuzzleHttp\\Handler\\EasyHandle), Object(GuzzleHttp\\Handler\\CurlFactory))`,
        `${V}/guzzlehttp/promises/src/Promise.php(251): GuzzleHttp\\Handler\\CurlHandler->__invoke(Object(GuzzleHttp\\Psr7\\Request), Array)`,
        '/var/www/src/Service/FxRates.php(33): GuzzleHttp\\Client->get(\'/v2/latest\', Array)',
        ...SLIM_STACK,
      ],
    })];
  },
};

// Slim logs its own 404s through the same handler: frequent, and the text says it is an error.
const notFound: Family = {
  name: 'quotes-slim:route-not-found', level: 'ERROR', perDay: [100, 250],
  emit: ({ t, rev }) => [slimWrite(t, rev, {
    type: 'Slim\\Exception\\HttpNotFoundException', code: 404, message: 'Not found.', file: `${V}/slim/slim/Slim/Middleware/RoutingMiddleware.php`, line: 76,
    trace: [
      `${V}/slim/slim/Slim/Routing/RouteRunner.php(62): Slim\\Middleware\\RoutingMiddleware->performRouting(Object(Slim\\Psr7\\Request))`,
      `${V}/slim/slim/Slim/Middleware/ErrorMiddleware.php(76): Slim\\Routing\\RouteRunner->handle(Object(Slim\\Psr7\\Request))`,
      `${V}/slim/slim/Slim/App.php(209): Slim\\Middleware\\ErrorMiddleware->process(Object(Slim\\Psr7\\Request), Object(Slim\\Routing\\RouteRunner))`,
      '/var/www/public/index.php(31): Slim\\App->run()',
    ],
  })],
};

const maxChildren: Family = {
  name: 'quotes-slim:fpm-max-children-reached', level: 'WARNING', perDay: [40, 120],
  emit: ({ rng, t }) => [{ stream: 'stderr', text: `[${fpmTime(t)}] WARNING: [pool www] server reached pm.max_children setting (${rng.pick([5, 5, 8])}), consider raising it` }],
};

// php-fpm's access log, `%R - %u %t "%m %r%Q%q" %s`: no level, 500s included.
const fpmAccess: Family = {
  name: 'noise:quotes-slim:fpm-access', level: 'INFO', perDay: [300, 600],
  emit: ({ rng, t }) => {
    const status = rng.weighted([[200, 85], [404, 10], [500, 5]] as const);
    return [{ stream: 'stdout', text: `${privateIp(rng)} -  ${clf(t)} "GET /index.php" ${status}` }];
  },
};

const privateIp = (rng: Prng): string => `169.254.${rng.int(1, 8)}.${rng.int(1, 254)}`;

export const quotesSlim: ServiceDef = {
  name: 'quotes-slim', stack: 'PHP 8.3, Slim 4, php-fpm, PDO MySQL, Guzzle 7, Monolog 3', splitRate: 0.75,
  families: [pdoRefused, fxTimeout, notFound, maxChildren, fpmAccess],
};
