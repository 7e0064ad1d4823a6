// A log line whose header is followed by nothing heads the lines written with it: Play's error handler
// writes its header alone, then `! @id - Internal server error, for (GET) [/path] ->` and the exception
// on the following lines. Split by Cloud Run into one entry per line, the header line is joined with
// them in either time order; alone, or with a line of its own header after it, it stays a plain line.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, noBlank, pieces, texts } from '../../support/cloud-run-lines.js';

const { line, split } = cloudRunLines('stdout');

// Play 2.3 as a user pasted it (Slick configuration error), the logger's default pattern `[%level] %logger - %message`.
const PLAY_CONFIGURATION = [
  '[error] application - ',
  '',
  '! @6jg39b0pk - Internal server error, for (GET) [/tips/wgcategories] ->',
  '',
  'play.api.Configuration$$anon$1: Configuration error[Slick error : jdbc driver not defined in application.conf for db.default.driver key]',
  '\tat play.api.Configuration$.play$api$Configuration$$configError(Configuration.scala:94) ~[play_2.11-2.3.4.jar:2.3.4]',
  '\tat play.api.Configuration.reportError(Configuration.scala:743) ~[play_2.11-2.3.4.jar:2.3.4]',
].join('\n');
// Lagom (Play 2.5) with a time before the level: `19:01:46.984 [error] application [] -`, no space after it.
const PLAY_TIMED = [
  '19:01:46.984 [error] application [] -',
  '',
  '! @78j4afm0o - Internal server error, for (GET) [/api/hello/Marvel?from=Doctor>Strange] ->',
  '',
  'play.api.http.HttpErrorHandlerExceptions$$anon$1: Execution exception[[IllegalArgumentException: Illegal character in query at index 29: /api/hello/Marvel?from=Doctor>Strange]]',
  '  at play.api.http.HttpErrorHandlerExceptions$.throwableToUsefulException(HttpErrorHandler.scala:255)',
  '  at play.api.http.DefaultHttpErrorHandler.onServerError(HttpErrorHandler.scala:182)',
].join('\n');
// Play 2.8's `%coloredLevel %logger{15} - %message%n%xException` (colours removed), with a cause.
const PLAY_CAUSED = [
  '[error] p.a.h.DefaultHttpErrorHandler - ',
  '',
  '! @7jpeifeoy - Internal server error, for (GET) [/products/42] ->',
  ' ',
  'play.api.UnexpectedException: Unexpected exception[NoSuchElementException: None.get]',
  '\tat play.api.http.HttpErrorHandlerExceptions$.convertToPlayException(HttpErrorHandler.scala:406)',
  '\tat play.api.http.DefaultHttpErrorHandler.onServerError(HttpErrorHandler.scala:262)',
  'Caused by: java.util.NoSuchElementException: None.get',
  '\tat scala.None$.get(Option.scala:627)',
  '\tat controllers.ProductController.$anonfun$show$2(ProductController.scala:48)',
].join('\n');
// The same error handler through a logback pattern naming the logger in full and the thread.
const PLAY_LOGBACK = [
  '2026-12-03 10:00:00,123 [ERROR] from play.api.http.DefaultHttpErrorHandler in application-akka.actor.default-dispatcher-5 - ',
  '',
  '! @8ab3c9d2e - Internal server error, for (POST) [/cart/checkout] ->',
  ' ',
  'play.api.UnexpectedException: Unexpected exception[ConnectException: Connection refused: inventory/10.0.0.7:9000]',
  '\tat play.api.http.HttpErrorHandlerExceptions$.throwableToUsefulException(HttpErrorHandler.scala:358)',
  'Caused by: java.net.ConnectException: Connection refused: inventory/10.0.0.7:9000',
  '\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)',
].join('\n');

// Spring Boot's failure analysis: the reporter logs its header with nothing after it, then the banner,
// `Description:` and `Action:` with their text, in one write (apache/servicecomb-java-chassis#1272,
// alldatacenter/alldata#638, alibaba/nacos#10828 as people pasted it).
const BOOT_FAILURE_BODY = [
  '',
  '***************************',
  'APPLICATION FAILED TO START',
  '***************************',
  '',
  'Description:',
  '',
  "Failed to configure a DataSource: 'url' attribute is not specified and no embedded datasource could be configured.",
  '',
  'Reason: Failed to determine a suitable driver class',
  '',
  'Action:',
  '',
  'Consider the following:',
  '\tIf you want an embedded database (H2, HSQL or Derby), please put it on the classpath.',
  '\tIf you have database settings to be loaded from a particular profile you may need to activate it (no profiles are currently active).',
];
// Spring Boot's default console pattern.
const BOOT_FAILURE = ['2026-12-04T05:17:14.087Z ERROR 1 --- [orders] [           main] o.s.b.d.LoggingFailureAnalysisReporter   : ', ...BOOT_FAILURE_BODY].join('\n');
// A logback pattern `%d [%thread] %-5level %logger{36} - %msg%n`.
const BOOT_FAILURE_LOGBACK = ['2023-09-01 14:37:08 [main] ERROR o.s.b.d.LoggingFailureAnalysisReporter - ', ...BOOT_FAILURE_BODY].join('\n');

const RECORDS: Array<[string, string]> = [
  ["Spring Boot's failure analysis, its banner and sections", BOOT_FAILURE],
  ["Spring Boot's failure analysis through a logback pattern", BOOT_FAILURE_LOGBACK],
  ["Play 2.3's error handler", PLAY_CONFIGURATION],
  ['a header-only line with a time and no space after it', PLAY_TIMED],
  ["Play 2.8's coloured-level pattern, with a cause", PLAY_CAUSED],
  ['a logback pattern naming the logger and thread', PLAY_LOGBACK],
];

describe('reassemble: a header line whose message is on the next lines', () => {
  it.each(RECORDS)('%s: one record in either order', (_name, record) => {
    expect(texts(reassembleAll(split(record, 0)))).toEqual([noBlank(record)]);
    expect(texts(reassembleAll(split(record, 0).reverse()))).toEqual([noBlank(record)]);
    expect(pieces(reassembleAll(split(record, 0)))).toEqual([false]);
    // Written in one entry, it stays whole.
    expect(texts(reassembleAll([line(record, 0)]))).toEqual([record]);
  });

  it("other instances' lines in between: each instance's record whole", () => {
    const other = PLAY_CAUSED.replace('@7jpeifeoy', '@7jjddawfh').replace('/products/42', '/products/7');
    const a = split(PLAY_CAUSED, 0, 'instance-a');
    const b = split(other, 3, 'instance-b');
    const mixed = [...a, ...b].sort((x, y) => String(x.timestamp).localeCompare(String(y.timestamp)));
    for (const input of [mixed, [...mixed].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([noBlank(PLAY_CAUSED), noBlank(other)].sort());
    }
  });

  it('a header line with a plain message line under it is one record', () => {
    const record = ['10:00:00.001 [main] ERROR c.a.Importer - ', 'import of batch 7 stopped after 3 rows'].join('\n');
    for (const input of [split(record, 0), split(record, 0).reverse()]) expect(texts(reassembleAll(input))).toEqual([record]);
  });

  it('a routine header with nothing after it heads no write: the lines after it are read alone', () => {
    const lines = ['10:00:00.001 [main] INFO c.a.Report - ', 'totals', 'rows: 12'];
    for (const input of [split(lines.join('\n'), 0), split(lines.join('\n'), 0).reverse()]) expect(texts(reassembleAll(input)).length).toBeGreaterThan(1);
  });

  it('a header line with nothing after it stays a plain line', () => {
    const out = reassembleAll([line('[error] p.a.h.DefaultHttpErrorHandler - ', 0)]);
    expect(texts(out)).toEqual(['[error] p.a.h.DefaultHttpErrorHandler - ']);
    expect(pieces(out)).toEqual([false]);
  });

  it('a header line followed by a record with a header of its own: two records', () => {
    const lines = ['[error] p.a.h.DefaultHttpErrorHandler - ', '[error] c.CartController - checkout failed for cart 9'];
    for (const input of [split(lines.join('\n'), 0), split(lines.join('\n'), 0).reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([...lines].sort());
    }
  });

  it('a header line and a message a second later are two records', () => {
    const entries = [line('[error] p.a.h.DefaultHttpErrorHandler - ', 0), line('! @7jpeifeoy - Internal server error, for (GET) [/products/42] ->', 2_000_000)];
    for (const input of [entries, [...entries].reverse()]) expect(texts(reassembleAll(input))).toHaveLength(2);
  });

  it('a header line followed by an indented line heads nothing new', () => {
    // An indented line under a header is a frame or nothing: Rails' tagged block keeps its own reading.
    const lines = ['[error] application - ', '    some indented text'];
    for (const input of [split(lines.join('\n'), 0), split(lines.join('\n'), 0).reverse()]) expect(texts(reassembleAll(input))).toHaveLength(2);
  });

  it('many header-only lines in a row are held within the cap', () => {
    const entries = Array.from({ length: 500 }, (_, i) => line('[error] p.a.h.DefaultHttpErrorHandler - ', i * 7));
    const out = reassembleAll(entries);
    expect(out.flatMap((j) => j.members)).toHaveLength(500);
    expect(texts(out).every((t) => t === '[error] p.a.h.DefaultHttpErrorHandler - ')).toBe(true);
  });
});
