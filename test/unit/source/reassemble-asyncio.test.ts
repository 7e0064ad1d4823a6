// asyncio's own error records (the loop's default exception handler: its message, then one `key: repr`
// line per item of the context, then the exception's traceback if there is one) and aiohttp's `Error
// handling request` record, split by Cloud Run into one entry per line: joined back whichever way the
// input runs, with another instance's lines among them, and no further than the record.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, noBlank, pieces, texts } from '../../support/cloud-run-lines.js';
import { expectWhole } from '../../support/expect-whole.js';

const { line, split } = cloudRunLines('stderr');


const OTHER_LINES = ['INFO     2026-03-10 10:00:00,001 aiohttp.access:206 10.0.0.7 [10/Mar/2026:10:00:00 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"'];


const SITE = '/usr/local/lib/python3.12/site-packages';

// A task nobody awaited that failed: the message, the task's repr, then its traceback.
const NEVER_RETRIEVED = [
  'ERROR    2026-03-10 10:00:00,120 asyncio:1821 Task exception was never retrieved',
  "future: <Task finished name='Task-3021' coro=<refresh_source() done, defined at /app/feeds/poller.py:57> exception=TimeoutError()>",
  'Traceback (most recent call last):',
  '  File "/app/feeds/poller.py", line 63, in refresh_source',
  '    body = await resp.read()',
  '           ^^^^^^^^^^^^^^^^^',
  `  File "${SITE}/aiohttp/helpers.py", line 671, in __exit__`,
  '    raise asyncio.TimeoutError from exc_val',
  'TimeoutError',
].join('\n');

// The same with logging's basicConfig format, a message whose exception has one (pasted from a bug report's shape).
const NEVER_RETRIEVED_KEYERROR = [
  '2026-03-10 10:00:00,799 - asyncio - ERROR - Task exception was never retrieved',
  "future: <Task finished name='Task-8' coro=<Scheduler.queue_manager() done, defined at /app/scheduler.py:244> exception=KeyError(1490763641)>",
  'Traceback (most recent call last):',
  '  File "/app/scheduler.py", line 278, in queue_manager',
  '    del self.to_kill[start_time]',
  '        ~~~~~~~~~~~~^^^^^^^^^^^^',
  'KeyError: 1490763641',
].join('\n');

const UNCLOSED_SESSION = [
  '10:00:00.120 E asyncio Unclosed client session',
  'client_session: <aiohttp.client.ClientSession object at 0x7f3a9c0d2e10>',
].join('\n');

const UNCLOSED_CONNECTOR = [
  '2026-03-10 10:00:00,536 - asyncio - ERROR - Unclosed connector',
  "connections: ['deque([(<aiohttp.client_proto.ResponseHandler object at 0x7fdbfda9ada0>, 614661.127743622)])']",
  'connector: <aiohttp.connector.TCPConnector object at 0x7fdbfdae3ac0>',
].join('\n');

const DESTROYED_PENDING = [
  'ERROR:asyncio:Task was destroyed but it is pending!',
  `task: <Task pending name='Task-4' coro=<RequestHandler.start() done, defined at ${SITE}/aiohttp/web_protocol.py:437> wait_for=<Future pending cb=[Task.task_wakeup()]>>`,
].join('\n');

const CALLBACK = [
  'ERROR:asyncio:Exception in callback _SelectorSocketTransport._read_ready()',
  'handle: <Handle _SelectorSocketTransport._read_ready()>',
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/asyncio/events.py", line 88, in _run',
  '    self._context.run(self._callback, *self._args)',
  '  File "/usr/local/lib/python3.12/asyncio/selector_events.py", line 1019, in _read_ready',
  '    self._read_ready_cb()',
  'ConnectionResetError: [Errno 104] Connection reset by peer',
].join('\n');

// In debug mode the loop adds where the object was made, its frames under the item.
const DESTROYED_DEBUG = [
  'ERROR:asyncio:Task was destroyed but it is pending!',
  "source_traceback: Object created at (most recent call last):",
  '  File "/app/main.py", line 12, in <module>',
  '    asyncio.run(main(), debug=True)',
  '  File "/app/feeds/poller.py", line 40, in main',
  '    asyncio.create_task(refresh_source(src))',
  "task: <Task pending name='Task-2' coro=<refresh_source() running at /app/feeds/poller.py:61> wait_for=<Future pending cb=[Task.task_wakeup()] created at /usr/local/lib/python3.12/asyncio/base_events.py:449> created at /app/feeds/poller.py:40>",
].join('\n');

const HANDLER_ERROR = [
  '10:00:00.120 E aiohttp.server Error handling request',
  'Traceback (most recent call last):',
  `  File "${SITE}/aiohttp/web_protocol.py", line 459, in _handle_request`,
  '    resp = await request_handler(request)',
  '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  `  File "${SITE}/aiohttp/connector.py", line 1104, in _wrap_create_connection`,
  '    raise client_error(req.connection_key, exc) from exc',
  "aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host feeds.partner-news.example:443 ssl:default [Connect call failed ('203.0.113.9', 443)]",
].join('\n');

const HANDLER_ERROR_FROM = [
  'ERROR    2026-03-10 10:00:00,120 aiohttp.server:421 Error handling request from 10.0.0.1',
  'Traceback (most recent call last):',
  `  File "${SITE}/aiohttp/web_protocol.py", line 380, in data_received`,
  '    messages, upgraded, tail = self._request_parser.feed_data(data)',
  '  File "aiohttp/_http_parser.pyx", line 557, in aiohttp._http_parser.HttpParser.feed_data',
  "aiohttp.http_exceptions.BadStatusLine: 400, message=\"Bad status line 'invalid HTTP method'\"",
].join('\n');

describe('reassemble: asyncio and aiohttp records', () => {
  it.each([
    ['a task exception never retrieved', NEVER_RETRIEVED],
    ['the same, another format and exception', NEVER_RETRIEVED_KEYERROR],
    ['an unclosed client session', UNCLOSED_SESSION],
    ['an unclosed connector (two fields)', UNCLOSED_CONNECTOR],
    ['a task destroyed while pending', DESTROYED_PENDING],
    ['the same in debug mode, with where the task was made', DESTROYED_DEBUG],
    ['an exception in a callback', CALLBACK],
    ['aiohttp\'s error handling request', HANDLER_ERROR],
    ['aiohttp\'s error handling request from a peer', HANDLER_ERROR_FROM],
  ])('%s: one record, either order, another instance between', (_name, record) => {
    expectWhole(record, OTHER_LINES);
  });

  it('records back to back stay apart', () => {
    const entries = [...split(UNCLOSED_SESSION, 0), ...split(UNCLOSED_CONNECTOR, 20), ...split(UNCLOSED_SESSION, 60)];
    const want = [noBlank(UNCLOSED_SESSION), noBlank(UNCLOSED_CONNECTOR), noBlank(UNCLOSED_SESSION)];
    expect(texts(reassembleAll(entries))).toEqual(want);
    expect(texts(reassembleAll([...entries].reverse()))).toEqual(want);
  });

  it('an item alone stays a line of its own; a routine line and a word with a colon under it stay apart', () => {
    const item = 'client_session: <aiohttp.client.ClientSession object at 0x7f3a9c0d2e10>';
    expect(texts(reassembleAll([line(item, 0)]))).toEqual([item]);
    const routine = ['10:00:00.120 I feeds.poller refreshed 20 sources', 'status: ok'];
    expect(texts(reassembleAll(split(routine.join('\n'), 0)))).toEqual(routine);
    const info = ['10:00:00.120 I feeds.poller refreshed 20 sources', "task: <Task pending name='Task-9' coro=<refresh_source() running at /app/feeds/poller.py:61>>"];
    expect(texts(reassembleAll(split(info.join('\n'), 0)))).toEqual(info);
    expect(texts(reassembleAll(split(info.join('\n'), 0).reverse()))).toEqual([...info].reverse());
  });

  it('a field line long after its message stays apart', () => {
    const [head, field] = UNCLOSED_SESSION.split('\n');
    expect(texts(reassembleAll([line(head!, 0), line(field!, 500_000)]))).toEqual([head, field]);
  });

  it('ten thousand field lines in a row neither hang nor join without bound', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => line(`task: <Task pending name='Task-${i}'>`, i * 5));
    const out = reassembleAll([line('Task was destroyed but it is pending!', 0), ...many.map((e, i) => ({ ...e, timestamp: line('', 5 + i * 5).timestamp }))]);
    expect(out.every((j) => j.members.length <= 200)).toBe(true);
    expect(out.reduce((n, j) => n + j.members.length, 0)).toBe(10_001);
  });
});
