// An API gateway on hapi with hapi-pino: pino-pretty on the morning revision (the header line, then the
// serialized objects as indented JSON on lines of their own, the stack indented inside `"stack":`),
// pino's JSON after (the error under `err`); an unhandled rejection ends the process.
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { epochMillis, hmsMillis } from './clock.js';

const PINO_LEVEL = { INFO: 30, WARN: 40, ERROR: 50 } as const;
type PLevel = keyof typeof PINO_LEVEL;

interface Err { type: string; message: string; stack: string; own?: Record<string, string | number> }

/** pino-pretty's rendering of a nested object: JSON indented by 4, a stack broken over its own lines. */
function prettyObject(key: string, obj: Record<string, unknown>): string[] {
  const out = [`    ${key}: {`];
  const entries = Object.entries(obj);
  entries.forEach(([k, v], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    if (k === 'stack' && typeof v === 'string') {
      out.push(`      "stack":`);
      for (const l of v.split('\n')) out.push(`          ${l}`);
    } else {
      out.push(`      "${k}": ${JSON.stringify(v)}${comma}`);
    }
  });
  out.push('    }');
  return out;
}

function pino(rng: Prng, t: number, rev: 0 | 1, level: PLevel, msg: string, objects: Record<string, Record<string, unknown>>): Write {
  if (rev === 0) {
    const lines = [`[${hmsMillis(t)}] ${level.padStart(5)} (1 on localhost): ${msg}`];
    for (const [k, v] of Object.entries(objects)) lines.push(...prettyObject(k, v));
    return { stream: 'stdout', text: lines.join('\n') };
  }
  void rng;
  return { stream: 'stdout', json: { level: PINO_LEVEL[level], time: epochMillis(t), pid: 1, hostname: 'localhost', ...objects, msg } };
}

const req = (rng: Prng, t: number, method: string, url: string): Record<string, unknown> => ({
  id: `${epochMillis(t)}:localhost:1:${rng.lower(8)}:${rng.int(1, 9999)}`, method, url, remoteAddress: '169.254.1.1',
});

const errObj = (e: Err): Record<string, unknown> => ({ type: e.type, message: e.message, stack: e.stack, ...e.own });

const redisRefused = (rng: Prng): Err => {
  const ip = `10.8.0.${rng.int(2, 30)}`;
  return {
    type: 'Error', message: `connect ECONNREFUSED ${ip}:6379`,
    stack: `Error: connect ECONNREFUSED ${ip}:6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)`,
    own: { errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: ip, port: 6379 },
  };
};

const planTypeError = (): Err => ({
  type: 'TypeError', message: "Cannot read properties of undefined (reading 'plan')",
  stack: [
    "TypeError: Cannot read properties of undefined (reading 'plan')",
    '    at handler (/app/src/routes/entitlements.js:27:42)',
    '    at exports.Manager.execute (/app/node_modules/@hapi/hapi/lib/toolkit.js:60:33)',
    '    at Object.internals.handler (/app/node_modules/@hapi/hapi/lib/handler.js:46:20)',
    '    at exports.execute (/app/node_modules/@hapi/hapi/lib/handler.js:31:36)',
    '    at Request._lifecycle (/app/node_modules/@hapi/hapi/lib/request.js:370:68)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  ].join('\n'),
});

// Node's report of an unhandled rejection: the first lines point into Node's own source, not the error.
const rejection = (): string => [
  'node:internal/process/promises:391',
  '    triggerUncaughtException(err, true /* fromPromise */);',
  '    ^',
  '',
  'Error: getaddrinfo ENOTFOUND auth.internal.tern.dev',
  '    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:120:26) {',
  '  errno: -3008,',
  "  code: 'ENOTFOUND',",
  "  syscall: 'getaddrinfo',",
  "  hostname: 'auth.internal.tern.dev'",
  '}',
  '',
  'Node.js v20.18.0',
].join('\n');

const ROUTES = ['/v1/profile', '/v1/orders', '/v1/entitlements', '/v1/catalog'];

export const gatewayHapi: ServiceDef = {
  name: 'gateway-hapi', stack: 'Node 20, hapi 21, hapi-pino, pino-pretty (morning revision), ioredis', splitRate: 0.75,
  families: [
    {
      // One header (`request error`) over two different errors: two problems.
      name: 'gateway-hapi:session-redis-refused', level: 'ERROR', perDay: [20, 50], burst: 0.4,
      emit: ({ rng, t, rev }) => [pino(rng, t, rev, 'ERROR', 'request error', { req: req(rng, t, 'get', rng.pick(ROUTES)), err: errObj(redisRefused(rng)) })],
    },
    {
      name: 'gateway-hapi:entitlements-undefined-plan', level: 'ERROR', perDay: [8, 20],
      emit: ({ rng, t, rev }) => [pino(rng, t, rev, 'ERROR', 'request error', { req: req(rng, t, 'get', '/v1/entitlements'), err: errObj(planTypeError()) })],
    },
    {
      name: 'gateway-hapi:auth-host-unresolved-crash', level: 'CRITICAL', perDay: [2, 5],
      emit: () => [
        { stream: 'stderr', text: rejection() },
        { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'gateway-hapi:container-exit-1', level: 'WARNING' } },
      ],
    },
    {
      name: 'gateway-hapi:upstream-slow', level: 'WARNING', perDay: [100, 240],
      emit: ({ rng, t, rev }) => [pino(rng, t, rev, 'WARN', 'upstream slow', { upstream: { name: rng.pick(['billing', 'catalog', 'orders']), ms: rng.int(1500, 9000), budgetMs: 1500 } })],
    },
    {
      name: 'noise:gateway-hapi:request-completed', level: 'INFO', perDay: [200, 400],
      emit: ({ rng, t, rev }) => [pino(rng, t, rev, 'INFO', 'request completed', {
        req: req(rng, t, 'get', rng.pick(ROUTES)), res: { statusCode: rng.pick([200, 200, 304, 404]) }, timing: { responseTime: rng.int(2, 400), errors: 0 },
      })],
    },
  ] satisfies Family[],
};
