// Two Node 20 services. storefront: Express with pino (one JSON line a record, numeric `level`, no
// `severity`, so Cloud Run sets none), console.error for a few paths, and V8's crash output when an
// exception escapes. notify: winston; the older revision prints winston's `simple()` text, the newer
// one its default JSON.
import type { Prng } from '../prng.js';
import { time } from './formats.js';
import type { Family, ServiceDef, Write } from './model.js';
import { nodeStack } from './traces.js';

const HOST = 'localhost';
const pino = (t: number, level: number, msg: string, extra: Record<string, unknown> = {}): Write =>
  ({ stream: 'stdout', json: { level, time: time.epochMs(t), pid: 1, hostname: HOST, ...extra, msg } });

const redisAddr = (rng: Prng): string => `10.8.0.${rng.int(2, 9)}:6379`;

function checkoutStack(rng: Prng, sku: string): string {
  return nodeStack(`Error: inventory reservation failed for sku ${sku}`, [
    `reserve (/app/dist/inventory/client.js:${rng.pick([88, 88, 91])}:15)`,
    'process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    'async checkout (/app/dist/routes/checkout.js:41:5)',
  ]);
}

const storefrontFamilies: Family[] = [
  {
    name: 'storefront:redis-refused', level: 'ERROR', perDay: [30, 80], burst: 0.2, spans: [[0.2, 0.35]],
    emit: ({ rng, t }) => {
      const addr = redisAddr(rng);
      const stack = nodeStack(`Error: connect ECONNREFUSED ${addr}`, ['TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16)']);
      if (rng.chance(0.5)) {
        return pino(t, 50, 'cache read failed', { err: { type: 'Error', message: `connect ECONNREFUSED ${addr}`, stack, errno: -111, code: 'ECONNREFUSED', syscall: 'connect' }, key: `cart:${rng.hex(12)}` });
      }
      // console.error('cache read failed', err): util.inspect prints the stack and the own properties.
      const [ip, port] = addr.split(':');
      const props = rng.chance(0.7) ? ` {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '${ip}',\n  port: ${port}\n}` : '';
      return { stream: 'stderr', text: `cache read failed ${stack}${props}` };
    },
  },
  {
    name: 'storefront:checkout-reservation', level: 'ERROR', perDay: [20, 50],
    emit: ({ rng, t }) => {
      const sku = `${rng.upperAlnum(3)}-${rng.int(100, 999)}`;
      return pino(t, 50, 'request errored', {
        req: { id: rng.int(1, 99999), method: 'POST', url: '/api/checkout', remoteAddress: '169.254.169.126' },
        res: { statusCode: 500 },
        err: { type: 'Error', message: `inventory reservation failed for sku ${sku}`, stack: checkoutStack(rng, sku) },
        responseTime: rng.int(20, 4000),
      });
    },
  },
  {
    name: 'storefront:cart-total-crash', level: 'CRITICAL', perDay: [3, 8], burst: 0.3,
    // V8 prints the throwing source line and a caret, then the stack, then the Node version.
    emit: ({ rng }) => ({
      stream: 'stderr',
      text: [
        '/app/dist/cart/total.js:17',
        '  return items.reduce((s, i) => s + i.product.price * i.qty, 0);',
        '                                            ^',
        '',
        nodeStack(`TypeError: Cannot read properties of ${rng.pick(['undefined', 'null'])} (reading 'price')`, [
          '/app/dist/cart/total.js:17:47',
          'Array.reduce (<anonymous>)',
          'computeTotal (/app/dist/cart/total.js:17:16)',
          `Socket.<anonymous> (/app/dist/realtime/cart-socket.js:${rng.pick([33, 34])}:20)`,
          'Socket.emit (node:events:517:28)',
        ]),
        '',
        'Node.js v20.11.1',
      ].join('\n'),
    }),
  },
  {
    name: 'storefront:unhandled-rejection-axios', level: 'CRITICAL', perDay: [2, 6],
    emit: ({ rng }) => ({
      stream: 'stderr',
      text: [
        'node:internal/process/promises:289',
        '            triggerUncaughtException(err, true /* fromPromise */);',
        '            ^',
        '',
        nodeStack(`AxiosError: Request failed with status code ${rng.pick([502, 503, 504])}`, [
          'settle (/app/node_modules/axios/dist/node/axios.cjs:1966:12)',
          'IncomingMessage.handleStreamEnd (/app/node_modules/axios/dist/node/axios.cjs:3065:11)',
          'IncomingMessage.emit (node:events:529:35)',
          'endReadableNT (node:internal/streams/readable:1400:12)',
          'process.processTicksAndRejections (node:internal/process/task_queues:82:21)',
        ]) + ` {\n  code: 'ERR_BAD_RESPONSE',\n  config: { url: 'https://recs.internal/v2/for-user/${rng.int(1, 99999)}', method: 'get', timeout: 2000 }\n}`,
        '',
        'Node.js v20.11.1',
      ].join('\n'),
    }),
  },
  {
    name: 'storefront:max-listeners', level: 'WARNING', perDay: [40, 120],
    emit: ({ rng }) => {
      const first = rng.chance(0.2) ? '\n(Use `node --trace-warnings ...` to show where the warning was created)' : '';
      return { stream: 'stderr', text: `(node:1) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. ${rng.int(11, 40)} error listeners added to [${rng.pick(['TLSSocket', 'Socket'])}]. Use emitter.setMaxListeners() to increase limit${first}` };
    },
  },
  {
    name: 'storefront:payment-declined', level: 'WARNING', perDay: [80, 200],
    emit: ({ rng, t }) => pino(t, 40, 'payment declined', { orderId: `ord_${rng.alnum(14)}`, code: rng.pick(['card_declined', 'insufficient_funds', 'expired_card']) }),
  },
  {
    name: 'noise:storefront-requests', level: 'INFO', perDay: [600, 1000],
    emit: ({ rng, t }) => pino(t, 30, 'request completed', { req: { id: rng.int(1, 99999), method: 'GET', url: rng.pick(['/', '/api/cart', '/api/products?page=' + rng.int(1, 9), '/errors']) }, res: { statusCode: rng.pick([200, 200, 304]) }, responseTime: rng.int(2, 300) }),
  },
  {
    name: 'noise:storefront-retry-budget', level: 'INFO', perDay: [100, 200],
    emit: ({ rng, t }) => pino(t, 30, 'retry budget ok', { errors: 0, budget: rng.int(50, 100) }),
  },
  {
    name: 'noise:storefront-debug', level: 'DEBUG', perDay: [150, 300],
    emit: ({ rng, t }) => pino(t, 20, 'cache lookup', { key: `product:${rng.int(1, 9999)}`, hit: rng.chance(0.8) }),
  },
  {
    name: 'noise:storefront-console', level: 'INFO', perDay: [5, 15],
    emit: ({ rng }) => ({ stream: 'stdout', text: rng.pick(['Server listening on port 8080', `Loaded ${rng.int(100, 900)} products into memory`, 'Connected to Redis']) }),
  },
];

// ---- notify: winston ---------------------------------------------------------------------------

/** winston `format.simple()`: `level: message {json of the rest}`. */
const simple = (level: string, message: string, meta: Record<string, unknown>): Write =>
  ({ stream: level === 'error' || level === 'warn' ? 'stderr' : 'stdout', text: `${level}: ${message} ${JSON.stringify(meta)}` });
/** winston's default `format.json()` (with `format.errors({ stack: true })`). */
const wjson = (level: string, message: string, meta: Record<string, unknown>): Write =>
  ({ stream: 'stdout', json: { level, message, ...meta } });

const winston = (rev: number, level: string, message: string, meta: Record<string, unknown>): Write =>
  (rev === 0 ? simple(level, message, meta) : wjson(level, message, meta));

const notifyFamilies: Family[] = [
  {
    name: 'notify:smtp-mailbox-unavailable', level: 'ERROR', perDay: [20, 60],
    emit: ({ rng, rev }) => winston(rev, 'error', `Failed to send email to ***@${rng.pick(['gmail.com', 'cornell.edu', 'example.org'])}: 550 5.1.1 ${rng.pick(['mailbox unavailable', 'user unknown'])}`, { service: 'notify', template: rng.pick(['welcome', 'receipt', 'reset']), ...(rng.chance(0.5) ? { attempt: rng.int(1, 3) } : {}) }),
  },
  {
    name: 'notify:template-missing', level: 'ERROR', perDay: [10, 30], spans: [[0.55, 0.75]],
    emit: ({ rng, rev }) => {
      const name = rng.pick(['welcome', 'receipt', 'reset', 'digest']);
      const message = `ENOENT: no such file or directory, open '/app/templates/${name}.hbs'`;
      const stack = nodeStack(`Error: ${message}`, ['async open (node:internal/fs/promises:639:25)', 'async Object.readFile (node:internal/fs/promises:1242:14)', 'async render (/app/src/templates.js:22:18)']);
      return rev === 0 ? { stream: 'stderr', text: `error: ${message} {"service":"notify","errno":-2,"code":"ENOENT"}\n${stack.split('\n').slice(1).join('\n')}` } : wjson('error', message, { service: 'notify', errno: -2, code: 'ENOENT', stack });
    },
  },
  {
    name: 'notify:provider-rate-limited', level: 'WARNING', perDay: [100, 250],
    emit: ({ rng, rev }) => winston(rev, 'warn', `Rate limited by provider, backing off ${rng.pick([500, 1000, 2000, 4000])}ms`, { service: 'notify', provider: rng.pick(['sendgrid', 'ses']) }),
  },
  {
    name: 'noise:notify-queued', level: 'INFO', perDay: [300, 600],
    emit: ({ rng, rev }) => winston(rev, 'info', `Email queued for delivery`, { service: 'notify', id: rng.uuid(), errors: [] }),
  },
  {
    name: 'noise:notify-debug', level: 'DEBUG', perDay: [100, 200],
    emit: ({ rng, rev }) => winston(rev, 'debug', `rendered template in ${rng.int(1, 40)}ms`, { service: 'notify' }),
  },
];

export const storefront: ServiceDef = { name: 'storefront', stack: 'Node 20, Express, pino, console.error', splitRate: 0.8, rollout: 0.4, families: storefrontFamilies };
export const notify: ServiceDef = { name: 'notify', stack: 'Node 20, winston (simple() then json())', splitRate: 0.9, rollout: 0.5, families: notifyFamilies };
