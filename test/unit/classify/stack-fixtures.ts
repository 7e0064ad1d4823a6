// Traces as the four runtimes print them, with values that differ between occurrences.

export function pythonTrace(user: number, route = 'routes/threads.py'): string {
  return [
    'Traceback (most recent call last):',
    '  File "/usr/local/lib/python3.11/site-packages/starlette/routing.py", line 74, in app',
    '    response = await func(request)',
    `  File "/app/backend/${route}", line 41, in get_thread`,
    '    thread = await service.load(thread_id)',
    '  File "/app/backend/services/thread_service.py", line 88, in load',
    '    return self.cache.get(key)',
    '  File "/app/backend/services/cache.py", line 20, in get',
    '    return self.entries[key]',
    `KeyError: 'thread-${user}'`,
  ].join('\n');
}

export function pythonChained(port: number): string {
  return [
    'Traceback (most recent call last):',
    '  File "/app/backend/db/pool.py", line 12, in connect',
    '    return psycopg2.connect(dsn)',
    '  File "/usr/local/lib/python3.11/site-packages/psycopg2/__init__.py", line 122, in connect',
    '    conn = _connect(dsn)',
    `psycopg2.OperationalError: connection to server at "10.0.0.5", port ${port} failed`,
    '',
    'The above exception was the direct cause of the following exception:',
    '',
    'Traceback (most recent call last):',
    '  File "/app/backend/routes/health.py", line 9, in ready',
    '    await pool.connect()',
    '  File "/app/backend/db/pool.py", line 14, in connect',
    '    raise DatabaseUnavailable("db down") from e',
    `backend.errors.DatabaseUnavailable: db down after ${port}ms`,
  ].join('\n');
}

export function nodeTrace(id: string, line = 17): string {
  return [
    `TypeError: Cannot read properties of undefined (reading '${id}')`,
    `    at summarizeThread (/app/dist/services/summary.js:${line}:21)`,
    '    at async Promise.all (index 0)',
    '    at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)',
    '    at next (/app/node_modules/express/lib/router/route.js:149:13)',
    `    at ThreadController.get (/app/dist/controllers/thread.js:${line + 20}:9)`,
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  ].join('\n');
}

export function javaTrace(orderId: number): string {
  return [
    `Exception in thread "http-nio-8080-exec-${orderId % 10}" java.lang.IllegalStateException: order ${orderId} not payable`,
    '\tat com.acme.billing.PaymentService.charge(PaymentService.java:88)',
    '\tat com.acme.billing.CheckoutController.lambda$pay$0(CheckoutController.java:41)',
    '\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)',
    '\tat java.base/java.lang.Thread.run(Thread.java:833)',
    `Caused by: java.sql.SQLTransientConnectionException: pool-${orderId} - Connection is not available`,
    '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
    '\tat com.acme.billing.PaymentRepository.lock(PaymentRepository.java:30)',
    '\t... 12 more',
  ].join('\n');
}

export function goTrace(index: number, goroutine: number): string {
  return [
    `panic: runtime error: index out of range [${index}] with length 3`,
    '',
    `goroutine ${goroutine} [running]:`,
    'main.(*Server).pickShard(0xc000123450, 0x5)',
    '\t/app/internal/server/shard.go:42 +0x1d4',
    'main.(*Server).handle(0xc000123450, {0x7f1c2, 0xc0001})',
    '\t/app/internal/server/server.go:97 +0x85',
    'net/http.HandlerFunc.ServeHTTP(0xc000010000, {0x9a1e0, 0xc0002})',
    '\t/usr/local/go/src/net/http/server.go:2136 +0x29',
    'created by net/http.(*Server).Serve in goroutine 1',
    '\t/usr/local/go/src/net/http/server.go:3285 +0x4b4',
    '',
    'goroutine 1 [IO wait]:',
    'internal/poll.runtime_pollWait(0x7f, 0x72)',
    '\t/usr/local/go/src/runtime/netpoll.go:343 +0x85',
  ].join('\n');
}
