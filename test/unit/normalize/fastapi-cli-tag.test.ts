// FastAPI CLI (`fastapi run`, `fastapi dev`) configures uvicorn's loggers with its own formatter
// (fastapi-cli's `utils/cli.py`, CustomFormatter through rich-toolkit's TaggedStyle): the record's level
// name as a tag right-aligned in ten columns, three spaces, then the message; no time, no logger. The
// line opens with spaces, yet it is a record of its own, not a continuation of the line before it.
import { stripLogHeader } from '../../../src/normalize/log-header.js';
import { lineKind } from '../../../src/source/trace-lines.js';

const cases: Array<[string, string, string, string]> = [
  // [what, line, level, message]
  ['the server starting', '      INFO   Started server process [1]', 'INFO', 'Started server process [1]'],
  ['uvicorn\'s access text, no status phrase', '      INFO   169.254.169.126:41532 - "GET /search?q=tent HTTP/1.1" 500', 'INFO',
    '169.254.169.126:41532 - "GET /search?q=tent HTTP/1.1" 500'],
  ['an exception escaping an endpoint', '     ERROR   Exception in ASGI application', 'ERROR', 'Exception in ASGI application'],
  ['a lifespan failure', '     ERROR   Traceback (most recent call last):', 'ERROR', 'Traceback (most recent call last):'],
  ['start-up failed', '     ERROR   Application startup failed. Exiting.', 'ERROR', 'Application startup failed. Exiting.'],
  ['a warning', '   WARNING   slow search: 2140 ms for q=\'tent\' (3 filters, 12 hits)', 'WARNING', 'slow search: 2140 ms for q=\'tent\' (3 filters, 12 hits)'],
  ['critical fills the column', '  CRITICAL   worker lost', 'CRITICAL', 'worker lost'],
  ['debug', '     DEBUG   cache warm', 'DEBUG', 'cache warm'],
];

describe('FastAPI CLI level tags', () => {
  test.each(cases)('%s', (_what, line, level, message) => {
    const got = stripLogHeader(line);
    expect(got.level).toBe(level);
    expect(got.rest).toBe(message);
  });

  test('the traceback under the tag line is the message\'s', () => {
    const got = stripLogHeader('     ERROR   Exception in ASGI application\nTraceback (most recent call last):\n  File "/app/main.py", line 4, in f\nValueError: x');
    expect(got.level).toBe('ERROR');
    expect(got.rest).toBe('Exception in ASGI application\nTraceback (most recent call last):\n  File "/app/main.py", line 4, in f\nValueError: x');
  });

  test('a tag line opens a record, though indented', () => {
    expect(lineKind('     ERROR   Exception in ASGI application')).toBe('head');
    expect(lineKind('      INFO   Waiting for application startup.')).not.toBe('cont');
  });

  // Near misses: indented lines that are a record's continuation keep being one.
  test('a traceback\'s source line stays a continuation', () => {
    expect(lineKind('    raise ERROR   from exc')).toBe('cont');
    expect(lineKind('    ERROR = 3')).toBe('cont');
    expect(lineKind('  File "/app/main.py", line 48, in search')).toBe('cont');
  });

  test('a level word not right-aligned to the tag column is no tag', () => {
    expect(stripLogHeader('  ERROR   something').level).toBeUndefined();
    expect(stripLogHeader('            ERROR   something').level).toBeUndefined();
    expect(stripLogHeader('     ERROR something').level).toBeUndefined();
  });
});
