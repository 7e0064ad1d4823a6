// A multi-line trace that Cloud Run split into one entry per line is joined back, per instance and
// stream, in either time order; everything else passes through untouched.
import fc from 'fast-check';
import { reassemble, reassembleAll, type Joined } from '../../../src/source/reassemble.js';
import type { RawEntry } from '../../../src/shared/types.js';

const A = '00c527f6d4a1e7b3c2';
const B = '00d93a10be55f0c871';
const BASE_MS = Date.parse('2025-09-11T10:00:00Z');
const STDERR = 'projects/p/logs/run.googleapis.com%2Fstderr';
const STDOUT = 'projects/p/logs/run.googleapis.com%2Fstdout';

/** RFC 3339 with microseconds, `us` after BASE. */
function iso(us: number): string {
  const ms = Math.floor(us / 1000);
  return new Date(BASE_MS + ms).toISOString().replace('Z', `${String(us % 1000).padStart(3, '0')}Z`);
}

interface LineOpts {
  instance?: string;
  stream?: string;
}

function line(text: string, us: number, { instance = A, stream = STDERR }: LineOpts = {}): RawEntry {
  return {
    textPayload: text,
    timestamp: iso(us),
    insertId: `id-${instance}-${us}`,
    logName: stream,
    labels: { instanceId: instance },
    resource: { type: 'cloud_run_revision', labels: { service_name: 'backend', revision_name: 'backend-00042-abc' } },
  };
}

/** One entry per line, oldest first, `step` µs apart starting at `start`. */
function split(trace: string, start: number, opts: LineOpts & { step?: number } = {}): RawEntry[] {
  const step = opts.step ?? 7;
  return trace.split('\n').map((text, i) => line(text, start + i * step, opts));
}

const run = (entries: RawEntry[], options = {}) => reassembleAll(entries, options);
const text = (j: Joined) => j.raw.textPayload as string;
const byFirstMember = (out: Joined[]) => [...out].sort((a, b) => a.members[0]! - b.members[0]!);
/** The joined texts, in the order of their first member. */
const texts = (out: Joined[]) => byFirstMember(out).map(text);
/** Newest first, as `gcloud logging read --format=json` writes it. */
const newestFirst = (entries: RawEntry[]) => [...entries].reverse();

function expectPartition(out: Joined[], n: number) {
  const seen = out.flatMap((j) => j.members).sort((a, b) => a - b);
  expect(seen).toEqual([...Array(n).keys()]);
}

// ---------------------------------------------------------------------------------------------
// Traces, as each runtime prints them.

const PYTHON = [
  'Traceback (most recent call last):',
  '  File "/app/backend/routes/threads.py", line 41, in get_thread',
  '    thread = await service.load(thread_id)',
  '  File "/app/backend/services/cache.py", line 20, in get',
  '    return self.entries[key]',
  '           ~~~~~~~~~~~~^^^^^',
  "KeyError: 'thread-42'",
].join('\n');

const PYTHON_CHAINED = [
  'Traceback (most recent call last):',
  '  File "/app/backend/db/pool.py", line 12, in connect',
  '    return psycopg2.connect(dsn)',
  'psycopg2.OperationalError: connection to server at "10.0.0.5", port 5432 failed',
  '',
  'The above exception was the direct cause of the following exception:',
  '',
  'Traceback (most recent call last):',
  '  File "/app/backend/routes/health.py", line 9, in ready',
  '    await pool.connect()',
  '  File "/app/backend/db/pool.py", line 14, in connect',
  '    raise DatabaseUnavailable("db down") from e',
  'backend.errors.DatabaseUnavailable: db down',
].join('\n');

const PYTHON_DURING = [
  'Traceback (most recent call last):',
  '  File "/app/main.py", line 5, in handler',
  "    return cache['k']",
  "KeyError: 'k'",
  '',
  'During handling of the above exception, another exception occurred:',
  '',
  'Traceback (most recent call last):',
  '  File "/app/main.py", line 7, in handler',
  '    raise ValueError("no value")',
  'ValueError: no value',
].join('\n');

const PYTHON_FROZEN = [
  'Traceback (most recent call last):',
  '  File "<frozen runpy>", line 198, in _run_module_as_main',
  '  File "<frozen runpy>", line 88, in _run_code',
  '  File "/app/main.py", line 3, in <module>',
  '    import missing_module',
  "ModuleNotFoundError: No module named 'missing_module'",
].join('\n');

const JAVA_THREAD = [
  'Exception in thread "main" java.lang.IllegalStateException: order 7 not payable',
  '\tat com.acme.billing.PaymentService.charge(PaymentService.java:88)',
  '\tat com.acme.billing.Main.main(Main.java:12)',
].join('\n');

const JAVA_CAUSED = [
  'java.lang.RuntimeException: checkout failed',
  '\tat com.acme.billing.CheckoutController.pay(CheckoutController.java:41)',
  '\tat java.base/java.lang.Thread.run(Thread.java:833)',
  'Caused by: java.sql.SQLTransientConnectionException: pool - Connection is not available',
  '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
  '\tat com.acme.billing.PaymentRepository.lock(PaymentRepository.java:30)',
  '\t... 12 more',
  '\tSuppressed: java.io.IOException: close failed',
  '\t\tat com.acme.billing.PaymentRepository.close(PaymentRepository.java:50)',
  '\t\t... 13 more',
].join('\n');

const JAVA_LOG_LINE = [
  '2025-09-11 10:00:00.123 ERROR 1 --- [nio-8080-exec-1] o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() threw exception',
  '\tat com.acme.web.OrderController.get(OrderController.java:33)',
  '\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)',
].join('\n');

const NODE = [
  "TypeError: Cannot read properties of undefined (reading 'id')",
  '    at summarizeThread (/app/dist/services/summary.js:17:21)',
  '    at async Promise.all (index 0)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
].join('\n');

const NODE_UNHANDLED = [
  'Unhandled error Error: connect ECONNREFUSED 10.0.0.7:6379',
  '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
].join('\n');

// console.error(err) in Node: util.inspect adds the error's properties, and its cause, after the frames.
const NODE_PROPERTIES = [
  'Error: connect ECONNREFUSED 10.0.0.5:5432',
  '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16) {',
  '  errno: -111,',
  "  code: 'ECONNREFUSED',",
  "  syscall: 'connect',",
  "  address: '10.0.0.5',",
  '  port: 5432',
  '}',
].join('\n');

const NODE_CAUSE = [
  'Error: could not load thread',
  '    at loadThread (/app/dist/threads.js:12:11)',
  '    ... 4 lines matching cause stack trace ...',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {',
  "  [cause]: TypeError: Cannot read properties of undefined (reading 'id')",
  '      at parseThread (/app/dist/threads.js:30:20)',
  '      at loadThread (/app/dist/threads.js:10:5)',
  '}',
].join('\n');

const GO = [
  'panic: runtime error: index out of range [5] with length 3',
  '',
  'goroutine 1 [running]:',
  'main.pickShard(...)',
  '\t/app/main.go:12',
  'main.main()',
  '\t/app/main.go:8 +0x1d',
  'exit status 2',
].join('\n');

const GO_SIGNAL = [
  'panic: runtime error: invalid memory address or nil pointer dereference',
  '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x7fd34f]',
  '',
  'goroutine 5 [running]:',
  'main.(*Server).handle(0xc000123450, {0x7f1c2, 0xc0001})',
  '\t/app/internal/server/server.go:97 +0x85',
  'created by net/http.(*Server).Serve in goroutine 1',
  '\t/usr/local/go/src/net/http/server.go:3285 +0x4b4',
].join('\n');

const RUBY = [
  "app.rb:12:in 'Orders#total': undefined method 'price' for nil (NoMethodError)",
  "\tfrom app.rb:7:in 'Orders#render'",
  "\tfrom app.rb:3:in '<main>'",
].join('\n');

const DOTNET = [
  "System.InvalidOperationException: Sequence contains no elements",
  ' ---> System.ArgumentNullException: Value cannot be null. (Parameter \'source\')',
  '   at System.Linq.ThrowHelper.ThrowArgumentNullException(ExceptionArgument argument)',
  '   --- End of inner exception stack trace ---',
  '   at Acme.Orders.OrderService.Latest() in /src/Orders/OrderService.cs:line 41',
  '   at Acme.Orders.OrdersController.Get() in /src/Orders/OrdersController.cs:line 18',
].join('\n');

// A trace under the log line that reports it: uvicorn / logger.exception(), logback, Go's net/http.
const PYTHON_UNDER_LOG_LINE = `ERROR:    Exception in ASGI application\n${PYTHON}`;
// `logger.warning(msg, exc_info=True)`: the header states the level, the message names no error.
const PYTHON_UNDER_WARNING = `[2026-03-10 01:44:16,722: WARNING/MainProcess] consumer: Connection to broker lost. Trying to re-establish the connection...\n${PYTHON}`;
const PYTHON_UNDER_ELIXIR_STYLE_WARNING = `2026-03-10 12:00:01,234 - app.sync - WARNING - retrying the sync later\n${PYTHON}`;
const JAVA_CAUSED_LINES = JAVA_CAUSED.split('\n');
const JAVA_UNDER_LOG_LINE = `2025-09-11 10:00:00.123 ERROR 1 --- [nio-8080-exec-1] c.a.OrderController : Request failed\n${JAVA_CAUSED}`;
const GO_RECOVERED = [
  '2025/09/11 10:00:00 http: panic serving 10.0.0.1:5000: runtime error: invalid memory address or nil pointer dereference',
  'goroutine 23 [running]:',
  'net/http.(*conn).serve.func1()',
  '\t/usr/local/go/src/net/http/server.go:1868 +0xb9',
  'panic({0x6f5a40?, 0xa3a4b0?})',
  '\t/usr/local/go/src/runtime/panic.go:920 +0x270',
  'main.handler({0x7f1c2, 0xc0001}, 0xc000100000)',
  '\t/app/main.go:21 +0x1d',
].join('\n');

const TRACES: Array<[string, string]> = [
  ['Python', PYTHON],
  ['Python, chained (direct cause)', PYTHON_CHAINED],
  ['Python, chained (during handling)', PYTHON_DURING],
  ['Python, frames without source lines', PYTHON_FROZEN],
  ['Java, uncaught in a thread', JAVA_THREAD],
  ['Java, Caused by / ... more / Suppressed', JAVA_CAUSED],
  ['Java, a log line followed by frames', JAVA_LOG_LINE],
  ['Node', NODE],
  ['Node, a log line naming the error', NODE_UNHANDLED],
  ['Node, with the error\'s properties', NODE_PROPERTIES],
  ['Node, with a cause', NODE_CAUSE],
  ['Go', GO],
  ['Go, with a signal line', GO_SIGNAL],
  ['Ruby', RUBY],
  ['.NET, with an inner exception', DOTNET],
  ['Python, under the line uvicorn logs it with', PYTHON_UNDER_LOG_LINE],
  ['Python, under a Celery WARNING line that names no error', PYTHON_UNDER_WARNING],
  ['Python, under a WARNING line of the asctime format', PYTHON_UNDER_ELIXIR_STYLE_WARNING],
  ['Java, under a logback message line', JAVA_UNDER_LOG_LINE],
  ['Go, a panic net/http recovered', GO_RECOVERED],
];

describe('reassemble: one trace per language, in both time orders', () => {
  it.each(TRACES)('%s, oldest first', (_name, trace) => {
    const entries = split(trace, 0);
    const out = run(entries);
    expect(out).toHaveLength(1);
    expect(text(out[0]!)).toBe(trace);
    expectPartition(out, entries.length);
  });

  it.each(TRACES)('%s, newest first', (_name, trace) => {
    const entries = newestFirst(split(trace, 0));
    const out = run(entries);
    expect(out).toHaveLength(1);
    expect(text(out[0]!)).toBe(trace);
    expectPartition(out, entries.length);
  });

  it.each(TRACES)('%s, between plain lines of the same instance', (_name, trace) => {
    const entries = [line('INFO:     GET /health 200', 0), ...split(trace, 1000), line('INFO:     GET /ready 200', 900_000)];
    for (const input of [entries, newestFirst(entries)]) {
      expect(texts(run(input)).sort()).toEqual([trace, 'INFO:     GET /health 200', 'INFO:     GET /ready 200'].sort());
    }
  });

  // The sweep's sources may drop lines that say nothing (blank lines, `exit status 2`, Go's signal line).
  it.each(TRACES)('%s, without its blank, exit-status and signal lines', (_name, trace) => {
    const kept = trace.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('exit status') && !l.startsWith('[signal')).join('\n');
    expect(texts(run(split(kept, 0)))).toEqual([kept]);
    expect(texts(run(newestFirst(split(kept, 0))))).toEqual([kept]);
  });

  it('takes the head line\'s timestamp and other fields; the members are the input positions', () => {
    const entries = newestFirst(split(PYTHON, 0));
    const [joined] = run(entries);
    const head = entries[entries.length - 1]!;
    expect(joined!.raw).toEqual({ ...head, textPayload: PYTHON });
    expect(joined!.raw.timestamp).toBe(iso(0));
    expect(joined!.members).toEqual([...entries.keys()]);
  });
});

describe('reassemble: what is joined with what', () => {
  it('passes over another writer\'s lines between a header, its exception line and its frames, in both orders', () => {
    const info = (us: number) => line('2025-09-11T10:00:00.000Z  INFO 1 --- [main] c.a.Startup : Started in 3.2s', us);
    const [exception, ...frames] = JAVA_CAUSED_LINES;
    const entries = [
      line('2025-09-11 10:00:00.123 ERROR 1 --- [nio-8080-exec-1] c.a.OrderController : Request failed', 0),
      info(20), info(40),
      line(exception!, 60),
      info(80),
      ...frames.map((t, i) => line(t, 100 + 10 * i)),
    ];
    const want = JAVA_UNDER_LOG_LINE;
    for (const input of [entries, newestFirst(entries)]) {
      const out = run(input);
      expect(texts(out).filter((t) => t.includes('\n'))).toEqual([want]);
      expect(out.filter((j) => j.members.length === 1).map(text)).toHaveLength(3);
      expectPartition(out, entries.length);
    }
  });

  // Found by the order property (seed -877572944): newest first, a continuation line a millisecond
  // after a line that oldest first was held as another writer's took it and the record before it along.
  it('a line held as another writer\'s takes a continuation line only as the other order would', () => {
    const entries = [
      line('00:07:17.914 [error] #PID<0.1272.0> running RealtimeWeb.Endpoint (connection #PID<0.7987.0>, stream id 2) terminated', 1),
      line('Server: realtime.example.com:80 (http)', 8),
      line('Request: GET /api/rooms/5849', 15),
      line('** (exit) an exception was raised:', 22),
      line('    ** (Ecto.NoResultsError) expected at least one result but got none in query:', 29),
      line('from r0 in Realtime.Rooms.Room,', 36),
      line('Traceback (most recent call last):', 37),
      line('Traceback (most recent call last):', 988, { instance: B }),
      line('goroutine 1 [running]:', 1038),
    ];
    const forward = texts(run(entries));
    expect(texts(run(newestFirst(entries)))).toEqual(forward);
    expect(forward.filter((t) => t.startsWith('00:07:17.914'))).toHaveLength(1);
  });

  it('keeps two instances apart when their lines interleave, in both orders', () => {
    const a = split(PYTHON, 0, { instance: A, step: 10 });
    const b = split(NODE, 3, { instance: B, step: 10 });
    const merged = [...a, ...b].sort((x, y) => String(x.timestamp).localeCompare(String(y.timestamp)));
    for (const input of [merged, newestFirst(merged)]) {
      const out = run(input);
      expect(out.map(text).sort()).toEqual([NODE, PYTHON].sort());
      expectPartition(out, input.length);
    }
  });

  it('lets another instance\'s plain lines through in between, untouched and in order', () => {
    const trace = split(JAVA_CAUSED, 0, { step: 10 });
    const noise = [1, 2, 3].map((i) => line(`GET /items/${i} 200`, i * 25 + 1, { instance: B, stream: STDOUT }));
    const merged = [...trace, ...noise].sort((x, y) => String(x.timestamp).localeCompare(String(y.timestamp)));
    const out = run(merged);
    const plain = out.filter((j) => j.members.length === 1);
    expect(plain.map((j) => j.raw)).toEqual(noise); // same objects, same order
    plain.forEach((j) => expect(noise).toContain(j.raw));
    expect(out.filter((j) => j.members.length > 1).map(text)).toEqual([JAVA_CAUSED]);
  });

  it('does not join stdout with stderr of the same instance', () => {
    const entries = split(NODE, 0).map((e, i) => (i === 0 ? { ...e, logName: STDOUT } : e));
    const out = run(entries);
    expect(out.some((j) => text(j) === NODE)).toBe(false);
    expectPartition(out, entries.length);
  });

  it('does not join across a gap longer than a second', () => {
    const head = split(PYTHON, 0).slice(0, 3);
    const tail = split(PYTHON, 0).slice(3).map((e, i) => ({ ...e, timestamp: iso(3_000_000 + i) }));
    for (const input of [[...head, ...tail], newestFirst([...head, ...tail])]) {
      const out = run(input);
      expect(out.some((j) => text(j) === PYTHON)).toBe(false);
      expectPartition(out, input.length);
    }
  });

  it('joins lines a few hundred milliseconds apart', () => {
    const entries = split(GO, 0, { step: 300_000 });
    expect(texts(run(entries))).toEqual([GO]);
    expect(texts(run(newestFirst(entries)))).toEqual([GO]);
  });

  it('splits two traces back to back on one instance', () => {
    const second = NODE.replace("'id'", "'name'");
    const entries = [...split(NODE, 0), ...split(second, 100)];
    expect(texts(run(entries))).toEqual([NODE, second]);
    expect(texts(run(newestFirst(entries)))).toEqual([second, NODE]);
    const py = [...split(PYTHON, 0), ...split(PYTHON_FROZEN, 100)];
    expect(texts(run(py))).toEqual([PYTHON, PYTHON_FROZEN]);
    expect(texts(run(newestFirst(py)))).toEqual([PYTHON_FROZEN, PYTHON]);
  });

  it('orders equal timestamps by input order, in the direction the file runs', () => {
    // Every line of the trace has one timestamp; another instance tells which way the file runs.
    const trace = PYTHON.split('\n').map((t) => line(t, 500));
    const before = [line('GET / 200', 100, { instance: B }), line('GET / 200', 200, { instance: B })];
    expect(texts(run([...before, ...trace])).filter((t) => t.includes('\n'))).toEqual([PYTHON]);
    expect(texts(run(newestFirst([...before, ...trace]))).filter((t) => t.includes('\n'))).toEqual([PYTHON]);
    // Pairs of equal timestamps inside the trace itself.
    const pairs = PYTHON.split('\n').map((t, i) => line(t, Math.floor(i / 2)));
    expect(texts(run(pairs))).toEqual([PYTHON]);
    expect(texts(run(newestFirst(pairs)))).toEqual([PYTHON]);
  });

  it('takes one log line naming the error as a header, no more', () => {
    const entries = [line('ERROR: retrying', 0), ...split(PYTHON_UNDER_LOG_LINE, 10)];
    expect(texts(run(entries))).toEqual(['ERROR: retrying', PYTHON_UNDER_LOG_LINE]);
    expect(texts(run(newestFirst(entries))).sort()).toEqual(['ERROR: retrying', PYTHON_UNDER_LOG_LINE].sort());
    // A header and an exception line with no frames under them stay apart.
    const lonely = [line('ERROR: lookup failed', 0), line("KeyError: 'k'", 10), line('GET / 200', 20)];
    for (const input of [lonely, newestFirst(lonely)]) expect(run(input).every((j) => j.members.length === 1)).toBe(true);
  });

  it('takes a header only from the same write: a warning logged a second before a trace stays apart', () => {
    const traceOf = (headerUs: number) => [line('WARNING - Retrying after connection failed', headerUs), ...split(PYTHON, 935_000)];
    for (const headerUs of [0, 400_000, 800_000]) {
      const entries = traceOf(headerUs);
      for (const input of [entries, newestFirst(entries)]) {
        expect(texts(run(input)).sort()).toEqual(['WARNING - Retrying after connection failed', PYTHON].sort());
      }
    }
    // Stamped within the header gap, it heads the trace, in either order.
    const near = traceOf(935_000 - 50_000);
    expect(texts(run(near))).toEqual([`WARNING - Retrying after connection failed\n${PYTHON}`]);
    expect(texts(run(newestFirst(near)))).toEqual([`WARNING - Retrying after connection failed\n${PYTHON}`]);
    // The gap is an option.
    expect(texts(run(traceOf(0), { headerGapMs: 1000 }))).toEqual([`WARNING - Retrying after connection failed\n${PYTHON}`]);
  });

  it('uses service, revision and stream when an entry has no instance id', () => {
    const entries = split(NODE, 0).map((e) => ({ ...e, labels: {} }));
    expect(texts(run(entries))).toEqual([NODE]);
  });

  it('never joins entries that are not Cloud Run stdout/stderr text without a severity', () => {
    const variants: Array<[string, (e: RawEntry) => RawEntry]> = [
      ['a severity', (e) => ({ ...e, severity: 'ERROR' })],
      ['a JSON payload', ({ textPayload, ...e }) => ({ ...e, jsonPayload: { message: textPayload } })],
      ['a request log', (e) => ({ ...e, logName: 'projects/p/logs/run.googleapis.com%2Frequests' })],
      ['no log name', ({ logName: _drop, ...e }) => e],
    ];
    for (const [, change] of variants) {
      const entries = split(NODE, 0).map(change);
      const out = run(entries);
      expect(out.map((j) => j.raw)).toEqual(entries); // the same objects, in order
      out.forEach((j, i) => expect(j.raw).toBe(entries[i]));
    }
  });

  // The first line waits for the second: until the time order is known, a plain line may be the last
  // line of a trace still to come (newest first).
  it('passes plain lines through at once, without waiting for the end of the input', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<RawEntry> {
      for (let i = 0; i < 50; i++) {
        pulled++;
        yield line(`GET /items/${i} 200`, i * 10);
      }
    }
    const seenAt: number[] = [];
    for await (const j of reassemble(source())) seenAt.push(pulled - j.members[0]!);
    expect(seenAt[0]).toBe(2);
    expect(Math.max(...seenAt.slice(1))).toBe(1);
  });
});

describe('reassemble: caps and bad input', () => {
  it('cuts a trace longer than maxLines into pieces', () => {
    const frames = Array.from({ length: 450 }, (_, i) => `\tat com.acme.Deep.f${i}(Deep.java:${i})`);
    const trace = ['java.lang.StackOverflowError', ...frames].join('\n');
    for (const input of [split(trace, 0, { step: 1 }), newestFirst(split(trace, 0, { step: 1 }))]) {
      const out = run(input, { maxLines: 200 });
      expectPartition(out, 451);
      expect(Math.max(...out.map((j) => j.members.length))).toBeLessThanOrEqual(200);
      expect(out.some((j) => j.members.length > 100)).toBe(true);
    }
  });

  it('cuts a trace longer than maxChars into pieces', () => {
    const long = 'x'.repeat(900);
    const trace = ['java.lang.IllegalStateException: big', ...Array.from({ length: 100 }, (_, i) => `\tat com.acme.C.f${i}(C.java:${i}) ${long}`)].join('\n');
    const out = run(split(trace, 0, { step: 1 }), { maxChars: 16 * 1024 });
    expectPartition(out, 101);
    for (const j of out) expect(text(j).length).toBeLessThanOrEqual(16 * 1024);
  });

  it('a traceback cut off by a truncated write is joined as far as it goes', () => {
    const cut = PYTHON.split('\n').slice(0, 4).join('\n');
    const entries = [...split(cut, 0), line('INFO: next request', 100)];
    expect(texts(run(entries))).toEqual([cut, 'INFO: next request']);
    expect(texts(run(newestFirst(entries)))).toEqual(['INFO: next request', cut]);
  });

  it('a continuation line with no head comes out as a plain entry', () => {
    for (const orphan of ['\tat com.acme.C.f(C.java:1)', '  File "/app/x.py", line 3, in f', '    at f (/app/x.js:1:2)', '\tfrom app.rb:3:in \'<main>\'']) {
      const entries = [line('GET / 200', 0), line(orphan, 10), line('GET / 200', 20)];
      const out = run(entries);
      expect(out.map((j) => j.raw)).toEqual(entries);
    }
  });

  it('10,000 indented lines from one instance: bounded, no hang, every line out once', () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => line(`    indented ${i}`, i));
    const out = run(entries);
    expectPartition(out, 10_000);
    expect(Math.max(...out.map((j) => j.members.length))).toBeLessThanOrEqual(200);
  });

  it('holds at most maxKeys instances at once', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<RawEntry> {
      for (let i = 0; i < 2000; i++) {
        pulled++;
        yield line('java.lang.IllegalStateException: boom', i, { instance: `inst-${i}` });
      }
    }
    let emitted = 0;
    let maxHeld = 0;
    for await (const j of reassemble(source(), { maxKeys: 16 })) {
      emitted += j.members.length;
      maxHeld = Math.max(maxHeld, pulled - emitted);
    }
    expect(emitted).toBe(2000);
    expect(maxHeld).toBeLessThanOrEqual(17);
  });

  it('survives messages that start with a date, odd payloads and odd timestamps', () => {
    const entries: RawEntry[] = [
      line('2025-09-11 10:00:00,123 ERROR [main] request failed: boom', 0),
      line('\tat com.acme.C.f(C.java:1)', 1),
      line('2025-09-11T10:00:00Z something else', 2),
      { ...line('x', 3), textPayload: 42 },
      { ...line('x', 4), timestamp: 'yesterday' },
      { ...line('x', 5), timestamp: undefined, receiveTimestamp: undefined },
      { ...line('x', 6), labels: 'not an object' },
      { ...line('x', 7), resource: null },
      line('', 8),
      line('\u0000\u202e', 9),
      line('x'.repeat(200_000), 10),
      line(`Traceback (most recent call last):${'\n  File "a.py", line 1, in f'.repeat(3)}`, 11),
    ];
    for (const input of [entries, newestFirst(entries)]) {
      const out = run(input);
      expectPartition(out, input.length);
    }
    expect(texts(run(entries))[0]).toBe('2025-09-11 10:00:00,123 ERROR [main] request failed: boom\n\tat com.acme.C.f(C.java:1)');
  });

  it('a garbage stream of trace-shaped lines ends and partitions', () => {
    const shapes = ['Traceback (most recent call last):', '  File "x.py", line 1', '    x()', 'ValueError: v', '', '\tat a.B(B.java:1)', 'Caused by: x', 'panic: p', 'goroutine 1 [running]:', 'main.main()', '\t/app/m.go:1 +0x1'];
    const entries = Array.from({ length: 5000 }, (_, i) => line(shapes[(i * 7919) % shapes.length]!, i * 3, { instance: i % 3 ? A : B }));
    const out = run(entries);
    expectPartition(out, 5000);
  });
});

describe('reassemble: properties', () => {
  const vocabulary = [
    ...PYTHON.split('\n'), ...GO.split('\n'), ...JAVA_CAUSED.split('\n'), ...NODE.split('\n'), ...RUBY.split('\n'),
    ...GO_RECOVERED.split('\n'), 'INFO:     GET /health 200', 'ERROR request failed', 'ERROR:    Exception in ASGI application',
    'Traceback (most recent call last):', '', "ValueError: x",
    // .NET's console formatter: records of two levels, their message and exception lines, frames.
    'fail: Acme.Orders.OrderService[0]', 'info: Microsoft.Hosting.Lifetime[14]', '      Now listening on: http://[::]:8080',
    '      An unhandled exception has occurred while executing the request.', '      System.InvalidOperationException: Sequence contains no elements',
    '         at System.Linq.ThrowHelper.ThrowNoElementsException()', '         at Acme.Orders.OrderService.Latest() in /src/Orders/OrderService.cs:line 41',
    '         --- End of inner exception stack trace ---',
    // PHP, Rust, Elixir, java.util.logging, kombu and Prisma records, with the plain lines their grammar
    // takes (a panic's message, Ecto's query, a java.util.logging level line, Prisma's message).
    'PHP Fatal error:  Uncaught RuntimeException: boom in /app/index.php:3', 'Stack trace:', '#0 /app/index.php(12): Ledger->open()', '#1 {main}',
    '  thrown in /app/index.php on line 3', '[stacktrace]', '"}',
    "thread 'main' panicked at src/main.rs:31:47:", 'index out of bounds: the len is 3 but the index is 7', 'stack backtrace:',
    '   0: rust_begin_unwind', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
    'Error: failed to load checkpoint', 'Caused by:', '    0: reading gs://raw-events/checkpoints/ingest.json',
    '00:07:17.914 [error] #PID<0.1272.0> running RealtimeWeb.Endpoint (connection #PID<0.7987.0>, stream id 2) terminated',
    'Server: realtime.example.com:80 (http)', 'Request: GET /api/rooms/5849', '** (exit) an exception was raised:',
    '    ** (Ecto.NoResultsError) expected at least one result but got none in query:', 'from r0 in Realtime.Rooms.Room,',
    '        (realtime 0.9.2) lib/realtime_web/controllers/room_controller.ex:21: RealtimeWeb.RoomController.show/2',
    '00:00:01.500 [error] GenServer Realtime.Presence.Tracker terminating', 'Last message (from #PID<0.990.0>): {:track, %{room_id: 12}}',
    'Mar 10, 2026 12:14:15 AM com.acme.thumbs.Renderer render', 'SEVERE: thumbnail failed for gs://uploads/a.png', 'INFO: rendered 3 thumbnails',
    '[2026-03-10 10:00:00,004: ERROR/MainProcess] consumer: Cannot connect to redis://10.30.0.4:6379/0: Error 111 connecting.',
    'Trying again in 4.00 seconds... (2/100)',
    'Invalid `prisma.order.create()` invocation in', '/app/dist/orders/orders.service.js:41:37', '→ 41 const order = await this.prisma.order.create(',
    'Unique constraint failed on the fields: (`idempotencyKey`)',
    '\tat kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:104)', 'Mar 10, 2026 12:14:15 AM com.acme.thumbs.Worker handle\nINFO: rendered 2 thumbnails',
    // Records of their own under a log header, which continue no other record.
    '[2020-03-01T05:09:55Z INFO  actix_server::builder] Starting 1 workers', 'I, [2026-03-10T10:00:00.123456 #1]  INFO -- : Completed 200 OK in 12ms',
    'info: Portal.Jobs.AccountSync[0]', '      Account sync finished: 529 accounts, 0 errors, 0 warnings',
  ];
  // Whole records of those shapes, written at once (lines microseconds apart), possibly cut short, or
  // with their first lines lost.
  const records = [
    ['PHP Fatal error:  Uncaught RuntimeException: boom in /app/index.php:3', 'Stack trace:', '#0 /app/index.php(12): Ledger->open()', '#1 {main}', '  thrown in /app/index.php on line 3'],
    ["thread 'main' panicked at src/main.rs:31:47:", 'index out of bounds: the len is 3 but the index is 7', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace'],
    ['00:07:17.914 [error] #PID<0.1272.0> running RealtimeWeb.Endpoint (connection #PID<0.7987.0>, stream id 2) terminated',
      'Server: realtime.example.com:80 (http)', 'Request: GET /api/rooms/5849', '** (exit) an exception was raised:',
      '    ** (Ecto.NoResultsError) expected at least one result but got none in query:', 'from r0 in Realtime.Rooms.Room,', '  where: r0.id == ^5849',
      '        (realtime 0.9.2) lib/realtime_web/controllers/room_controller.ex:21: RealtimeWeb.RoomController.show/2'],
    ['Mar 10, 2026 12:14:15 AM com.acme.thumbs.Worker handle', 'INFO: rendered 3 thumbnails'],
    ['Mar 10, 2026 12:14:15 AM com.acme.thumbs.Renderer render', 'SEVERE: thumbnail failed for gs://uploads/a.png', 'javax.imageio.IIOException: Unsupported Image Type',
      '\tat com.acme.thumbs.Renderer.render(Renderer.kt:41)'],
    ['ERROR [ExceptionsHandler] ', 'Invalid `prisma.order.create()` invocation in', '/app/dist/orders/orders.service.js:41:37', '→ 41 const order = await this.prisma.order.create(',
      'Unique constraint failed on the fields: (`idempotencyKey`)'],
    ['ERROR Internal Server Error: /api/reports/12/', 'Traceback (most recent call last):', '  File "/app/reports/views.py", line 22, in show',
      '    report = Report.objects.get(pk=pk)', '             ^^^^^^^^^^^^^^^^^^^^^^^^^^', "reports.models.Report.DoesNotExist: Report matching query does not exist."],
    ['fail: Microsoft.AspNetCore.Antiforgery.DefaultAntiforgery[7]', '      An exception was thrown while deserializing the token.',
      '      Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException: The antiforgery token could not be decrypted.',
      '       ---> System.Security.Cryptography.CryptographicException: The key {5b1e} was not found in the key ring.',
      '         at Microsoft.AspNetCore.DataProtection.KeyManagement.KeyRingBasedDataProtector.UnprotectCore(Byte[] protectedData)'],
    ['info: Portal.Jobs.AccountSync[0]', '      Account sync finished: 529 accounts, 0 errors, 0 warnings'],
    ['[2026-03-10 10:00:00] production.ERROR: SQLSTATE[HY000] [2002] Connection refused {"exception":"[object] (PDOException(code: 2002))', '[stacktrace]',
      '#0 /var/www/html/app/Http/Controllers/InvoiceController.php(27): App\\Repositories\\InvoiceRepository->find()', '#1 {main}', '"}'],
  ];
  const item = fc.record({
    textIndex: fc.nat(vocabulary.length - 1),
    record: fc.option(fc.record({ index: fc.nat(records.length - 1), cut: fc.nat(20), lost: fc.constantFrom(0, 0, 0, 1, 2) }), { freq: 4 }),
    instance: fc.constantFrom(A, B, 'c0ffee'),
    stream: fc.constantFrom(STDERR, STDERR, STDOUT),
    gapUs: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 2_500_000 })),
    severity: fc.constantFrom(undefined, undefined, undefined, 'ERROR'),
  });
  const stream = fc.array(item, { maxLength: 120 }).map((items) => {
    let us = 0;
    return items.flatMap((it): RawEntry[] => {
      us += it.gapUs; // strictly increasing: the file's direction is always readable
      if (it.record !== null) {
        const lines = records[it.record.index]!;
        const end = 1 + (it.record.cut % lines.length);
        return lines.slice(Math.min(it.record.lost, end - 1), end).map((text, k) => line(text, (us += k === 0 ? 0 : 7), it));
      }
      const e = line(vocabulary[it.textIndex]!, us, it);
      return [it.severity ? { ...e, severity: it.severity } : e];
    });
  });

  it('every input position appears in exactly one output', () => {
    fc.assert(
      fc.property(stream, fc.boolean(), (entries, reverse) => {
        const input = reverse ? newestFirst(entries) : entries;
        const seen = run(input).flatMap((j) => j.members).sort((a, b) => a - b);
        expect(seen).toEqual([...input.keys()]);
      }),
      { numRuns: 300 },
    );
  });

  it('joins the same lines, into the same texts, whichever way the input runs', () => {
    fc.assert(
      fc.property(stream, (entries) => {
        const n = entries.length;
        const forward = run(entries, { maxLines: 10_000, maxChars: 10_000_000 });
        const backward = run(newestFirst(entries), { maxLines: 10_000, maxChars: 10_000_000 });
        const groups = (out: Joined[], map: (i: number) => number) =>
          out.map((j) => `${j.members.map(map).sort((a, b) => a - b).join(',')}|${text(j)}`).sort();
        expect(groups(backward, (i) => n - 1 - i)).toEqual(groups(forward, (i) => i));
      }),
      { numRuns: 1000 },
    );
  });

  it('is the same fed as a stream and as an array', async () => {
    await fc.assert(
      fc.asyncProperty(stream, async (entries) => {
        async function* source() {
          yield* entries;
        }
        const streamed: Joined[] = [];
        for await (const j of reassemble(source())) streamed.push(j);
        expect(streamed).toEqual(run(entries));
      }),
      { numRuns: 100 },
    );
  });
});
