// Go, Perl and Scala loggers that print a level glued to a counter, a level padded to a column, a syslog
// priority before their own header, or a record as logfmt pairs with a trace in one field: the header is
// read (its level counts) and set aside, and a logfmt record reads as its JSON twin.
import { opensWithPaddedLevel, stripLogHeader } from '../../../src/normalize/log-header.js';
import { logfmtRecordText } from '../../../src/normalize/logfmt-record.js';
import { jsonMessage } from '../../../src/normalize/json-message.js';
import { textSeverity } from '../../../src/normalize/text-severity.js';
import { withoutTerminalCodes } from '../../../src/normalize/terminal-codes.js';

const ESC = '\u001b';

describe('a level glued to a counter or a time (logrus on a terminal, apex/log text)', () => {
  it.each([
    ['logrus, seconds since start', 'ERRO[0012] thumbnail failed                              error="image: unknown format"', 'ERRO', 'ERROR'],
    ['logrus, warning', 'WARN[0003] upload failed, retrying                       attempt=3', 'WARN', 'WARNING'],
    ['logrus, fatal', 'FATA[0000] cannot open config                            path=/etc/app.yaml', 'FATA', 'CRITICAL'],
    ['logrus, panic', 'PANI[0000] invariant broken', 'PANI', 'CRITICAL'],
    ['logrus, info', 'INFO[0001] listening                                     addr=":8080"', 'INFO', 'INFO'],
    ['logrus, debug', 'DEBU[0001] cache warm', 'DEBU', 'DEBUG'],
    ['logrus with FullTimestamp', 'ERRO[2026-12-04T00:10:33Z] thumbnail failed                              error="image: unknown format"', 'ERRO', 'ERROR'],
    ['apex/log text, error padded to six', ' ERROR[0012] thumbnail failed          error=image: unknown format', 'ERROR', 'ERROR'],
    ['apex/log text, warning padded to six', '  WARN[0012] upload failed, retrying   attempt=3', 'WARN', 'WARNING'],
    ['apex/log text, info padded to six', '  INFO[9000] janitor sweep done        deleted=3 error_count=0', 'INFO', 'INFO'],
    ['apex/log text with its colour escapes', `${ESC}[31m ERROR${ESC}[0m[0012] thumbnail failed          ${ESC}[31merror${ESC}[0m=image: unknown format`, 'ERROR', 'ERROR'],
  ])('%s', (_why, line, level, severity) => {
    const stripped = stripLogHeader(withoutTerminalCodes(line));
    expect(stripped.level).toBe(level);
    expect(stripped.rest).not.toMatch(/\[\d/);
    expect(stripped.rest.startsWith(' ')).toBe(false);
    expect(textSeverity(line)).toBe(severity);
  });

  it('an indented line that opens with a padded level is no continuation; a frame is', () => {
    expect(opensWithPaddedLevel(' ERROR[0012] thumbnail failed')).toBe(true);
    expect(opensWithPaddedLevel('  WARN[0012] upload failed')).toBe(true);
    for (const line of ['    at Object.<anonymous> (/app/x.js:1:2)', '\tat com.acme.A.b(A.java:1)', '  File "/app/x.py", line 3, in f', ' ERROR: not a counter', 'ERROR[0012] not indented', '  ERRORS[12] x']) {
      expect(opensWithPaddedLevel(line)).toBe(false);
    }
  });

  it('a level word glued to other brackets is no header', () => {
    for (const line of ['ERROR[] empty', 'ERROR[abc] not a counter', 'INFOS[0012] x', 'Error[0012] mixed case']) {
      expect(stripLogHeader(line).rest).toBe(line);
    }
  });
});

describe("zerolog's ConsoleWriter: a time, then the level in three letters", () => {
  it.each([
    ['3:04PM ERR thumbnail failed error="image: unknown format" media_id=1', 'ERR', 'ERROR'],
    ['3:04PM WRN upload failed, retrying attempt=3', 'WRN', 'WARNING'],
    ['3:04PM FTL cannot start', 'FTL', 'CRITICAL'],
    ['3:04PM INF janitor sweep done error_count=0', 'INF', 'INFO'],
    ['3:04PM DBG cache warm', 'DBG', 'DEBUG'],
  ])('%s', (line, level, severity) => {
    const stripped = stripLogHeader(line);
    expect(stripped.level).toBe(level);
    expect(stripped.rest.startsWith(level)).toBe(false);
    expect(textSeverity(line)).toBe(severity);
  });

  it('three capitals without a time before them are the message', () => {
    expect(stripLogHeader('INF is not a header here').rest).toBe('INF is not a header here');
    expect(textSeverity('WRN is not a header here')).toBeNull();
  });
});

describe('a syslog priority before the logger\'s own header (Mojo::Log\'s short format)', () => {
  it.each([
    ['<5>[36] [i] [abcdefabcdef] Post 83696 created in thread 2590', 'Post 83696 created in thread 2590', 'INFO'],
    ['<4>[36] [w] [abcdefabcdef] Spam check failed for post 12345: Connect timeout', 'Spam check failed for post 12345: Connect timeout', 'WARNING'],
    ['<3>[7] [e] [q1w2e3r4t5y6] Can\'t call method "name" on an undefined value at /app/lib/T.pm line 42.', 'Can\'t call method "name" on an undefined value at /app/lib/T.pm line 42.', 'ERROR'],
    ['<2>[7] [f] [q1w2e3r4t5y6] database gone', 'database gone', 'CRITICAL'],
    ['<7>[7] [d] [q1w2e3r4t5y6] cache warm', 'cache warm', 'DEBUG'],
  ])('%s', (line, rest, severity) => {
    expect(stripLogHeader(line).rest).toBe(rest);
    expect(textSeverity(line)).toBe(severity);
  });

  it('reads as the default format of the same logger does', () => {
    const long = stripLogHeader('[2026-12-04 00:10:33.72319] [36] [info] [abcdefabcdef] Post 83696 created in thread 2590');
    const short = stripLogHeader('<5>[36] [i] [abcdefabcdef] Post 83696 created in thread 2590');
    expect(short.rest).toBe(long.rest);
  });

  it('a priority alone still says the level, and its text stays the message', () => {
    expect(textSeverity('<3>disk failure')).toBe('ERROR');
    expect(textSeverity('<6>started')).toBe('INFO');
    expect(stripLogHeader('<3>disk failure').rest).toBe('disk failure');
  });

  it('a one-letter bracket outside a header is the message', () => {
    expect(stripLogHeader('[i] see the docs').rest).toBe('[i] see the docs');
    expect(textSeverity('[e] not a level')).toBeNull();
  });
});

describe('a logfmt record whose error field holds a trace reads as its JSON twin', () => {
  const trace = 'Exception in thread "zio-fiber-12" java.net.ConnectException: Connection refused: rules.internal/10.8.1.2:8080\n\tat sun.nio.ch.Net.pollConnect(Native Method)\n\tat com.acme.pricing.QuoteRoutes.routes(QuoteRoutes.scala:27)';
  const twin = jsonMessage({ thread: 'zio-fiber-12', message: 'Quote q-1 failed', cause: trace })!.text;

  it("zio-logging's logfmt, the trace's own quotes not escaped", () => {
    const text = `thread=#zio-fiber-12 message="Quote q-1 failed" location=com.acme.pricing.QuoteRoutes.routes file=QuoteRoutes.scala line=29 cause="${trace}"`;
    expect(logfmtRecordText(text)).toBe(twin);
    expect(twin).toBe(`Quote q-1 failed\n${trace}`);
  });

  it('under a logfmt header of its own', () => {
    const line = `timestamp=2026-12-04T00:10:33.723190Z level=ERROR thread=#zio-fiber-12 message="Quote q-1 failed" cause="${trace}"`;
    expect(logfmtRecordText(stripLogHeader(line).rest)).toBe(twin);
  });

  it.each([
    ['a one-line record with a line after it', 'msg="db down" err="pq: deadlock detected"\nmore text'],
    ['pairs with no message', `thread=#zio-fiber-12 cause="${trace}"`],
    ['a trace under a field that holds no error', `message="Quote failed" detail="${trace}"`],
    ['the error before the message', `cause="${trace}" message="Quote failed"`],
    ['a message that is not all pairs', `Quote failed for user=7 cause="${trace}"`],
    ['an open quote that never closes', 'message="Quote failed" cause="Exception: x\n\tat a.B.c(B.java:1)'],
    ['a URL query is no pair', 'GET /search?q=a&b=c failed\n\tat x'],
    ['no pairs at all', 'java.lang.IllegalStateException: x\n\tat a.B.c(B.java:1)'],
  ])('leaves %s as it is', (_why, text) => {
    expect(logfmtRecordText(text)).toBe(text);
  });

  it('reads a one-line record as its JSON twin too: the message, the error under it (logfmt-one-line.test.ts)', () => {
    expect(logfmtRecordText('msg="db down" err="pq: deadlock detected" attempt=3')).toBe('db down\npq: deadlock detected');
  });

  it('is bounded on a long run of pairs', () => {
    const text = `${Array.from({ length: 5000 }, (_, i) => `k${i}=v`).join(' ')}\nnext`;
    expect(logfmtRecordText(text)).toBe(text);
  });
});
