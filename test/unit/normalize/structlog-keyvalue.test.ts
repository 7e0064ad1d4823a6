// structlog's KeyValueRenderer ("Render event_dict as a list of Key=repr(Value) pairs", the renderer of
// structlog's own default chain before 20.2 and of django-structlog's documented set-up) prints every value
// as Python's repr(): a string in single quotes (double when it holds a single quote and no double, as
// hynek/structlog#299 pastes `event="Can't divide by zero"`), its newlines, backslashes and quotes escaped,
// so format_exc_info's traceback under `exception` is one line of `\n` escapes. The record says what its
// JSONRenderer twin says: its event, then the traceback under it.
import { describe, expect, it } from '@jest/globals';
import { normalizeEntry } from '../../../src/normalize/index.js';

const T = '2026-12-05T10:00:00Z';
const textOf = (line: string): string | undefined => {
  const entry = normalizeEntry({ timestamp: T, textPayload: line });
  return 'text' in entry ? entry.text : undefined;
};
const jsonTextOf = (payload: Record<string, unknown>): string | undefined => {
  const entry = normalizeEntry({ timestamp: T, jsonPayload: payload });
  return 'text' in entry ? entry.text : undefined;
};
const severityOf = (line: string): string | undefined => {
  const entry = normalizeEntry({ timestamp: T, textPayload: line });
  return 'severity' in entry ? String(entry.severity) : undefined;
};

/** Python's repr() of a str, as KeyValueRenderer prints it (single quotes unless only they occur). */
function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  if (q === "'") body = body.replace(/'/g, "\\'");
  return `${q}${body}${q}`;
}

const POOL_TB = [
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/site-packages/psycopg_pool/pool.py", line 203, in getconn',
  '    raise PoolTimeout(',
  "psycopg_pool.PoolTimeout: couldn't get a connection after 30.00 sec",
  '',
  'The above exception was the direct cause of the following exception:',
  '',
  'Traceback (most recent call last):',
  '  File "/app/shop/views/checkout.py", line 64, in place_order',
  '    with transaction.atomic():',
  '  File "/usr/local/lib/python3.12/site-packages/django/db/utils.py", line 91, in __exit__',
  '    raise dj_exc_value.with_traceback(traceback) from exc_value',
  "django.db.utils.OperationalError: couldn't get a connection after 30.00 sec",
].join('\n');

const ZERO_TB = 'Traceback (most recent call last):\n  File "test.py", line 18, in fail\n    1 / 0\nZeroDivisionError: division by zero';

describe('a structlog KeyValueRenderer record', () => {
  it.each([
    ['django-structlog\'s request_failed (key_order timestamp, level, event, logger)',
      { timestamp: '2026-12-09T12:01:02.123456Z', level: 'error', event: 'request_failed', logger: 'django_structlog.middlewares.request', code: 500, exception: POOL_TB, ip: '203.0.113.9', request: 'POST /checkout/', request_id: '3f1c', user_id: 'None' }],
    ['Django\'s own record through ProcessorFormatter',
      { timestamp: '2026-12-09T12:01:02.999Z', level: 'error', event: 'Internal Server Error: /checkout/', logger: 'django.request', exception: POOL_TB, ip: '203.0.113.9', request_id: '3f1c' }],
    ['structlog#299: the event in double quotes, the default key order', { event: "Can't divide by zero", exception: ZERO_TB, logger: '__main__', level: 'error' }],
    ['a warning with no exception', { timestamp: '2026-12-09T12:01:02Z', level: 'warning', event: 'Forbidden (CSRF cookie not set.): /accounts/login/', logger: 'django.security.csrf', ip: '198.51.100.4', request_id: 'a1' }],
  ])('%s reads as its JSONRenderer twin', (_what, record) => {
    const line = Object.entries(record).map(([k, v]) => `${k}=${typeof v === 'number' || v === 'None' ? String(v) : pyRepr(v)}`).join(' ');
    const twin = jsonTextOf(record);
    expect(textOf(line)).toBe(twin);
    expect(twin).toContain(record.event);
    if ('exception' in record) expect(textOf(line)).toContain('\n');
  });

  it('the traceback under the event reads as the trace it is', () => {
    const line = `timestamp='2026-12-09T12:01:02Z' level='error' event='tracking_sync_failed' logger='shop.tracking.sync' batch=12 carrier='dpd' exception=${pyRepr(POOL_TB)} shipments=40`;
    const text = textOf(line) ?? '';
    expect(text.startsWith('tracking_sync_failed\n')).toBe(true);
    expect(text).toContain("\ndjango.db.utils.OperationalError: couldn't get a connection after 30.00 sec");
    expect(text).not.toContain('\\n');
  });

  it('its level key in quotes is its level', () => {
    expect(severityOf("timestamp='2026-12-09T12:01:02Z' level='warning' event='slow checkout' logger='shop' took_ms=2300")).toBe('WARNING');
    expect(severityOf("timestamp='2026-12-09T12:01:02Z' level='error' event='sync failed' logger='shop' batch=3")).toBe('ERROR');
  });

  it('reads repr\'s escapes: a quote, a backslash, a \\x and \\u escape', () => {
    const line = "event='can\\'t open C:\\\\data \\xe9t\\u00e9' logger='x' level='error' path='/tmp/a'";
    expect(textOf(line)).toBe(jsonTextOf({ event: "can't open C:\\data \u00e9t\u00e9", logger: 'x', level: 'error', path: '/tmp/a' }));
  });

  it.each([
    ['a message that quotes a value in its words', "slow search: 2140 ms for q='tent' (3 filters, 12 hits)"],
    ['two pairs only', "event='cache warmed' keys=120"],
    ['no message key', "ip='10.0.0.1' path='/x' status=500"],
    ['a quote left open', "event='half a record logger='x' level='error'"],
    ['text after the pairs', "event='x' logger='y' level='error' and then some words"],
  ])('leaves %s as it is', (_what, line) => {
    expect(textOf(line)).toBe(line);
  });
});
