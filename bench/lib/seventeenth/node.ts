// A PDF renderer on Node 20, Express 4 and Puppeteer 23 (Chrome's stderr passed through with
// `dumpio: true`): `console.error('render failed', url, err)` on the morning revision, the Cloud Run
// structured-logging sample after (`console.log(JSON.stringify({ severity, message, component,
// 'logging.googleapis.com/trace' }))`, the stack inside `message`).
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { chromeTime } from './clock.js';
import { cloudTrace, fam } from './shared.js';

const PC = '/app/node_modules/puppeteer-core/lib/cjs/puppeteer';
const url = (c: Ctx): string => `https://app.heron.example/invoices/${c.rng.int(100000, 999999)}/print`;

function failure(c: Ctx, u: string, stack: string): Write {
  if (c.rev === 0) return { stream: 'stderr', text: `render failed ${u} ${stack}` };
  return { stream: 'stdout', json: { severity: 'ERROR', message: `render failed for ${u}: ${stack}`, component: 'render', 'logging.googleapis.com/trace': cloudTrace(c.rng) } };
}

const ok = fam('noise:pdf-puppeteer:rendered', 'INFO', [300, 500], (c) => {
  const text = `rendered invoice-${c.rng.int(100000, 999999)}.pdf (${c.rng.int(1, 30)} pages, ${c.rng.int(40, 900)} KB) in ${c.rng.fixed(0.8, 9, 1)}s`;
  return [c.rev ? { stream: 'stdout', json: { severity: 'INFO', message: text, component: 'render', 'logging.googleapis.com/trace': cloudTrace(c.rng) } } : { stream: 'stdout', text }];
});

const navTimeout = fam('pdf-puppeteer:navigation-timeout', 'ERROR', [20, 50], (c) => [failure(c, url(c), [
  'TimeoutError: Navigation timeout of 30000 ms exceeded',
  `    at new Deferred (${PC}/util/Deferred.js:60:34)`,
  `    at Deferred.create (${PC}/util/Deferred.js:21:16)`,
  `    at new LifecycleWatcher (${PC}/cdp/LifecycleWatcher.js:73:60)`,
  `    at CdpFrame.goto (${PC}/cdp/Frame.js:149:29)`,
  `    at CdpFrame.<anonymous> (${PC}/util/decorators.js:98:27)`,
  `    at CdpPage.goto (${PC}/api/Page.js:574:43)`,
  '    at renderPdf (/app/src/render.js:27:16)',
  '    at async /app/src/server.js:18:17',
].join('\n'))], 0.2);

const targetClosed = fam('pdf-puppeteer:print-target-closed', 'ERROR', [8, 20], (c) => [failure(c, url(c), [
  'TargetCloseError: Protocol error (Page.printToPDF): Target closed',
  `    at CallbackRegistry.clear (${PC}/common/CallbackRegistry.js:85:36)`,
  `    at CdpCDPSession._onClosed (${PC}/cdp/CDPSession.js:113:25)`,
  `    at Connection.onMessage (${PC}/cdp/Connection.js:132:25)`,
  `    at WebSocket.<anonymous> (${PC}/node/NodeWebSocketTransport.js:52:32)`,
  '    at callListener (/app/node_modules/ws/lib/event-target.js:290:14)',
  '    at WebSocket.onMessage (/app/node_modules/ws/lib/event-target.js:209:9)',
  '    at WebSocket.emit (node:events:519:28)',
].join('\n'))]);

const launch = fam('pdf-puppeteer:browser-launch-no-sandbox', 'ERROR', [3, 8], (c) => [failure(c, url(c), [
  'Error: Failed to launch the browser process!',
  `[${chromeTime(c.t)}:ERROR:zygote_host_impl_linux.cc(100)] Running as root without --no-sandbox is not supported. See https://crbug.com/638180.`,
  '',
  '',
  'TROUBLESHOOTING: https://pptr.dev/troubleshooting',
  '',
  '    at ChildProcess.onClose (/app/node_modules/@puppeteer/browsers/lib/cjs/launch.js:318:24)',
  '    at ChildProcess.emit (node:events:531:35)',
  '    at ChildProcess._handle.onexit (node:internal/child_process:294:12)',
].join('\n'))]);

// Chrome's own LOG(ERROR) lines, printed at every launch in a container with no D-Bus.
const dbus = fam('pdf-puppeteer:chrome-dbus-missing', 'ERROR', [40, 90], (c) => [{
  stream: 'stderr', text: `[${chromeTime(c.t)}:ERROR:bus.cc(407)] Failed to connect to the bus: Failed to connect to socket /run/dbus/system_bus_socket: No such file or directory`,
}]);

export const pdfPuppeteer: ServiceDef = {
  name: 'pdf-puppeteer', stack: 'Node 20, Express 4, Puppeteer 23 (Chrome for Testing, `dumpio: true`)', splitRate: 0.7,
  families: [ok, navTimeout, targetClosed, launch, dbus],
};
