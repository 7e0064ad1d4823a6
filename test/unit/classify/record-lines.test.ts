import { describe, expect, it } from '@jest/globals';
import { lineKey, looseKey } from '../../../src/classify/record-lines.js';

const loose = (line: string): string => looseKey(lineKey(line)!);

describe('looseKey: a JVM frame without where its class was loaded from', () => {
  it.each([
    // JBoss Modules' module and version, and the same frame as an earlier release's redaction stored it.
    ['\tat org.jboss.resteasy.resteasy-core@6.2.7.Final//org.jboss.resteasy.core.ExceptionHandler.handleException(ExceptionHandler.java:344)',
      'at org.jboss.resteasy.core.ExceptionHandler.handleException(ExceptionHandler.java:0)'],
    ['\tat ***@6.2.7.Final//org.jboss.resteasy.core.ExceptionHandler.handleException(ExceptionHandler.java:344)',
      'at org.jboss.resteasy.core.ExceptionHandler.handleException(ExceptionHandler.java:0)'],
    // The JDK's module, an application class loader.
    ['\tat java.base/java.lang.Thread.run(Thread.java:840)', 'at java.lang.Thread.run(Thread.java:0)'],
    ['\tat java.base@17.0.13/java.lang.Thread.run(Thread.java:840)', 'at java.lang.Thread.run(Thread.java:0)'],
    ['\tat app//com.acme.Foo.bar(Foo.java:12)', 'at com.acme.Foo.bar(Foo.java:0)'],
    ['\tat deployment.ledger.war//com.example.ledger.EntryRepository.findByAccount(EntryRepository.java:58)', 'at com.example.ledger.EntryRepository.findByAccount(EntryRepository.java:0)'],
    // With Logback's packaging data after it.
    ['\tat app//com.acme.Foo.bar(Foo.java:12) ~[app-1.0.jar:1.0]', 'at com.acme.Foo.bar(Foo.java:0)'],
  ])('%s', (line, key) => {
    expect(loose(line)).toBe(key);
  });

  it.each([
    // A plain Java frame, and Node's frames: their paths are where the code is, not a loader.
    '\tat com.acme.Foo.bar(Foo.java:12)',
    '    at handler (/app/src/routes/orders.js:42:13)',
    '    at /app/src/server.js:10:5',
    '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at async Promise.all (index 0)',
  ])('leaves %s as it is', (line) => {
    expect(loose(line)).toBe(lineKey(line));
  });
});

// util.inspect prints an error's own properties one per line; an array of values (the bound
// parameters Sequelize's DatabaseError keeps, sequelize/sequelize#11343) is data, different in every
// record. A piece of the record still reads as the record's when only those values differ.
describe('looseKey: an inline array of values under a property', () => {
  it.each([
    ["    parameters: [ 4, '2026-12-04 07:12:09.115 +00:00', 656128, 'SKU-G2KWYQ' ]", "    parameters: [ 3, '2026-12-04 00:12:09.115 +00:00', 1, 'SKU-INPI6K', 'x' ]"],
    ["  tags: [ 'a', 'b' ],", "  tags: [ 'c' ],"],
  ])('%j and %j read the same', (a, b) => {
    expect(loose(a)).toBe(loose(b));
  });

  it('keeps the property name, and a line that is no property as it is', () => {
    expect(loose("  parameters: [ 1, 'a' ]")).not.toBe(loose("  replacements: [ 1, 'a' ]"));
    expect(loose("got [ 'a', 'b' ]")).not.toBe(loose("got [ 'c' ]"));
    expect(loose('  parent: error: deadlock detected')).toBe('parent: error: deadlock detected');
  });
});

// util.inspect past its depth prints an object `[Object]` and an array `[Array]`; an array of them on one
// line says how many items there were (googlecodelabs/iot-data-pipeline#1: BigQuery's PartialFailureError,
// `errors: [ { errors: [Object], row: [Object] } ], response: { kind: 'bigquery#tableDataInsertAllResponse',
// insertErrors: [ [Object] ] }`). And it ends each element but the last with a comma: the same element
// reads with one or without as others follow it or not.
describe('looseKey: what util.inspect prints of how many elements there were', () => {
  it.each([
    ["  response: { kind: 'bigquery#tableDataInsertAllResponse', insertErrors: [ [Object] ] }", "  response: { kind: 'bigquery#tableDataInsertAllResponse', insertErrors: [ [Object], [Object], [Object] ] }"],
    ['    { errors: [Array], row: [Object] },', '    { errors: [Array], row: [Object] }'],
    ["  failures: [ [Object], [Array] ]", "  failures: [ [Array] ],"],
    ["    code: '22001',", "    code: '22001'"],
  ])('%j and %j read the same', (a, b) => {
    expect(loose(a)).toBe(loose(b));
  });

  it('keeps what the elements say, and a line of other words', () => {
    expect(loose("  response: { insertErrors: [ [Object] ] }")).not.toBe(loose("  response: { insertErrors: [ 'rate limited' ] }"));
    expect(loose("    code: 'ECONNRESET',")).not.toBe(loose("    code: 'ECONNREFUSED'"));
    expect(loose('got [ [Object] ] back')).not.toBe(loose('got nothing back'));
  });
});

// A URL in an error line names the request or the resource, as the template miner masks it (<URL>):
// httpx's raise_for_status message (encode/httpx `_models.py`: `Server error '502 Bad Gateway' for url
// '…'`), inside an ExceptionGroup's `|` margin, for another host or page is the same line.
describe('looseKey: a URL in a line', () => {
  it.each([
    ["    | httpx.HTTPStatusError: Server error '502 Bad Gateway' for url 'https://api.partner-d.example/v2/catalog?page=18'",
      "    | httpx.HTTPStatusError: Server error '502 Bad Gateway' for url 'https://api.partner-a.example/v2/catalog?page=3'"],
    ['Request to POST https://billing.internal/v1/charges/ch_1 failed', 'Request to POST https://billing.internal/v1/charges/ch_2/refund failed'],
  ])('%j and %j read the same', (a, b) => {
    expect(loose(a)).toBe(loose(b));
  });

  it('keeps the words around it', () => {
    expect(loose("Server error '502 Bad Gateway' for url 'https://a.example/x'")).not.toBe(loose("Client error '404 Not Found' for url 'https://a.example/x'"));
    expect(loose('see https://a.example/x')).toBe('see <URL>');
  });
});
