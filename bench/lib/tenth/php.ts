// legacy-cakephp: PHP 8.3, CakePHP 5.0, logging to the container's stderr through ConsoleLog. The morning
// revision uses the default formatter (`Y-m-d H:i:s level: message`), where ErrorLogger writes an
// exception as `[Class] message in file on line N`, the request (`Request URL:`, `Referer URL:`,
// `Client IP:`), then `Stack Trace:` and `- file:line` frames (the shapes pasted in MISP/MISP#763,
// phpmyadmin/error-reporting-server#80, cakephp/cakephp#17599), and a PHP warning as
// `Warning (2): text in [file, line N]`. The later revision sets CakePHP 5's JsonFormatter:
// `{"date", "level", "message"}` with the same multi-line message inside.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { atom, ymdHms } from './clock.js';
import { familyOf } from './family.js';

const S = 'legacy-cakephp';
const fam = familyOf(S);
const CAKE = '/var/www/html/vendor/cakephp/cakephp/src';

function log(ctx: Ctx, level: 'info' | 'warning' | 'error', message: string): Write {
  if (ctx.rev === 0) return { stream: 'stderr', text: `${ymdHms(ctx.t)} ${level}: ${message}` };
  return { stream: 'stderr', json: { date: atom(ctx.t), level, message } };
}

const request = (ctx: Ctx, url: string): string[] => [`Request URL: ${url}`, ...(ctx.rng.chance(0.5) ? [`Referer URL: https://shop.example.org${ctx.rng.pick(['/', '/cart'])}`] : []), `Client IP: ${ctx.rng.publicIpv4()}`];

const MIDDLEWARE = [
  `- ${CAKE}/Http/Runner.php:82`,
  `- ${CAKE}/Routing/Middleware/RoutingMiddleware.php:117`,
  `- ${CAKE}/Http/Runner.php:82`,
  `- ${CAKE}/Error/Middleware/ErrorHandlerMiddleware.php:115`,
  `- ${CAKE}/Http/Runner.php:60`,
  `- ${CAKE}/Http/Server.php:104`,
  '- /var/www/html/webroot/index.php:37',
];

function exception(ctx: Ctx, cls: string, msg: string, file: string, line: number, url: string, top: string[]): Write {
  return log(ctx, 'error', [`[${cls}] ${msg} in ${file} on line ${line}`, ...request(ctx, url), 'Stack Trace:', ...top, ...MIDDLEWARE].join('\n'));
}

export const legacyCakephp: ServiceDef = {
  name: S, stack: 'PHP 8.3, CakePHP 5.0 (ConsoleLog), PostgreSQL', splitRate: 0.76,
  families: [
    // Scanners asking for paths no route matches; CakePHP logs each at error.
    fam('missing-route', 'ERROR', [60, 160], (ctx) => {
      const path = ctx.rng.pick(['/wp-login.php', '/.git/config', '/phpmyadmin/index.php', '/admin/config.php', '/.env']);
      return [exception(ctx, 'Cake\\Routing\\Exception\\MissingRouteException', `A route matching \`${path}\` could not be found.`, `${CAKE}/Routing/RouteCollection.php`, 192, path, [
        `- ${CAKE}/Routing/Router.php:438`,
        `- ${CAKE}/Routing/Middleware/RoutingMiddleware.php:109`,
      ])];
    }),
    fam('db-connection-refused', 'ERROR', [8, 22], (ctx) => {
      const ip = `10.30.0.${ctx.rng.int(2, 9)}`;
      const url = ctx.rng.pick(['/orders', `/orders/view/${ctx.rng.int(1000, 99999)}`, '/cart/checkout']);
      return [exception(ctx, 'Cake\\Database\\Exception\\MissingConnectionException',
        `Connection to Postgres could not be established: SQLSTATE[08006] [7] connection to server at "${ip}", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?`,
        `${CAKE}/Database/Driver.php`, 203, url, [
          `- ${CAKE}/Database/Driver/Postgres.php:106`,
          `- ${CAKE}/Database/Driver.php:387`,
          `- ${CAKE}/Database/Query.php:278`,
          `- ${CAKE}/ORM/Query/SelectQuery.php:611`,
          '- /var/www/html/src/Controller/OrdersController.php:44',
          `- ${CAKE}/Controller/Controller.php:505`,
          `- ${CAKE}/Controller/ControllerFactory.php:166`,
        ])];
    }, 0.35),
    // Frequent, and real: a cart posted without its coupon field.
    fam('undefined-coupon-key', 'WARNING', [100, 260], (ctx) => [log(ctx, 'warning', [
      'Warning (2): Undefined array key "coupon" in [/var/www/html/src/Controller/CartController.php, line 88]',
      ...request(ctx, '/cart/apply'),
    ].join('\n'))]),
    fam('mailer', 'INFO', [200, 420], (ctx) => [log(ctx, 'info', `mailer: sent order confirmation #${ctx.rng.int(40000, 99999)} (bounced=0, errors=0)`)]),
  ],
};
