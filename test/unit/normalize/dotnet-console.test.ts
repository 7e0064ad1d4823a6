// .NET console output as its formatters document it: Microsoft.Extensions.Logging's simple formatter
// (padding and scopes set aside), Serilog's console templates (their level abbreviations), and the
// runtime's own unhandled-exception output.
import { describe, expect, it } from '@jest/globals';
import { unpadDotnetConsole } from '../../../src/normalize/dotnet-console.js';
import { serilogLevelWord } from '../../../src/normalize/serilog-levels.js';
import { stripLogHeader } from '../../../src/normalize/log-header.js';
import { severityTextPattern, textSeverity } from '../../../src/normalize/text-severity.js';

describe('unpadDotnetConsole', () => {
  it.each([
    ['a message and an exception',
      'fail: Microsoft.AspNetCore.Server.Kestrel[13]\n      Connection id "0HN1", Request id "0HN1:00000002": An unhandled exception was thrown by the application.\n      System.NullReferenceException: Object reference not set to an instance of an object.\n         at Portal.Export.CsvExporter.WriteRow(Account account) in /src/CsvExporter.cs:line 88',
      'fail: Microsoft.AspNetCore.Server.Kestrel[13]\nConnection id "0HN1", Request id "0HN1:00000002": An unhandled exception was thrown by the application.\nSystem.NullReferenceException: Object reference not set to an instance of an object.\n   at Portal.Export.CsvExporter.WriteRow(Account account) in /src/CsvExporter.cs:line 88'],
    ['an inner exception keeps its own indent',
      'crit: Program[0]\n      Host terminated\n      System.Exception: outer\n       ---> System.IO.IOException: inner\n         at A.B()\n         --- End of inner exception stack trace ---',
      'crit: Program[0]\nHost terminated\nSystem.Exception: outer\n ---> System.IO.IOException: inner\n   at A.B()\n   --- End of inner exception stack trace ---'],
    ['scopes on their own line (IncludeScopes)',
      'warn: Orders.Api.OrderService[7]\n      => SpanId:1, TraceId:2 => RequestPath:/orders\n      Order 12 is late',
      'warn: Orders.Api.OrderService[7]\nOrder 12 is late'],
    ['a timestamp before the level (TimestampFormat)',
      '2026-03-10 12:00:01 warn: Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware[3]\n      Failed to determine the https port for redirect.',
      '2026-03-10 12:00:01 warn: Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware[3]\nFailed to determine the https port for redirect.'],
    ['a blank line inside the message', 'info: App[1]\n      first\n\n      third', 'info: App[1]\nfirst\n\nthird'],
  ])('%s', (_name, text, expected) => {
    expect(unpadDotnetConsole(text)).toBe(expected);
  });

  it.each([
    ['one line (SingleLine = true)', 'fail: Microsoft.AspNetCore.Server.Kestrel[13] Connection id "0HN1": An unhandled exception was thrown by the application.'],
    ['the category line alone', 'fail: Microsoft.AspNetCore.Server.Kestrel[13]'],
    ['a line not padded as the formatter pads', 'fail: App[1]\n      message\nnot padded'],
    ['a message that opens with a level word', 'fail: 3 of 12 checks\n      see report'],
    ['a Java frame list', 'java.lang.IllegalStateException: x\n      at com.acme.A.b(A.java:3)'],
    ['plain text', 'hello'],
  ])('leaves %s as it is', (_name, text) => {
    expect(unpadDotnetConsole(text)).toBe(text);
  });
});

describe("Serilog's level abbreviations", () => {
  it.each([
    ['WRN', 'WARNING'], ['wrn', 'WARNING'], ['Wrn', 'WARNING'], ['Warn', 'WARNING'], ['ERR', 'ERROR'], ['Eror', 'ERROR'],
    ['FTL', 'FATAL'], ['Fatl', 'FATAL'], ['INF', 'INFO'], ['DBG', 'DEBUG'], ['Dbug', 'DEBUG'], ['VRB', 'TRACE'], ['Verb', 'TRACE'],
  ])('%s is %s', (word, level) => {
    expect(serilogLevelWord(word)).toBe(level);
  });

  it.each(['W', 'Wn', 'wRn', 'WRNG', 'FATALE', 'err!', ''])('%j is none', (word) => {
    expect(serilogLevelWord(word)).toBeUndefined();
  });

  it.each([
    ['the console default, `[HH:mm:ss LVL]`', '[13:17:38 WRN] Retrying "Acknowledge" after 800ms (attempt 2 of 5)', 'WARNING'],
    ['fatal', '[13:17:38 FTL] Host terminated unexpectedly', 'CRITICAL'],
    ['error', '[13:17:38 ERR] Failed to write audit batch 42 to "audit"', 'ERROR'],
    ['milliseconds and a full date', '[2026-03-10 13:17:38.123 +00:00 WRN] slow', 'WARNING'],
    ['the file sink default, level in its own brackets', '2026-03-10 13:17:38.123 +00:00 [FTL] Host terminated unexpectedly', 'CRITICAL'],
    ['lower case (w3)', '[13:17:38 wrn] slow', 'WARNING'],
    ['title case (t4)', '[13:17:38 Warn] slow', 'WARNING'],
    ['information is routine', '[13:17:38 INF] Wrote audit batch 42 (10 events, 0 errors) in 12 ms', 'INFO'],
  ])('textSeverity reads %s', (_name, text, expected) => {
    expect(textSeverity(text)).toBe(expected);
  });

  it('the header is set aside: the message is what the CLEF twin renders', () => {
    expect(stripLogHeader('[13:17:38 WRN] Retrying "Acknowledge" after 800ms')).toEqual({ rest: 'Retrying "Acknowledge" after 800ms', level: 'WARNING' });
    expect(stripLogHeader('2026-03-10 13:17:38.123 +00:00 [FTL] Host terminated unexpectedly')).toEqual({ rest: 'Host terminated unexpectedly', level: 'FATAL' });
  });

  it.each([
    ['an abbreviation in prose', 'WRN and FTL are Serilog levels'],
    ['one in brackets with no time before it', '[FTL] is fatal'],
    ['a time then a word that is no level', '[13:17:38 ABC] hello'],
  ])('%s states no level', (_name, text) => {
    expect(textSeverity(text)).toBeNull();
  });

  it('the server-side pattern lets their lines through at WARNING and above', () => {
    const warning = new RegExp(severityTextPattern('WARNING').replace('(?i)', ''), 'i');
    const critical = new RegExp(severityTextPattern('CRITICAL').replace('(?i)', ''), 'i');
    expect(warning.test('[13:17:38 WRN] slow')).toBe(true);
    expect(critical.test('[13:17:38 FTL] Host terminated unexpectedly')).toBe(true);
    expect(critical.test('[13:17:38 WRN] slow')).toBe(false);
  });
});

describe("the runtime's unhandled exception", () => {
  it.each([
    ['.NET Core 3 and later', 'Unhandled exception. Npgsql.NpgsqlException (0x80004005): Failed to connect to 10.20.1.5:5432\n ---> System.Net.Sockets.SocketException (110): Connection timed out'],
    ['the line alone', 'Unhandled exception. System.InvalidOperationException: Sequence contains no elements'],
    ['.NET Framework and .NET Core 2', 'Unhandled Exception: System.IO.FileNotFoundException: Could not find file \'/app/config.json\'.\n   at System.IO.FileStream.ValidateFileHandle(SafeFileHandle fileHandle)'],
  ])('ends the process: CRITICAL (%s)', (_name, text) => {
    expect(textSeverity(text)).toBe('CRITICAL');
  });

  it.each([
    ['an application\'s own words', 'Unhandled Exception: see the logs'],
    ['a message that mentions it later', 'Request failed: Unhandled exception. System.Exception: x\n   at A.B()'],
  ])('%s is no crash', (_name, text) => {
    expect(textSeverity(text)).not.toBe('CRITICAL');
  });
});
