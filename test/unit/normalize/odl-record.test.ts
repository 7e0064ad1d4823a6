// GlassFish's and Payara's ODL uniform format and Payara's JSON formatter, as public reports paste them:
// the header is how the record was logged, its level the record's, the `[[ … ]]` brackets no part of the
// message; the same record written as JSON reads as the same text at the same level.
import { describe, expect, it } from '@jest/globals';
import { stripLogHeader } from '../../../src/normalize/index.js';
import { textSeverity } from '../../../src/normalize/text-severity.js';
import { ODL_OPEN } from '../../../src/shared/odl-record.js';

describe('ODL uniform format header', () => {
  it.each([
    // A dataverse exporter's README, pasting Payara 6's server.log.
    ['Payara Server, message on the next line',
      '[2024-05-01T14:08:09.347+0000] [Payara 6.2023.7] [WARNING] [] [edu.harvard.iq.dataverse.api.Datasets] [tid: _ThreadID=88 _ThreadName=http-thread-pool::jk-connector(3)] [timeMillis: 1714572489347] [levelValue: 900] [[\n  Failed to export the dataset as croissant]]',
      'Failed to export the dataset as croissant', 'WARNING'],
    // payara/docker-payaramicro#65: Payara Micro leaves the product field empty.
    ['Payara Micro, empty product, a stack under the message',
      '[2022-05-11T09:54:58.364-0400] [] [WARNING] [] [org.eclipse.persistence.session./file:/app/WEB-INF/classes/_MyAppPU.metadata] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 1652277298364] [levelValue: 900] [[\n  The java.lang.String class was compiled with an unsupported JDK.\njava.lang.IllegalArgumentException: Unsupported class file major version 62\n    at org.eclipse.persistence.internal.libraries.asm.ClassReader.<init>(ClassReader.java:196)]]',
      'The java.lang.String class was compiled with an unsupported JDK.\njava.lang.IllegalArgumentException: Unsupported class file major version 62\n    at org.eclipse.persistence.internal.libraries.asm.ClassReader.<init>(ClassReader.java:196)', 'WARNING'],
    // microprofile/microprofile-conference#105: the message on the header line, no brackets around it.
    ['message on the header line',
      '[2016-11-08T09:32:27.844+0000] [Payara Microprofile 4.1] [SEVERE] [AS-WEB-GLUE-00167] [javax.enterprise.web] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 1478597547844] [levelValue: 1000] Error adding HttpProbes. NetworkListener https-listeners GrizzlyProxy is NULL',
      'Error adding HttpProbes. NetworkListener https-listeners GrizzlyProxy is NULL', 'SEVERE'],
    // GlassFish 7 writes no timeMillis; Weld through an SLF4J bridge writes WARN.
    ['GlassFish 7, microseconds and an offset',
      '[2023-06-25T10:33:58.865510+08:00] [GF 7.0.5] [WARNING] [] [jakarta.enterprise.resource.resourceadapter.com.sun.enterprise.connectors.service] [tid: _ThreadID=30 _ThreadName=http-listener-1(1)] [levelValue: 900] [[\n  Probably the pool is not yet initialized (lazy-loading), trying to check ...]]',
      'Probably the pool is not yet initialized (lazy-loading), trying to check ...', 'WARNING'],
    ['ODL levels that are no common word',
      '[2024-01-02T03:04:05.678+0000] [glassfish 4.1] [NOTIFICATION:16] [] [app] [tid: _ThreadID=2 _ThreadName=main] [[\n  started]]',
      'started', 'INFO'],
  ])('%s', (_name, text, rest, level) => {
    const stripped = stripLogHeader(text);
    expect(stripped.rest.trim()).toBe(rest);
    expect(stripped.level).toBe(level);
  });

  it('states its level for the severity read off text, also with an empty product field', () => {
    expect(textSeverity('[2026-12-10T00:03:37.440+0000] [] [WARNING] [] [com.acme.pay.FraudCheck] [tid: _ThreadID=132 _ThreadName=http-thread-pool::http-listener(5)] [timeMillis: 1796861017440] [levelValue: 900] [[\n  fraud score unavailable]]')).toBe('WARNING');
    expect(textSeverity('[2026-12-10T00:03:37.440+0000] [] [SEVERE] [] [jakarta.enterprise.web] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 1796861017440] [levelValue: 1000] [[\n  StandardWrapperValve[x]: Servlet.service() threw exception]]')).toBe('ERROR');
    expect(textSeverity('[2026-12-10T00:03:37.440+0000] [] [INFO] [] [com.acme.Pay] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 1796861017440] [levelValue: 800] [[\n  captured payment 1 in 12 ms, errors=0]]')).toBe('INFO');
  });

  it('the header line alone, closed by `[[`, opens a record; lines that only look alike do not', () => {
    expect(ODL_OPEN.test('[2017-06-27T18:57:06.607+0200] [glassfish 4.1] [WARN] [] [org.jboss.weld.Servlet] [tid: _ThreadID=98 _ThreadName=http-listener-2(1)] [timeMillis: 1498582626607] [levelValue: 900] [[')).toBe(true);
    expect(ODL_OPEN.test('[2026-12-10T00:03:37.440+0000] [] [WARNING] [] [x] [tid: _ThreadID=1 _ThreadName=main] [[ message]]')).toBe(false);
    expect(ODL_OPEN.test('[2026-12-10 00:03:37] [error] [client 1.2.3.4] [[')).toBe(false);
    expect(ODL_OPEN.test('[[')).toBe(false);
  });

  it.each([
    ['a bracketed time and level of another format', '[2026-12-10 00:03:37,123] [ERROR] db down]]', 'db down]]'],
    ['a message that ends in brackets of its own', '2026-12-10 00:03:37 WARN cache miss for [[1, 2]]', 'cache miss for [[1, 2]]'],
  ])('leaves alone %s', (_name, text, rest) => {
    expect(stripLogHeader(text).rest).toBe(rest);
  });
});
