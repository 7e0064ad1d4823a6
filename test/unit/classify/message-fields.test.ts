// One error printed as a message with a field that holds it (`msg error=<err>`), as Go's wrapped error
// (`msg: <err>`) and as a JSON record's message and error fields is one problem: the field is read as
// the error its message wraps. The other fields are values of the moment, not the problem.
import { createClassifier } from '../../../src/classify/index.js';
import { problemText } from '../../../src/classify/problem-text.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

describe('a field that holds the error the message wraps', () => {
  it.each([
    ['a bare value running to the next pair (apex/log text)', 'thumbnail failed          error=image: unknown format media_id=12 size=5000', 'thumbnail failed: image: unknown format'],
    ['a bare value to the end of the line', 'upload failed, retrying   attempt=3 bucket=media-originals error=googleapi: Error 503: backendError', 'upload failed, retrying: googleapi: Error 503: backendError'],
    ['a quoted value (logrus, zerolog)', 'thumbnail failed error="image: unknown format" media_id=12', 'thumbnail failed: image: unknown format'],
    ['an escaped quote inside the value', 'query failed error="pq: column \\"x\\" does not exist" table=t', 'query failed: pq: column "x" does not exist'],
    ["zio-logging's cause", 'Quote failed cause="java.net.ConnectException: Connection refused" line=42', 'Quote failed: java.net.ConnectException: Connection refused'],
    ["semantic_logger's exception", 'Charge failed exception="Stripe::CardError: card declined" duration=12', 'Charge failed: Stripe::CardError: card declined'],
    ["structlog's exc", 'sync failed exc="ConnectionError: reset" attempt=2', 'sync failed: ConnectionError: reset'],
    ['a reason', 'upstream rejected the call reason=rate_limited tenant=globex', 'upstream rejected the call: rate_limited'],
    ['a value with no message before it', 'err="pq: deadlock detected" attempt=3', 'pq: deadlock detected attempt=3'],
  ])('%s', (_why, line, expected) => {
    expect(problemText(line)).toBe(expected);
  });

  it.each([
    ['a nil error', 'job done err=<nil> took=3ms', 'job done err=<nil>'],
    ['a zero', 'sweep done error=0 scanned=300', 'sweep done error=0'],
    ['a count of errors is a field of its own', 'janitor sweep done deleted=3 error_count=0 scanned=9000', 'janitor sweep done'],
    ['a key=value inside a quoted message', 'msg="retry with error=timeout pending" attempt=2', 'msg="retry with error=timeout pending" attempt=2'],
    ['a URL query', 'GET /callback?error=access_denied&state=x failed', 'GET /callback?error=access_denied&state=x failed'],
    ['a key that only ends in error', 'batch failed last_error=timeout', 'batch failed'],
    ["lograge's request line, its error in single quotes", "method=GET path=/search?q=tent status=503 error='Rack::Timeout::RequestTimeoutException: Request ran for longer than 15000ms ' duration=15001.2", "method=GET path=/search?q=tent status=503 error='Rack::Timeout::RequestTimeoutException: Request ran for longer than 15000ms ' duration=15001.2"],
  ])('leaves %s', (_why, line, expected) => {
    expect(problemText(line)).toBe(expected);
  });
});

function raw(payload: string | Record<string, unknown>, i: number): RawEntry {
  const entry: RawEntry = {
    timestamp: new Date(Date.UTC(2026, 11, 4, 10, 0, i)).toISOString(),
    insertId: `id-${i}`,
    resource: { type: 'cloud_run_revision', labels: { service_name: 'media', revision_name: `media-0000${i % 2}-abc` } },
  };
  if (typeof payload === 'string') entry.textPayload = payload;
  else Object.assign(entry, { jsonPayload: payload });
  return entry;
}

function idsOf(payloads: Array<string | Record<string, unknown>>): string[] {
  const c = createClassifier();
  const handles = payloads.map((p, i) => {
    const e = normalizeEntry(raw(p, i));
    if ('skip' in e) throw new Error(`skipped: ${e.skip}`);
    return c.add(e as Entry);
  });
  return handles.map((h) => c.resolve(h).id);
}

const ESC = '\u001b';
/** apex/log's text handler: `%6s[%04d] %-25s` then ` key=value` fields, names coloured. */
const apexText = (level: string, color: number, msg: string, fields: Record<string, string | number>): string =>
  `${ESC}[${color}m${level.toUpperCase().padStart(6)}${ESC}[0m[${String(Object.keys(fields).length * 7).padStart(4, '0')}] ${msg.padEnd(25)}${Object.keys(fields).sort().map((n) => ` ${ESC}[${color}m${n}${ESC}[0m=${fields[n]}`).join('')}`;
/** apex/log's JSON handler. */
const apexJson = (level: string, msg: string, fields: Record<string, string | number>) => ({ fields, level, timestamp: '2026-12-04T10:00:00.123456789Z', message: msg });
const UNKNOWN = 'image: unknown format';
const RETRY = 'googleapi: Error 503: We encountered an internal error. Please try again., backendError';

describe('one problem whichever way its error field is printed', () => {
  it("apex/log's text and JSON handlers, and the message with the error wrapped in it, are one problem", () => {
    const ids = idsOf([
      apexText('error', 31, 'thumbnail failed', { error: UNKNOWN, media_id: 478003, size: 3619707 }),
      apexText('error', 31, 'thumbnail failed', { error: UNKNOWN, media_id: 950049, size: 12 }),
      apexJson('error', 'thumbnail failed', { error: UNKNOWN, media_id: 619968, size: 5576059 }),
      `thumbnail failed: ${UNKNOWN}`,
      `3:04PM ERR thumbnail failed error="${UNKNOWN}" media_id=4`,
      `ERRO[0012] thumbnail failed                              error="${UNKNOWN}" media_id=5`,
    ]);
    expect(new Set(ids).size).toBe(1);
  });

  it('fields that come and go between the message and the error do not split it; another error is another problem', () => {
    const ids = idsOf([
      apexText('warn', 33, 'upload failed, retrying', { attempt: 3, bucket: 'media-originals-prod', error: RETRY, object: 'albums/12/ab.jpg' }),
      apexText('warn', 33, 'upload failed, retrying', { attempt: 1, bucket: 'media-originals-prod', error: RETRY, object: 'albums/99/cd.jpg' }),
      apexJson('warn', 'upload failed, retrying', { attempt: 2, bucket: 'media-originals-prod', error: RETRY, object: 'albums/1/ef.jpg' }),
      apexText('warn', 33, 'upload failed, retrying', { attempt: 1, bucket: 'media-originals-prod', error: 'dial tcp 10.0.0.9:443: connect: connection refused', object: 'albums/3/gh.jpg' }),
    ]);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[3]).not.toBe(ids[0]);
  });

  it("zio-logging's logfmt with the trace in `cause` and its JSON format are one problem", () => {
    const trace = (fiber: number, host: string): string => [
      `Exception in thread "zio-fiber-${fiber}" java.net.ConnectException: Connection refused: ${host}:8080`,
      '\tat sun.nio.ch.Net.pollConnect(Native Method)',
      '\tat com.acme.pricing.RulesClient.fetch(RulesClient.scala:31)',
      '\tat com.acme.pricing.QuoteRoutes.routes(QuoteRoutes.scala:27)',
    ].join('\n');
    const logfmt = (fiber: number, quote: string, host: string): string =>
      `timestamp=2026-12-04T00:10:33.723190Z level=ERROR thread=#zio-fiber-${fiber} message="Quote ${quote} failed" location=com.acme.pricing.QuoteRoutes.routes file=QuoteRoutes.scala line=29 cause="${trace(fiber, host)}"`;
    const json = (fiber: number, quote: string, host: string) => ({ timestamp: '2026-12-04T00:10:34.000001Z', level: 'ERROR', thread: `zio-fiber-${fiber}`, message: `Quote ${quote} failed`, cause: trace(fiber, host) });
    const ids = idsOf([logfmt(12, 'q1a2b3c4d5', 'rules/10.8.1.2'), logfmt(907, 'zz9y8x7w6v', 'rules/10.8.4.7'), json(55, 'p0o9i8u7y6', 'rules/10.8.1.2'), json(31, 'm1n2b3v4c5', 'rules/10.8.2.9')]);
    expect(new Set(ids).size).toBe(1);
  });

  it("Mojo::Log's default and short formats are one problem", () => {
    const msg = 'Can\'t call method "name" on an undefined value at /app/lib/Forum/Controller/Threads.pm line 42.';
    const ids = idsOf([`[2026-12-04 00:10:33.72319] [36] [error] [abcdefabcdef] ${msg}`, `[2026-12-04 00:11:03.10001] [12] [error] [q1w2e3r4t5y6] ${msg}`, `<3>[36] [e] [zxcvbnmasdfg] ${msg}`, `<3>[9] [e] [poiuytrewqas] ${msg}`]);
    expect(new Set(ids).size).toBe(1);
  });
});
