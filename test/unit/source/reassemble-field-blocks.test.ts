// An error printed as a block of fields: a heading line, the exception's `Label: value` lines (`Type:`,
// `Code:`, `Message:`, `File:`, `Line:`), its trace as `Trace: #0 …` and `#N` frames, and a closing
// field (Slim 4's error renderer, written with error_log under php-fpm, as pasted in public bug
// reports). Cloud Run stores each line as an entry of its own: they come back as one record, whichever
// way the input runs, with another instance's lines among them, cut short, and bounded however many
// field lines come in a row. The record reads as its Type and Message: the heading says nothing.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { recordMessage } from '../../../src/classify/record-message.js';
import { cloudRunLines, pieces, texts } from '../../support/cloud-run-lines.js';
import { expectWhole, withOtherInstance } from '../../support/expect-whole.js';

const { line, split } = cloudRunLines('stderr');
const OTHER_LINES = ['GET /healthz 200 1ms', 'worker 3 idle', 'GET /healthz 200 2ms'];

const TIPS = 'Tips: To display error details in HTTP response set "displayErrorDetails" to true in the ErrorHandler constructor.';

// Slim 4's 404, its title as heading (HttpException's title), through php-fpm's error_log.
const SLIM_NOT_FOUND = [
  '404 Not Found',
  'Type: Slim\\Exception\\HttpNotFoundException',
  'Code: 404',
  'Message: Not found.',
  'File: /var/www/app/vendor/slim/slim/Slim/Middleware/RoutingMiddleware.php',
  'Line: 76',
  'Trace: #0 /var/www/app/vendor/slim/slim/Slim/Routing/RouteRunner.php(56): Slim\\Middleware\\RoutingMiddleware->performRouting(Object(GuzzleHttp\\Psr7\\ServerRequest))',
  '#1 /var/www/app/vendor/slim/slim/Slim/MiddlewareDispatcher.php(65): Slim\\Routing\\RouteRunner->handle(Object(GuzzleHttp\\Psr7\\ServerRequest))',
  '#2 /var/www/app/vendor/slim/slim/Slim/App.php(199): Slim\\MiddlewareDispatcher->handle(Object(GuzzleHttp\\Psr7\\ServerRequest))',
  '#3 /var/www/app/public/index.php(40): Slim\\App->run()',
  '#4 {main}',
  TIPS,
].join('\n');

// The generic heading, error_log's time before it.
const slimError = (type: string, code: number, message: string) => [
  '[10-Mar-2026 10:00:00 UTC] Slim Application Error',
  `Type: ${type}`,
  `Code: ${code}`,
  `Message: ${message}`,
  'File: /var/www/src/Infrastructure/Db.php',
  'Line: 21',
  "Trace: #0 /var/www/src/Infrastructure/Db.php(21): PDO->__construct('mysql:host=10.3...', 'app', Object(SensitiveParameterValue), Array)",
  '#1 /var/www/src/Repository/QuoteRepository.php(18): App\\Infrastructure\\Db::connect()',
  '#2 /var/www/vendor/slim/slim/Slim/App.php(209): Slim\\Middleware\\ErrorMiddleware->process(Object(Slim\\Psr7\\Request), Object(Slim\\Routing\\RouteRunner))',
  '#3 {main}',
  TIPS,
].join('\n');

const SLIM_PDO = slimError('PDOException', 2002, 'SQLSTATE[HY000] [2002] Connection refused');
const SLIM_GUZZLE = slimError('GuzzleHttp\\Exception\\ConnectException', 0, 'cURL error 28: Operation timed out after 5001 milliseconds with 0 bytes received');



describe('a heading and its field block, split by Cloud Run', () => {
  it('joins Slim 4 blocks whole, both time orders, among another instance\'s lines', () => {
    expectWhole(SLIM_PDO, OTHER_LINES);
    expectWhole(SLIM_GUZZLE, OTHER_LINES);
  });

  it('joins the block under a heading that names no error, the heading apart', () => {
    const block = SLIM_NOT_FOUND.slice(SLIM_NOT_FOUND.indexOf('\n') + 1);
    expect(texts(reassembleAll(split(SLIM_NOT_FOUND, 0)))).toEqual(['404 Not Found', block]);
    expect(texts(reassembleAll(split(SLIM_NOT_FOUND, 0).reverse()))).toEqual([block, '404 Not Found']); // in input order
    const mixed = reassembleAll(withOtherInstance(SLIM_NOT_FOUND, 0, OTHER_LINES));
    expect(texts(mixed).filter((t) => t === block)).toEqual([block]);
  });

  it('keeps two blocks written one after the other apart', () => {
    const lines = [...split(SLIM_PDO, 0), ...split(SLIM_GUZZLE, 5000)];
    expect(texts(reassembleAll(lines))).toEqual([SLIM_PDO, SLIM_GUZZLE]);
    expect(texts(reassembleAll([...lines].reverse()))).toEqual([SLIM_GUZZLE, SLIM_PDO]); // in input order
  });

  it('joins a block cut short before its trace', () => {
    const cut = SLIM_PDO.split('\n').slice(0, 4).join('\n');
    expect(texts(reassembleAll(split(cut, 0)))).toEqual([cut]);
    expect(texts(reassembleAll(split(cut, 0).reverse()))).toEqual([cut]);
  });

  it('joins the block whose heading was lost', () => {
    const headless = SLIM_PDO.split('\n').slice(1).join('\n');
    expect(texts(reassembleAll(split(headless, 0)))).toEqual([headless]);
  });

  it('leaves a lone field line of a routine log alone', () => {
    const out = reassembleAll([line('Message: cache warmed', 0), line('GET /healthz 200 1ms', 5)]);
    expect(texts(out)).toEqual(['Message: cache warmed', 'GET /healthz 200 1ms']);
  });

  it('holds a bounded number of lines when 10,000 field lines come in a row', () => {
    const flood = Array.from({ length: 10_000 }, (_, i) => line(i % 2 === 0 ? `Type: Flood${i}Exception` : `Message: line ${i}`, 1 + i * 3));
    const out = reassembleAll([line('Slim Application Error', 0), ...flood]);
    expect(out.reduce((n, j) => n + j.members.length, 0)).toBe(10_001);
    expect(Math.max(...out.map((j) => j.members.length))).toBeLessThanOrEqual(200);
  });
});

describe('what a field block says', () => {
  it('is its Type and Message, not its heading or trace', () => {
    expect(recordMessage(SLIM_PDO)).toBe('Type: PDOException\nMessage: SQLSTATE[HY000] [2002] Connection refused');
    expect(recordMessage(SLIM_NOT_FOUND)).toBe('Type: Slim\\Exception\\HttpNotFoundException\nMessage: Not found.');
  });

  it('is the same whether the heading came or not, and differs between problems under one heading', () => {
    const headless = SLIM_PDO.split('\n').slice(1).join('\n');
    expect(recordMessage(headless)).toBe(recordMessage(SLIM_PDO));
    expect(recordMessage(SLIM_GUZZLE)).not.toBe(recordMessage(SLIM_PDO));
  });

  it('leaves a text with a Type line but no Message line alone', () => {
    const text = 'Slim Application Error\nType: PDOException\nCode: 2002';
    expect(recordMessage(text)).toBe(text);
  });
});

// Flyway's FlywaySqlScriptException: its heading, a rule, then its fields padded to one column, printed
// by the command line after `ERROR: ` (flyway/flyway#3145 and lymengg/spring-boilerplate#63 paste the
// block; the command line writes it as one message). Each line an entry of its own, it comes back whole.
const FLYWAY = [
  'ERROR: Migration V61__add_invoice_due_date.sql failed',
  '-----------------------------------------------',
  'SQL State  : 42701',
  'Error Code : 0',
  'Message    : ERROR: column "due_date" of relation "invoices" already exists',
  'Location   : db/migration/V61__add_invoice_due_date.sql (/flyway/sql/V61__add_invoice_due_date.sql)',
  'Line       : 1',
  'Statement  : ALTER TABLE invoices ADD COLUMN due_date date NOT NULL DEFAULT CURRENT_DATE',
].join('\n');

describe("Flyway's failed migration block, split by Cloud Run", () => {
  it('joins the heading, its rule and its padded fields, both time orders, among another instance\'s lines', () => {
    expectWhole(FLYWAY, OTHER_LINES);
  });

  it('joins the block cut short after its rule', () => {
    const cut = FLYWAY.split('\n').slice(0, 3).join('\n');
    expect(texts(reassembleAll(split(cut, 0)))).toEqual([cut]);
  });

  it('leaves a rule under a line that names no error, and padded pairs of a routine log, alone', () => {
    const out = reassembleAll([line('Flyway OSS Edition 10.21.0 by Redgate', 0), line('-----------------------------------------------', 5), line('Schema version : 61', 10)]);
    expect(texts(out)).toEqual(['Flyway OSS Edition 10.21.0 by Redgate', '-----------------------------------------------', 'Schema version : 61']);
  });
});
