import { createClassifier, stackSignature } from '../../../src/classify/index.js';
import type { Entry } from '../../../src/shared/types.js';
import { goTrace, javaTrace, nodeTrace, pythonChained, pythonTrace } from './stack-fixtures.js';

const stack = (text: string, time = 0): Entry => ({
  time, severity: 'ERROR', service: 'api', revision: 'api-001', kind: 'stack', text,
});

describe('stackSignature', () => {
  const cases: Array<{ name: string; text: string; language: string; type: string; frames: string[]; root?: string }> = [
    {
      name: 'Python: library frames dropped, innermost own frame first',
      text: pythonTrace(1),
      language: 'python',
      type: 'KeyError',
      frames: ['services/cache.py:get', 'services/thread_service.py:load'],
    },
    {
      name: 'Python chained: the exception that surfaced, its root cause named',
      text: pythonChained(5432),
      language: 'python',
      type: 'backend.errors.DatabaseUnavailable',
      frames: ['db/pool.py:connect', 'routes/health.py:ready'],
      root: 'psycopg2.OperationalError',
    },
    {
      name: 'Node: node_modules, node:internal and built-ins dropped',
      text: nodeTrace('id'),
      language: 'node',
      type: 'TypeError',
      frames: ['services/summary.js:summarizeThread', 'controllers/thread.js:ThreadController.get'],
    },
    {
      name: 'Java: java.* and framework frames dropped, lambda counters removed, Caused by as root',
      text: javaTrace(77),
      language: 'java',
      type: 'java.lang.IllegalStateException',
      frames: ['com.acme.billing.PaymentService.charge', 'com.acme.billing.CheckoutController.lambda$pay'],
      root: 'java.sql.SQLTransientConnectionException',
    },
    {
      name: 'Go: runtime and net/http frames dropped, only the panicking goroutine',
      text: goTrace(5, 12),
      language: 'go',
      type: 'runtime error: index out of range [<NUM>] with length <NUM>',
      frames: ['main.(*Server).pickShard', 'main.(*Server).handle'],
    },
    {
      name: 'Go: a handler panic that net/http recovered and printed',
      text: [
        'http: panic serving 10.0.3.7:51234: runtime error: invalid memory address or nil pointer dereference',
        'goroutine 812 [running]:',
        'net/http.(*conn).serve.func1()', '\t/usr/local/go/src/net/http/server.go:1903 +0xbe',
        'panic({0x8f1a20?, 0x1234567?})', '\t/usr/local/go/src/runtime/panic.go:770 +0x132',
        'github.com/acme/api.(*Server).getStatement(0xc000123456, 0x0)', '\t/src/api/statement.go:58 +0x1f',
        'net/http.HandlerFunc.ServeHTTP(0xc000123456?, {0xa1b2c0, 0xc000654321}, 0xc000777777)', '\t/usr/local/go/src/net/http/server.go:2171 +0x29',
      ].join('\n'),
      language: 'go',
      type: 'runtime error: invalid memory address or nil pointer dereference',
      frames: ['github.com/acme/api.(*Server).getStatement'],
    },
    {
      name: 'Ruby as Rails logs a request: gems dropped, blocks are their method, request tags ignored',
      text: [
        'NoMethodError (undefined method `total\' for nil):', '',
        '[3f1c] /usr/local/bundle/gems/activerecord-7.1.3/lib/active_record/relation.rb:12:in `each\'',
        '[3f1c] app/services/invoice_builder.rb:17:in `block in build\'',
        '[3f1c] app/controllers/invoices_controller.rb:9:in `show\'',
      ].join('\n'),
      language: 'ruby',
      type: 'NoMethodError',
      frames: ['services/invoice_builder.rb:build', 'controllers/invoices_controller.rb:show'],
    },
    {
      name: 'Ruby as the interpreter prints it: type at the end of the first line, frames after `from`',
      text: "app/jobs/sync_job.rb:8:in 'SyncJob#perform': execution expired (Net::OpenTimeout)\n\tfrom /usr/local/lib/ruby/3.4.0/net/http.rb:1665:in 'Net::HTTP#connect'\n\tfrom app/jobs/runner.rb:3:in '<main>'",
      language: 'ruby',
      type: 'Net::OpenTimeout',
      frames: ['jobs/sync_job.rb:SyncJob#perform', 'jobs/runner.rb:<main>'],
    },
    {
      name: '.NET: System and Microsoft frames dropped, parameters and line numbers left out',
      text: [
        'fail: Microsoft.AspNetCore.Server.Kestrel[13]',
        '      System.InvalidOperationException: Sequence contains no elements',
        '         at System.Linq.ThrowHelper.ThrowNoElementsException()',
        '         at Shop.Pricing.PriceService.GetBase(Int32 sku) in /src/Shop/Pricing/PriceService.cs:line 42',
        '         at Shop.Api.ProductsController.Get(Int32 id) in /src/Shop/Api/ProductsController.cs:line 27',
        '         at lambda_method12(Closure, Object, Object[])',
      ].join('\n'),
      language: 'dotnet',
      type: 'System.InvalidOperationException',
      frames: ['Shop.Pricing.PriceService.GetBase', 'Shop.Api.ProductsController.Get'],
    },
    {
      name: '.NET: an inner exception is the root; async state machines are their method',
      text: [
        'Shop.Data.SaveFailedException: could not save',
        ' ---> Npgsql.PostgresException (0x80004005): 23505: duplicate key value',
        '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async)',
        '   at Shop.Data.Writer.<SaveAsync>d__4.MoveNext() in /src/Shop/Data/Writer.cs:line 61',
        '   --- End of inner exception stack trace ---',
        '   at Shop.Data.Writer.Save(IReadOnlyList`1 rows) in /src/Shop/Data/Writer.cs:line 70',
      ].join('\n'),
      language: 'dotnet',
      type: 'Shop.Data.SaveFailedException',
      frames: ['Shop.Data.Writer.Save'],
      root: 'Npgsql.PostgresException',
    },
    {
      name: 'Java with the jar of each frame (Log4j2 %xEx, Logback packaging data): the jar is no part of the frame',
      text: [
        'java.net.http.HttpTimeoutException: request timed out',
        '\tat jdk.internal.net.http.HttpClientImpl.send(HttpClientImpl.java:951) ~[java.net.http:?]',
        '\tat com.acme.pricing.clients.VatClient.fetch(VatClient.java:39) ~[pricing-2.14.0.jar:2.14.0]',
        '\tat com.acme.pricing.api.PriceHandler.handle(PriceHandler.java:47) ~[classes/:?]',
        '\tat java.base/java.util.concurrent.ForkJoinTask.doExec(ForkJoinTask.java:387) [?:?]',
      ].join('\n'),
      language: 'java',
      type: 'java.net.http.HttpTimeoutException',
      frames: ['com.acme.pricing.clients.VatClient.fetch', 'com.acme.pricing.api.PriceHandler.handle'],
    },
    {
      name: 'Java frames named with their class loader and module (StackTraceElement.toString): only the class and method count',
      text: [
        'java.lang.IllegalStateException: pool closed',
        '\tat app//com.acme.billing.pool.Pool.borrow(Pool.java:88)',
        '\tat com.foo.loader/billing@2.4.1/com.acme.billing.Invoices.issue(Invoices.java:41)',
        '\tat java.base@17.0.13/java.lang.Thread.run(Thread.java:840)',
      ].join('\n'),
      language: 'java',
      type: 'java.lang.IllegalStateException',
      frames: ['com.acme.billing.pool.Pool.borrow', 'com.acme.billing.Invoices.issue'],
    },
    {
      name: 'Java: a client library\'s frames (Lettuce, HikariCP) are not the application\'s operation',
      text: [
        'io.lettuce.core.RedisCommandTimeoutException: Command timed out after 2 second(s)',
        '\tat io.lettuce.core.internal.ExceptionFactory.createTimeoutException(ExceptionFactory.java:59)',
        '\tat io.lettuce.core.FutureSyncInvocationHandler.handleInvocation(FutureSyncInvocationHandler.java:75)',
        '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)',
        '\tat com.acme.pricing.cache.PriceCache.get(PriceCache.java:58)',
      ].join('\n'),
      language: 'java',
      type: 'io.lettuce.core.RedisCommandTimeoutException',
      frames: ['com.acme.pricing.cache.PriceCache.get'],
    },
    {
      name: 'Java: a frame cut short by the write is no frame (the trace keeps the frames before it)',
      text: [
        'java.net.SocketTimeoutException: Read timed out',
        '\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)',
        '\tat com.acme.orders.inventory.InventoryClient.stock(InventoryClient.java:44)',
        '\tat com.acme.orders.w',
      ].join('\n'),
      language: 'java',
      type: 'java.net.SocketTimeoutException',
      frames: ['com.acme.orders.inventory.InventoryClient.stock'],
    },
  ];

  it.each(cases)('$name', ({ text, language, type, frames, root }) => {
    const sig = stackSignature(text);
    expect(sig).not.toBeNull();
    expect(sig?.language).toBe(language);
    expect(sig?.exceptionType).toBe(type);
    expect(sig?.frames).toEqual(frames);
    expect(sig?.rootCause).toBe(root);
  });

  it('Node error codes and Uncaught prefixes are not part of the type', () => {
    const text = 'Uncaught Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers\n    at send (/app/src/reply.js:3:9)';
    expect(stackSignature(text)?.exceptionType).toBe('Error');
  });

  it('a Node system error printed without its `Error: ` is the same Error, its fields after the message set aside', () => {
    const frames = '    at async open (node:internal/fs/promises:639:25)\n    at async render (/app/src/templates.js:22:18)';
    const whole = stackSignature(`Error: ENOENT: no such file or directory, open '/app/t/a.hbs'\n${frames}`);
    const bare = stackSignature(`ENOENT: no such file or directory, open '/app/t/b.hbs' {"service":"notify","errno":-2}\n${frames}`);
    expect(whole).toMatchObject({ exceptionType: 'Error', frames: ['src/templates.js:render'] });
    expect(bare).toEqual(whole);
    // A type that only looks like a code is still a type: `EOFError`, `ETIMEDOUT` without a message.
    expect(stackSignature(`EOFError: stream ended\n${frames}`)?.exceptionType).toBe('EOFError');
  });

  it("Rails' `Type (message):` whose message ends in a newline, `):` on a line of its own, is that type and message", () => {
    const frames = "  app/controllers/contacts_controller.rb:32:in `block in create'\n  app/controllers/contacts_controller.rb:30:in `create'";
    const reply = '535-5.7.8 Username and Password not accepted. Learn more at';
    const spanning = stackSignature(`F, [2016-05-05T20:12:50.761246 #12290] FATAL -- :\nNet::SMTPAuthenticationError (${reply}\n):\n${frames}`);
    const oneLine = stackSignature(`Net::SMTPAuthenticationError (${reply}):\n${frames}`);
    expect(spanning).toMatchObject({ language: 'ruby', exceptionType: 'Net::SMTPAuthenticationError' });
    expect(spanning?.message).toBe(oneLine?.message);
    expect(spanning?.frames).toEqual(oneLine?.frames);
    expect(spanning?.message).not.toContain('Net::SMTPAuthenticationError');
    // An opening parenthesis that no `):` line closes is no such line: the type is still read from the text.
    const unclosed = stackSignature(`Net::SMTPAuthenticationError (${reply}\n${frames}`);
    expect(unclosed?.exceptionType).toBe('Net::SMTPAuthenticationError');
  });

  it('a Ruby trace that does not print its type takes the one the payload named', () => {
    const text = 'Completed 500 Internal Server Error\nundefined method `[]\' for nil\n/app/app/mailers/receipt_mailer.rb:17:in `receipt\'';
    expect(stackSignature(text, 'NoMethodError')).toMatchObject({ language: 'ruby', exceptionType: 'NoMethodError', frames: ['mailers/receipt_mailer.rb:receipt'] });
  });

  it('returns null for text that is not a trace', () => {
    expect(stackSignature('just a message\nwith two lines')).toBeNull();
  });
});

describe('stack clusters', () => {
  function ids(texts: string[]): string[] {
    const c = createClassifier();
    const handles = texts.map((t, i) => c.add(stack(t, i)));
    return handles.map((h) => c.resolve(h).id);
  }

  it.each([
    ['Python', [pythonTrace(1), pythonTrace(2), pythonTrace(99)]],
    ['Python chained', [pythonChained(5432), pythonChained(6543)]],
    ['Node (values and line numbers differ)', [nodeTrace('id', 17), nodeTrace('name', 23)]],
    ['Java', [javaTrace(77), javaTrace(1234)]],
    ['Go (values and goroutine ids differ)', [goTrace(5, 12), goTrace(9, 4711)]],
    ['Ruby (line numbers and request tags differ)', [17, 18].map((n) => `NoMethodError (undefined method \`x' for nil):\n[r${n}] app/models/cart.rb:${n}:in \`total'`)],
    ['.NET (line numbers and arguments differ)', [42, 44].map((n) => `System.ArgumentException: bad ${n}\n   at Shop.Cart.Add(Int32 id) in /src/Cart.cs:line ${n}`)],
  ])('%s: the same problem with other values is one cluster', (_name, texts) => {
    expect(new Set(ids(texts)).size).toBe(1);
  });

  it.each([
    ['Ruby', (file: string) => `NoMethodError (undefined method \`[]' for nil):\napp/${file}.rb:4:in \`run'`],
    ['.NET', (file: string) => `System.NullReferenceException: Object reference not set\n   at Shop.${file}.Run() in /src/${file}.cs:line 4`],
  ])('%s: one error raised in two places is two problems', (_name, trace) => {
    expect(new Set(ids([trace('Mailer'), trace('Serializer')])).size).toBe(2);
  });

  // Prisma's error prints its class alone, then its message under it: the call, the caller's place and a
  // source excerpt, then what went wrong (the shape pasted in prisma/prisma's issues, e.g. #10054, #9113).
  const prisma = (call: string, line: number, failure: string) => [
    'PrismaClientKnownRequestError: ',
    `Invalid \`prisma.order.${call}()\` invocation in`,
    `/app/dist/routes/orders.js:${line}:40`,
    '',
    `  ${line - 1}   try {`,
    `→ ${line}     const order = await prisma.order.${call}(`,
    failure,
    '    at $n.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7315)',
    '    at $n.request (/app/node_modules/@prisma/client/runtime/library.js:121:6307)',
    `    at async /app/dist/routes/orders.js:${line}:40`,
  ].join('\n');
  const poolTimeout = (limit: number) => `Timed out fetching a new connection from the connection pool. More info: http://pris.ly/d/connection-pool (Current connection pool timeout: 10, connection limit: ${limit})`;

  it("Prisma: the failure its message names under the class is the problem, not the client's one class", () => {
    const unique = prisma('create', 57, 'Unique constraint failed on the fields: (`idempotency_key`)');
    expect(new Set(ids([prisma('create', 57, poolTimeout(9)), prisma('create', 58, poolTimeout(17))])).size).toBe(1);
    expect(new Set(ids([prisma('create', 57, poolTimeout(9)), unique])).size).toBe(2);
    // Read without the place and the excerpt, as when the client could not read the source.
    const bare = ['PrismaClientKnownRequestError: ', 'Invalid `prisma.order.create()` invocation:', '', '', 'Unique constraint failed on the fields: (`idempotency_key`)',
      '    at $n.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7315)', '    at async /app/dist/routes/orders.js:57:40'].join('\n');
    expect(stackSignature(bare)?.message).toBe(stackSignature(unique)?.message);
  });

  // NestJS's ExceptionsHandler logs the error's message, then its stack (`printMessages`, then
  // `printStackTrace`): with Prisma's message (which opens with a line break) the record holds the message
  // twice, once under the header and once under the class. A trace whose frames a write cut short of the
  // application's own is told apart by the line it was logged under; here that line is the message again.
  it("Prisma under NestJS's header: the message logged above the stack is the error's own, whatever frames were kept", () => {
    const message = ['Invalid `prisma.order.findMany()` invocation:', '', '', poolTimeout(9)];
    const frames = ['    at $n.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7315)', '    at $n.handleAndLogRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:6623)'];
    const own = ['    at async OrdersService.list (/app/dist/orders/orders.service.js:41:24)'];
    // As the normalizer leaves the record: the header read off, the message first.
    const logged = (tail: string[]) => [...message, 'PrismaClientInitializationError: ', ...message, ...tail].join('\n');
    const stackAlone = ['PrismaClientInitializationError: ', ...message, ...frames].join('\n');
    expect(stackSignature(logged(frames))?.context).toBeUndefined();
    expect(new Set(ids([logged(frames), logged([...frames, ...own]), stackAlone])).size).toBe(1);
    // A line of the application's own above the stack is still the caller that tells it apart.
    const job = [`Invoice export for 2026-10 failed: ${poolTimeout(9)}`, 'PrismaClientInitializationError: ', ...message, ...frames].join('\n');
    expect(stackSignature(job)?.context).toMatch(/^Invoice export for /);
  });

  // util.inspect prints an error's own properties after its last frame (` {`, `statusCode: 500`, `code:
  // 'ECONNREFUSED'`, `[cause]: …`, `}`). When a write lost the error's line and its first frames, what is
  // left is frames and that block: a property reads as `name: value`, as an error line does, and is none.
  describe("a Node trace whose error line was lost, with util.inspect's properties under it", () => {
    const imageFrames = ['    at async cacheEntry.imageResponseCache.get.incrementalCache (/app/node_modules/next/dist/server/next-server.js:227:65)', '    at async /app/node_modules/next/dist/server/response-cache/index.js:90:36', '    at async /app/node_modules/next/dist/lib/batcher.js:45:32 {', '  statusCode: 500', '}'];
    const refusedFrames = ['    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {', '  errno: -111,', "  code: 'ECONNREFUSED',", "  syscall: 'connect',", "  address: '10.0.0.5',", '  port: 6379', '}'];
    it.each([
      ["Next's image optimizer under its upstream line", [' ⨯ upstream image response failed for https://media.example/catalogue/74b20915/thumb.jpg 404', ...imageFrames]],
      ["Next's image optimizer, frames alone", imageFrames],
      ['a refused connection', refusedFrames],
    ])('%s: no property is the exception', (_name, lines) => {
      const type = stackSignature(lines.join('\n'))?.exceptionType;
      expect(['statusCode', 'errno', 'code', 'syscall', 'address', 'port']).not.toContain(type);
    });

    it('the whole trace: its error is the exception and a [cause] in the block still its root cause', () => {
      const whole = ['TypeError: fetch failed', '    at node:internal/deps/undici/undici:13502:13', '    at async getProduct (/app/.next/server/chunks/812.js:1:4410) {', "  digest: '949931927',",
        '  [cause]: ConnectTimeoutError: Connect Timeout Error (attempted address: cms.example:443, timeout: 10000ms)', '      at onConnectTimeout (node:internal/deps/undici/undici:2602:28) {', "    code: 'UND_ERR_CONNECT_TIMEOUT'", '  }', '}'].join('\n');
      expect(stackSignature(whole)).toMatchObject({ exceptionType: 'TypeError', rootCause: 'ConnectTimeoutError' });
    });
  });

  // tornadoweb/tornado's LogFormatter puts four spaces before every line after a record's first; the
  // same traceback from a JSON handler is not indented.
  it('Python: a traceback a formatter indented is the same problem as the same traceback not indented', () => {
    const indent = (t: string): string => t.replace(/\n/g, '\n    ');
    const tornado = `Uncaught exception GET /threads/7 (10.0.0.1)\n${pythonChained(5432)}`;
    const [plain, indented, chainedPlain, chainedIndented] = ids([pythonTrace(1), indent(`Uncaught exception GET /threads/7\n${pythonTrace(2)}`), tornado, indent(tornado)]);
    expect(indented).toBe(plain);
    expect(chainedIndented).toBe(chainedPlain);
    expect(chainedPlain).not.toBe(plain);
    expect(stackSignature(indent(tornado))).toMatchObject({ language: 'python', exceptionType: 'backend.errors.DatabaseUnavailable', rootCause: 'psycopg2.OperationalError' });
  });

  it('different raising frames are different problems; a different outer caller is not', () => {
    const [a, b, c] = ids([pythonTrace(1), pythonTrace(1, 'routes/admin.py'), pythonChained(1)]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('the four languages are four clusters with type and frames on the cluster', () => {
    const c = createClassifier();
    for (const t of [pythonTrace(1), nodeTrace('x'), javaTrace(1), goTrace(1, 1), pythonTrace(2)]) c.add(stack(t));
    const clusters = c.clusters();
    expect(clusters).toHaveLength(4);
    expect(clusters[0]).toMatchObject({
      kind: 'stack',
      count: 2,
      exceptionType: 'KeyError',
      frames: ['services/cache.py:get', 'services/thread_service.py:load'],
      template: "KeyError: '<QUOTED>'",
    });
  });

  describe('a trace with library frames only', () => {
    const refused = (message: string, addr: string): string =>
      `${message}\nError: connect ECONNREFUSED ${addr}\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)`;

    it.each([
      ['the line it was logged under tells two callers apart', refused('[ioredis] Unhandled error event', '10.0.0.5:6379'), refused('Unexpected error on idle client', '10.0.0.9:5432'), false],
      ['values in that line do not', refused('pool 3 lost its connection', '10.0.0.5:6379'), refused('pool 7 lost its connection', '10.0.0.6:6379'), true],
      ['own frames decide, whatever the line says', `request 1 failed\n${nodeTrace('id', 17)}`, `job 2 broke down\n${nodeTrace('id', 17)}`, true],
    ])('%s', (_name, a, b, same) => {
      const [x, y] = ids([a, b]);
      expect(x === y).toBe(same);
    });

    it('names the logged line in its template', () => {
      const c = createClassifier();
      const h = c.add(stack(refused('[ioredis] Unhandled error event', '10.0.0.5:6379')));
      expect(c.resolve(h).template).toBe('[ioredis] Unhandled error event Error: connect ECONNREFUSED <IP>');
    });
  });

  it('a line logged alone joins the trace logged under it, the values in that line read as values', () => {
    const trace = (country: string): string => [
      `VAT lookup failed for ${country}`,
      'java.net.http.HttpTimeoutException: request timed out',
      '\tat jdk.internal.net.http.HttpClientImpl.send(HttpClientImpl.java:951)',
      '\tat com.acme.pricing.clients.VatClient.fetch(VatClient.java:39)',
    ].join('\n');
    const c = createClassifier();
    const traces = ['DE', 'FR', 'IT', 'DE'].map((country, i) => c.add(stack(trace(country), i)));
    const alone = c.add({ ...stack('VAT lookup failed for NL', 9), kind: 'text' });
    expect(new Set([...traces, alone].map((h) => c.resolve(h).id)).size).toBe(1);
  });

  it('a stack entry that cannot be parsed is mined as text', () => {
    const c = createClassifier();
    const h = c.add(stack('Something odd happened 42 times\nand then 43'));
    expect(c.resolve(h).template).toBe('Something odd happened <NUM> time and then <NUM>');
    expect(c.clusters()[0]?.kind).toBe('text');
  });
});

describe('loguru tracebacks', () => {
  // loguru's documented `backtrace`/`diagnose` output: `> File` marks the frame that raised, and
  // the lines under each frame annotate values with box-drawing characters.
  const loguru = [
    'What?!',
    'Traceback (most recent call last):',
    '',
    '  File "/app/test.py", line 12, in <module>',
    '    nested(0)',
    '    └ <function nested at 0x7f5c755322f0>',
    '',
    '> File "/app/test.py", line 8, in nested',
    '    func(5, c)',
    '    │       └ 0',
    '    └ <function func at 0x7f5c79fc2e18>',
    '',
    '  File "/app/test.py", line 4, in func',
    '    return a / b',
    '           │   └ 0',
    '           └ 5',
    '',
    'ZeroDivisionError: division by zero',
  ].join('\n');
  const plain = [
    'Traceback (most recent call last):',
    '  File "/app/test.py", line 12, in <module>',
    '    nested(0)',
    '  File "/app/test.py", line 8, in nested',
    '    func(5, c)',
    '  File "/app/test.py", line 4, in func',
    '    return a / b',
    'ZeroDivisionError: division by zero',
  ].join('\n');

  it('reads every frame, the marked one included', () => {
    const sig = stackSignature(loguru)!;
    expect(sig.exceptionType).toBe('ZeroDivisionError');
    expect(sig.frames).toEqual(stackSignature(plain)!.frames);
  });
});

describe("stackSignature: util.inspect's ` {` after the last frame", () => {
  const undici = (line: number, cause = "ConnectTimeoutError: Connect Timeout Error (attempted address: pricing.internal:443, timeout: 10000ms)") => [
    'TypeError: fetch failed',
    '    at node:internal/deps/undici/undici:13502:13',
    '    at async getPrice (file:///app/src/pricing.js:22:15)',
    `    at async file:///app/src/routes/products.js:${line}:19 {`,
    `  [cause]: ${cause}`,
    '      at onConnectTimeout (node:internal/deps/undici/undici:2602:28) {',
    "    code: 'UND_ERR_CONNECT_TIMEOUT'",
    '  }',
    '}',
  ].join('\n');

  it('is no part of the frame: the same trace at another line number has the same frames', () => {
    expect(stackSignature(undici(41))!.frames).toEqual(stackSignature(undici(58))!.frames);
    expect(stackSignature(undici(41))!.frames.join(' ')).not.toMatch(/41|\{/);
  });

  it('the frames still tell two call sites apart', () => {
    const other = undici(41).replace('async getPrice (file:///app/src/pricing.js:22:15)', 'async reserveStock (file:///app/src/inventory.js:37:17)');
    expect(stackSignature(other)!.frames).not.toEqual(stackSignature(undici(41))!.frames);
  });
});

// The exception is the line the first frame follows (parseJavaOrNode); the message logged above it is
// the header even when it reads as `Word: text`, so the header ends where the exception is read.
describe('stackSignature: the header ends at the exception the first frame follows', () => {
  it("JBoss Logging's `UT005023:` message above a Java exception is its header", () => {
    const sig = stackSignature(
      'UT005023: Exception handling request to /webapp/rest/api/cars/7\n' +
      'org.jboss.resteasy.spi.UnhandledException: javax.persistence.RollbackException\n' +
      '\tat org.jboss.resteasy.core.ExceptionHandler.handleApplicationException(ExceptionHandler.java:82)',
    )!;
    expect(sig.exceptionType).toBe('org.jboss.resteasy.spi.UnhandledException');
    expect(sig.reportedAs).toContain('Exception handling request to');
    // Library frames alone: the logged line is what tells the call site.
    expect(sig.context).toBe(sig.reportedAs);
  });

  it("hapi's `Debug: internal, implementation, error` above a Node error is its header", () => {
    const sig = stackSignature(
      'Debug: internal, implementation, error \n' +
      "    TypeError: Cannot read properties of undefined (reading 'id')\n" +
      '    at handler (/app/routes/cars.js:12:5)\n' +
      '    at exports.Manager.execute (/app/node_modules/@hapi/hapi/lib/toolkit.js:60:29)',
    )!;
    expect(sig.exceptionType).toBe('TypeError');
    expect(sig.reportedAs).toBe('Debug: internal, implementation, error');
  });

  it('a `logger:line - Exception: text` message above the same exception is its header', () => {
    const sig = stackSignature(
      'root:592 - java.net.SocketTimeoutException: Read timed out\n' +
      'java.net.SocketTimeoutException: Read timed out\n' +
      '\tat java.base/java.net.SocketInputStream.socketRead0(Native Method)',
    )!;
    expect(sig.exceptionType).toBe('java.net.SocketTimeoutException');
    expect(sig.reportedAs).toMatch(/^root:/);
  });

  // Reactor Netty: an exception printed without frames, then the checkpoints Reactor adds as a
  // suppressed exception, then the cause whose frames are the first the trace prints.
  const gateway = (path: string): string =>
    `[3f2a9c1b-17]  500 Server Error for HTTP GET "${path}"\n` +
    'io.netty.channel.AbstractChannel$AnnotatedConnectException: finishConnect(..) failed: Connection refused: /10.8.0.12:8080\n' +
    '\tSuppressed: reactor.core.publisher.FluxOnAssembly$OnAssemblyException: \n' +
    'Error has been observed at the following site(s):\n' +
    '\t*__checkpoint \u21e2 org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter [DefaultWebFilterChain]\n' +
    `\t*__checkpoint \u21e2 HTTP GET "${path}" [ExceptionHandlingWebHandler]\n` +
    'Original Stack Trace:\n' +
    'Caused by: java.net.ConnectException: finishConnect(..) failed: Connection refused\n' +
    '\tat io.netty.channel.unix.Errors.newConnectException0(Errors.java:155)\n' +
    '\tat io.netty.channel.unix.Socket.finishConnect(Socket.java:321)';

  it('the first exception ends the header when the frames follow a later section (Reactor Netty)', () => {
    const sig = stackSignature(gateway('/api/orders/7'))!;
    expect(sig.exceptionType).toBe('io.netty.channel.AbstractChannel$AnnotatedConnectException');
    expect(sig.rootCause).toBe('java.net.ConnectException');
    // The exception, its suppressed checkpoints and its cause are the trace, not the line it was logged under.
    expect(sig.reportedAs).toContain('Server Error for HTTP');
    expect(sig.reportedAs).not.toMatch(/Connect|Suppressed|observed/);
    expect(stackSignature(gateway('/api/catalog/12'))!.reportedAs).toBe(sig.reportedAs);
  });

  it('an exception not right above the first frame still ends the header', () => {
    const sig = stackSignature('request failed\njava.lang.IllegalStateException: closed\n\n\tat com.acme.Pool.get(Pool.java:3)')!;
    expect(sig.exceptionType).toBe('java.lang.IllegalStateException');
    expect(sig.reportedAs).toBe('request failed');
  });
});

// `log.error(e.getMessage(), e)`: the line logged above the trace is the exception's message again.
describe('stackSignature: a header that repeats the exception is no context', () => {
  const frames = '\n\tat java.base/java.net.SocketInputStream.socketRead0(Native Method)\n\tat java.base/java.net.SocketInputStream.socketRead(SocketInputStream.java:116)';
  const exception = 'java.net.SocketTimeoutException: Read timed out';

  it('the message alone above the exception leaves the trace as if logged with no line', () => {
    const bare = stackSignature(`${exception}${frames}`)!;
    const repeated = stackSignature(`Read timed out\n${exception}${frames}`)!;
    expect(repeated.reportedAs).toBeUndefined();
    expect(repeated.context).toBeUndefined();
    expect(repeated).toEqual(bare);
  });

  it("the exception's line after a pattern's prefix leaves the prefix", () => {
    const sig = stackSignature(`root:592 - ${exception}\n${exception}${frames}`)!;
    expect(sig.reportedAs).toBe('root:<NUM>');
  });

  it('what the application wrote before the message stays', () => {
    const sig = stackSignature(`profile fetch failed: Read timed out\n${exception}${frames}`)!;
    expect(sig.reportedAs).toBe('profile fetch failed');
  });

  it('a line that merely ends in the same letters is kept whole', () => {
    const sig = stackSignature(`socketRead timed out\n${exception}${frames}`)!;
    expect(sig.reportedAs).toBe('socketRead timed out');
  });
});
