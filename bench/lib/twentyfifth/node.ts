// The day's Node services: a Playwright render service on Express, and a product catalogue on Express and
// Mongoose (MongoDB Atlas) logging through bunyan, then through @google-cloud/logging-bunyan.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';
import { containerExit, digits, traceOf } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// scrape-playwright: Node 20, Express 4, Playwright 1.48 on the mcr.microsoft.com/playwright image. The
// morning revision writes `console.error('render %s failed:', url, err)` (Node's inspect of the error is
// its stack, Playwright's call log inside the message); the later one writes one JSON line a record
// with `severity`, `message`, `stack` and the request's trace.
const PW = 'scrape-playwright';

const SITES = ['https://shop.acme-outdoor.com/p/', 'https://www.lumen-furniture.eu/products/', 'https://store.northwind-tea.co.uk/item/', 'https://catalog.brightbikes.de/bike/'];
const pageUrl = (rng: Prng): string => `${rng.pick(SITES)}${rng.lower(rng.int(5, 9))}-${digits(rng, 4)}`;
const renderFrames = (rev: 0 | 1): string => rev === 0
  ? '    at renderPdf (/app/src/render.js:41:16)\n    at async /app/src/server.js:27:17'
  : '    at renderPdf (/app/src/render.js:44:16)\n    at async handleRender (/app/src/server.js:31:19)';

const pwError = (rng: Prng, rev: 0 | 1, url: string, head: string, body: string): Write => {
  const stack = `${head}${body}\n${renderFrames(rev)}`;
  if (rev === 0) return { stream: 'stderr', text: `render ${url} failed: ${stack}` };
  const message = `render failed: ${head.replace(/^[A-Za-z]*Error: /, '')}${body}`;
  return { stream: 'stdout', json: { severity: 'ERROR', message, url, stack, 'logging.googleapis.com/trace': traceOf(rng) } };
};

const callLog = (url: string): string => `\nCall log:\n  - navigating to "${url}", waiting until "load"\n`;

const pwGotoTimeout: Family = {
  name: `${PW}:goto-timeout`, level: 'ERROR', perDay: [40, 90],
  emit: ({ rng, rev }) => { const url = pageUrl(rng); return [pwError(rng, rev, url, 'TimeoutError: page.goto: Timeout 30000ms exceeded.', callLog(url))]; },
};

const pwDns: Family = {
  name: `${PW}:dns-not-resolved`, level: 'ERROR', perDay: [15, 40],
  emit: ({ rng, rev }) => {
    const url = `https://${rng.pick(['shop.old-acme-outdoor.com', 'www.lumenfurniture-eu.com', 'store.northwindtea.net'])}/p/${digits(rng, 4)}`;
    return [pwError(rng, rev, url, `Error: page.goto: net::ERR_NAME_NOT_RESOLVED at ${url}`, callLog(url))];
  },
};

const pwClosed: Family = {
  name: `${PW}:target-closed`, level: 'ERROR', perDay: [10, 30],
  emit: ({ rng, rev }) => [pwError(rng, rev, pageUrl(rng), 'Error: page.pdf: Target page, context or browser has been closed', '')],
};

// The image ships Chromium only; the morning revision's mobile preview asks for WebKit. Fixed by the
// rollout (the Dockerfile installs webkit too).
const WEBKIT_BOX = [
  '╔═════════════════════════════════════════════════════════════════════════╗',
  '║ Looks like Playwright Test or Playwright was just installed or updated. ║',
  '║ Please run the following command to download new browsers:              ║',
  '║                                                                         ║',
  '║     npx playwright install                                              ║',
  '║                                                                         ║',
  '║ <3 Playwright Team                                                      ║',
  '╚═════════════════════════════════════════════════════════════════════════╝',
].join('\n');
const pwWebkitMissing: Family = {
  name: `${PW}:webkit-missing`, level: 'ERROR', perDay: [20, 50],
  emit: ({ rng, rev }) => (rev === 1 ? [] : [{
    stream: 'stderr',
    text: `render ${pageUrl(rng)}?view=mobile failed: Error: browserType.launch: Executable doesn't exist at /ms-playwright/webkit-2092/pw_run.sh\n${WEBKIT_BOX}\n    at launchWebkit (/app/src/browsers.js:18:32)\n    at async renderPreview (/app/src/render.js:77:19)\n    at async /app/src/server.js:35:17`,
  }]),
};

const pwSlow: Family = {
  name: `${PW}:slow-render`, level: 'WARNING', perDay: [150, 300],
  emit: ({ rng, rev }) => {
    const url = pageUrl(rng);
    const ms = rng.int(8001, 26000);
    return [rev === 0
      ? { stream: 'stderr', text: `slow render ${url}: ${ms}ms (budget 8000ms)` }
      : { stream: 'stdout', json: { severity: 'WARNING', message: `slow render: ${ms}ms (budget 8000ms)`, url, 'logging.googleapis.com/trace': traceOf(rng) } }];
  },
};

const pwRendered: Family = {
  name: `noise:${PW}:rendered`, level: 'INFO', perDay: [300, 450],
  emit: ({ rng, rev }) => {
    const url = pageUrl(rng);
    const ms = rng.int(900, 7900);
    const bytes = rng.int(40_000, 900_000);
    return [rev === 0
      ? { stream: 'stdout', text: `rendered ${url} -> pdf in ${ms}ms (${bytes} bytes, console errors=0)` }
      : { stream: 'stdout', json: { severity: 'INFO', message: `rendered pdf in ${ms}ms`, url, bytes, consoleErrors: 0, 'logging.googleapis.com/trace': traceOf(rng) } }];
  },
};

const pwStart: Family = {
  name: `noise:${PW}:start`, level: 'INFO', perDay: [6, 16],
  emit: () => [{ stream: 'stdout', text: 'chromium 130.0.6723.31 launched (headless shell)' }, { stream: 'stdout', text: 'render service listening on :8080' }],
};

export const scrapePlaywright: ServiceDef = {
  name: PW, stack: 'Node 20, Express 4, Playwright 1.48', splitRate: 0.62,
  families: [pwGotoTimeout, pwDns, pwClosed, pwWebkitMissing, pwSlow, pwRendered, pwStart],
};

// ---------------------------------------------------------------------------------------------------
// catalog-mongoose: Node 20, Express 4, Mongoose 8.8 (MongoDB driver 6.10) on MongoDB Atlas. The morning
// revision logs with bunyan's own JSON (numeric `level`, `err` from the standard serializer, no
// severity); the later one through @google-cloud/logging-bunyan 5 with `redirectToStdout: true,
// useMessageField: false`: the same record, `msg` moved to `message` (or, for an error, the error's
// stack as `message` with `msg` kept), `severity`, `timestamp`, the trace and an insert id.
const CM = 'catalog-mongoose';

interface Bunyan { level: number; msg: string; fields?: Record<string, unknown>; err?: { message: string; name: string; stack: string; code?: number } }
const SEVERITY: Record<number, string> = { 60: 'CRITICAL', 50: 'ERROR', 40: 'WARNING', 30: 'INFO' };

function bunyanLine(rng: Prng, t: number, rev: 0 | 1, r: Bunyan, withReq = true): Write {
  const record: Record<string, unknown> = { name: 'catalog', hostname: 'localhost', pid: 1 };
  if (withReq) record.req_id = rng.uuid();
  record.level = r.level;
  if (r.err) record.err = r.err;
  Object.assign(record, r.fields ?? {});
  record.msg = r.msg;
  record.time = isoMillis(t);
  record.v = 0;
  if (rev === 0) return { stream: 'stdout', json: record };
  if (r.err) {
    record.message = r.err.stack;
    record.serviceContext = { service: CM };
  } else {
    record.message = r.msg;
    delete record.msg;
  }
  return {
    stream: 'stdout',
    json: { ...record, 'logging.googleapis.com/insertId': `..........${rng.base64url(8)}`, 'logging.googleapis.com/trace': traceOf(rng), severity: SEVERITY[r.level], timestamp: isoMillis(t) },
  };
}

const sku = (rng: Prng): string => `SKU-${digits(rng, 5)}`;

const cmDuplicate: Family = {
  name: `${CM}:duplicate-sku`, level: 'ERROR', perDay: [25, 60],
  emit: ({ rng, t, rev }) => {
    const s = sku(rng);
    const message = `E11000 duplicate key error collection: catalog.products index: sku_1 dup key: { sku: "${s}" }`;
    const stack = `MongoServerError: ${message}\n    at InsertOneOperation.execute (/app/node_modules/mongodb/lib/operations/insert.js:51:19)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n    at async tryOperation (/app/node_modules/mongodb/lib/operations/execute_operation.js:203:20)\n    at async executeOperation (/app/node_modules/mongodb/lib/operations/execute_operation.js:73:16)\n    at async Collection.insertOne (/app/node_modules/mongodb/lib/collection.js:157:16)`;
    return [bunyanLine(rng, t, rev, { level: 50, msg: 'create product failed', fields: { sku: s }, err: { message, name: 'MongoServerError', stack, code: 11000 } })];
  },
};

const cmTimeout: Family = {
  name: `${CM}:list-network-timeout`, level: 'ERROR', perDay: [20, 50], burst: 0.3,
  emit: ({ rng, t, rev }) => {
    const message = `connection ${rng.int(3, 40)} to 35.${rng.int(180, 199)}.${rng.int(0, 255)}.${rng.int(1, 254)}:27017 timed out`;
    const stack = `MongoNetworkTimeoutError: ${message}\n    at Socket.<anonymous> (/app/node_modules/mongodb/lib/cmap/connection.js:529:31)\n    at Object.onceWrapper (node:events:633:28)\n    at Socket.emit (node:events:519:28)\n    at Socket._onTimeout (node:net:590:8)\n    at listOnTimeout (node:internal/timers:581:17)\n    at process.processTimers (node:internal/timers:519:7)`;
    return [bunyanLine(rng, t, rev, { level: 50, msg: 'list products failed', fields: { page: rng.int(1, 40) }, err: { message, name: 'MongoNetworkTimeoutError', stack } })];
  },
};

// Atlas's IP access list does not hold the egress address of a new instance (no Cloud NAT yet): the
// connect at start fails and the process exits.
const ATLAS_MSG = "Could not connect to any servers in your MongoDB Atlas cluster. One common reason is that you're trying to access the database from an IP that isn't whitelisted. Make sure your current IP address is on your Atlas cluster's IP whitelist: https://www.mongodb.com/docs/atlas/security-whitelist/";
const cmAtlas: Family = {
  name: `${CM}:atlas-unreachable`, level: 'CRITICAL', perDay: [4, 10],
  emit: ({ rng, t, rev }) => {
    const stack = `MongooseServerSelectionError: ${ATLAS_MSG}\n    at _handleConnectionErrors (/app/node_modules/mongoose/lib/connection.js:1110:11)\n    at NativeConnection.openUri (/app/node_modules/mongoose/lib/connection.js:1041:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n    at async main (/app/src/index.js:14:3)`;
    return [bunyanLine(rng, t, rev, { level: 60, msg: 'mongo connect failed', err: { message: ATLAS_MSG, name: 'MongooseServerSelectionError', stack } }, false), containerExit(CM, 1)];
  },
};

const cmSlow: Family = {
  name: `${CM}:slow-search`, level: 'WARNING', perDay: [120, 260],
  emit: ({ rng, t, rev }) => {
    const ms = rng.int(1500, 9000);
    return [bunyanLine(rng, t, rev, { level: 40, msg: `slow search: ${ms}ms, collection scan on products (no index on tags)`, fields: { q: { tags: rng.pick(['tent', 'stove', 'kayak', 'lamp', 'sofa']) }, ms } })];
  },
};

// Printed by Node's process warning on every start: the connection options still pass useNewUrlParser.
const cmDeprecation: Family = {
  name: `${CM}:driver-deprecated-option`, level: 'WARNING', perDay: [6, 16],
  emit: () => [{
    stream: 'stderr',
    text: '(node:1) [MONGODB DRIVER] Warning: useNewUrlParser is a deprecated option: useNewUrlParser has no effect since Node.js Driver version 4.0.0 and will be removed in the next major version\n(Use `node --trace-warnings ...` to show where the warning was created)',
  }],
};

const cmRequests: Family = {
  name: `noise:${CM}:request-done`, level: 'INFO', perDay: [300, 450],
  emit: ({ rng, t, rev }) => [bunyanLine(rng, t, rev, { level: 30, msg: 'request done', fields: { method: 'GET', url: `/products?page=${rng.int(1, 40)}`, status: 200, ms: rng.int(4, 90) } })],
};

const cmSync: Family = {
  name: `noise:${CM}:sync`, level: 'INFO', perDay: [20, 30],
  emit: ({ rng, t, rev }) => [bunyanLine(rng, t, rev, { level: 30, msg: `catalog sync finished: ${rng.int(1500, 2200)} products, errors=0`, fields: { job: 'sync' } }, false)],
};

const cmStart: Family = {
  name: `noise:${CM}:start`, level: 'INFO', perDay: [6, 16],
  emit: ({ rng, t, rev }) => {
    const out: Write[] = [bunyanLine(rng, t, rev, { level: 30, msg: 'mongo connected', fields: { db: 'catalog' } }, false)];
    if (rev === 1) out.push({ stream: 'stdout', json: { 'logging.googleapis.com/diagnostic': { instrumentation_source: [{ name: 'nodejs-bunyan', version: '5.1.0' }, { name: 'nodejs', version: '11.2.0' }] }, severity: 'INFO', timestamp: isoMillis(t) } });
    out.push(bunyanLine(rng, t, rev, { level: 30, msg: 'listening on 8080' }, false));
    return out;
  },
};

export const catalogMongoose: ServiceDef = {
  name: CM, stack: 'Node 20, Express 4, Mongoose 8.8 on MongoDB Atlas, bunyan then @google-cloud/logging-bunyan', splitRate: 0.6,
  families: [cmDuplicate, cmTimeout, cmAtlas, cmSlow, cmDeprecation, cmRequests, cmSync, cmStart],
};
