// Symfony Console's rendering of an exception a command did not catch: per exception `In File.php line N:`
// and its message in a box of padded rows, the command's synopsis after the last box. Cloud Run stores
// each line as an entry; the boxes join as one record, read at CRITICAL (the command exits with it) and
// as its outer exception's message.
import { describe, expect, it } from '@jest/globals';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { textSeverity, mayBelongToTrace, severityTextPattern } from '../../../src/normalize/text-severity.js';
import { recordMessage } from '../../../src/classify/record-message.js';
import { cloudRunLines, texts } from '../../support/cloud-run-lines.js';

const { split } = cloudRunLines('stderr');

/** Rows as Symfony pads them: two spaces in, the box's width, a blank row above and below. */
function box(where: string, message: readonly string[]): string[] {
  const width = Math.max(...message.map((m) => m.length)) + 4;
  const row = (m: string) => `  ${m}${' '.repeat(width - m.length - 2)}`;
  return [where, ' '.repeat(width), ...message.map(row), ' '.repeat(width), ''];
}
// Doctrine's schema tool against PostgreSQL, as pasted in a public project's notes (Doctrine DBAL's three
// exceptions, outer first), and a worker's unresolved database host wrapped at 80 columns.
const SCHEMA = [
  '',
  ...box('In ExceptionConverter.php line 78:', ['An exception occurred while executing a query: SQLSTATE[42P07]: Duplicate table: 7 ERROR:  relation "order" already exists']),
  ...box('In Exception.php line 30:', ['SQLSTATE[42P07]: Duplicate table: 7 ERROR:  relation "order" already exists']),
  ...box('In Connection.php line 72:', ['SQLSTATE[42P07]: Duplicate table: 7 ERROR:  relation "order" already exists']),
];
const SCHEMA_SYNOPSIS = 'orm:schema-tool:update [--em EM] [--complete] [--dump-sql] [-f|--force]';
const WRAPPED = [
  ...box('In ExceptionConverter.php line 87:', ['An exception occurred in the driver: SQLSTATE[08006] [7] could not translate', ' host name "db" to address: Name or service not known']),
  ...box('In Exception.php line 28:', ['SQLSTATE[08006] [7] could not translate host name "db" to address:', 'Name or service not known']),
];
// symfony/symfony#45862: under -v the class in brackets heads the message.
const VERBOSE = box('In Driver.php line 24:', ['[Symfony\\Component\\ErrorHandler\\Error\\ClassNotFoundError]', 'Attempted to load class "Connection" from namespace "Doctrine\\DBAL\\Driver\\PDO".']);

const noBlank = (ls: readonly string[]) => ls.filter((l) => l.trim() !== '');

describe("Symfony Console's uncaught exception", () => {
  it.each([['schema tool', SCHEMA], ['wrapped rows', WRAPPED], ['verbose', VERBOSE]])('%s: the boxes and the synopsis join, in both time orders', (_n, lines) => {
    const record = [...lines, SCHEMA_SYNOPSIS].join('\n');
    const entries = split(record, 0);
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).map((t) => noBlank(t.split('\n')).join('\n'))).toEqual([noBlank([...lines, SCHEMA_SYNOPSIS]).join('\n')]);
    }
  });

  it('a line after the boxes that is no synopsis stays apart', () => {
    const entries = split([...WRAPPED, 'Starting the worker again'].join('\n'), 0);
    expect(texts(reassembleAll(entries)).map((t) => noBlank(t.split('\n')).join('\n'))).toEqual([noBlank(WRAPPED).join('\n'), 'Starting the worker again']);
  });

  it('is read at CRITICAL, whole or joined; its first line is read by both filters', () => {
    for (const lines of [SCHEMA, WRAPPED, VERBOSE]) {
      expect(textSeverity([...lines, SCHEMA_SYNOPSIS].join('\n'))).toBe('CRITICAL');
      expect(textSeverity(noBlank(lines).join('\n'))).toBe('CRITICAL');
    }
    const head = 'In ExceptionConverter.php line 87:';
    expect(mayBelongToTrace(head)).toBe(true);
    expect(new RegExp(severityTextPattern('NOTICE').replace('(?i)', ''), 'i').test(head)).toBe(true);
  });

  it("reads as its outer exception's message, its rows joined", () => {
    expect(recordMessage([...WRAPPED, SCHEMA_SYNOPSIS].join('\n'))).toBe('An exception occurred in the driver: SQLSTATE[08006] [7] could not translate host name "db" to address: Name or service not known');
    expect(recordMessage(noBlank(WRAPPED).join('\n'))).toBe('An exception occurred in the driver: SQLSTATE[08006] [7] could not translate host name "db" to address: Name or service not known');
    expect(recordMessage(VERBOSE.join('\n'))).toBe('Symfony\\Component\\ErrorHandler\\Error\\ClassNotFoundError: Attempted to load class "Connection" from namespace "Doctrine\\DBAL\\Driver\\PDO".');
  });

  it('leaves a message that only mentions a file and line as it is', () => {
    for (const s of ['In app.php line 12: we retry', 'In the file foo.php line 3 is wrong']) {
      expect(textSeverity(s)).toBeNull();
      expect(recordMessage(s)).toBe(s);
    }
  });
});
