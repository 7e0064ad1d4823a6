// Rich's traceback box read back as Python's traceback: one exception through the same frames is one
// problem whether a service logs it through Python's handler or through RichHandler. The records follow
// modelcontextprotocol/python-sdk#1190 (RichHandler, the box indented to the message column, a path
// folded over two rows) and IBM/mcp-context-forge#803 (the same error through `%(asctime)s - %(name)s -
// %(levelname)s - %(message)s`).
import { describe, expect, it } from '@jest/globals';
import { normalizeEntry } from '../../../src/normalize/index.js';
import { plainRichTraceback } from '../../../src/normalize/rich-traceback-text.js';
import { createClassifier } from '../../../src/classify/index.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

const PAD = ' '.repeat(29);
const row = (s: string, width = 71) => `${PAD}│ ${s.padEnd(width)} │                       `;
const SITE = '/usr/local/lib/python3.12/site-packages';

const RICH_ROUTER = [
  '                    ERROR    Error in message router                                                   streamable_http.py:880',
  `${PAD}╭────────────────── Traceback (most recent call last) ──────────────────╮                       `,
  row(`${SITE}/mcp/server/streamable_http.py`),
  row(':831 in message_router'),
  row(''),
  row('  828 │   │   │   # Create a message router that distributes messages'),
  row('❱ 831 │   │   │   │   async for session_message in write_stream_reader:'),
  row(''),
  row(`${SITE}/anyio/streams/memory.py:93 in`),
  row('receive_nowait'),
  row(''),
  row('❱  93 │   │   │   raise ClosedResourceError'),
  `${PAD}╰───────────────────────────────────────────────────────────────────────╯                       `,
  `${PAD}ClosedResourceError                                                                              `,
].join('\n');

const PLAIN_ROUTER = [
  '2025-08-21 07:46:26,222 - mcp.server.streamable_http - ERROR - Error in message router',
  'Traceback (most recent call last):',
  `  File "${SITE}/mcp/server/streamable_http.py", line 831, in message_router`,
  '    async for session_message in write_stream_reader:',
  `  File "${SITE}/anyio/streams/memory.py", line 93, in receive_nowait`,
  '    raise ClosedResourceError',
  'anyio.ClosedResourceError',
].join('\n');

describe('plainRichTraceback', () => {
  it('reads the box as a traceback: folded paths put back, source rows left out, the exception line under it', () => {
    expect(plainRichTraceback(RICH_ROUTER.split('\n').slice(1).join('\n'))).toBe([
      'Traceback (most recent call last):',
      `  File "${SITE}/mcp/server/streamable_http.py", line 831, in message_router`,
      `  File "${SITE}/anyio/streams/memory.py", line 93, in receive_nowait`,
      'ClosedResourceError',
    ].join('\n'));
  });

  it('leaves a text without a box as it is', () => {
    expect(plainRichTraceback(PLAIN_ROUTER)).toBe(PLAIN_ROUTER);
    const drawn = '╭─ summary ─╮\n│ 3 failed │\n╰──────────╯';
    expect(plainRichTraceback(drawn)).toBe(drawn);
  });

  it('reads a box cut before its end as far as it goes', () => {
    const cut = RICH_ROUTER.split('\n').slice(1, 5).join('\n');
    expect(plainRichTraceback(cut)).toBe(['Traceback (most recent call last):', `  File "${SITE}/mcp/server/streamable_http.py", line 831, in message_router`].join('\n'));
  });
});

const raw = (text: string, i: number): RawEntry => ({
  textPayload: text, timestamp: `2026-12-04T10:00:0${i}.000000Z`, insertId: `i${i}`,
  logName: 'projects/p/logs/run.googleapis.com%2Fstderr', labels: { instanceId: 'a1' },
  resource: { type: 'cloud_run_revision', labels: { service_name: 'mcp', revision_name: 'mcp-00001-abc' } },
});

function ids(texts: string[]): string[] {
  const c = createClassifier();
  const handles = texts.map((t, i) => {
    const e = normalizeEntry(raw(t, i));
    if ('skip' in e) throw new Error(`skipped: ${e.skip}`);
    return c.add(e as Entry);
  });
  return handles.map((h) => c.resolve(h).id);
}

describe('one error through Python\'s handler and through RichHandler', () => {
  it('is one problem', () => {
    const [a, b] = ids([RICH_ROUTER, PLAIN_ROUTER]);
    expect(a).toBe(b);
  });

  it('reads the level RichHandler wrote', () => {
    const e = normalizeEntry(raw(RICH_ROUTER, 0)) as Entry;
    expect(e.severity).toBe('ERROR');
    expect(e.kind).toBe('stack');
  });

  it('another exception in the box is another problem', () => {
    const other = RICH_ROUTER.replace(`${PAD}ClosedResourceError `, `${PAD}BrokenResourceError `);
    const [a, b] = ids([RICH_ROUTER, other]);
    expect(a).not.toBe(b);
  });
});

// Quart's `log_exception` writes `Exception on request METHOD path` whatever failed: the header names no
// error, the traceback does. Its default handler's format is Flask's `[%(asctime)s] %(levelname)s in
// %(module)s: %(message)s`.
const quartPlain = (path: string, frame: string, last: string) => [
  `[2026-12-04 10:00:00,123] ERROR in app: Exception on request GET ${path}`,
  'Traceback (most recent call last):',
  `  File "${SITE}/quart/app.py", line 1464, in handle_request`,
  '    return await self.full_dispatch_request(request_context)',
  `  File "/app/ledger/routes.py", line 112, in ${frame}`,
  '    return row["x"]',
  last,
].join('\n');
const quartRich = (path: string, frame: string, last: string) => [
  `[12/04/26 10:00:00] ERROR    Exception on request GET ${path}                 app.py:1370`,
  `${PAD}╭──────── Traceback (most recent call last) ────────╮`,
  `${PAD}│ ${SITE}/quart/app.py:1464 in handle_request`.padEnd(PAD.length + 52) + '│',
  `${PAD}│                                                   │`,
  `${PAD}│ /app/ledger/routes.py:112 in ${frame}`.padEnd(PAD.length + 52) + '│',
  `${PAD}│                                                   │`,
  `${PAD}│ ❱ 112 │ return row["x"]                           │`,
  `${PAD}╰───────────────────────────────────────────────────╯`,
  `${PAD}${last}`,
].join('\n');

describe('Quart\'s `Exception on request` through its default handler and through RichHandler', () => {
  it('the same error in the same place is one problem', () => {
    const [a, b] = ids([quartPlain('/v1/accounts/1/balance', 'get_balance', "KeyError: 'currency'"), quartRich('/v1/accounts/2/balance', 'get_balance', "KeyError: 'currency'")]);
    expect(a).toBe(b);
  });

  it('another error under the same header is another problem', () => {
    const [a, b] = ids([quartPlain('/v1/entries', 'post_entry', 'asyncpg.exceptions.UniqueViolationError: duplicate key'), quartRich('/v1/entries', 'post_entry', "KeyError: 'currency'")]);
    expect(a).not.toBe(b);
  });
});

describe('a RichHandler record cut short in its box', () => {
  it('reads its last row as far as it goes', () => {
    const whole = quartRich('/v1/accounts/2/balance', 'get_balance', "KeyError: 'currency'").split('\n');
    const cut = [...whole.slice(1, 4), whole[4]!.slice(0, PAD.length + 35)].join('\n');
    expect(plainRichTraceback(cut)).toBe([
      'Traceback (most recent call last):',
      `  File "${SITE}/quart/app.py", line 1464, in handle_request`,
      '  File "/app/ledger/routes.py", line 112, in get_',
    ].join('\n'));
  });
});

// PrefectHQ/fastmcp#2083: RichHandler wraps a message longer than its column onto the next lines, at the
// message column, each padded to the console's width; where the wrap falls moves with the values.
describe('a RichHandler message wrapped over several lines', () => {
  const wrapped = (words: string[], width: number) => {
    const lines: string[] = [];
    let line = '';
    for (const w of words) {
      if (line !== '' && line.length + 1 + w.length > width) {
        lines.push(line);
        line = w;
      } else line = line === '' ? w : `${line} ${w}`;
    }
    lines.push(line);
    return [`[10/13/25 09:05:12] WARNING  ${lines[0]!.padEnd(width)} logging.py:133`, ...lines.slice(1).map((l) => `${PAD}${l.padEnd(width)}              `)].join('\n');
  };
  const words = (id: string) => `Completed message: {"event": "request_failed", "method": "tools/call", "type": "request", "source": "client", "request": "${id}"}`.split(' ');

  it('reads as one line, its padding gone', () => {
    const e = normalizeEntry(raw(wrapped(words('a1'), 40), 0)) as Entry;
    expect(e.text).toBe(words('a1').join(' '));
    expect(e.severity).toBe('WARNING');
  });

  it('wrapped at other places for other values, is one problem', () => {
    const [a, b] = ids([wrapped(words('a1'), 40), wrapped(words('b2c3d4e5f6a7b8'), 40)]);
    expect(a).toBe(b);
  });
});

describe('a RichHandler record with Python\'s own traceback text (rich_tracebacks off)', () => {
  it('keeps the traceback as lines of its own, read as the same error', () => {
    const plainInRich = [
      '[12/04/26 10:00:00] ERROR    Exception on request GET /v1/accounts/3/balance                 app.py:1370',
      `${PAD}Traceback (most recent call last):`,
      `${PAD}  File "${SITE}/quart/app.py", line 1464, in handle_request`,
      `${PAD}    return await self.full_dispatch_request(request_context)`,
      `${PAD}  File "/app/ledger/routes.py", line 112, in get_balance`,
      `${PAD}    return row["x"]`,
      `${PAD}KeyError: 'currency'`,
    ].join('\n');
    const [a, b] = ids([quartPlain('/v1/accounts/1/balance', 'get_balance', "KeyError: 'currency'"), plainInRich]);
    expect(a).toBe(b);
  });
});
