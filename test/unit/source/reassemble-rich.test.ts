// RichHandler's record with its traceback box (modelcontextprotocol/python-sdk#1190): the line with the
// level, the box indented to the message column, the exception line under it. Cloud Run stores each
// line as an entry of its own; they come back as one record, and a RichHandler line logged within the
// same second as the one before it (its time left blank) opens a record of its own.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, pieces, texts } from '../../support/cloud-run-lines.js';
import { expectWhole } from '../../support/expect-whole.js';

const { split } = cloudRunLines('stderr');
const PAD = ' '.repeat(29);
const row = (s: string) => `${PAD}│ ${s.padEnd(71)} │                       `;
const SITE = '/usr/local/lib/python3.12/site-packages';

const BOX = [
  `${PAD}╭────────────────── Traceback (most recent call last) ──────────────────╮                       `,
  row(`${SITE}/mcp/server/streamable_http.py`),
  row(':831 in message_router'),
  row(''),
  row('❱ 831 │   │   │   │   async for session_message in write_stream_reader:'),
  row(''),
  row(`${SITE}/anyio/streams/memory.py:93 in receive_nowait`),
  row(''),
  row('❱  93 │   │   │   raise ClosedResourceError'),
  `${PAD}╰───────────────────────────────────────────────────────────────────────╯                       `,
  `${PAD}ClosedResourceError                                                                              `,
];
const RECORD = ['[07/23/25 16:34:18] ERROR    Error in message router                                                   streamable_http.py:880', ...BOX].join('\n');
const REPEATED_TIME = ['                    ERROR    Error in message router                                                   streamable_http.py:880', ...BOX].join('\n');
const OTHER_LINES = ['INFO:     127.0.0.1:32926 - "POST /mcp HTTP/1.1" 200 OK', 'GET /healthz 200', 'worker idle'];

describe('RichHandler records split one line per entry', () => {
  test('the line, its box and the exception line are one record', () => {
    expectWhole(RECORD, OTHER_LINES);
  });

  test('so with the time left blank', () => {
    expectWhole(REPEATED_TIME, OTHER_LINES);
  });

  test('the record before a line with its time left blank stays apart from it', () => {
    const before = '[07/23/25 16:34:18] INFO     Terminating session: None                                                 streamable_http.py:630';
    const out = reassembleAll(split(`${before}\n${REPEATED_TIME}`, 0));
    expect(texts(out)).toEqual([before, REPEATED_TIME]);
  });

  test('a box whose line was lost is one piece', () => {
    const out = reassembleAll(split(BOX.join('\n'), 0));
    expect(texts(out)).toEqual([BOX.join('\n')]);
    expect(pieces(out)).toEqual([true]);
  });
});
