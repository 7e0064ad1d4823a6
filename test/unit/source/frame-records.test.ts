// A stack trace logged one call per line (frame-records.ts): each frame a record with the logger's
// header, after the record that says what failed. Joined back per writer, in either time order; frames
// that follow no such record are one piece; nothing else is taken for a frame.
import { RE2JS } from 're2js';
import { frameMessage, FRAME_GAP_US, HEADER_FRAME_RE2 } from '../../../src/source/frame-records.js';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, pieces, texts } from '../../support/cloud-run-lines.js';

const { line } = cloudRunLines('stderr');
const B = 'instance-b';

// Each: a record as the logger writes it (header, then one frame line), and the frame it logged.
const FRAMES: Array<[string, string, string]> = [
  ['Nim std/logging', 'ERROR /app/src/upstream.nim(41)        fetchGeocode', '/app/src/upstream.nim(41)        fetchGeocode'],
  ['Nim std/logging, timed', '[2026-12-04T10:00:00] - ERROR: /root/.choosenim/toolchains/nim-2.0.8/lib/pure/net.nim(1526) recvLine', '/root/.choosenim/toolchains/nim-2.0.8/lib/pure/net.nim(1526) recvLine'],
  ['Python logging', 'ERROR:root:  File "/app/orders/views.py", line 41, in create', 'File "/app/orders/views.py", line 41, in create'],
  ['Python logging, timed', '2026-12-04 10:00:00,123 - app - ERROR - File "/usr/lib/python3.12/asyncio/tasks.py", line 277, in __step', 'File "/usr/lib/python3.12/asyncio/tasks.py", line 277, in __step'],
  ['logback, a JVM frame', '2026-12-04 10:00:00.123 ERROR [main] c.a.Billing - \tat com.acme.billing.Charge.run(Charge.java:88)', 'at com.acme.billing.Charge.run(Charge.java:88)'],
  ['logback, a JVM frame with its jar', '10:00:00.123 [main] ERROR c.a.Billing - at java.base/java.lang.Thread.run(Thread.java:1583) ~[na:na]', 'at java.base/java.lang.Thread.run(Thread.java:1583) ~[na:na]'],
  ['winston, a V8 frame', '2026-12-04T10:00:00.123Z error:     at processTicksAndRejections (node:internal/process/task_queues:95:5)', 'at processTicksAndRejections (node:internal/process/task_queues:95:5)'],
  ['a V8 frame with no name', '2026-12-04T10:00:00.123Z error: at /app/dist/server.js:120:17', 'at /app/dist/server.js:120:17'],
  ['a V8 async frame', '2026-12-04T10:00:00.123Z error:     at async Promise.all (index 0)', ''],
  ['a .NET frame', '2026-12-04 10:00:00.123 ERROR    at Acme.Orders.OrderService.Place(Order o) in /src/Orders/OrderService.cs:line 52', 'at Acme.Orders.OrderService.Place(Order o) in /src/Orders/OrderService.cs:line 52'],
  ['a PHP frame', '[2026-12-04 10:00:00] app.ERROR: #3 /var/www/src/Db.php(21): PDO->__construct()', '#3 /var/www/src/Db.php(21): PDO->__construct()'],
  ['a Ruby frame', 'E, [2026-12-04T10:00:00.123456 #1] ERROR -- : app/models/order.rb:12:in `total\'', "app/models/order.rb:12:in `total'"],
  ['a Zig-style frame', 'error: src/main.zig:12:5 in handle', ''],
  ['an Elixir frame', '10:00:00.123 [error] (app 0.1.0) lib/app/worker.ex:12: App.Worker.run/2', '(app 0.1.0) lib/app/worker.ex:12: App.Worker.run/2'],
  ['a traceback banner', 'ERROR:root:Traceback (most recent call last):', 'Traceback (most recent call last):'],
  ["Nim's async banner", 'ERROR Async traceback:', 'Async traceback:'],
  ['a cause', '2026-12-04 10:00:00.123 ERROR [main] c.a.Billing - Caused by: java.net.ConnectException: Connection refused', 'Caused by: java.net.ConnectException: Connection refused'],
  ['frames left out', '2026-12-04 10:00:00.123 ERROR [main] c.a.Billing - \t... 12 more', '... 12 more'],
];

describe('frameMessage: a record that logged only a frame line', () => {
  it.each(FRAMES)('%s', (_name, record, frame) => {
    const found = frameMessage(record);
    expect(found).not.toBeNull();
    if (frame !== '') expect(found!.frame).toBe(frame);
  });

  it.each([
    ['a message that mentions a file and a line', 'ERROR failed to parse /etc/app/config.yaml:12 near "port"'],
    ['a request line', 'ERROR GET /a/b.js 404'],
    ['a request line, no header', 'GET /a/b.js 404'],
    ['a saved file with a count', 'INFO saved /tmp/x.txt(3)'],
    ['a saved file, error header', 'ERROR saved /tmp/x.txt(3)'],
    ['a frame with no header', '/app/src/upstream.nim(41)        fetchGeocode'],
    ['an indented frame with no header', '    at f (/app/x.js:1:2)'],
    ['a header with a message naming a location and more words', 'ERROR at /app/x.js:1:2 the socket closed'],
    ['a record that goes on after its frame', 'ERROR File "/app/x.py", line 3, in f\nZeroDivisionError: division by zero'],
    ['an exception line', 'ERROR ValueError: invalid literal for int()'],
    ['a header with nothing after it', 'ERROR '],
  ])('not: %s', (_name, record) => {
    expect(frameMessage(record)).toBeNull();
  });

  it('reads a long line in bounded time and takes it for no frame', () => {
    const long = `ERROR ${'a/'.repeat(50_000)}x.nim(1) f`;
    expect(frameMessage(long)).toBeNull();
    expect(frameMessage(`ERROR at ${'('.repeat(1500)}`)).toBeNull();
  });

  it('the RE2 pattern Log Analytics reads finds every record frameMessage finds (it may find more)', () => {
    const re2 = RE2JS.compile(HEADER_FRAME_RE2);
    for (const [name, record] of FRAMES) expect([name, re2.matcher(record).find()]).toEqual([name, true]);
    expect(re2.matcher('INFO request served in 12 ms').find()).toBe(false);
  });
});

// Nim's std/logging: the route logs the error, then its stack trace one `error` call per line, each
// a few ms after the last (its own header each time).
const NIM_HEAD = "ERROR geocode failed for q=lyon3: Call to 'recvLine' timed out. [TimeoutError]";
const NIM_FRAMES = [
  '/root/.nimble/pkgs2/jester-0.6.0/jester.nim(495) handleRequest',
  '/app/src/geo.nim(64)     match',
  '/app/src/upstream.nim(41) fetchGeocode',
  '/root/.choosenim/toolchains/nim-2.0.8/lib/pure/net.nim(1526) recvLine',
];
const nimTrace = (start: number, instance?: string, step = 7_000) =>
  [NIM_HEAD, ...NIM_FRAMES.map((f) => `ERROR ${f}`)].map((t, i) => line(t, start + i * step, instance));
const WHOLE = [NIM_HEAD, ...NIM_FRAMES].join('\n');

describe('reassemble: frames logged one record each join the record they follow', () => {
  it('joins them, in both time orders, with other instances writing in between', () => {
    const a = nimTrace(0);
    const b = nimTrace(3_000, B, 5_000);
    const chatter = [1_000, 9_000, 16_000, 24_000].map((us) => line(`INFO geocode q=abcdef hits=3 cache=hit errors=0`, us, B));
    const entries = [...a, ...b, ...chatter].sort((x, y) => (x.timestamp! < y.timestamp! ? -1 : 1));
    for (const input of [entries, [...entries].reverse()]) {
      const out = reassembleAll(input);
      expect(texts(out).filter((t) => t.includes('\n'))).toEqual([WHOLE, WHOLE]);
      expect(texts(out).filter((t) => t.startsWith('INFO'))).toHaveLength(4);
      expect(out.reduce((n, j) => n + j.members.length, 0)).toBe(entries.length);
      expect(pieces(out).every((p) => !p)).toBe(true);
    }
  });

  it('lets a routine record of the same writer pass among the frames', () => {
    const trace = nimTrace(0, undefined, 20_000);
    const entries = [...trace.slice(0, 2), line('INFO geocode q=abcdef hits=0 cache=miss errors=0', 25_000), ...trace.slice(2)];
    for (const input of [entries, [...entries].reverse()]) expect(texts(reassembleAll(input))).toEqual([WHOLE, 'INFO geocode q=abcdef hits=0 cache=miss errors=0']);
  });

  it('two traces of one writer, one after the other: each frame joins the record before it', () => {
    const entries = [...nimTrace(0), ...nimTrace(300_000)];
    for (const input of [entries, [...entries].reverse()]) expect(texts(reassembleAll(input))).toEqual([WHOLE, WHOLE]);
  });

  it('frames with no record before them are one piece', () => {
    const entries = nimTrace(0).slice(1);
    for (const input of [entries, [...entries].reverse()]) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([[`ERROR ${NIM_FRAMES[0]}`, ...NIM_FRAMES.slice(1)].join('\n')]);
      expect(pieces(out)).toEqual([true]);
    }
  });

  it('a frame alone after nothing is a piece', () => {
    const out = reassembleAll([line(`ERROR ${NIM_FRAMES[2]}`, 0)]);
    expect(pieces(out)).toEqual([true]);
  });

  it('does not join a frame logged too long after, at another level, or by another writer', () => {
    const late = [line(NIM_HEAD, 0), line(`ERROR ${NIM_FRAMES[0]}`, FRAME_GAP_US + 1)];
    const level = [line(NIM_HEAD, 0), line(`INFO ${NIM_FRAMES[0]}`, 5_000)];
    const writer = [line(NIM_HEAD, 0), line(`ERROR ${NIM_FRAMES[0]}`, 5_000, B)];
    for (const entries of [late, level, writer]) {
      for (const input of [entries, [...entries].reverse()]) expect(texts(reassembleAll(input))).toHaveLength(2);
    }
  });

  it('takes no routine record for a head', () => {
    const entries = [line('INFO geocode served', 0), line(`INFO ${NIM_FRAMES[0]}`, 5_000)];
    expect(texts(reassembleAll(entries))).toHaveLength(2);
  });

  it('a Python traceback logged one line per call joins its record', () => {
    const lines = [
      'ERROR:app:order 42 failed',
      'ERROR:app:Traceback (most recent call last):',
      'ERROR:app:  File "/app/orders/views.py", line 41, in create',
      'ERROR:app:  File "/app/orders/db.py", line 9, in insert',
    ];
    const entries = lines.map((t, i) => line(t, i * 2_500));
    const whole = ['ERROR:app:order 42 failed', 'Traceback (most recent call last):', 'File "/app/orders/views.py", line 41, in create', 'File "/app/orders/db.py", line 9, in insert'].join('\n');
    for (const input of [entries, [...entries].reverse()]) expect(texts(reassembleAll(input))).toEqual([whole]);
  });

  it("the exception line logged right after the frames ends the trace (Python's traceback, one call per line)", () => {
    const lines = [
      'ERROR:app:order 42 failed',
      'ERROR:app:  File "/app/orders/views.py", line 41, in create',
      "ERROR:app:KeyError: 'currency'",
      'ERROR:app:  File "/app/orders/db.py", line 9, in insert',
    ];
    const entries = lines.map((t, i) => line(t, i * 2_500));
    // The frame after the exception line follows no record of its own: a piece.
    const whole = ['ERROR:app:order 42 failed', 'File "/app/orders/views.py", line 41, in create', "KeyError: 'currency'"].join('\n');
    for (const input of [entries, [...entries].reverse()]) {
      const out = reassembleAll(input);
      expect(out.map((j) => [j.raw.textPayload, j.piece === true]).sort()).toEqual([[whole, false], [lines[3], true]].sort());
    }
  });

  it('a traceback logged line by line from its first line to its exception line is a whole record, not a piece', () => {
    const lines = ['ERROR:root:Traceback (most recent call last):', 'ERROR:root:  File "/app/x.py", line 3, in f', 'ERROR:root:ZeroDivisionError: division by zero'];
    const entries = lines.map((t, i) => line(t, i * 1_500));
    for (const input of [entries, [...entries].reverse()]) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([[lines[0], 'File "/app/x.py", line 3, in f', 'ZeroDivisionError: division by zero'].join('\n')]);
      expect(pieces(out)).toEqual([false]);
    }
  });

  it('an exception line after a record with no frames between stays a record of its own; one before frames heads them', () => {
    const alone = [line('ERROR:app:order 42 failed', 0), line("ERROR:app:KeyError: 'currency'", 2_000)];
    for (const input of [alone, [...alone].reverse()]) expect(texts(reassembleAll(input))).toHaveLength(2);
    const heads = ['2026-12-04 10:00:00.123 ERROR [main] c.a.Billing - java.lang.IllegalStateException: no rate', '2026-12-04 10:00:00.124 ERROR [main] c.a.Billing - \tat com.acme.billing.Charge.run(Charge.java:88)'];
    const entries = heads.map((t, i) => line(t, i * 1_000));
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input))).toEqual([`${heads[0]}\nat com.acme.billing.Charge.run(Charge.java:88)`]);
    }
  });

  it('holds a bounded number of records per writer', () => {
    const entries = Array.from({ length: 2_000 }, (_, i) => line(`ERROR ${NIM_FRAMES[i % 4]}`, i * 10));
    const out = reassembleAll(entries);
    expect(out.reduce((n, j) => n + j.members.length, 0)).toBe(entries.length);
    expect(Math.max(...out.map((j) => j.members.length))).toBeLessThanOrEqual(256);
  });
});
