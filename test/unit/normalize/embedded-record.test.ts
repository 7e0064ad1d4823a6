import { describe, expect, it } from '@jest/globals';
import type { RawEntry } from '../../../src/shared/types.js';
import { embeddedRecord } from '../../../src/normalize/embedded-record.js';
import { entrySeverityWithSource, normalizeEntry } from '../../../src/normalize/index.js';

// php-fpm passes on a worker's stderr line quoted after its own prefix (`catch_workers_output`), and cuts
// it at `log_limit` (1024 bytes by default); Monolog's JsonFormatter writes one record a line.
const FPM = '[14-Apr-2026 00:04:46] WARNING: [pool www] child 144 said into stderr: ';
const RECORD = {
  message: 'Payment capture failed for order ORD-541995',
  context: { order: 'ORD-541995', exception: { class: 'App\\Psp\\TransportException', message: 'Idle timeout reached.', code: 0, file: '/var/www/html/src/Psp.php:56' } },
  level: 400,
  level_name: 'ERROR',
  channel: 'app',
  datetime: '2026-04-14T00:04:46.920719+00:00',
  extra: {},
};
const JSON_LINE = JSON.stringify(RECORD);
const entry = (textPayload: string): RawEntry => ({ timestamp: '2026-04-14T00:04:46Z', textPayload });

describe('embeddedRecord', () => {
  it('reads a record printed bare and printed after a wrapper alike', () => {
    expect(embeddedRecord(JSON_LINE)).toEqual(RECORD);
    expect(embeddedRecord(`${FPM}"${JSON_LINE}"`)).toEqual(RECORD);
  });

  it('reads a record the wrapper escaped as a quoted string', () => {
    expect(embeddedRecord(`${FPM}"${JSON.stringify(JSON_LINE).slice(1, -1)}"`)).toEqual(RECORD);
  });

  it('recovers the fields that came whole from a record cut off anywhere', () => {
    const cut = JSON_LINE.indexOf('Idle timeout');
    const recovered = { message: RECORD.message, context: { order: 'ORD-541995', exception: { class: 'App\\Psp\\TransportException' } } };
    expect(embeddedRecord(`${FPM}"${JSON_LINE.slice(0, cut)}`)).toEqual(recovered);
    const escaped = JSON.stringify(JSON_LINE).slice(1, -1);
    expect(embeddedRecord(`${FPM}"${escaped.slice(0, escaped.indexOf('Idle timeout') + 3)}`)).toEqual(recovered);
    // Every cut point: never a throw, and what comes back is a prefix of the record's fields.
    for (let n = 0; n <= JSON_LINE.length; n++) {
      const got = embeddedRecord(`${FPM}"${JSON_LINE.slice(0, n)}`);
      if (got !== null) expect(Object.keys(RECORD)).toEqual(expect.arrayContaining(Object.keys(got)));
    }
  });

  it('holds none in text whose braces are its own', () => {
    expect(embeddedRecord('2026-01-01 ERROR something {not json}')).toBeNull();
    expect(embeddedRecord('order {id} failed: {"a":1}')).toBeNull();
    expect(embeddedRecord('{}')).toBeNull();
    expect(embeddedRecord('{"a":')).toBeNull();
    expect(embeddedRecord('{ not json at all')).toBeNull();
    expect(embeddedRecord('')).toBeNull();
  });

  it('stays bounded on hostile input', () => {
    expect(embeddedRecord(`{"a":${'['.repeat(100_000)}`)).toBeNull();
    expect(embeddedRecord(`{"a":"${'\\'.repeat(100_001)}`)).toBeNull();
    expect(embeddedRecord(`${FPM}"{\\"a\\":\\"${'x\\'.repeat(50_000)}`)).toBeNull();
    // A long line with no record at its head is not searched through.
    expect(embeddedRecord(`${'x'.repeat(500)}{"message":"late"}`)).toBeNull();
    expect(embeddedRecord(`first line\n{"message":"second line"}`)).toBeNull();
  });
});

describe('a record inside a text line, as an entry', () => {
  it('has the message, exception and level of the record, whatever the wrapper says', () => {
    const bare = normalizeEntry({ timestamp: '2026-04-14T00:04:46Z', jsonPayload: RECORD });
    const wrapped = normalizeEntry(entry(`${FPM}"${JSON_LINE}"`));
    expect(wrapped).toEqual(bare);
    expect(wrapped).toMatchObject({ severity: 'ERROR', severitySource: 'level', text: 'Payment capture failed for order ORD-541995\nApp\\Psp\\TransportException: Idle timeout reached.' });
  });

  it("takes the record's INFO over fpm's WARNING", () => {
    const info = JSON.stringify({ message: 'Matched route "app_cart_show".', context: { route: 'app_cart_show' }, level: 200, level_name: 'INFO', channel: 'request' });
    expect(entrySeverityWithSource(entry(`${FPM}"${info}"`))).toEqual({ severity: 'INFO', source: 'level' });
  });

  it('reads a record after a container tool\'s prefix: docker compose, CRI', () => {
    expect(embeddedRecord(`web-1  | ${JSON_LINE}`)).toEqual(RECORD);
    expect(embeddedRecord(`2026-04-14T00:04:46.123456789Z stderr F ${JSON_LINE}`)).toEqual(RECORD);
  });

  it("reads the text's own severity when the record names no level", () => {
    const record = JSON.stringify({ message: 'export failed', exc_info: 'Traceback (most recent call last):\n  File "/app/a.py", line 1, in f\nValueError: x' });
    expect(entrySeverityWithSource(entry(`app-1  | ${record}`)).severity).toBe('ERROR');
  });
});
