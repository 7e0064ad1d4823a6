// An error with its cause (ES2022 `cause`), as undici's fetch throws it: `TypeError: fetch failed` whose
// cause says what failed (a connect timeout, a refused connection). Printed by Node's util.inspect (the
// cause under the error, `[cause]: ConnectTimeoutError: …` or `cause: …` before Node 16.14), by pino's
// serializer (the message and the stack joined with the cause's: `caused by: ConnectTimeoutError: …`), or
// serialised whole into JSON (`"cause": {"name", "code", "message"}`, as undici sets them on the error;
// the pasted `[TypeError: fetch failed] { cause: [ConnectTimeoutError: …] { name, code, message } }` of
// mckaywrigley/ai-code-translator#38): one problem for one cause however printed, two for two causes.
import { createClassifier } from '../../../src/classify/index.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import { jsonMessage } from '../../../src/normalize/json-message.js';
import type { Entry } from '../../../src/shared/types.js';

const FRAMES = ['    at node:internal/deps/undici/undici:13502:13', '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)', '    at async geocode (/app/src/geo/client.js:21:15)'];
const STACK = ['TypeError: fetch failed', ...FRAMES].join('\n');
const TIMEOUT = (host: string): string => `Connect Timeout Error (attempted address: ${host}:443, timeout: 10000ms)`;

const inspected = (cause: string[]): string => ['TypeError: fetch failed', ...FRAMES.slice(0, -1), `${FRAMES[2]} {`, ...cause, '}'].join('\n');
const timeoutInspected = (host: string): string => inspected([`  [cause]: ConnectTimeoutError: ${TIMEOUT(host)}`, '      at onConnectTimeout (node:internal/deps/undici/undici:2602:28)',
  '      at process.processImmediate (node:internal/timers:491:21) {', "    code: 'UND_ERR_CONNECT_TIMEOUT'", '  }']);
const refusedInspected = (ip: string): string => inspected([`  [cause]: Error: connect ECONNREFUSED ${ip}:443`, '      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {',
  '    errno: -111,', "    code: 'ECONNREFUSED',", "    syscall: 'connect',", `    address: '${ip}',`, '    port: 443', '  }']);
const timeoutPino = (host: string): Record<string, unknown> => ({
  level: 50, time: 1765324800000, pid: 1, hostname: 'localhost', msg: `fetch failed: ${TIMEOUT(host)}`,
  err: { type: 'TypeError', message: `fetch failed: ${TIMEOUT(host)}`, stack: `${STACK}\ncaused by: ConnectTimeoutError: ${TIMEOUT(host)}\n    at onConnectTimeout (node:internal/deps/undici/undici:2602:28)` },
});
const withCause = (cause: Record<string, unknown>): Record<string, unknown> => ({ level: 'error', message: 'geocode failed', error: { name: 'TypeError', message: 'fetch failed', stack: STACK, cause } });
const timeoutJson = (host: string): Record<string, unknown> => withCause({ name: 'ConnectTimeoutError', code: 'UND_ERR_CONNECT_TIMEOUT', message: TIMEOUT(host) });
// A system error's own enumerable properties, as JSON.stringify leaves them (its message kept by the serialiser).
const refusedJson = (ip: string): Record<string, unknown> => withCause({ errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: ip, port: 443, message: `connect ECONNREFUSED ${ip}:443` });

function entry(payload: string | Record<string, unknown>): Entry {
  const e = normalizeEntry({ timestamp: '2026-12-10T12:00:00Z', severity: 'ERROR', ...(typeof payload === 'string' ? { textPayload: payload } : { jsonPayload: payload }) });
  if ('skip' in e) throw new Error(`skipped: ${e.skip}`);
  return e;
}

function clusterIds(groups: Array<Array<string | Record<string, unknown>>>): string[][] {
  const c = createClassifier();
  const handles = groups.map((g) => g.map((p) => c.add(entry(p))));
  return handles.map((hs) => [...new Set(hs.map((h) => c.resolve(h).id))]);
}

describe("an error's cause object read as the cause printed after the error", () => {
  it('puts the cause after the stack as pino-std-serializers does, and after the message when there is no stack', () => {
    expect(jsonMessage(timeoutJson('api.geo.example'))?.text).toBe(`geocode failed\n${STACK}\ncaused by: ConnectTimeoutError: ${TIMEOUT('api.geo.example')}`);
    expect(jsonMessage({ level: 'error', message: 'geocode failed', error: { name: 'TypeError', message: 'fetch failed', cause: { name: 'ConnectTimeoutError', message: 'Connect Timeout Error' } } })?.text)
      .toBe('geocode failed\nfetch failed: Connect Timeout Error');
  });

  it('does not say a cause twice (pino joined it already)', () => {
    const joined = { err: { type: 'TypeError', message: `fetch failed: ${TIMEOUT('a.example')}`, stack: `${STACK}\ncaused by: ConnectTimeoutError: ${TIMEOUT('a.example')}`, cause: { name: 'ConnectTimeoutError', message: TIMEOUT('a.example') } }, msg: 'x' };
    expect(jsonMessage(joined)?.text.match(/caused by:/g)).toHaveLength(1);
  });

  it('one cause printed three ways is one problem; two causes are two', () => {
    const hosts = ['api.geo-partner.example', 'eu.geo-partner.example', 'api2.geo-partner.example'];
    const ips = ['10.0.0.5', '10.0.3.17', '10.8.0.2'];
    const [timeout, refused] = clusterIds([
      hosts.flatMap((h) => [timeoutInspected(h), timeoutPino(h), timeoutJson(h)]),
      ips.flatMap((ip) => [refusedInspected(ip), refusedJson(ip)]),
    ]);
    expect(timeout).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(timeout![0]).not.toBe(refused![0]);
  });

  it('an error with no cause, or a cause that is no error, reads as before', () => {
    expect(jsonMessage({ message: 'geocode failed', error: { name: 'TypeError', message: 'fetch failed', stack: STACK } })?.text).toBe(`geocode failed\n${STACK}`);
    // `cause` at the top of a record is a field of the record (read as its error, as before), not an error's cause.
    expect(jsonMessage({ message: 'refund rejected', cause: 'card expired' })?.text).toBe('refund rejected\ncard expired');
  });
});

describe("a cause marshalled as a string (Kratos' errors.Error: code, reason, message, metadata, cause)", () => {
  it('reads as it did: the error object’s message', () => {
    const record = { level: 'ERROR', kind: 'server', code: 503, error: { code: 503, reason: 'PRICING_UNAVAILABLE', message: 'pricing backend unavailable', metadata: {}, cause: 'dial tcp 10.8.1.7:9000: connect: connection refused' } };
    expect(jsonMessage(record)?.text).toBe('pricing backend unavailable');
  });
});
