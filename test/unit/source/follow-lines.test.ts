// The look-ahead both sources apply: a record head whose next lines may be free text pulls them in,
// whatever the prefilter says of them, in either time order, within its writer and a millisecond.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mayMatter } from '../../../src/normalize/index.js';
import { severityTextPattern } from '../../../src/normalize/text-severity.js';
import { FOLLOW_GAP_US, FOLLOW_REACH, FOLLOW_RULES, followLine, pulledByHead } from '../../../src/source/follow-rules.js';
import { LineFollower } from '../../../src/source/follow-stream.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { microTime } from '../../../src/source/stdout-line.js';
import type { RawEntry } from '../../../src/shared/types.js';
import { JUL_HEAD } from '../../../src/shared/record-shapes.js';
import { RE2JS } from 're2js';
import { cloudRunLines } from '../../support/cloud-run-lines.js';

const { line } = cloudRunLines('stderr');
const stdout = cloudRunLines('stdout').line;
const B = 'instance-b';

/** Runs entries through the look-ahead with the real prefilter; the texts it reads, in its output order. */
function follow(entries: RawEntry[]): { texts: string[]; pulled: number; follower: LineFollower } {
  const follower = new LineFollower();
  const out: RawEntry[] = [];
  for (const raw of entries) follower.push(raw, mayMatter(raw, 'NOTICE'), out, () => undefined);
  follower.end(out, () => undefined);
  return { texts: out.map((e) => e.textPayload as string), pulled: follower.counts.pulled, follower };
}

const newestFirst = (entries: RawEntry[]) => [...entries].reverse();
const sameSet = (a: string[], b: string[]) => expect([...a].sort()).toEqual([...b].sort());

const PANIC = "thread 'main' panicked at src/main.rs:42:5:";
const MESSAGE = 'index bucket not set';
const CHATTER = '2026-03-10T10:00:00.000001Z  INFO search_api::shards: shard health healthy=12';

describe('follow rules', () => {
  it.each([
    ['rust-panic-message', [PANIC, 'called `Option::unwrap()` on a `None` value']],
    ['rust-panic-message', ["thread 'tokio-runtime-worker' (12) panicked at src/rank.rs:88:21:", 'index out of bounds: the len is 0 but the index is 0']],
    ['plug-crash-request', ['12:00:01.123 request_id=abc [error] #PID<0.2160.0> running RealtimeWeb.Endpoint (connection #PID<0.2159.0>, stream id 1) terminated', 'Server: realtime.a.run.app:80 (http)', 'Request: GET /api/rooms/1']],
    ['elixir-message', ['    ** (Ecto.NoResultsError) expected at least one result but got none in query:', 'from r0 in Realtime.Rooms.Room,']],
    ['jul-level', ['Mar 10, 2026 12:14:15 AM com.acme.thumbs.Worker handle', 'INFO: rendered 12 thumbnails']],
    ['prisma-message', ['→ 30         return this.prisma.order.create(', 'Argument `customer` is missing.']],
    ['pydantic-location', ['pydantic_core._pydantic_core.ValidationError: 2 validation errors for Order', 'price']],
    ['swift-backtrace', ['💣 Program crashed: System trap at 0x00007f3a2b1c4d5e', 'Thread 0 crashed:', '0 0x00007f3a2b1c4d5e RefundController.split(_:) + 412 in App at /app/Sources/App/Controllers/RefundController.swift:77:31', 'Backtrace took 0.41s']],
    ['exception-fields', ['Type: PDOException', 'Code: 2002', 'Message: SQLSTATE[HY000] [2002] Connection refused', 'File: /var/www/src/Db.php', 'Line: 21', "Trace: #0 /var/www/src/Db.php(21): PDO->__construct('mysql:host=10.3...', 'app', Object(SensitiveParameterValue), Array)"]],
    ['gin-recovery-value', ['\u001b[31m2026/12/03 10:00:00 [Recovery] 2026/12/03 - 10:00:00 panic recovered:', 'order 42 has no customer']],
    // gin's debug-mode Recovery (gin recovery.go): the request dump (DumpRequest's CRLF lines) before the value.
    ['gin-recovery-value', ['\u001b[31m2026/12/09 00:26:28 [Recovery] 2026/12/09 - 00:26:28 panic recovered:', 'POST /v1/vehicles/V-8616/telemetry HTTP/1.1\r',
      'Host: fleet-gin-aizbfpbitd-ew.a.run.app\r', 'Accept: */*\r', 'Content-Length: 3978\r', 'Content-Type: application/json\r',
      'Traceparent: 00-a007237caed969773ba587c7677c181b-0486fa3b1c9e2d01-01\r', 'User-Agent: okhttp/4.12.0\r',
      'X-Cloud-Trace-Context: a007237caed969773ba587c7677c181b/326016536471434000;o=1\r', 'X-Forwarded-For: 23.216.23.141\r',
      'X-Forwarded-Proto: https\r', 'assignment to entry in nil map']],
    // CakePHP's ErrorLogger block (cakephp/cakephp#17599), CodeIgniter 4's log (its `in FILE on line N.` and request line).
    ['write-lines', ['2026-03-10 10:00:00 error: [Cake\\Http\\Exception\\MissingControllerException] Controller class `Wp-login` could not be found.', 'Request URL: /wp-login.php', 'Client IP: 66.249.66.1']],
    ['write-lines', ['CRITICAL - 2026-03-10 10:00:00 --> ErrorException: Undefined array key "email"', 'in APPPATH/Controllers/Forms.php on line 41.', '[Method: POST, Route: forms/(:segment)]']],
  ])('%s: the head is read by every source, the free line only through it', (name, [head, ...rest]) => {
    const lines = [head!, ...rest].map((text, i) => line(text, 100 + i * 7));
    const marks = lines.map((raw) => followLine(raw, microTime(raw), mayMatter(raw, 'NOTICE'))!);
    const rule = FOLLOW_RULES.findIndex((r) => r.name === name);
    expect(marks[0]!.head & (1 << rule)).not.toBe(0);
    // The head reaches the server-side pattern at the highest floor a head may matter for.
    expect(new RegExp(severityTextPattern('ERROR').slice(4), 'i').test(head!) || mayMatter(lines[0]!, 'ERROR')).toBe(true);
    const last = marks[marks.length - 1]!;
    expect(pulledByHead(last, marks.slice(0, -1).reverse(), true)).toBe(true);
    expect(follow(lines).texts).toEqual([head, ...rest]);
  });

  it('RE2 patterns (Cloud Logging and BigQuery read them so): RE2 compiles each', () => {
    for (const rule of FOLLOW_RULES) for (const pattern of [rule.head, rule.next, rule.notNext ?? '']) expect(() => RE2JS.compile(pattern)).not.toThrow();
  });

  it('write-lines: a line merely counting errors heads nothing; a stamped line or a JSON object is no line of the write', () => {
    const rule = FOLLOW_RULES.findIndex((r) => r.name === 'write-lines');
    const marks = (texts: string[]) => texts.map((text, i) => followLine(line(text, 100 + i * 7), 100 + i * 7, true)!);
    for (const text of ['cache stats: load_errors=0 hits=12', 'synced 4 shards, 0 errors']) expect(marks([text])[0]!.head & (1 << rule)).toBe(0);
    for (const next of ['2026-03-10 10:00:00 info: mailer: sent order confirmation #4411', '{"level":"info","msg":"ok"}']) {
      const [head, after] = marks(['2026-03-10 10:00:00 error: [RuntimeException] cache engine not ready', next]);
      expect(pulledByHead(after!, [head!], true)).toBe(false);
    }
    // Bounded: the write's lines after its head, not the writer's output for good.
    const burst = marks(['Fatal error: Allowed memory size exhausted', ...Array.from({ length: FOLLOW_REACH + 2 }, (_, i) => `line ${i} of the dump`)]);
    const last = burst[burst.length - 1]!;
    expect(pulledByHead(last, burst.slice(0, -1).reverse(), true)).toBe(false);
    expect(pulledByHead(burst[1]!, [burst[0]!], true)).toBe(true);
  });

  // dbt's deprecation warning (dbt-labs/dbt-core's text log), one line per entry: what it is about is on its
  // later lines, which name nothing.
  const DBT = ['00:20:04  [WARNING]: Deprecated functionality', 'The `tests` config has been renamed to `data_tests`. Please see',
    'https://docs.getdbt.com/docs/build/data-tests#new-data_tests-syntax for more', 'information.'];

  it('warning-write-lines: a warning pulls its later lines where the floor reads the warning, in either time order', () => {
    const lines = DBT.map((text, i) => line(text, 100 + i * 7));
    expect(follow(lines).texts).toEqual(DBT);
    expect(follow(newestFirst(lines)).texts).toEqual([...DBT].reverse());
    const rule = FOLLOW_RULES.findIndex((r) => r.name === 'warning-write-lines');
    expect(followLine(lines[0]!, 100, true)!.head & (1 << rule)).not.toBe(0);
    expect(followLine(lines[0]!, 100, false)!.head & (1 << rule)).toBe(0);
  });

  it('warning-write-lines: at a floor above warnings the warning heads nothing, so no source reads it or its lines', () => {
    const lines = DBT.map((text, i) => line(text, 100 + i * 7));
    const follower = new LineFollower();
    const out: RawEntry[] = [];
    for (const raw of lines) follower.push(raw, mayMatter(raw, 'ERROR'), out, () => undefined);
    follower.end(out, () => undefined);
    expect(out).toEqual([]);
    expect(follower.counts).toEqual({ pulled: 0, heads: 0 });
    // Nor does a line that only says the word in prose (`warnings=0`), in lower case, head one.
    const rule = FOLLOW_RULES.findIndex((r) => r.name === 'warning-write-lines');
    for (const text of ['synced 4 shards, warnings=0', 'a warning about the cache']) expect(followLine(line(text, 1), 1, true)!.head & (1 << rule)).toBe(0);
  });

  it('the java.util.logging head reads as the record shapes do', () => {
    for (const text of ['Mar 10, 2026 12:14:15 AM com.acme.thumbs.Worker handle', 'Mar 1, 2026 1:04:05 PM app.Main main', 'Mar 10, 2026 12:14:15 AM x', 'Mar 10, 2026 12:14:15 AM com.acme.X handle extra words']) {
      const rule = FOLLOW_RULES.find((r) => r.name === 'jul-level')!;
      expect([text, new RegExp(rule.head).test(text)]).toEqual([text, JUL_HEAD.test(text)]);
    }
  });
});

describe('the look-ahead over a stream', () => {
  const record = [line(PANIC, 1000), line(MESSAGE, 1041)];

  it('without it the message is dropped: it names no error', () => {
    expect(mayMatter(record[1]!, 'NOTICE')).toBe(false);
  });

  it('oldest first and newest first read the same lines, each writer in its input order', () => {
    expect(follow(record).texts).toEqual([PANIC, MESSAGE]);
    expect(follow(newestFirst(record)).texts).toEqual([MESSAGE, PANIC]);
    expect(follow(record).pulled).toBe(1);
  });

  it('other writers\' lines between the head and its line change nothing', () => {
    const mixed = [line(PANIC, 1000), line(CHATTER, 1010, B), stdout(CHATTER, 1020), line(CHATTER, 1030, B), line(MESSAGE, 1041)];
    for (const input of [mixed, newestFirst(mixed)]) sameSet(follow(input).texts, [PANIC, MESSAGE]);
  });

  it('the writer\'s own lines between count towards the rule, as they would in the record', () => {
    const head = '12:00:01.123 request_id=abc [error] #PID<0.2160.0> running RealtimeWeb.Endpoint (connection #PID<0.1.0>, stream id 1) terminated';
    const info = (us: number) => stdout('12:00:01.123 request_id=x [info] GET /health', us);
    const crash = [stdout(head, 0), info(5), stdout('Server: h:80 (http)', 10), info(15), stdout('Request: GET /api/rooms/1', 20), stdout('** (exit) an exception was raised:', 30)];
    for (const input of [crash, newestFirst(crash)]) {
      sameSet(follow(input).texts, [head, 'Server: h:80 (http)', 'Request: GET /api/rooms/1', '** (exit) an exception was raised:']);
    }
  });

  it('a rule pulls no more lines than the record has: INFO chatter after them stays unread', () => {
    const lines = [line(PANIC, 0), line(MESSAGE, 10), line(CHATTER, 20), line(CHATTER, 30)];
    for (const input of [lines, newestFirst(lines)]) sameSet(follow(input).texts, [PANIC, MESSAGE]);
    const jul = [stdout('Mar 10, 2026 12:14:15 AM com.acme.Worker handle', 0), stdout('INFO: rendered 3', 10), stdout('rendered again', 20)];
    for (const input of [jul, newestFirst(jul)]) sameSet(follow(input).texts, ['Mar 10, 2026 12:14:15 AM com.acme.Worker handle', 'INFO: rendered 3']);
  });

  it('a free line too late to belong is not read', () => {
    const late = [line(PANIC, 0), line(MESSAGE, FOLLOW_GAP_US + 1)];
    for (const input of [late, newestFirst(late)]) expect(follow(input).texts).toEqual([PANIC]);
  });

  it('a line of another instance, or the other stream, or with a severity, is not pulled', () => {
    const others = [line(PANIC, 0), line(MESSAGE, 10, B)];
    const otherStream = [line(PANIC, 0), stdout(MESSAGE, 10)];
    const withSeverity = [line(PANIC, 0), { ...line(MESSAGE, 10), severity: 'INFO' }];
    for (const lines of [others, otherStream, withSeverity]) {
      for (const input of [lines, newestFirst(lines)]) expect(follow(input).texts).toEqual([PANIC]);
    }
  });

  it('a head alone, and a free line alone, are what they were', () => {
    expect(follow([line(PANIC, 0)]).texts).toEqual([PANIC]);
    expect(follow([line(MESSAGE, 0)]).texts).toEqual([]);
    expect(follow([line(MESSAGE, 0), line(PANIC, 10)]).texts).toEqual([PANIC]);
    expect(follow(newestFirst([line(MESSAGE, 0), line(PANIC, 10)])).texts).toEqual([PANIC]);
  });

  it('10,000 heads on 50 instances: every message read, in both orders, holding a few lines at most', () => {
    const lines: RawEntry[] = [];
    for (let k = 0; k < 10_000; k++) {
      const at = k * 2_000;
      const instance = `instance-${k % 50}`;
      lines.push(line(PANIC, at, instance), stdout(CHATTER, at + 5, instance), line(`message ${k}`, at + 10, instance));
    }
    for (const input of [lines, newestFirst(lines)]) {
      const follower = new LineFollower();
      const out: RawEntry[] = [];
      let most = 0;
      for (const raw of input) {
        follower.push(raw, mayMatter(raw, 'NOTICE'), out, () => undefined);
        most = Math.max(most, (follower as unknown as { holding: Set<string> }).holding.size);
      }
      follower.end(out, () => undefined);
      expect(out.filter((e) => String(e.textPayload).startsWith('message ')).length).toBe(10_000);
      expect(follower.counts.pulled).toBe(10_000);
      expect(most).toBeLessThanOrEqual(2);
    }
  });
});

describe('file source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'follow-'));
  const start = Date.parse('2026-03-10T10:00:00Z');

  let files = 0;

  async function read(entries: RawEntry[], end: number) {
    const path = join(dir, `${++files}.jsonl`);
    writeFileSync(path, entries.map((e) => JSON.stringify(e)).join('\n'));
    const reading = createFileSource(path).read({ window: { start, end }, services: [], severityFloor: 'NOTICE' });
    const texts: string[] = [];
    for await (const e of reading.entries) texts.push(e.textPayload as string);
    return { texts, result: reading.result() };
  }

  it('reads the message and counts it', async () => {
    const { texts, result } = await read([line(PANIC, 0), line(MESSAGE, 10), line(CHATTER, 500_000)], start + 3_600_000);
    expect(texts).toEqual([PANIC, MESSAGE]);
    expect(result.followed).toEqual({ pulled: 1, heads: 0 });
    expect(result.filtered).toBe(1);
  });

  it('a head at the end of the window does not reach past it', async () => {
    // The window ends 5 µs after the head (window bounds are ms: the head sits at its last ms).
    const { texts } = await read([line(PANIC, 999_995), line(MESSAGE, 1_000_005)], start + 1_000);
    expect(texts).toEqual([PANIC]);
  });
});
