// A .NET exception's text may carry lines of its own between its first line and its frames: a
// FileNotFoundException's (or FileLoadException's, BadImageFormatException's) `File name: '…'`, .NET
// Framework's `Parameter name: …` under an ArgumentException's message, `Object name: '…'.` under an
// ObjectDisposedException's. They are the exception's, as its inner exceptions and their end markers are.
import { describe, expect, it } from '@jest/globals';
import { expectWhole } from '../../support/expect-whole.js';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, pieces } from '../../support/cloud-run-lines.js';

// As pasted (an assembly that did not load; a startup file missing), with the frames .NET prints under them.
const ASSEMBLY = [
  "Unhandled exception. System.IO.FileNotFoundException: Could not load file or assembly 'Zapf.Parsing, Version=0.11.1.0, Culture=neutral, PublicKeyToken=null'. The system cannot find the file specified.",
  '',
  "File name: 'Zapf.Parsing, Version=0.11.1.0, Culture=neutral, PublicKeyToken=null'",
  '   at Zapf.Program.Main(String[] args)',
].join('\n');
const TEMPLATE = [
  "Unhandled exception. System.IO.FileNotFoundException: Could not find file '/app/templates/invoice-v3.frx'.",
  "File name: '/app/templates/invoice-v3.frx'",
  '   at Microsoft.Win32.SafeHandles.SafeFileHandle.Open(String fullPath, FileMode mode, FileAccess access, FileShare share, FileOptions options, Int64 preallocationSize)',
  '   at System.IO.File.ReadAllText(String path)',
  '   at Program.<Main>$(String[] args) in /src/Reports/Program.cs:line 31',
].join('\n');
// log4net's PatternLayout: the record's line, then `%exception` (the exception's ToString()).
const LOGGED = [
  '2026-12-05 10:00:00,123 [7] ERROR Acme.Reports.Templates.TemplateCache - template preload failed',
  "System.IO.FileNotFoundException: Could not find file '/app/templates/invoice-v3.frx'.",
  "File name: '/app/templates/invoice-v3.frx'",
  '   at System.IO.File.ReadAllText(String path)',
  '   at Acme.Reports.Templates.TemplateCache.Preload(String directory) in /src/Acme.Reports/Templates/TemplateCache.cs:line 22',
].join('\n');
// .NET Framework's ArgumentNullException: the parameter on a line of its own.
const PARAMETER = [
  'System.ArgumentNullException: Value cannot be null.',
  'Parameter name: source',
  '   at System.Linq.Enumerable.Where[TSource](IEnumerable`1 source, Func`2 predicate)',
  '   at Acme.Orders.OrderService.Pending() in C:\\src\\Acme.Orders\\OrderService.cs:line 41',
].join('\n');

// Npgsql's PostgresException: the server's DETAIL after a blank line under the message (redacted unless the
// connection string asks for it), as pasted from an API's 500 body; and under Serilog's console sink's default
// template (`[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}`) with the detail included.
const NPGSQL = [
  'Npgsql.PostgresException (0x80004005): 23503: insert or update on table "auth_refresh_tokens" violates foreign key constraint "auth_refresh_tokens_user_id_fkey"',
  '',
  "DETAIL: Detail redacted as it may contain sensitive data. Specify 'Include Error Detail' in the connection string to include this information.",
  '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
  '   at Npgsql.NpgsqlCommand.ExecuteNonQuery(Boolean async, CancellationToken cancellationToken)',
  '   at Acme.Auth.TokenStore.SaveAsync(RefreshToken token) in /src/Acme.Auth/TokenStore.cs:line 40',
].join('\n');
const NPGSQL_LOGGED = [
  '[10:00:00 ERR] Failed to render report 88123',
  'Npgsql.PostgresException (0x80004005): 40P01: deadlock detected',
  '',
  'DETAIL: Key (id)=(88123) is locked by another transaction.',
  '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
  '   at Acme.Reports.ReportStore.MarkRenderedAsync(Int64 reportId, CancellationToken ct) in /src/Acme.Reports/ReportStore.cs:line 73',
].join('\n');

const OTHERS = ['2026-12-05 10:00:00,124 [9] INFO  Acme.Reports.Scheduler - 3 reports queued, 0 failed, errorCount=0'];

describe('reassemble: the detail lines of a .NET exception', () => {
  it.each([
    ['an assembly that did not load', ASSEMBLY],
    ['a file not found at start-up', TEMPLATE],
    ['a file not found, logged by log4net', LOGGED],
    ["a parameter's name (.NET Framework)", PARAMETER],
    ["Npgsql's DETAIL under a PostgreSQL error", NPGSQL],
    ["Npgsql's DETAIL, logged by Serilog's console sink", NPGSQL_LOGGED],
  ])('%s comes back whole', (_name, record) => {
    expectWhole(record, OTHERS);
  });

  it('the detail and frames of a trace whose first line was lost are a piece of it', () => {
    const { split } = cloudRunLines('stderr');
    for (const record of [NPGSQL, LOGGED]) {
      const headless = record.split('\n').filter((l) => l.trim() !== '').slice(NPGSQL === record ? 1 : 2).join('\n');
      expect(pieces(reassembleAll(split(headless, 0)))).toEqual([true]);
    }
  });
});
