// GlassFish's and Payara's ODL records split one line per entry: the header line closed by `[[`, the
// message two spaces in, the exception's lines unindented as Throwable prints them, `]]` after the last.
// Each record is joined back whole; another record's header line ends it.
import { describe, expect, it } from '@jest/globals';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, texts } from '../../support/cloud-run-lines.js';

const { line } = cloudRunLines('stdout');

// As payara/docker-payaramicro#65 and a GlassFish Arquillian run (`StandardWrapperValve[…]: Servlet.service()
// … threw exception`, then the exception) show it.
const SEVERE = [
  '[2023-04-01T00:10:40.169+0700] [] [WARNING] [] [jakarta.enterprise.web] [tid: _ThreadID=87 _ThreadName=http-thread-pool::http-listener(1)] [timeMillis: 1680282640169] [levelValue: 900] [[',
  '  StandardWrapperValve[ArquillianServletRunnerEE9]: Servlet.service() for servlet ArquillianServletRunnerEE9 threw exception',
  'java.lang.NoClassDefFoundError: org/slf4j/LoggerFactory',
  '\tat org.testng.log4testng.Logger.lambda$getLogger$0(Logger.java:30)',
  'Caused by: java.lang.ClassNotFoundException: org.slf4j.LoggerFactory',
  '\t... 42 more]]',
];
const INFO = [
  '[2023-04-01T00:10:40.170+0700] [] [INFO] [] [com.acme.Pay] [tid: _ThreadID=88 _ThreadName=http-thread-pool::http-listener(2)] [timeMillis: 1680282640170] [levelValue: 800] [[',
  '  captured payment 1 in 12 ms]]',
];

const at = (lines: readonly string[]) => lines.map((t, i) => line(t, 10 * i));

describe('reassemble: ODL records split by lines', () => {
  it('joins a record whole, then the next one', () => {
    const entries = at([...SEVERE, ...INFO]);
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([SEVERE.join('\n'), INFO.join('\n')].sort());
    }
  });

  it('a header line written at the same moment by another thread ends the record before it', () => {
    const entries = at([INFO[0]!, ...SEVERE]);
    const out = texts(reassembleAll(entries));
    expect(out).toContain(SEVERE.join('\n'));
    expect(out).toContain(INFO[0]);
  });

  it('does not join lines after the `]]` that closed the record', () => {
    const entries = at([...INFO, 'java.lang.IllegalStateException: boom', '\tat com.acme.X.y(X.java:1)']);
    const out = texts(reassembleAll(entries));
    expect(out).toContain(INFO.join('\n'));
    expect(out.some((t) => t.startsWith('[') && t.includes('IllegalStateException'))).toBe(false);
  });
});
