// structlog's dict_tracebacks processor (ExceptionDictTransformer, structlog's recommended JSON set-up)
// writes the exception as a list of stacks, the exception raised last first and its causes after it, each
// with `exc_type` (the class's name), `exc_value`, `is_cause` and its `frames` (`filename`, `lineno`,
// `name`, `locals`). Read as the traceback Python prints, a record groups by its exception, as the same
// record from format_exc_info (a traceback string) does, not by its event alone.
import { describe, expect, it } from '@jest/globals';
import { normalizeEntry } from '../../../src/normalize/index.js';

const T = '2026-12-05T10:00:00Z';
const jsonTextOf = (payload: Record<string, unknown>): string => {
  const entry = normalizeEntry({ timestamp: T, jsonPayload: payload });
  return 'text' in entry ? entry.text : '';
};

const frame = (filename: string, lineno: number, name: string): Record<string, unknown> => ({ filename, lineno, name, locals: { self: '<Client>' } });

const chained = [
  {
    exc_type: 'OperationalError', exc_value: "couldn't get a connection after 30.00 sec", exc_notes: [], syntax_error: null, is_cause: false,
    frames: [frame('/app/shop/views/checkout.py', 64, 'place_order'), frame('/usr/local/lib/python3.12/site-packages/django/db/utils.py', 91, '__exit__')], is_group: false, exceptions: [],
  },
  {
    exc_type: 'PoolTimeout', exc_value: "couldn't get a connection after 30.00 sec", exc_notes: [], syntax_error: null, is_cause: true,
    frames: [frame('/usr/local/lib/python3.12/site-packages/psycopg_pool/pool.py', 203, 'getconn')], is_group: false, exceptions: [],
  },
];

describe('structlog dict_tracebacks', () => {
  it('reads as the traceback Python prints: causes first, the exception raised last at the end', () => {
    const text = jsonTextOf({ event: 'request_failed', level: 'error', logger: 'django_structlog.middlewares.request', exception: chained });
    expect(text).toBe([
      'request_failed',
      'Traceback (most recent call last):',
      '  File "/usr/local/lib/python3.12/site-packages/psycopg_pool/pool.py", line 203, in getconn',
      "PoolTimeout: couldn't get a connection after 30.00 sec",
      '',
      'The above exception was the direct cause of the following exception:',
      '',
      'Traceback (most recent call last):',
      '  File "/app/shop/views/checkout.py", line 64, in place_order',
      '  File "/usr/local/lib/python3.12/site-packages/django/db/utils.py", line 91, in __exit__',
      "OperationalError: couldn't get a connection after 30.00 sec",
    ].join('\n'));
  });

  it('an exception raised while handling another is said so', () => {
    const text = jsonTextOf({ event: 'sync failed', exception: [{ ...chained[0], is_cause: false }, { ...chained[1], is_cause: false }] });
    expect(text).toContain('During handling of the above exception, another exception occurred:');
  });

  it('one exception with no message prints its type alone', () => {
    const text = jsonTextOf({ event: 'worker stopped', exception: [{ exc_type: 'KeyboardInterrupt', exc_value: '', is_cause: false, frames: [frame('/app/w.py', 3, 'run')] }] });
    expect(text.endsWith('\nKeyboardInterrupt')).toBe(true);
  });

  it('two records of one exception with other locals read alike; of two exceptions, apart', () => {
    const other = structuredClone(chained);
    (other[0]!.frames[0] as Record<string, unknown>).locals = { self: '<Other>', n: '3' };
    expect(jsonTextOf({ event: 'request_failed', exception: other })).toBe(jsonTextOf({ event: 'request_failed', exception: chained }));
    const timeout = [{ exc_type: 'ReadTimeout', exc_value: 'The read operation timed out', is_cause: false, frames: [frame('/app/shop/carriers/client.py', 41, 'quote')] }];
    expect(jsonTextOf({ event: 'request_failed', exception: timeout })).not.toBe(jsonTextOf({ event: 'request_failed', exception: chained }));
  });

  it.each([
    ['a list of strings (a traceback a logger split into lines)', ['Traceback (most recent call last):', '  File "/app/a.py", line 1, in f', 'ValueError: x']],
    ['a list of objects that are no stacks', [{ code: 'E1', detail: 'bad' }]],
  ])('leaves %s to what read it before', (_what, exception) => {
    const text = jsonTextOf({ event: 'failed', exception });
    expect(text).not.toContain('Traceback (most recent call last):\n  File "undefined"');
    expect(text.startsWith('failed')).toBe(true);
  });
});
