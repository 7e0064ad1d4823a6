// The lines of one write that no grammar knows (burst-lines.ts): joined to the record head they were
// written under, by how they were written (same instance and stream, within the interleave), whatever
// they say; and what is not such a line.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, pieces, texts } from '../../support/cloud-run-lines.js';

const { line, split, writes } = cloudRunLines('stderr');
const both = (entries: ReturnType<typeof split>) => [entries, [...entries].reverse()];

// CakePHP's ErrorLogger on the console (the shape pasted in cakephp/cakephp#17599 and MISP/MISP#763).
const CAKE = [
  "2026-03-10 10:00:00 error: [Cake\\Http\\Exception\\MissingControllerException] Controller class `Wp-login` could not be found. in /var/www/html/vendor/cakephp/cakephp/src/Controller/ControllerFactory.php on line 289",
  'Request URL: /wp-login.php',
  'Client IP: 66.249.66.1',
  'Stack Trace:',
  '- /var/www/html/vendor/cakephp/cakephp/src/Controller/ControllerFactory.php:74',
  '- /var/www/html/vendor/cakephp/cakephp/src/Http/BaseApplication.php:328',
  '- /var/www/html/vendor/cakephp/cakephp/src/Error/Middleware/ErrorHandlerMiddleware.php:115',
  '- /var/www/html/webroot/index.php:40',
].join('\n');

describe('reassemble: the lines of one write that no grammar knows', () => {
  it.each([
    ['CakePHP error with its request and stack lines', CAKE],
    ["R's deferred warning", 'Warning message:\nIn quote_premium(age = req$args$age) : NAs introduced by coercion'],
    ["R's error at start", 'Error in readRDS("/app/model/pricing.rds") : error reading from connection\nCalls: <Anonymous> ... sourceUTF8 -> eval -> readRDS\nExecution halted'],
    ["Erlang's warning report", '=WARNING REPORT==== 10-Mar-2026::10:00:00.000123 ===\nbackend carts-api-4 slow: 2768 ms over 750 ms budget, ejecting for 30 s'],
    ['a hash-numbered list under an error', 'ERROR: 2 checks failed\n#1 disk usage over 90%\n#2 queue depth 4000'],
    // npm's banner after its script was stopped (npm/cli#2124, #2261 as pasted: `npm ERR!` before npm 10,
    // `npm error` since), and after it exited with a status.
    ["npm's banner after a signal", 'npm ERR! path /app\nnpm ERR! command failed\nnpm ERR! signal SIGTERM\nnpm ERR! command sh -c node index.js\nnpm ERR! A complete log of this run can be found in:\nnpm ERR!     /root/.npm/_logs/2023-01-01T00_00_00_000Z-debug-0.log'],
    // Prisma's CLI error (prisma/orm#11213, podkrepi-bg/api#260 as pasted; the blank lines between its
    // parts are no entries of Cloud Run's): an exception-like line whose message lines follow it.
    ["Prisma's CLI error, the code alone on its line", 'Error: P3009\nmigrate found failed migrations in the target database, new migrations will not be applied. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve'],
    ["Prisma's CLI error, the code with its message", "Error: P1001: Can't reach database server at `localhost:5432`\nPlease make sure your database server is running at `localhost:5432`."],
    // Prisma Migrate's P3018 quotes the database's error under its `Database error:` label, level and all
    // (langfuse/langfuse#3676, podkrepi-bg/api#260 as pasted).
    ["Prisma's P3018 with the database's error under its label", 'Error: P3018\nA migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\nMigration name: 20230911131437_init\nDatabase error code: 23505\nDatabase error:\nERROR: could not create unique index "User_email_key"\nDETAIL: Key (email)=(a@example.com) is duplicated.'],
    ["npm 10's banner after an exit status", 'npm error code 1\nnpm error path /usr/src/app\nnpm error command failed\nnpm error command sh -c node server.js\nnpm error A complete log of this run can be found in: /root/.npm/_logs/2026-12-09T01_21_35_892Z-debug-0.log'],
  ])('%s: one record, whole, in both orders', (_name, record) => {
    for (const input of both(split(record, 0))) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([record]);
      expect(pieces(out)).toEqual([false]);
    }
  });

  it('lines written apart (beyond the interleave) stay apart', () => {
    for (const input of both(writes(CAKE, 0))) expect(reassembleAll(input)).toHaveLength(CAKE.split('\n').length);
  });

  it.each([
    ['an access log line', '169.254.1.182 - - [10/Mar/2026:10:00:00 +0000] "GET /checkout HTTP/1.1" 200 527 0.1144'],
    ['a request line', 'GET /api/orders 200 610.069 ms - 2717'],
    ["uWSGI's request line", '[pid: 232|app: 0|req: 620/82043] 169.254.1.1 () {39 vars in 830 bytes} [Thu Dec  3 00:01:42 2026] GET /v1/thumbs/f9a9?w=320 => generated 55666 bytes in 15 msecs (HTTP/1.1 200) 5 headers in 140 bytes'],
  ])('%s after a warning is a record of its own', (_name, other) => {
    const entries = [line('WARN: payment gateway slow: authorize took 8.98s, retrying once', 0), line(other, 7)];
    for (const input of both(entries)) expect(reassembleAll(input)).toHaveLength(2);
  });

  it('a line that only mentions errors heads no write', () => {
    const lines = ['[orders] orders synced to ledger: 2 pushed, 0 errors', 'next sync in 30 s'];
    for (const input of both(split(lines.join('\n'), 0))) expect(texts(reassembleAll(input)).sort()).toEqual([...lines].sort());
  });

  it("an exception line other than Prisma's coded error heads no write", () => {
    const lines = ['Error: connect ECONNREFUSED 127.0.0.1:5432', 'retrying in 5 s'];
    for (const input of both(split(lines.join('\n'), 0))) expect(texts(reassembleAll(input)).sort()).toEqual([...lines].sort());
  });

  it('a record stamped with a time of its own under a label is no value of the label', () => {
    const lines = ['ERROR: sync failed', 'Details:', '2026-03-10 10:00:00 ERROR worker: queue stalled'];
    for (const input of both(split(lines.join('\n'), 0))) expect(texts(reassembleAll(input)).sort()).toEqual(['ERROR: sync failed\nDetails:', lines[2]].sort());
  });

  it('a routine head (an INFO header) holds no lines', () => {
    const lines = ['2026-03-10 10:00:00 info: mailer: sent order confirmation #4411 (bounced=0, errors=0)', 'Request URL: /cart', 'Client IP: 66.249.66.1'];
    for (const input of both(split(lines.join('\n'), 0))) expect(texts(reassembleAll(input)).sort()).toEqual([...lines].sort());
  });

  it('plain lines with no head before them stay apart', () => {
    const lines = ['Request URL: /cart', 'Client IP: 66.249.66.1', 'Stack Trace:'];
    for (const input of both(split(lines.join('\n'), 0))) expect(texts(reassembleAll(input)).sort()).toEqual([...lines].sort());
  });

  it.each([
    ['a line with a level header of its own', '2026-03-10 10:00:00 info: cache warmed'],
    ['a JSON object', '{"level":"info","msg":"cache warmed"}'],
    ['an exception line', "KeyError: 'coupon'"],
    ['a line under a log header of its own, without a level', '2026/03/10 10:00:00.000 [C] [asm_amd64.s:1695]  /usr/local/go/src/runtime/panic.go:770'],
    ['a message that starts with a date', '2026-03-10 nightly report ready'],
    ['a .NET category line', 'info: Portal.Jobs.AccountSync[0]'],
  ])('%s right after a head is no line of its write', (_name, other) => {
    const entries = [line('ERROR: import failed', 0), line(other, 7)];
    for (const input of both(entries)) expect(texts(reassembleAll(input)).sort()).toEqual(['ERROR: import failed', other].sort());
  });

  it('a trace the grammar read ends where it says: a plain line right after it is another record', () => {
    const trace = "TypeError: Cannot read properties of undefined (reading 'id')\n    at summarize (/app/dist/summary.js:17:21)";
    const entries = [...split(trace, 0), line('GET /summary 500 12ms', 20)];
    for (const input of both(entries)) expect(texts(reassembleAll(input)).sort()).toEqual([trace, 'GET /summary 500 12ms'].sort());
  });

  it("another writer's own record landing among the lines is set apart, and the write goes on", () => {
    const lines = CAKE.split('\n');
    const other = '2026-03-10 10:00:00 info: mailer: sent order confirmation #4411';
    const entries = [...lines.slice(0, 3).map((l, i) => line(l, i * 7)), line(other, 24), ...lines.slice(3).map((l, i) => line(l, 30 + i * 7))];
    for (const input of both(entries)) expect(texts(reassembleAll(input)).sort()).toEqual([CAKE, other].sort());
  });

  it("other instances' lines in between change nothing", () => {
    const entries = split(CAKE, 0).flatMap((e, i) => [e, line(`GET /health 200 #${i}`, i * 7 + 3, 'other-instance')]);
    for (const input of both(entries)) expect(texts(reassembleAll(input))).toContain(CAKE);
  });

  it('ten thousand plain lines of one instance after a head: no record past the cap, every line out once', () => {
    const entries = [line('ERROR: import failed', 0), ...Array.from({ length: 10_000 }, (_, i) => line(`row ${i} skipped`, 5 + i * 5))];
    for (const input of both(entries)) {
      const out = reassembleAll(input);
      expect(out.flatMap((j) => j.members).sort((a, b) => a - b)).toEqual(entries.map((_, i) => i));
      expect(Math.max(...out.map((j) => j.members.length))).toBeLessThanOrEqual(200);
    }
  });

  it('ten thousand plain lines of one instance with no head: each its own entry', () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => line(`row ${i} skipped`, i * 5));
    for (const input of both(entries)) expect(reassembleAll(input).every((j) => j.members.length === 1)).toBe(true);
  });
});
