// Records a logger or a server writes as several lines in one call, which Cloud Run stores as one entry
// per line: a log header whose traceback follows it, a header that carries the traceback's first line,
// a traceback that ends in a bare exception name, and a server's fixed status block. Each is one record
// in either time order, with another instance's lines in between; its lines alone are plain entries.
import { mayMatter } from '../../../src/normalize/index.js';
import { severityTextPattern } from '../../../src/normalize/text-severity.js';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { reassembledClusters } from '../../support/cluster-ids.js';
import { cloudRunLines, noBlank, pieces, texts } from '../../support/cloud-run-lines.js';

const { line, split } = cloudRunLines('stderr');
const OTHER = 'ff00aa11bb22cc33dd';

// dramatiq's worker, through its own log format (`[time] [PID n] [thread] [logger] [LEVEL] message`).
const dramatiq = (actor: string, arg: string, exc: string) => [
  `[2026-12-03 10:00:00,123] [PID 9] [Thread-4] [dramatiq.worker.WorkerThread] [ERROR] Failed to process message ${actor}('${arg}') with unhandled exception.`,
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/site-packages/dramatiq/worker.py", line 513, in process_message',
  '    res = actor(*message.args, **message.kwargs)',
  `  File "/app/tasks/${actor}.py", line 41, in ${actor}`,
  '    raise exc',
  exc,
].join('\n');

// Falcon's Request.log_error: its prefix, then the traceback from its first line on.
const falcon = (path: string) => [
  `2026-12-03 10:00:00 [FALCON] [ERROR] GET ${path} => Traceback (most recent call last):`,
  '  File "/usr/local/lib/python3.12/site-packages/falcon/app.py", line 365, in __call__',
  '    responder(req, resp, **params)',
  '  File "/app/thumbs.py", line 22, in on_get',
  '    img = Image.open(store.fetch(name))',
  'PIL.UnidentifiedImageError: cannot identify image file <_io.BytesIO object at 0x7f3c2a1b>',
].join('\n');


/** Each record split, another instance's line in between, oldest first and newest first. */
function bothOrders(record: string): void {
  const lines = split(record, 0);
  const mixed = [...lines.slice(0, 2), line('GET /healthz 200', 9, OTHER), ...lines.slice(2)];
  const out = reassembleAll(mixed);
  expect(texts(out)).toEqual([noBlank(record), 'GET /healthz 200']);
  expect(pieces(out)).toEqual([false, false]);
  expect(texts(reassembleAll([...mixed].reverse()))).toEqual([noBlank(record), 'GET /healthz 200']);
}

describe('a log header, then the traceback it announces', () => {
  it("dramatiq's header and its traceback are one record, in either order", () => {
    bothOrders(dramatiq('send_receipt', 'ord_1', 'tasks.send_receipt.SmtpDown: smtp.internal refused'));
  });

  it("another thread's INFO line of the same format, written between the header and the traceback, stays apart", () => {
    const record = dramatiq('send_receipt', 'ord_1', 'smtplib.SMTPServerDisconnected: Connection unexpectedly closed');
    const info = '[2026-12-03 10:00:00,123] [PID 10] [Thread-7] [tasks.receipts] [INFO] receipt sent order=ord_2 attempts=1 errors=0';
    const lines = split(record, 0);
    const mixed = [lines[0]!, line(info, 3), ...lines.slice(1)];
    expect(texts(reassembleAll(mixed))).toEqual([record, info]);
    expect(texts(reassembleAll([...mixed].reverse()))).toEqual([record, info]);
  });

  it("Falcon's prefix that opens the traceback on its own line is one record with its frames", () => {
    bothOrders(falcon('/thumbs/1'));
  });

  it.each([
    ['dramatiq.middleware.time_limit.TimeLimitExceeded'],
    ['KeyboardInterrupt'],
    ['asyncio.exceptions.CancelledError'],
  ])('a traceback ending in a bare exception name (%s) is whole, no piece', (exc) => {
    bothOrders(dramatiq('send_receipt', 'ord_1', exc));
  });

  it('a header with no traceback after it stays a plain entry of its own', () => {
    const header = dramatiq('send_receipt', 'ord_1', 'X: y').split('\n')[0]!;
    const out = reassembleAll([line(header, 0), line('GET /healthz 200', 5_000_000)]);
    expect(texts(out)).toEqual([header, 'GET /healthz 200']);
    expect(pieces(out)).toEqual([false, false]);
  });

  it('classified: each actor and error one problem, whatever the message argument', () => {
    let t = 0;
    const next = () => (t += 3_000_000);
    const entries = [
      ...split(dramatiq('send_receipt', 'ord_1', 'tasks.send_receipt.SmtpDown: smtp.internal refused'), next()),
      ...split(dramatiq('send_receipt', 'ord_2', 'tasks.send_receipt.SmtpDown: smtp.internal refused'), next()),
      ...split(dramatiq('resize', 'img_9', 'dramatiq.middleware.time_limit.TimeLimitExceeded'), next()),
      ...split(dramatiq('resize', 'img_7', 'dramatiq.middleware.time_limit.TimeLimitExceeded'), next()),
      ...split(falcon('/thumbs/1'), next()),
      ...split(falcon('/thumbs/2'), next()),
    ];
    const clusters = [...reassembledClusters(entries).values()].map((c) => c.length).sort();
    expect(clusters).toEqual([2, 2, 2]);
  });
});

// uWSGI's harakiri with `harakiri-verbose`, as people pasted it (unbit/uwsgi#2606, singularityhub/sregistry#80).
const harakiri = (worker: number, pid: number, path: string, time = 'Thu Dec  3 10:00:00 2026 - ') => [
  `${time}*** HARAKIRI ON WORKER ${worker} (pid: ${pid}, try: 1) ***`,
  `${time}HARAKIRI: -- syscall> running`,
  `${time}HARAKIRI !!! worker ${worker} status !!!`,
  `${time}HARAKIRI [core 0] 10.0.0.1 - POST ${path} since 1733220000`,
  `${time}HARAKIRI !!! end of worker ${worker} status !!!`,
].join('\n');

const brokenPipe = (path: string) => [
  `uwsgi_response_writev_headers_and_body_do(): Broken pipe [core/writer.c line 306] during GET ${path} (10.0.0.1)`,
  'OSError: write error',
].join('\n');

describe("uWSGI's blocks", () => {
  it.each([
    ['with the time prefix', harakiri(2, 31, '/upload')],
    ['without it', harakiri(2, 31, '/upload', '')],
  ])("a harakiri's status block is one record (%s)", (_name, record) => {
    bothOrders(record);
  });

  it('uWSGI writes each line in a call of its own, milliseconds apart: still one record', () => {
    const record = harakiri(3, 132, '/upload');
    const lines = record.split('\n').map((text, i) => line(text, i * 2_100));
    expect(texts(reassembleAll(lines))).toEqual([record]);
    expect(texts(reassembleAll([...lines].reverse()))).toEqual([record]);
  });

  it('every line of the block is read by each source: the prefilter and the server-side pattern', () => {
    const pattern = new RegExp(severityTextPattern('ERROR').slice(4), 'i');
    for (const text of [...harakiri(2, 31, '/upload').split('\n'), ...harakiri(2, 31, '/upload', '').split('\n'), ...brokenPipe('/x').split('\n')]) {
      expect(mayMatter(line(text, 0), 'ERROR')).toBe(true);
      expect(pattern.test(text) || /^(?:OSError|IOError): /.test(text)).toBe(true);
    }
  });

  it("a failed write and the plugin's `OSError: write error` are one record", () => {
    const lines = split(brokenPipe('/thumbs/1'), 0);
    expect(texts(reassembleAll(lines))).toEqual([brokenPipe('/thumbs/1')]);
    expect(texts(reassembleAll([...lines].reverse()))).toEqual([brokenPipe('/thumbs/1')]);
    expect(pieces(reassembleAll(lines))).toEqual([false]);
  });

  it('what follows the block is not its own', () => {
    const record = harakiri(2, 31, '/upload');
    const out = reassembleAll([...split(record, 0), line('DAMN ! worker 2 (pid: 31) died, killed by signal 9 :( trying respawn ...', 900_000)]);
    expect(texts(out)).toEqual([record, 'DAMN ! worker 2 (pid: 31) died, killed by signal 9 :( trying respawn ...']);
  });

  it('a status block cut short, or its lines alone, are plain entries; 10,000 status lines stay bounded', () => {
    const cut = harakiri(2, 31, '/upload').split('\n').slice(0, 3).join('\n');
    expect(texts(reassembleAll(split(cut, 0)))).toEqual([cut]);
    const lone = 'HARAKIRI !!! worker 2 status !!!';
    const many = Array.from({ length: 10_000 }, (_, i) => line(lone, i * 7));
    const out = reassembleAll(many);
    expect(out.reduce((n, j) => n + j.members.length, 0)).toBe(10_000);
    expect(Math.max(...out.map((j) => j.members.length))).toBeLessThanOrEqual(200);
  });

  it('classified: harakiris of any worker are one problem, broken pipes one other', () => {
    let t = 0;
    const next = () => (t += 3_000_000);
    const entries = [
      ...split(harakiri(2, 31, '/upload'), next()),
      ...split(harakiri(4, 288, '/upload'), next()),
      ...split(harakiri(1, 97, '/upload', ''), next()),
      ...split(brokenPipe('/thumbs/1?w=320'), next()),
      ...split(brokenPipe('/thumbs/9?w=640'), next()),
    ];
    expect([...reassembledClusters(entries).values()].map((c) => c.length).sort()).toEqual([2, 3]);
  });
});

describe('headers and bare names, 10,000 in a row', () => {
  it('headers with no traceback after them pass as plain entries, bounded', () => {
    const header = '2026-12-03 10:00:00 [FALCON] [ERROR] GET /x => Traceback (most recent call last):';
    const out = reassembleAll(Array.from({ length: 10_000 }, (_, i) => line(header, i * 7)));
    expect(out.reduce((n, j) => n + j.members.length, 0)).toBe(10_000);
    expect(Math.max(...out.map((j) => j.members.length))).toBeLessThanOrEqual(200);
  });
});

// gin's Recovery middleware (gin-gonic/gin recovery.go), as it writes to stderr: the Go logger's
// prefix (`\n\n` and red), its time, the value, each frame's place and its function and source line.
const gin = (value: string, at: string) => [
  `\u001b[31m2026/12/03 10:00:00 [Recovery] 2026/12/03 - 10:00:00 panic recovered:`,
  value,
  '/usr/local/go/src/runtime/panic.go:262 (0x938041)',
  '\tpanicmem: panic(memoryError)',
  '/usr/local/go/src/runtime/signal_unix.go:917 (0x8254f6)',
  '\tsigpanic: panicmem()',
  `/app/internal/http/orders.go:${at} (0xd245b7)`,
  '\t(*Handler).GetOrder: c.JSON(http.StatusOK, toDTO(order, order.Customer.Email))',
  '/root/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/context.go:185 (0xd1a9c4)',
  '\t(*Context).Next: c.handlers[c.index](c)',
  '\u001b[0m',
].join('\n');
const noColours = (s: string) => s.replace(/\u001b\[\d{1,3}m/g, '');

describe("gin's Recovery output", () => {
  it('split one line per entry, in either order, another instance in between: one record', () => {
    const record = gin('runtime error: invalid memory address or nil pointer dereference', '88');
    const lines = split(record, 0);
    const mixed = [...lines.slice(0, 3), line('GET /healthz 200', 16, OTHER), ...lines.slice(3)];
    const whole = noColours(record).split('\n').filter((l) => l.trim() !== '').join('\n');
    for (const input of [mixed, [...mixed].reverse()]) {
      const out = reassembleAll(input);
      expect(texts(out).map((t) => noColours(t).trimEnd())).toEqual([whole, 'GET /healthz 200']);
      expect(pieces(out)).toEqual([false, false]);
    }
  });

  it('a value that names no error is still the record\'s', () => {
    const record = gin('order 42 has no customer', '88');
    expect(texts(reassembleAll(split(record, 0))).length).toBe(1);
  });

  it('frames whose head was lost are one piece', () => {
    const frames = gin('x', '88').split('\n').slice(2, -1).join('\n');
    const out = reassembleAll(split(frames, 0));
    expect(out.length).toBe(1);
    expect(pieces(out)).toEqual([true]);
  });

  it('classified: the same panic at the same place is one problem, whole or split; another place is another', () => {
    let t = 0;
    const next = () => (t += 3_000_000);
    const nilCustomer = gin('runtime error: invalid memory address or nil pointer dereference', '88');
    const entries = [
      line(nilCustomer, next()), ...split(nilCustomer, next()), ...split(nilCustomer, next()),
      ...split(gin('runtime error: index out of range [3] with length 3', '120').replace('GetOrder: c.JSON(http.StatusOK, toDTO(order, order.Customer.Email))', 'ListOrders: return items[3]'), next()),
    ];
    expect([...reassembledClusters(entries).values()].map((c) => c.length).sort()).toEqual([1, 3]);
  });
});

// Swift's backtracer on Linux (swiftlang/swift docs/Backtracing.rst; the swift.org 5.9 backtraces post):
// a trap's `Fatal error:`, then the report, blank lines and all.
const swiftCrash = (pc: string, thread: number, at: string) => [
  'Swift/ContiguousArrayBuffer.swift:675: Fatal error: Index out of range',
  '',
  `💣 Program crashed: System trap at 0x00007f${pc}`,
  '',
  `Thread ${thread} crashed:`,
  '',
  `0 0x00007f${pc} Swift runtime failure: Index out of range in App at /app/Sources/App/Controllers/RefundController.swift:${at}`,
  `1 [ra] 0x00007f${pc} RefundController.split(_:) + 412 in App at /app/Sources/App/Controllers/RefundController.swift:${at}`,
  `2 [ra] 0x00007f${pc} closure #1 in RefundController.create(req:) + 236 in App at /app/Sources/App/Controllers/RefundController.swift:41:22`,
  '',
  'Backtrace took 0.41s',
].join('\n');

describe("Swift's crash report", () => {
  it('split one line per entry, blank lines dropped, in either order: one record', () => {
    bothOrders(swiftCrash('1a2b3c4d5e', 0, '77:31'));
  });

  it('with its blank lines kept as entries: one record', () => {
    const record = swiftCrash('1a2b3c4d5e', 0, '77:31');
    const lines = record.split('\n').map((text, i) => line(text, i * 7));
    expect(texts(reassembleAll(lines)).map(noBlank)).toEqual([noBlank(record)]);
  });

  it('a trap with no report after it, and a report cut short, stay apart from what follows', () => {
    const trap = 'Swift/ContiguousArrayBuffer.swift:675: Fatal error: Index out of range';
    expect(texts(reassembleAll([line(trap, 0), line('GET /v1/payments 200', 5_000_000)]))).toEqual([trap, 'GET /v1/payments 200']);
    const cut = noBlank(swiftCrash('1a2b3c4d5e', 0, '77:31')).split('\n').slice(0, 4).join('\n');
    expect(texts(reassembleAll([...split(cut, 0), line('[ INFO ] POST /v1/refunds [request-id: 1]', 5_000_000)]))).toEqual([cut, '[ INFO ] POST /v1/refunds [request-id: 1]']);
  });

  it('classified: the same trap on any thread and pc is one problem, whole or split', () => {
    let t = 0;
    const next = () => (t += 3_000_000);
    const entries = [
      line(swiftCrash('1a2b3c4d5e', 0, '77:31'), next()),
      ...split(swiftCrash('99aa88bb77', 3, '77:31'), next()),
      ...split(swiftCrash('0f0e0d0c0b', 5, '77:31'), next()),
    ];
    expect([...reassembledClusters(entries).values()].map((c) => c.length)).toEqual([3]);
  });
});

describe('block lines with no block, 10,000 in a row', () => {
  it.each([
    ['gin frame places', '/app/internal/http/orders.go:88 (0xd245b7)'],
    ["Swift's thread lines", 'Thread 0 crashed:'],
    ["Swift's frames", '1 [ra] 0x00007f1a2b3c4d5e RefundController.split(_:) + 412 in App at /app/Sources/App/RefundController.swift:77:31'],
    ["Swift's crash lines", '💣 Program crashed: System trap at 0x00007f1a2b3c4d5e'],
  ])('%s: every line comes out once, in bounded pieces', (_name, text) => {
    const out = reassembleAll(Array.from({ length: 10_000 }, (_, i) => line(text, i * 7)));
    expect(out.reduce((n, j) => n + j.members.length, 0)).toBe(10_000);
    expect(Math.max(...out.map((j) => j.members.length))).toBeLessThanOrEqual(200);
  });
});
