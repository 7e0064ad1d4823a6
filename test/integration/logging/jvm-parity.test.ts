// A gateway's JVM records split into one entry per line (Reactor's checkpoint block, Netty's leak report,
// an exception with no frames), two instances interleaved: the same problems through a Cloud Logging
// server, read with the real client over gRPC, as through a gcloud export written newest first. The
// lines of these records that name no error (`Original Stack Trace:`, `Recent access records:`,
// `Created at:`) pass the server-side filter, or the sweep would join other records than the file does.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../../src/config/load-settings.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { LogSource } from '../../../src/shared/ports.js';
import { createCloudLoggingSource } from '../../../src/source/cloud-logging.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import { startLoggingServer, type LoggingServer } from '../servers/logging/server.js';
import { runEntry } from './entries.js';

const START = Date.parse('2025-09-11T18:00:00Z');
const END = Date.parse('2025-09-12T00:00:00Z');

let server: LoggingServer;
beforeEach(async () => {
  server = await startLoggingServer();
});
afterEach(async () => {
  await server.stop();
});

/** A plain-text line as Cloud Run stores it: no severity, one instance's stdout, `us` microseconds into `ms`. */
function line(ms: number, us: number, instance: string, text: string) {
  const at = `${new Date(ms).toISOString().slice(0, -1)}${String(us).padStart(3, '0')}Z`;
  const entry = runEntry({ at, text, service: 'gateway' });
  return { ...entry, severity: undefined, labels: { instanceId: instance } };
}

const upstream = (method: string, path: string, id: string) => [
  `19:00:01.234 [reactor-http-epoll-3] ERROR o.s.b.a.w.r.e.AbstractErrorWebExceptionHandler - [${id}]  500 Server Error for HTTP ${method} "${path}"`,
  'io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: orders.internal/10.8.0.244:8080',
  '\tSuppressed: reactor.core.publisher.FluxOnAssembly$OnAssemblyException: ',
  'Error has been observed at the following site(s):',
  '\t*__checkpoint ⇢ org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter [DefaultWebFilterChain]',
  `\t*__checkpoint ⇢ HTTP ${method} "${path}" [ExceptionHandlingWebHandler]`,
  'Original Stack Trace:',
  'Caused by: java.net.ConnectException: Connection refused',
  '\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)',
];
const LEAK = [
  "19:00:02.001 [reactor-http-epoll-1] ERROR io.netty.util.ResourceLeakDetector - LEAK: ByteBuf.release() was not called before it's garbage-collected. See https://netty.io/wiki/reference-counted-objects.html for more information.",
  'Recent access records: ',
  '#1:',
  '\tio.netty.buffer.AdvancedLeakAwareByteBuf.writeBytes(AdvancedLeakAwareByteBuf.java:634)',
  'Created at:',
  '\tio.netty.buffer.PooledByteBufAllocator.newDirectBuffer(PooledByteBufAllocator.java:410)',
  '\tcom.acme.gateway.filter.BodyCaptureFilter.capture(BodyCaptureFilter.java:52)',
];
const RESET = [
  '19:00:03.306 [reactor-http-epoll-2] WARN  i.n.channel.DefaultChannelPipeline - An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.',
  'io.netty.channel.unix.Errors$NativeIoException: recvAddress(..) failed: Connection reset by peer',
];

function day() {
  const out = [];
  for (let k = 0; k < 6; k++) {
    const t = START + k * 1800_000;
    const a = `inst-a-${k % 2}`;
    const b = `inst-b-${k % 2}`;
    // Two instances fail at once: their lines interleave, each record's lines microseconds apart.
    const mine = upstream(k % 2 === 0 ? 'GET' : 'POST', `/api/orders/${k + 1}`, `7b6a0a2a-${k}`);
    const theirs = upstream('GET', `/api/portal/${k + 40}`, `809323a8-${k}`);
    mine.forEach((text, i) => {
      out.push(line(t, 20 * i, a, text));
      out.push(line(t, 20 * i + 7, b, theirs[i]!));
    });
    LEAK.forEach((text, i) => out.push(line(t + 300, 20 * i, a, text)));
    RESET.forEach((text, i) => out.push(line(t + 600, 20 * i, b, text)));
    out.push(line(t + 900, 0, b, '19:00:04.001 [reactor-http-epoll-4] INFO  c.a.gateway.filter.AccessLogFilter - GET /api/orders/7 200 12ms errors=0'));
  }
  return out;
}

async function sweep(source: LogSource) {
  const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
  const result = await runSweep(
    { source, store: null, logger: createLogger({ level: 'silent' }) },
    { runId: 'jvm-parity', window: { start: START, end: END }, services: ['gateway'], dryRun: true, settings },
  );
  return result.report.clusters.map((c) => ({ id: c.id, count: c.count, severity: c.severity })).sort((x, y) => (x.id < y.id ? -1 : 1));
}

test("a gateway's split JVM records give the same problems through Cloud Logging and through a newest-first export", async () => {
  const entries = day();
  server.seed(entries);
  const path = join(mkdtempSync(join(tmpdir(), 'jvm-parity-')), 'export.json');
  writeFileSync(path, JSON.stringify([...entries].reverse().map((e) => JSON.parse(JSON.stringify(e)))));

  const cloud = await sweep(createCloudLoggingSource({
    project: 'demo', emulatorHost: server.address, pageSize: 1000, timeBudgetMs: 240_000, excludeServices: [], backoff: { initialMs: 5, maxMs: 20, maxTries: 4 },
  }));
  const file = await sweep(createFileSource(path));

  expect(file).toEqual(cloud);
  // Three problems, each record counted once: twelve upstream failures (two instances, GET and POST),
  // six leak reports, six connection resets.
  expect(cloud.map((c) => c.count).sort((x, y) => x - y)).toEqual([6, 6, 12]);
  expect(cloud.map((c) => c.severity).sort()).toEqual(['ERROR', 'ERROR', 'WARNING']);
});
