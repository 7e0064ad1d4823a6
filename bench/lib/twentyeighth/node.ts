// The day's Node service: a Moleculer API (moleculer-web gateway and its services in one broker) on
// Moleculer's console logger, then its JSON formatter.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { epochMillis, isoMillis } from './clock.js';
import { containerExit, digits, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// api-moleculer: Node 22, Moleculer 0.14.34 run by moleculer-runner (one node, no transporter: the
// `api` gateway of moleculer-web 0.10 and the `orders`, `inventory`, `reports`, `shipping` services in
// one broker), Sequelize 6 on pg 8 through moleculer-db-adapter-sequelize, to Cloud SQL for PostgreSQL.
// Morning revision: the Console logger with its default `full` formatter on stdout
// (`[2026-12-08T10:00:00.123Z] ERROR api-moleculer-7f3c/API: msg`, the level padded to five, the module
// upper-cased, the arguments joined with spaces and objects through util.inspect). From the rollout
// `logger: { type: "Console", options: { formatter: "json" } }` (`ts`, `level`, `msg`, `nodeID`, `ns`,
// `mod`, `svc`; no severity). moleculer-web logs a 5xx as `   Request error! Name : message \n stack
// \nData: data` and every response as `<= status METHOD url [+N ms]` at info.
const AM = 'api-moleculer';

/** One logger call: `mod` is the module (`broker`, `api`, a service name). */
function mlog(t: number, rev: 0 | 1, node: string, level: 'error' | 'warn' | 'info', mod: string, msg: string): Write {
  if (rev === 0) return { stream: 'stdout', text: `[${isoMillis(t)}] ${level.toUpperCase().padEnd(5)} ${node}/${mod.toUpperCase()}: ${msg}` };
  return { stream: 'stdout', json: { ts: epochMillis(t), level, msg, nodeID: node, ns: '', mod, svc: mod === 'broker' ? undefined : mod } };
}

const nodeOf = (rng: Prng): string => `${AM}-${rng.pick(['7f3c9', '2b81d', 'c04ae', '9e5f1'])}-1`;
const took = (rng: Prng, slow: boolean): string => `[+${(slow ? rng.next() * 3000 + 5000 : rng.next() * 80 + 2).toFixed(3)} ms]`;

// The inventory service's reserve action waits on a row lock past the broker's requestTimeout (5s).
const amReserveTimeout = fam(`${AM}:orders-reserve-request-timeout`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const node = nodeOf(rng);
  const msg = `Request is timed out when call 'inventory.reserve' action on '${node}' node.`;
  const stack = `RequestTimeoutError: ${msg}\n    at /app/node_modules/moleculer/src/middlewares/timeout.js:42:14\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)\n    at async Service.create (/app/services/orders.service.js:58:21)`;
  return [
    mlog(t, rev, node, 'error', 'api', `   Request error! RequestTimeoutError : ${msg} \n ${stack} \nData: { action: 'inventory.reserve', nodeID: '${node}' }`),
    mlog(t + 400, rev, node, 'info', 'api', `<= 504 POST /api/orders ${took(rng, true)}`),
  ];
}, 0.3);

// The reports service's queries exhaust Sequelize's pool (max 5): acquire times out after 60s.
const amAcquireTimeout = fam(`${AM}:reports-sequelize-acquire-timeout`, 'ERROR', [25, 60], ({ rng, t, rev }) => {
  const node = nodeOf(rng);
  const report = rng.pick(['revenue', 'stock-aging', 'returns']);
  const stack = 'ConnectionAcquireTimeoutError [SequelizeConnectionAcquireTimeoutError]: Operation timeout\n    at ConnectionManager.getConnection (/app/node_modules/sequelize/lib/dialects/abstract/connection-manager.js:206:15)\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)\n    at async /app/node_modules/sequelize/lib/sequelize.js:305:26\n    at async PostgresQueryInterface.select (/app/node_modules/sequelize/lib/dialects/abstract/query-interface.js:407:12)\n    at async Report.findAll (/app/node_modules/sequelize/lib/model.js:1140:21)\n    at async Service.build (/app/services/reports.service.js:33:19)';
  return [
    mlog(t, rev, node, 'error', 'api', `   Request error! SequelizeConnectionAcquireTimeoutError : Operation timeout \n ${stack} \nData: undefined`),
    mlog(t + 300, rev, node, 'info', 'api', `<= 500 GET /api/reports/${report}?from=2026-11-${rng.int(10, 30)} ${took(rng, true)}`),
  ];
});

// A carrier rate-limits quotes: the shipping service falls back to a flat rate (frequent).
const amQuoteFallback = fam(`${AM}:shipping-quote-fallback`, 'WARNING', [120, 240], ({ rng, t, rev }) => [
  mlog(t, rev, nodeOf(rng), 'warn', 'shipping', `quote fallback for order ${digits(rng, 7)}: carrier '${rng.pick(['dhl', 'ups', 'dpd'])}' answered ${rng.pick([429, 429, 503])}, using flat rate ${rng.pick(['4.90', '6.90', '9.90'])} EUR`),
]);

// The database is not reachable when an instance starts (the connector sidecar is late): the broker
// cannot start its services and moleculer-runner exits 1.
const amStartRefused = fam(`${AM}:broker-start-db-refused`, 'ERROR', [6, 18], ({ rng, t, rev }) => {
  const node = nodeOf(rng);
  return [
    mlog(t, rev, node, 'error', 'broker', `Unable to start all services. ConnectionRefusedError [SequelizeConnectionRefusedError]: connect ECONNREFUSED 127.0.0.1:5432\n    at Client._connectionCallback (/app/node_modules/sequelize/lib/dialects/postgres/connection-manager.js:133:24)\n    at Client._handleErrorWhileConnecting (/app/node_modules/pg/lib/client.js:327:19)\n    at Client._handleErrorEvent (/app/node_modules/pg/lib/client.js:337:19)\n    at Socket.emit (node:events:518:28) {\n  parent: Error: connect ECONNREFUSED 127.0.0.1:5432\n      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16) {\n    errno: -111,\n    code: 'ECONNREFUSED',\n    syscall: 'connect',\n    address: '127.0.0.1',\n    port: 5432\n  },\n  original: Error: connect ECONNREFUSED 127.0.0.1:5432\n      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16) {\n    errno: -111,\n    code: 'ECONNREFUSED',\n    syscall: 'connect',\n    address: '127.0.0.1',\n    port: 5432\n  }\n}`),
    containerExit(AM, 1),
  ];
});

const amChatter = fam(`noise:${AM}:chatter`, 'INFO', [240, 340], ({ rng, t, rev }) => {
  const node = nodeOf(rng);
  const r = rng.next();
  if (r < 0.06) return [mlog(t, rev, node, 'info', 'broker', rng.pick(['Moleculer v0.14.34 is starting...', `ServiceBroker with ${rng.int(4, 6)} service(s) started successfully in ${rng.int(40, 900)}ms.`, "Service 'orders' started.", 'API Gateway listening on http://0.0.0.0:8080']))];
  if (r < 0.7) {
    const [m, p] = rng.pick([['GET', `/api/orders/${digits(rng, 7)}`], ['POST', '/api/orders'], ['GET', '/api/inventory?sku=SKU-' + rng.upperAlnum(6)], ['GET', '/health']] as const);
    return [mlog(t, rev, node, 'info', 'api', `<= ${rng.pick([200, 200, 201, 304])} ${m} ${p} ${took(rng, false)}`)];
  }
  return [mlog(t, rev, node, 'info', rng.pick(['orders', 'inventory']), rng.pick([`order ${digits(rng, 7)} created (${rng.int(1, 9)} items, 0 errors)`, `reserved ${rng.int(1, 9)} skus in ${rng.int(2, 90)}ms`, 'cache cleared: inventory.**']))];
});

export const apiMoleculer: ServiceDef = {
  name: AM, stack: 'Node 22, Moleculer 0.14.34 (moleculer-runner), moleculer-web 0.10, Sequelize 6 + pg 8', splitRate: 0.65,
  families: [amReserveTimeout, amAcquireTimeout, amQuoteFallback, amStartRefused, amChatter],
};
