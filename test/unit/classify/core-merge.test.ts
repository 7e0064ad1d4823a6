// One error printed in different surfaces joins one cluster; different problems, call sites and
// routine lines stay apart; the answer does not depend on the order of the groups.
import fc from 'fast-check';
import { mergeByCore } from '../../../src/classify/core-merge.js';
import { coreWords } from '../../../src/classify/core-words.js';
import { thrownKey } from '../../../src/classify/jvm-exception-line.js';
import { g, joined } from './core-groups.js';

describe('coreWords', () => {
  it('drops exception names, level words and values, keeps the words of the message', () => {
    expect(coreWords('AxiosError: timeout of <NUM> exceeded')).toEqual(['timeout', 'of', 'exceeded']);
    expect(coreWords('Uncaught Error: Connection terminated unexpectedly')).toEqual(['connection', 'terminated', 'unexpectedly']);
    expect(coreWords("{ [Error: socket hang up] code: '<QUOTED>' }")).toEqual(['socket', 'hang', 'up', 'code']);
    expect(coreWords("KeyError: '<QUOTED>'")).toEqual([]);
    // pydantic says `1 validation error`, `2 validation errors`: the count's plural is not the problem.
    expect(coreWords('<NUM> validation errors for ItemOut')).toEqual(coreWords('<NUM> validation error for ItemOut'));
  });

  it('drops a type name before a colon, whatever its suffix', () => {
    expect(coreWords('[UnhandledPromiseRejection: This error originated either by throwing inside of an async function')).toEqual(
      coreWords('(node:<NUM>) UnhandledPromiseRejectionWarning: This error originated either by throwing inside of an async function'),
    );
    // A name in the text, not before a colon, is a word of the message.
    expect(coreWords('failed to reach UserService in time')).toContain('userservice');
  });

  it('reads contractions in full', () => {
    expect(coreWords("Error: Can't set headers after they are sent.")).toEqual(['cannot', 'set', 'headers', 'after', 'they', 'are', 'sent']);
    expect(coreWords('Cannot set headers after they are sent to the client').slice(0, 7)).toEqual(coreWords("Can't set headers after they are sent."));
    expect(coreWords("couldn't reach the server")).toEqual(coreWords('could not reach the server'));
    expect(coreWords('can not open file')).toEqual(coreWords('cannot open file'));
  });

  it('reads a doubled `cannot not` as the typo it is, a later release printing `cannot`', () => {
    // protocolbuffers/protobuf#10064 (4.21.0), zachglick/apnet#1 (the fixed wording)
    expect(coreWords('TypeError: Descriptors cannot not be created directly.')).toEqual(coreWords('TypeError: Descriptors cannot be created directly.'));
    // A negation spelled out is still one: `could not` and `cannot` stay what they say.
    expect(coreWords('could not connect')).toEqual(['could', 'not', 'connect']);
    expect(coreWords('cannot connect')).not.toEqual(coreWords('can connect'));
  });

  it('keeps status names, which say what happened', () => {
    expect(coreWords('Error: <NUM> RESOURCE_EXHAUSTED: Bandwidth exhausted')).toEqual(['resource_exhausted', 'bandwidth', 'exhausted']);
    expect(coreWords('Error: <NUM> DEADLINE_EXCEEDED: Deadline exceeded')).toEqual(['deadline_exceeded', 'deadline', 'exceeded']);
    // Other identifiers (a table, a module, a host) are values, as before.
    expect(coreWords('relation orders_v2 does not exist')).toEqual(['relation', 'does', 'not', 'exist']);
  });
});

describe('mergeByCore', () => {
  it.each([
    ['a prefix an application added', 'Task was destroyed but it is pending!', 'Error doing job: Task was destroyed but it is pending!'],
    ['a suffix that comes and goes', 'Cannot connect to <URL>: [Errno <NUM>] Connection refused.', 'Cannot connect to <URL>: [Errno <NUM>] Connection refused. Trying again in <NUM> seconds...'],
    ['a wrapper', 'QueuePool limit of size <NUM> overflow <NUM> reached, connection timed out, timeout <NUM>', 'sqlalchemy.exc.TimeoutError: QueuePool limit of size <NUM> overflow <NUM> reached, connection timed out, timeout <NUM> (Background on this error at: <URL>)'],
    ['another exception name', 'AxiosError: timeout of <NUM> exceeded while waiting', 'Error: timeout of <NUM> exceeded while waiting'],
    ['the error inside braces', 'Error: socket hang up at once', "{ [Error: socket hang up at once] code: '<QUOTED>' }"],
  ])('joins %s', (_why, short, long) => {
    expect(joined([g('c1', long), g('c2', short)])).toEqual([['c1', 'c2']]);
  });

  it('joins a trace through library frames only to the same message printed as text', () => {
    expect(joined([g('s1', 'Error: Connection terminated unexpectedly by server'), g('t1', 'Connection terminated unexpectedly by server')])).toEqual([['s1', 't1']]);
  });

  it('keeps traces through the application\'s own frames apart, even with one message', () => {
    const a = g('s1', 'TypeError: Cannot read properties of undefined (reading <QUOTED>)', { frames: ['app/totals.js:total'] });
    const b = g('s2', 'TypeError: Cannot read properties of undefined (reading <QUOTED>)', { frames: ['app/session.js:load'] });
    expect(joined([a, b])).toEqual([['s1'], ['s2']]);
    // Text of that message alone cannot tell which of the two it was: it joins neither.
    expect(joined([a, b, g('t1', 'Cannot read properties of undefined (reading <QUOTED>) in handler')])).toEqual([['s1'], ['s2'], ['t1']]);
    // With one of them only, it joins that one.
    expect(joined([a, g('t1', 'Cannot read properties of undefined (reading <QUOTED>) in handler')])).toEqual([['s1', 't1']]);
  });

  it('keeps one exception raised in two operations apart when they share only a caller', () => {
    const vat = g('s1', 'java.net.http.HttpTimeoutException: request timed out', { frames: ['com.acme.pricing.clients.VatClient.fetch', 'com.acme.pricing.api.PriceHandler.handle'] });
    const fx = g('s2', 'java.net.http.HttpTimeoutException: request timed out', { frames: ['com.acme.pricing.clients.FxRateClient.fetch', 'com.acme.pricing.api.PriceHandler.handle'] });
    const vatCut = g('s3', 'java.net.http.HttpTimeoutException: request timed out', { frames: ['com.acme.pricing.clients.VatClient.fetch'] });
    expect(joined([vat, fx, vatCut])).toEqual([['s1', 's3'], ['s2']]);
  });

  it('brings text quoting an exception to neither of two operations that raised it in one frame', () => {
    // Polly's attempt telemetry quotes the outcome it handled; the timeout was raised in one client's
    // call (PdfRendererClient.RenderAsync), reached from a request handler and from a background worker
    // under two lines: two problems, and the telemetry's words cannot tell which attempt was whose.
    const message = "Polly.Timeout.TimeoutRejectedException: The operation didn't complete within the allowed timeout of '<QUOTED>'.";
    const download = g('s1', message, {
      frames: ['Invoices.Pdf.PdfRendererClient.RenderAsync', 'Invoices.Api.InvoiceEndpoints.PdfAsync'], reportedAs: 'An unhandled exception has occurred while executing the request.',
    });
    const reminder = g('s2', message, {
      frames: ['Invoices.Pdf.PdfRendererClient.RenderAsync', 'Invoices.Reminders.ReminderWorker.SendAsync', 'Invoices.Reminders.ReminderWorker.ExecuteAsync'], reportedAs: 'Reminder for invoice <NUM> not sent: PDF render failed',
    });
    const attempt = g('t1', "Execution attempt. Source: <*> Operation Key: <*> Result: 'The operation didn't complete within the allowed timeout of <*> Handled: '<QUOTED>', Attempt: '<QUOTED>', Execution Time: <NUM>");
    expect(joined([download, reminder, attempt])).toEqual([['s1'], ['s2'], ['t1']]);
    expect(joined([reminder, download, attempt].reverse())).toEqual([['s1'], ['s2'], ['t1']]);
    // One operation only: the text is its.
    expect(joined([reminder, attempt])).toEqual([['s2', 't1']]);
    // The same trace from one caller under one line (a cut and the whole) is one operation: still its.
    const cut = g('s3', message, { frames: ['Invoices.Pdf.PdfRendererClient.RenderAsync'], reportedAs: 'Reminder for invoice <NUM> not sent: PDF render failed' });
    expect(joined([reminder, cut, attempt])).toEqual([['s2', 's3', 't1']]);
  });

  it('brings a JVM exception\'s line printed alone to the one trace that surfaced it', () => {
    const thrown = thrownKey('io.netty.channel.AbstractChannel$AnnotatedConnectException', 'Connection refused: <ID>:<NUM>');
    const trace = g('s1', '<NUM> Server Error for HTTP <*> io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: <ID>:<NUM>', {
      libraryFrames: ['io.netty.channel.socket.nio.NioSocketChannel.doFinishConnect'], reportedAs: '<NUM> Server Error for HTTP <*>', thrown,
    });
    const line = g('t1', 'io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: <ID>:<NUM>', { thrown });
    const mined = g('t2', 'io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: <*>');
    expect(joined([trace, line, mined])).toEqual([['s1', 't1', 't2']]);
    // Two traces surfaced it (two operations): the line alone cannot tell which.
    const other = g('s2', 'upstream call failed io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: <ID>:<NUM>', {
      libraryFrames: ['io.netty.channel.socket.nio.NioSocketChannel.doFinishConnect'], reportedAs: 'upstream call failed', thrown,
    });
    expect(joined([trace, other, line])).toEqual([['s1'], ['s2'], ['t1']]);
  });

  it('brings a line logged alone to a trace logged under it, its cuts and its traces through library frames counted as that trace', () => {
    const frames = ['com.acme.pricing.store.PriceListRepository.load', 'com.acme.pricing.api.PriceHandler.handle'];
    const whole = g('s1', 'java.sql.SQLTransientConnectionException: <ID> - Connection is not available', { frames, reportedAs: 'price list load failed' });
    const cut = g('s2', 'java.sql.SQLTransientConnectionException: <ID> - Connection is not available', { frames: frames.slice(0, 1), reportedAs: 'price list load failed' });
    const early = g('s3', 'price list load failed java.sql.SQLTransientConnectionException: <ID> - Connection is not available', { libraryFrames: ['com.zaxxer.hikari.pool.HikariPool.getConnection'], reportedAs: 'price list load failed' });
    const alone = g('t1', 'price list load failed');
    expect(joined([whole, cut, early, alone])).toEqual([['s1', 's2', 's3', 't1']]);
    // Two traces raised in different places under that line: it names neither.
    const other = g('s4', 'java.lang.IllegalStateException: no price list', { frames: ['com.acme.pricing.store.PriceListCache.get'], reportedAs: 'price list load failed' });
    expect(joined([whole, other, alone])).toEqual([['s1'], ['s4'], ['t1']]);
  });

  it('brings text to a trace through own frames with its core, whichever id is smaller', () => {
    const text = g('c0', "RecordNotFound (Couldn't find Account with <QUOTED>=<NUM>):");
    const trace = g('c9', "ActiveRecord::RecordNotFound: Couldn't find Account with <QUOTED>=<NUM>", { frames: ['accounts_controller.rb:set_account'] });
    expect(joined([text, trace])).toEqual([['c0', 'c9']]);
    expect(mergeByCore([text, trace]).get('c0')).toBe('c9');
  });

  it('brings a line logged alone to the trace logged under it, unless other traces share that line', () => {
    const trace = g('s1', 'ReadTimeout: timed out', { frames: ['orders/reserve.py:reserve'], reportedAs: 'inventory reservation timed out for order <NUM>' });
    const alone = g('t1', 'inventory reservation timed out for order <NUM>');
    expect(joined([trace, alone])).toEqual([['s1', 't1']]);
    const a = g('s2', 'KeyError: <QUOTED>', { frames: ['app/a.py:f'], reportedAs: 'Exception in ASGI application' });
    const b = g('s3', 'ValueError: bad', { frames: ['app/b.py:g'], reportedAs: 'Exception in ASGI application' });
    const generic = g('t2', 'Exception in ASGI application');
    expect(joined([a, b, generic])).toEqual([['s2'], ['s3'], ['t2']]);
  });

  it('joins a trace cut before its own frames to the whole trace, but not traces through other library frames', () => {
    const whole = g('s1', 'DataAccessResourceFailureException: Unable to acquire JDBC Connection', { frames: ['InvoiceService.listOpen'] });
    const cut = g('s2', 'DataAccessResourceFailureException: Unable to acquire JDBC Connection', { libraryFrames: ['HibernateJpaDialect.convert'] });
    expect(joined([whole, cut])).toEqual([['s1', 's2']]);
    const proactor = g('s3', 'RuntimeError: Event loop is closed', { libraryFrames: ['asyncio/proactor_events.py:__del__'] });
    const subprocess = g('s4', 'RuntimeError: Event loop is closed', { libraryFrames: ['asyncio/base_subprocess.py:__del__'] });
    expect(joined([proactor, subprocess])).toEqual([['s3'], ['s4']]);
  });

  it('joins a trace cut short (fewer own frames) to the whole one, not another call site', () => {
    const whole = g('s1', 'IllegalStateException: Invoice <ID> already settled', { frames: ['Billing.settle', 'Billing.pay'] });
    const cut = g('s2', 'IllegalStateException: Invoice <ID> already settled', { frames: ['Billing.settle'] });
    const other = g('s3', 'IllegalStateException: Invoice <ID> already settled', { frames: ['Refunds.run'] });
    expect(joined([whole, cut, other])).toEqual([['s1', 's2'], ['s3']]);
  });

  it('joins a trace cut short whose first line has too few words for a core, by that line whole; two whole traces stay apart', () => {
    const line = 'clojure.lang.ExceptionInfo: clj-http: status <NUM> {:cached nil}';
    const whole = g('s1', line, { frames: ['slingshot.support$stack_trace.invoke', 'acme.sync.crm$fetch_page.invokeStatic'], reportedAs: 'CRM page fetch failed page=<NUM>' });
    const cut = g('s0', line, { frames: ['slingshot.support$stack_trace.invoke'], reportedAs: 'CRM page fetch failed page=<NUM>' });
    const other = g('s2', line, { frames: ['slingshot.support$stack_trace.invoke', 'acme.sync.orders$push.invokeStatic'], reportedAs: 'order push failed' });
    // The cut may be a cut of either call site's trace: it joins the one logged under its own line.
    expect(joined([whole, cut, other])).toEqual([['s0', 's1'], ['s2']]);
    expect(joined([whole, cut])).toEqual([['s0', 's1']]);
    // Another exception line cut in the same frame is no cut of this trace.
    const otherLine = g('s3', 'clojure.lang.ExceptionInfo: clj-http: status <NUM> {:cached true}', { frames: ['slingshot.support$stack_trace.invoke'], reportedAs: 'CRM page fetch failed page=<NUM>' });
    expect(joined([whole, otherLine])).toEqual([['s1'], ['s3']]);
  });

  it('joins a Go error chain reached by a longer path to the shorter one', () => {
    const groups = [
      g('c1', 'post entry failed: post entry: pq: deadlock detected'),
      g('c2', 'post entry failed: post entry: sync ledger: pq: deadlock detected'),
      g('c3', 'post entry failed: post entry: sync ledger: fetch page <NUM>: pq: deadlock detected'),
    ];
    expect(joined(groups)).toEqual([['c1', 'c2', 'c3']]);
  });

  it('joins an anyhow context chain one, two or three layers deep to the operation and root alone', () => {
    const groups = [
      g('a1', 'flush failed: error sending request for url (<URL>): connection closed before message completed'),
      g('a2', 'flush failed: upload <ID>: error sending request for url (<URL>): connection closed before message completed'),
      g('a3', 'flush failed: batch <NUM>: upload <ID>: error sending request for url (<URL>): connection closed before message completed'),
    ];
    expect(joined(groups)).toEqual([['a1', 'a2', 'a3']]);
  });

  it('keeps two-layer messages apart: the same ends with nothing between, or other ends', () => {
    // Two two-layer messages are never a deeper path of each other.
    expect(joined([g('b1', 'upload failed: timeout'), g('b2', 'upload failed: quota exceeded')])).toEqual([['b1'], ['b2']]);
    // A longer chain with another root is another problem.
    expect(joined([g('b3', 'flush failed: connection closed before message completed'),
      g('b4', 'flush failed: batch <NUM>: upload <ID>: permission denied for bucket raw-events')])).toEqual([['b3'], ['b4']]);
    // Not a problem (an INFO line): chains are joined among problems only.
    expect(joined([g('b5', 'sync done: <NUM> rows', { problem: false }), g('b6', 'sync done: table users: <NUM> rows', { problem: false })])).toEqual([['b5'], ['b6']]);
  });

  it('keeps chains apart that differ in a layer (which dependency failed)', () => {
    const groups = [
      g('c1', 'readiness dependency failed: postgres: dial tcp <IP>: connect: connection refused'),
      g('c2', 'readiness dependency failed: redis: dial tcp <IP>: connect: connection refused'),
    ];
    expect(joined(groups)).toEqual([['c1'], ['c2']]);
  });

  it("keeps a retry library's notice apart from the error it quotes", () => {
    // tenacity's before_sleep_log, as LangChain's retry decorator logs it (pasted bare in
    // langchain-ai/langchain#22241, assafelovic/gpt-researcher#518): the calls being retried, not the
    // failed request.
    const notice = 'Retrying langchain_google_vertexai.chat_models._completion_with_retry.<locals>._completion_with_retry_inner in <NUM> as it raised ResourceExhausted: <NUM> Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model with base model: gemini-<NUM>-pro.';
    const error = 'google.api_core.exceptions.ResourceExhausted: <NUM> Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model with base model: gemini-<NUM>-pro.';
    expect(joined([g('c1', notice), g('c2', error)])).toEqual([['c1'], ['c2']]);
    expect(joined([g('c2', notice), g('c1', error)])).toEqual([['c1'], ['c2']]);
    // The same error with a retry suffix of its own is still that error's surface.
    expect(joined([g('c1', `${error} Trying again in <NUM> seconds...`), g('c2', error)])).toEqual([['c1', 'c2']]);
  });

  it('leaves routine lines that differ by a trailing detail apart', () => {
    const a = g('c1', 'DHCPDISCOVER from <IP> via eth1', { problem: false });
    const b = g('c2', 'DHCPDISCOVER from <IP> via eth1: network A_net: no free leases', { problem: false });
    expect(joined([a, b])).toEqual([['c1'], ['c2']]);
  });

  it('does not let a three-word phrase inside another event attract it (sshd\'s two events)', () => {
    const routine = g('c1', 'Invalid user <*> from <IP>', { problem: false });
    expect(joined([routine, g('c2', 'Failed password for invalid user <*> from <IP> port <NUM> ssh2', { problem: false })])).toEqual([['c1'], ['c2']]);
  });

  it('lets three words name a logged problem, but not a routine line', () => {
    expect(joined([g('c1', 'socket hang up'), g('c2', 'request to billing failed: socket hang up')])).toEqual([['c1', 'c2']]);
    const info = { problem: false };
    expect(joined([g('c1', 'user cache warmed', info), g('c2', 'tenant 4 user cache warmed in 3 ms', info)])).toEqual([['c1'], ['c2']]);
  });

  it('never draws to a generic phrase', () => {
    expect(joined([g('c1', 'Connection refused'), g('c2', 'redis: Connection refused'), g('c3', 'postgres: Connection refused')])).toEqual([['c1'], ['c2'], ['c3']]);
  });

  it('keeps errors a payload types differently apart', () => {
    const a = g('c1', 'field amount must be positive, got <NUM>', { payloadType: 'ValidationError' });
    const b = g('c2', 'field amount must be positive, got <NUM>', { payloadType: 'QuotaError' });
    expect(joined([a, b])).toEqual([['c1'], ['c2']]);
  });

  it('lets a type read off the text itself meet the same text without it', () => {
    // `Caused by: java.lang.OutOfMemoryError: …` had its type read off that line; the bare line did not.
    const cause = g('c1', 'Caused by: java.lang.OutOfMemoryError: GC overhead limit exceeded', { payloadType: 'java.lang.OutOfMemoryError' });
    const bare = g('c2', 'java.lang.OutOfMemoryError: GC overhead limit exceeded');
    expect(joined([cause, bare])).toEqual([['c1', 'c2']]);
    // A type the text does not show is the payload's own word, and still keeps the groups apart.
    const typed = g('c3', 'field amount must be positive, got <NUM>', { payloadType: 'ValidationError' });
    expect(joined([typed, g('c4', 'field amount must be positive, got <NUM>')])).toEqual([['c3'], ['c4']]);
    // Only the whole name counts: `Error` inside `OperationalError` is not the type `Error` shown.
    const partial = g('c5', 'OperationalError: database connection lost mid query', { payloadType: 'Error' });
    expect(joined([partial, g('c6', 'database connection lost mid query')])).toEqual([['c5'], ['c6']]);
  });

  it('gives the same answer in any order', () => {
    const groups = [
      g('c1', 'Task was destroyed but it is pending!'),
      g('c2', 'Error doing job: Task was destroyed but it is pending!'),
      g('c3', 'asyncio Task was destroyed but it is pending! task=<*>'),
      g('c4', 'Event loop is closed when shutting down', { frames: ['app/main.py:shutdown'] }),
      g('c7', 'Event loop is closed when shutting down', { frames: ['app/main.py:shutdown', 'app/main.py:run'] }),
      g('c5', 'RuntimeError: Event loop is closed when shutting down'),
      g('c6', 'Connection pool is full, discarding connection: <HOST>'),
    ];
    const expected = joined(groups);
    fc.assert(fc.property(fc.shuffledSubarray(groups, { minLength: groups.length }), (order) => {
      expect(joined(order)).toEqual(expected);
    }));
  });
});

describe('mergeByCore: a message that holds the start of another', () => {
  const PRISMA_NEW = 'Timed out fetching a new connection from the connection pool. More info: <URL> (Current connection pool timeout: <NUM>, connection limit: <NUM>)';
  const PRISMA_OLD = 'PrismaClientKnownRequestError2 [PrismaClientKnownRequestError]: Timed out fetching a new connection from the connection pool. (More info: <URL>, Current connection limit: <NUM>)';
  const QUOTA = 'fetch quota failed: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp <IP>: connect: connection refused"';
  const GRPC = 'grpc call failed: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp <IP>: i/o timeout"';

  it('joins a message whose tail was reworded between versions, or that a wrapper prints, whatever the order', () => {
    const groups = [g('c1', PRISMA_NEW), g('c2', PRISMA_OLD)];
    expect(joined(groups)).toEqual([['c1', 'c2']]);
    expect(joined([...groups].reverse())).toEqual([['c1', 'c2']]);
  });

  it('keeps apart the same error under two operations (the shared words are not the start of either)', () => {
    expect(joined([g('c1', QUOTA), g('c2', GRPC)])).toEqual([['c1'], ['c2']]);
  });

  it('needs ten words: a shorter shared start is not enough', () => {
    expect(joined([g('c1', 'could not obtain a connection from the pool within <NUM>'), g('c2', 'Request failed: could not obtain a connection from the pool, retrying')])).toEqual([['c1'], ['c2']]);
  });

  it('leaves traces through the application\'s own frames and routine lines where they are', () => {
    expect(joined([g('c1', PRISMA_NEW), g('c2', PRISMA_OLD, { frames: ['app.repo.get'] })])).toEqual([['c1'], ['c2']]);
    expect(joined([g('c1', PRISMA_NEW, { problem: false }), g('c2', PRISMA_OLD)])).toEqual([['c1'], ['c2']]);
  });

  it('does not read past the first frame of a template (frames repeat framework words)', () => {
    const a = 'Exception in worker loop File "<QUOTED>", line <NUM>, in run self.loop.run_until_complete(task) File "<QUOTED>", line <NUM>, in run_until_complete return future.result() RuntimeError: boom';
    const b = 'task failed File "<QUOTED>", line <NUM>, in run self.loop.run_until_complete(task) File "<QUOTED>", line <NUM>, in run_until_complete return future.result() ValueError: other';
    expect(joined([g('c1', a), g('c2', b)])).toEqual([['c1'], ['c2']]);
  });

  it('joins a message that ends where another begins: a prefix on one side, a tail on the other', () => {
    const prefixed = 'Storage: fejl: Knex: Timeout acquiring a connection. The pool is probably full.';
    const tailed = 'KnexTimeoutError: Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?';
    expect(joined([g('c1', prefixed), g('c2', tailed)])).toEqual([['c1', 'c2']]);
    expect(joined([g('c2', tailed), g('c1', prefixed)])).toEqual([['c1', 'c2']]);
  });

  it('needs six words at the seam, and the seam at the very end of one message and the start of the other', () => {
    // Five words: too few to say two messages are one.
    expect(joined([g('c1', 'sync failed: pool is probably full now'), g('c2', 'pool is probably full now, retrying the request later')])).toEqual([['c1'], ['c2']]);
    // The shared words end neither message where the other begins: two operations failing alike.
    const order = 'order sync failed: the upstream pool is probably full of idle connections';
    const payment = 'payment sync failed: the upstream pool is probably full of idle connections, retrying';
    expect(joined([g('c1', order), g('c2', payment)])).toEqual([['c1'], ['c2']]);
  });

  it('reads a cause printed alone as the error it names, however short', () => {
    expect(joined([g('c1', 'Caused by: java.lang.OutOfMemoryError: Metaspace'), g('c2', 'java.lang.OutOfMemoryError: Metaspace')])).toEqual([['c1', 'c2']]);
    expect(joined([g('c1', '[cause]: Error: socket hang up'), g('c2', 'Error: socket hang up')])).toEqual([['c1', 'c2']]);
    // Only the very same error: another short message stays apart, and so does a trace of our own code.
    expect(joined([g('c1', 'Caused by: java.lang.OutOfMemoryError: Metaspace'), g('c2', 'java.lang.OutOfMemoryError: Java heap space')])).toEqual([['c1'], ['c2']]);
    expect(joined([g('c1', 'Caused by: java.lang.IllegalStateException: Pool closed', { frames: ['com.acme.Cache.load'] }), g('c2', 'java.lang.IllegalStateException: Pool closed')])).toEqual([['c1'], ['c2']]);
    // …except memory running out, which fails whichever allocation came next (memory-exhausted.ts).
    expect(joined([g('c1', 'Caused by: java.lang.OutOfMemoryError: Metaspace', { frames: ['com.acme.Cache.load'] }), g('c2', 'java.lang.OutOfMemoryError: Metaspace')])).toEqual([['c1', 'c2']]);
    // A trace through library frames joins it when it is the only library path that printed it.
    const traced = g('c3', 'java.net.SocketTimeoutException: Read timed out', { libraryFrames: ['java.net.SocketInputStream.read'] });
    expect(joined([g('c4', 'Caused by: java.net.SocketTimeoutException: Read timed out'), traced])).toEqual([['c3', 'c4']]);
  });

  it('joins two wrapper chains whose innermost exception reads the same', () => {
    const jpa = 'org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction; nested exception is org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection';
    const hibernate = 'Could not open Hibernate Session for transaction; nested exception is org.hibernate.exception.GenericJDBCException: Unable to acquire JDBC Connection';
    expect(joined([g('c1', jpa), g('c2', hibernate)])).toEqual([['c1', 'c2']]);
    const aspnet = 'An unhandled exception has occurred while executing the request. System.InvalidOperationException: An exception has been raised that is likely due to a transient failure. ---> Npgsql.NpgsqlException (<HEX>): Exception while reading from stream ---> System.TimeoutException: Timeout during reading attempt';
    const efcore = "An exception occurred while iterating over the results of a query for context type '<QUOTED>'. System.InvalidOperationException: An exception has been raised that is likely due to a transient failure. ---> Npgsql.NpgsqlException (<HEX>): Exception while reading from stream ---> System.TimeoutException: Timeout during reading attempt";
    expect(joined([g('c1', aspnet), g('c2', efcore)])).toEqual([['c1', 'c2']]);
  });

  it('keeps chains apart whose innermost exceptions differ or say too little', () => {
    const jdbc = 'Could not open JPA EntityManager for transaction; nested exception is org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection';
    const lock = 'Could not open JPA EntityManager for transaction; nested exception is org.hibernate.PessimisticLockException: could not obtain row lock';
    expect(joined([g('c1', jdbc), g('c2', lock)])).toEqual([['c1'], ['c2']]);
    // `Connection refused: connect` is three words: too generic to tie two wrappers together.
    const rest = 'I/O error on POST request for "<QUOTED>": Connection refused: connect; nested exception is java.net.ConnectException: Connection refused: connect';
    const jms = 'Could not refresh JMS Connection for destination queue; nested exception is java.net.ConnectException: Connection refused: connect';
    expect(joined([g('c1', rest), g('c2', jms)])).toEqual([['c1'], ['c2']]);
  });

  it('reads no end in a message longer than its indexed core', () => {
    const filler = Array.from({ length: 18 }, (_, i) => `word${String.fromCharCode(97 + i)}`).join(' ');
    const long = `${filler} queue consumer stalled waiting for broker acknowledgement then gave up after retrying`;
    expect(joined([g('c1', long), g('c2', 'queue consumer stalled waiting for broker heartbeat')])).toEqual([['c1'], ['c2']]);
  });

  it('joins three versions of one message into one group', () => {
    const third = 'prisma:error Timed out fetching a new connection from the connection pool. More info: <URL>';
    expect(joined([g('c3', third), g('c1', PRISMA_NEW), g('c2', PRISMA_OLD)])).toEqual([['c1', 'c2', 'c3']]);
  });
});

describe('mergeByCore: a few words added inside a message', () => {
  const OLD = 'UnexpectedValueException: The stream or file "<QUOTED>" could not be opened: failed to open stream: Permission denied';
  const NEW = 'The stream or file "<QUOTED>" could not be opened in append mode: failed to open stream: Permission denied';

  it('joins a message to the same message with up to three words added inside it, whatever the order', () => {
    expect(joined([g('c1', OLD), g('c2', NEW)])).toEqual([['c1', 'c2']]);
    expect(joined([g('c2', NEW), g('c1', OLD)])).toEqual([['c1', 'c2']]);
    expect(joined([g('c1', 'worker could not reach the queue broker: connection reset by peer'), g('c2', 'worker could not reach the primary queue broker: connection reset by peer')])).toEqual([['c1', 'c2']]);
    // Words added in two places: two changes, not one insertion.
    expect(joined([g('c1', 'worker could not reach the queue broker: connection reset by peer'), g('c2', 'worker could not reach the primary queue broker in time: connection reset by peer')])).toEqual([['c1'], ['c2']]);
  });

  it('never reads an added negation as the same message', () => {
    expect(joined([g('c1', 'standby replica could reach the primary database server before the failover deadline'), g('c2', 'standby replica could not reach the primary database server before the failover deadline')])).toEqual([['c1'], ['c2']]);
  });

  it('needs the same words on both sides: a word swapped for another is no insertion', () => {
    const unavailable = 'rpc call to the billing service failed with status = UNAVAILABLE after all retries were spent';
    const deadline = 'rpc call to the billing service failed with status = DEADLINE_EXCEEDED after all retries were spent';
    expect(joined([g('c1', unavailable), g('c2', deadline)])).toEqual([['c1'], ['c2']]);
  });

  it('needs three words on each side and eight in all', () => {
    // Two words on one side of the added words: too little to hold the insertion in place.
    expect(joined([g('c1', 'broker could not be opened: failed to open stream'), g('c2', 'broker said it could not be opened: failed to open stream')])).toEqual([['c1'], ['c2']]);
    // Seven shared words: too few.
    expect(joined([g('c1', 'could not open the cache file: permission denied'), g('c2', 'could not open the shared cache file: permission denied')])).toEqual([['c1'], ['c2']]);
    // Four words added: another message.
    expect(joined([g('c1', OLD), g('c2', 'The stream or file "<QUOTED>" could not be opened for the nightly export job: failed to open stream: Permission denied')])).toEqual([['c1'], ['c2']]);
  });

  it('leaves traces through the application\'s own frames and routine lines where they are', () => {
    expect(joined([g('c1', OLD), g('c2', NEW, { frames: ['app.log.write'] })])).toEqual([['c1'], ['c2']]);
    expect(joined([g('c1', OLD, { problem: false }), g('c2', NEW)])).toEqual([['c1'], ['c2']]);
  });
});

describe('a trace does not go by the line it was logged under', () => {
  const line = 'An unhandled exception has occurred while executing the request.';
  const whole = g('c2', 'System.InvalidOperationException: Sequence contains no elements', { frames: ['Inventory.Api.StockService.Reserve'], reportedAs: line });
  const cut = g('c5', `${line} System.InvalidOperationException: Sequence contains no elements`, { libraryFrames: ['System.Linq.ThrowHelper.ThrowNoElementsException'], reportedAs: line });
  const alone = g('c1', line);

  it('a trace cut before its own frames joins the whole trace, not the report line logged alone', () => {
    expect(mergeByCore([whole, cut, alone]).get('c5')).toBe('c2');
    expect(mergeByCore([alone, cut, whole]).get('c5')).toBe('c2');
  });
});
