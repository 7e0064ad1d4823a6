// The JSON records of .NET loggers, as their documentation and public bug reports show them, read as the
// text their console twins print and at their own level; look-alikes that are not theirs are left to the
// generic reader.
import { describe, expect, it } from '@jest/globals';
import { dotnetLevel, dotnetRecord } from '../../../src/normalize/dotnet-json.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import { entrySeverityWithSource } from '../../../src/normalize/entry-fields.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

const EXCEPTION = [
  'System.InvalidOperationException: Sequence contains no elements',
  '   at System.Linq.ThrowHelper.ThrowNoElementsException()',
  '   at Portal.Controllers.AccountsController.Get(Int32 id) in /src/Portal/Controllers/AccountsController.cs:line 42',
].join('\n');

describe('Microsoft.Extensions.Logging JSON console formatter', () => {
  it.each([
    ['.NET 8, with State repeating the message',
      { EventId: 3, LogLevel: 'Warning', Category: 'Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware', Message: 'Failed to determine the https port for redirect.', State: { Message: 'Failed to determine the https port for redirect.', '{OriginalFormat}': 'Failed to determine the https port for redirect.' } },
      'Failed to determine the https port for redirect.', 'WARNING'],
    ['.NET 10, State without Message, a Timestamp and Scopes',
      { Timestamp: '2026-03-10T12:00:01.123Z', EventId: 0, LogLevel: 'Information', Category: 'Program', Message: 'This is an information message.', State: { '{OriginalFormat}': 'This is an information message.' }, Scopes: [{ Message: 'req', RequestId: '0HN1' }] },
      'This is an information message.', 'INFO'],
    ['an exception under the message, as the simple formatter prints it',
      { EventId: 1, LogLevel: 'Error', Category: 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', Message: 'An unhandled exception has occurred while executing the request.', Exception: EXCEPTION, State: {} },
      `An unhandled exception has occurred while executing the request.\n${EXCEPTION}`, 'ERROR'],
    ['Critical', { EventId: 0, LogLevel: 'Critical', Category: 'Program', Message: 'Host terminated' }, 'Host terminated', 'CRITICAL'],
    ['Trace and Debug', { EventId: 0, LogLevel: 'Trace', Category: 'Program', Message: 'tick' }, 'tick', 'DEBUG'],
    ['an exception with an empty message', { EventId: 0, LogLevel: 'Error', Category: 'Program', Message: '', Exception: EXCEPTION }, EXCEPTION, 'ERROR'],
    ['a message that says error at Information', { EventId: 2, LogLevel: 'Information', Category: 'Portal.Jobs.AccountSync', Message: 'Account sync finished: 12 accounts, 0 errors, 0 warnings' },
      'Account sync finished: 12 accounts, 0 errors, 0 warnings', 'INFO'],
  ])('%s', (_name, payload, text, level) => {
    expect(dotnetRecord(payload)).toEqual({ text, level });
    expect(dotnetLevel(payload)).toBe(level);
  });

  it('a level it does not name leaves the severity to the text', () => {
    expect(dotnetRecord({ EventId: 0, LogLevel: 'None', Category: 'X', Message: 'm' })).toEqual({ text: 'm', level: null });
    expect(dotnetLevel({ EventId: 0, LogLevel: 'Loud', Category: 'X', Message: 'm' })).toBeNull();
  });
});

describe('Serilog compact JSON (CLEF)', () => {
  const t = '2026-03-10T12:00:01.1234567Z';
  it.each([
    ['the README example: Information leaves @l out', { '@t': t, '@mt': 'Hello, {User}', User: 'nblumhardt' }, 'Hello, "nblumhardt"', 'INFO'],
    ['a warning, numbers bare', { '@t': t, '@mt': 'Retrying {Operation} after {DelayMs}ms (attempt {Attempt} of {MaxAttempts})', '@l': 'Warning', Operation: 'Acknowledge', DelayMs: 800, Attempt: 2, MaxAttempts: 5 },
      'Retrying "Acknowledge" after 800ms (attempt 2 of 5)', 'WARNING'],
    ['the exception under the message', { '@t': t, '@mt': 'Failed to write audit batch {BatchId} to {Bucket}', '@l': 'Error', '@x': EXCEPTION, BatchId: 42, Bucket: 'audit' },
      `Failed to write audit batch 42 to "audit"\n${EXCEPTION}`, 'ERROR'],
    ['Fatal is CRITICAL', { '@t': t, '@mt': 'Host terminated unexpectedly', '@l': 'Fatal', '@x': EXCEPTION }, `Host terminated unexpectedly\n${EXCEPTION}`, 'CRITICAL'],
    ['Verbose', { '@t': t, '@mt': 'tick {N}', '@l': 'Verbose', N: 1 }, 'tick 1', 'DEBUG'],
    ['a rendered message (RenderedCompactJsonFormatter) wins over the template', { '@t': t, '@m': 'Hello, "ann"', '@i': 'a1b2c3d4', '@l': 'Debug', User: 'ann' }, 'Hello, "ann"', 'DEBUG'],
    ['renderings of formatted holes', { '@t': t, '@mt': 'The {Item} cost ${Amount:0.00}', Item: 'apple', Amount: 3.2, '@r': ['3.20'] }, 'The "apple" cost $3.20', 'INFO'],
    ['an exception alone', { '@t': t, '@l': 'Error', '@x': EXCEPTION }, EXCEPTION, 'ERROR'],
  ])('%s', (_name, payload, text, level) => {
    expect(dotnetRecord(payload)).toEqual({ text, level });
    expect(dotnetLevel(payload)).toBe(level);
  });
});

describe("Serilog's JsonFormatter and other capitalised layouts", () => {
  it.each([
    ['JsonFormatter with renderMessage', { Timestamp: '2026-03-10T12:00:01+00:00', Level: 'Error', MessageTemplate: 'Order {OrderId} failed', RenderedMessage: 'Order 7 failed', Exception: EXCEPTION, Properties: { OrderId: 7 } },
      `Order 7 failed\n${EXCEPTION}`, 'ERROR'],
    ['JsonFormatter without it: the template rendered from Properties', { Timestamp: '2026-03-10T12:00:01+00:00', Level: 'Warning', MessageTemplate: 'Slow query {Name} took {Ms} ms', Properties: { Name: 'orders', Ms: 950 } },
      'Slow query "orders" took 950 ms', 'WARNING'],
    ['NLog JsonLayout with capitalised attributes', { Time: '2026-03-10 12:00:01.1234', Level: 'ERROR', Logger: 'Orders.Api', Message: 'save failed', Exception: EXCEPTION }, `save failed\n${EXCEPTION}`, 'ERROR'],
    ['log4net JSON with an exception object', { Level: 'WARN', Message: 'retrying', Exception: { ClassName: 'System.TimeoutException', Message: 'timed out', StackTraceString: '   at A.B()' } },
      'retrying\nSystem.TimeoutException: timed out\n   at A.B()', 'WARNING'],
  ])('%s', (_name, payload, text, level) => {
    expect(dotnetRecord(payload)).toEqual({ text, level });
  });

  it.each([
    ['pino', { level: 50, msg: 'boom' }],
    ['zap', { level: 'error', ts: 1.7e9, msg: 'boom' }],
    ['Google structured logging', { severity: 'ERROR', message: 'boom' }],
    ['a capitalised Message whose Level is no level', { Level: 'gold', Message: 'member upgraded' }],
    ['a capitalised Message alone (an API payload)', { Message: 'Not Found', Code: 404 }],
    ['an @t with no message, template or exception', { '@t': '2026-03-10T12:00:01Z', Count: 3 }],
    ['an @mt without @t', { '@mt': 'Hello, {User}', User: 'x' }],
    ['a LogLevel with nothing else of the formatter', { LogLevel: 'Error', Code: 3 }],
  ])('%s is not a .NET record', (_name, payload) => {
    expect(dotnetRecord(payload)).toBeNull();
    expect(dotnetLevel(payload)).toBeUndefined();
  });
});

const common = {
  timestamp: '2026-03-10T12:00:01.123456Z',
  logName: 'projects/p/logs/run.googleapis.com%2Fstdout',
  resource: { type: 'cloud_run_revision', labels: { service_name: 'portal', revision_name: 'portal-00002-abc' } },
};
function entry(raw: RawEntry): Entry {
  const out = normalizeEntry({ ...common, ...raw });
  if ('skip' in out) throw new Error(`skipped: ${out.skip}`);
  return out;
}

describe('one record, written as JSON or printed as text, is one text', () => {
  it('the simple console formatter and the JSON one', () => {
    const simple = entry({ textPayload: [
      'fail: Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware[1]',
      '      An unhandled exception has occurred while executing the request.',
      ...EXCEPTION.split('\n').map((l) => `      ${l}`),
    ].join('\n') });
    const json = entry({ jsonPayload: { EventId: 1, LogLevel: 'Error', Category: 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', Message: 'An unhandled exception has occurred while executing the request.', Exception: EXCEPTION, State: {} } });
    expect(json.text).toBe(simple.text);
    expect(json.severity).toBe('ERROR');
    expect(simple.severity).toBe('ERROR');
  });

  it("Serilog's console sink and CLEF", () => {
    const console = entry({ textPayload: `[12:00:01 ERR] Failed to write audit batch 42 to "audit"\n${EXCEPTION}` });
    const clef = entry({ jsonPayload: { '@t': '2026-03-10T12:00:01.1234567Z', '@mt': 'Failed to write audit batch {BatchId} to {Bucket}', '@l': 'Error', '@x': EXCEPTION, BatchId: 42, Bucket: 'audit', SourceContext: 'Audit.Worker' } });
    expect(clef.text).toBe(console.text);
    expect(clef.severity).toBe('ERROR');
    expect(console.severity).toBe('ERROR');
  });

  it('the level a record carries is its severity, read from the payload', () => {
    expect(entrySeverityWithSource({ ...common, jsonPayload: { '@t': common.timestamp, '@mt': 'Retrying {Op}', '@l': 'Warning', Op: 'Ack' } })).toEqual({ severity: 'WARNING', source: 'level' });
    // Information, left out: below NOTICE whatever its message says.
    expect(entrySeverityWithSource({ ...common, jsonPayload: { '@t': common.timestamp, '@mt': 'Wrote batch ({Errors} errors)', Errors: 0 } })).toEqual({ severity: 'INFO', source: 'level' });
    expect(entrySeverityWithSource({ ...common, jsonPayload: { EventId: 0, LogLevel: 'Information', Category: 'X', Message: 'An error page was shown' } })).toEqual({ severity: 'INFO', source: 'level' });
    // An entry severity Cloud Logging set wins.
    expect(entrySeverityWithSource({ ...common, severity: 'ERROR', jsonPayload: { EventId: 0, LogLevel: 'Information', Category: 'X', Message: 'm' } }).severity).toBe('ERROR');
  });

  it('two different errors stay two texts', () => {
    const a = entry({ jsonPayload: { EventId: 1, LogLevel: 'Error', Category: 'A', Message: 'save failed', Exception: EXCEPTION } });
    const b = entry({ jsonPayload: { EventId: 1, LogLevel: 'Error', Category: 'A', Message: 'save failed', Exception: EXCEPTION.replace('InvalidOperationException: Sequence contains no elements', 'NullReferenceException: Object reference not set to an instance of an object.') } });
    expect(a.text).not.toBe(b.text);
  });
});
