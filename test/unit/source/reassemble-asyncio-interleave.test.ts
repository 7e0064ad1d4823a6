// asyncio's default exception handler writes its message, the context's items and the traceback in one
// logging call: once an item says the future ended in an exception (`future: <Task finished …
// exception=…>`), the traceback is owed. A line of the same instance that another thread wrote within
// the same millisecond, landing between the item and the traceback, is that thread's record, not the
// traceback's header (a level-less app line would otherwise take the traceback from its record).
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, noBlank, texts } from '../../support/cloud-run-lines.js';

const { line, split } = cloudRunLines('stderr');

const SITE = '/usr/local/lib/python3.12/site-packages';

// Through logging's last resort (no time, no level), as pasted in linyqh/NarratoAI#119 (tornado's
// WebSocketClosedError while handling StreamClosedError); paths as on Linux.
const WEBSOCKET_CLOSED = [
  'Task exception was never retrieved',
  `future: <Task finished name='Task-51443' coro=<WebSocketProtocol13.write_message.<locals>.wrapper() done, defined at ${SITE}/tornado/websocket.py:1086> exception=WebSocketClosedError()>`,
  'Traceback (most recent call last):',
  `  File "${SITE}/tornado/websocket.py", line 1088, in wrapper`,
  '    await fut',
  'tornado.iostream.StreamClosedError: Stream is closed',
  '',
  'During handling of the above exception, another exception occurred:',
  '',
  'Traceback (most recent call last):',
  `  File "${SITE}/tornado/websocket.py", line 1090, in wrapper`,
  '    raise WebSocketClosedError()',
  'tornado.websocket.WebSocketClosedError',
].join('\n');

// With a logger's header, as pasted in saltyrtc/saltyrtc-server-python#55 (paths shortened there too).
const DISCONNECTED = [
  '[2017-07-06 11:30:25.653956] ERROR: asyncio: Task exception was never retrieved',
  "future: <Task finished coro=<responder_receive_loop() done, defined at /srv/saltyrtc/server/server.py:495> exception=Disconnected(1006,)>",
  'Traceback (most recent call last):',
  '  File "/srv/saltyrtc/server/protocol.py", line 528, in receive',
  '    data = yield from self._connection.recv()',
  'websockets.exceptions.ConnectionClosed: WebSocket connection is closed: code = 1006, no reason.',
].join('\n');

// An app line with a time and no level (Streamlit's default `%(asctime)s %(message)s`; logging's
// `%(asctime)s %(message)s` in general), from another thread of the same process.
const APP_LINE = '2026-03-10 10:00:00.001 query sales.orders region=EMEA rows=4180 cache_hit=true errors=0';

describe('reassemble: an app line between asyncio\'s context item and the traceback it owes', () => {
  it.each([
    ['tornado\'s chained WebSocketClosedError through the last resort', WEBSOCKET_CLOSED],
    ['a logger\'s record', DISCONNECTED],
  ])('%s: the record whole, the app line alone, either order', (_name, record) => {
    const lines = split(record, 0).map((e) => ({ ...e }));
    // The app line lands right after the `future:` item, a few µs after it.
    const entries = [...lines.slice(0, 2), line(APP_LINE, 10), ...lines.slice(2).map((e, i) => ({ ...e, ...{ timestamp: line('', 14 + i * 7).timestamp } }))];
    const want = [noBlank(record), APP_LINE];
    expect(texts(reassembleAll(entries))).toEqual(want);
    expect(texts(reassembleAll([...entries].reverse()))).toEqual(want);
  });

  it('an item saying no exception owes no traceback: an app line heads the traceback after it', () => {
    const pending = [
      'Task was destroyed but it is pending!',
      `task: <Task pending name='Task-4' coro=<RequestHandler.start() running at ${SITE}/aiohttp/web_protocol.py:437>>`,
    ];
    const failed = ['2026-03-10 10:00:00.001 refresh failed', 'Traceback (most recent call last):', '  File "/app/feeds.py", line 9, in refresh', '    raise ValueError("bad feed")', 'ValueError: bad feed'];
    const entries = [line(pending[0]!, 0), line(pending[1]!, 7), ...failed.map((t, i) => line(t, 14 + i * 7))];
    for (const order of [entries, [...entries].reverse()]) {
      const out = texts(reassembleAll(order));
      expect(out).toContain(failed.join('\n'));
      expect(out.filter((t) => t.includes('Task was destroyed') && t.includes('Traceback'))).toEqual([]);
    }
  });
});
