// Headers of two formatters as people paste them: Rich's RichHandler (the time in brackets as `[%x %X]`
// writes it, left out on a line logged within the same second, the level padded to eight columns, the
// message, then where it was logged right-aligned at the end of the line) and Helidon's JUL format
// (`%1$tY.%1$tm.%1$td %1$tH:%1$tM:%1$tS %4$s %3$s !thread!: %5$s%6$s%n`, the thread as Thread.toString()
// writes it, a virtual thread's included).
import { stripLogHeader } from '../../../src/normalize/log-header.js';
import { lineKind } from '../../../src/source/trace-lines.js';

const cases: Array<[string, string, string, string]> = [
  // [source, line, level, message]
  // modelcontextprotocol/python-sdk#1190 (RichHandler through FastMCP).
  ['python-sdk#1190', '[07/23/25 16:34:18] INFO     Processing request of type ListToolsRequest                                        server.py:625',
    'INFO', 'Processing request of type ListToolsRequest'],
  ['python-sdk#1190, the time left out', '                    ERROR    Error in message router                                                   streamable_http.py:880',
    'ERROR', 'Error in message router'],
  ['python-sdk#1190, the time left out', '                    INFO     Terminating session: None                                                 streamable_http.py:630',
    'INFO', 'Terminating session: None'],
  // PrefectHQ/fastmcp#2083: a long message fills the line up to its source.
  ['fastmcp#2083', '[10/13/25 09:05:12] INFO     List tools completed in 5.39ms                                                                                                        timing.py:99',
    'INFO', 'List tools completed in 5.39ms'],
  ['Rich, a warning', '[12/04/26 10:00:00] WARNING  pool exhausted, 10 in use                                  db.py:41', 'WARNING', 'pool exhausted, 10 in use'],
  ['Rich, critical', '[12/04/26 10:00:00] CRITICAL worker lost its lease                                 jobs.py:7', 'CRITICAL', 'worker lost its lease'],
  // helidon-io/helidon#1069 (Helidon 1 on JUL, the default logging.properties format).
  ['helidon#1069', '2019.09.28 08:49:10 WARNING io.helidon.webserver.RequestRouting Thread[nioEventLoopGroup-3-2,10,main]: Default error handler: Unhandled exception encountered.',
    'WARNING', 'Default error handler: Unhandled exception encountered.'],
  ['helidon#1069', '2019.09.28 08:46:10 INFO io.helidon.webserver.NettyWebServer Thread[main,5,main]: Version: 1.2.0', 'INFO', 'Version: 1.2.0'],
  // Helidon 4 on virtual threads: VirtualThread.toString() is `VirtualThread[#id,name]/state@carrier`.
  ['Helidon 4, a virtual thread', '2024.06.13 09:33:43 SEVERE io.helidon.webserver.http.ErrorHandlers VirtualThread[#52,[0x6b3d9ab3 0x2a1f9c07] WebServer socket]/runnable@ForkJoinPool-1-worker-3: Internal server error',
    'SEVERE', 'Internal server error'],
  ['Helidon 4, an unnamed virtual thread', '2024.06.13 09:33:43 WARNING com.acme.Orders VirtualThread[#23]/runnable@ForkJoinPool-1-worker-1: slow query',
    'WARNING', 'slow query'],
];

describe('RichHandler and Helidon JUL headers', () => {
  test.each(cases)('%s', (_source, line, level, message) => {
    const got = stripLogHeader(line);
    expect(got.level).toBe(level);
    expect(got.rest).toBe(message);
  });

  test('a RichHandler line with its time left out opens a record, as any header does', () => {
    expect(lineKind('                    ERROR    Error in message router                                                   streamable_http.py:880')).toBe('head');
  });

  test('the lines Rich indents to its message column still continue the record', () => {
    expect(lineKind('                             ╭────────────────── Traceback (most recent call last) ──────────────────╮                       ')).toBe('cont');
    expect(lineKind('                             "request", "source": "client"}                                                                                                                    ')).toBe('cont');
  });

  test('a message that only ends like a source location keeps it without a Rich header', () => {
    expect(stripLogHeader('2026-03-10 12:00:01,234 - app - ERROR - cannot open config.py:12').rest).toBe('cannot open config.py:12');
  });
});
