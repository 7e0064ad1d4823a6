// What a writer adds to a record after the trace the grammar reads, and a trace printed in a write of
// its own after the record's message: each line arrives alone (Cloud Run splits a write into one entry
// per line) and must still join its record; and what is another record.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { DOCS_LINK } from '../../../src/shared/record-shapes.js';
import { cloudRunLines, pieces, texts } from '../../support/cloud-run-lines.js';

const { line, split } = cloudRunLines('stderr');
const both = (entries: ReturnType<typeof split>) => [entries, [...entries].reverse()];

// Yii 2's log target: PHP's exception string, its `Next` chain, then the PDO error's
// `Additional Information:` as print_r prints an array (yiisoft/yii2#17682 and #20360).
const YII = [
  '2026-12-04 00:16:31 [169.254.1.1][252][-][error][yii\\db\\Exception] PDOException: SQLSTATE[HY000] [2002] Connection refused in /app/vendor/yiisoft/yii2/db/Connection.php:722',
  'Stack trace:',
  "#0 /app/vendor/yiisoft/yii2/db/Connection.php(722): PDO->__construct('mysql:host=10.2...', 'admin', Object(SensitiveParameterValue), NULL)",
  '#1 /app/vendor/yiisoft/yii2/db/Connection.php(637): yii\\db\\Connection->createPdoInstance()',
  '#2 {main}',
  'Next yii\\db\\Exception: SQLSTATE[HY000] [2002] Connection refused in /app/vendor/yiisoft/yii2/db/Connection.php:648',
  'Stack trace:',
  '#0 /app/vendor/yiisoft/yii2/db/Connection.php(1067): yii\\db\\Connection->open()',
  '#1 {main}',
];
const PRINT_R = ['Additional Information:', 'Array', '(', '    [0] => HY000', '    [1] => 2002', '    [2] => Connection refused', ')'];
const YII_RECORD = [...YII, ...PRINT_R].join('\n');

// httpx's HTTPStatusError: its message's second line points to the status's documentation.
const HTTPX = [
  'Traceback (most recent call last):',
  '  File "/app/ledger/fx.py", line 41, in refresh_rates',
  '    resp.raise_for_status()',
  '  File "/usr/local/lib/python3.12/site-packages/httpx/_models.py", line 829, in raise_for_status',
  '    raise HTTPStatusError(message, request=request, response=self)',
  "httpx.HTTPStatusError: Server error '503 Service Unavailable' for url 'https://fx.internal.example/v2/rates?base=GBP'",
  'For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/503',
].join('\n');

// gorilla/handlers' RecoveryHandler: the panic's value through Go's standard logger, then
// debug.Stack() through it again, a second write whose first line carries the logger's stamp.
const PANIC_VALUE = '2026/12/04 01:47:43 runtime error: invalid memory address or nil pointer dereference';
const STACK = [
  '2026/12/04 01:47:43 goroutine 57 [running]:',
  'runtime/debug.Stack()',
  '\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e',
  'github.com/gorilla/handlers.recoveryHandler.log({{0xa3c1e0, 0xc0001a2080}, 0x1}, {0xc0004d1a38, 0x1, 0x1})',
  '\t/go/pkg/mod/github.com/gorilla/handlers@v1.5.2/recovery.go:93 +0x6e',
  'main.(*server).albumCover(0xc0001b6000, {0xa42f18, 0xc0003e20e0}, 0xc0004f8000)',
  '\t/app/albums.go:77 +0x1d4',
].join('\n');

describe('reassemble: a block a writer adds after the trace of its record', () => {
  it("Yii's exception with PHP's `Additional Information:` array: one record, in both orders", () => {
    for (const input of both(split(YII_RECORD, 0))) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([YII_RECORD]);
      expect(pieces(out)).toEqual([false]);
    }
  });

  it("another writer's INFO record landing among the block's lines is set apart, and the block goes on", () => {
    const info = '2026-12-04 00:16:31 [169.254.1.1][28][-][info][application] Order 61680 status changed: new -> paid';
    const lines = YII_RECORD.split('\n');
    const at = YII.length + 3; // after `(`
    const entries = [...lines.slice(0, at).map((l, i) => line(l, i * 7)), line(info, at * 7 - 3), ...lines.slice(at).map((l, i) => line(l, (at + i) * 7))];
    const out = texts(reassembleAll(entries));
    expect(out).toContain(YII_RECORD);
    expect(out).toContain(info);
  });

  it('a record with its own header after the block ends it', () => {
    const next = "2026-12-04 00:16:31 [169.254.1.1][334][-][info][application] $_GET = [";
    const entries = [...split(YII_RECORD, 0), line(next, YII_RECORD.split('\n').length * 7), line("    'r' => 'order/view'", YII_RECORD.split('\n').length * 7 + 7), line(']', YII_RECORD.split('\n').length * 7 + 14)];
    const out = texts(reassembleAll(entries));
    expect(out).toContain(YII_RECORD);
    expect(out.some((t) => t.includes('$_GET') && t.includes('Additional Information'))).toBe(false);
  });

  it('a plain line after the trace that labels no block is another record', () => {
    const trace = YII.join('\n');
    const entries = [...split(trace, 0), line('worker 12 idle', YII.length * 7)];
    for (const input of both(entries)) expect(texts(reassembleAll(input)).sort()).toEqual([trace, 'worker 12 idle'].sort());
  });

  it('a block label written apart from the trace (beyond the interleave) stays apart', () => {
    const trace = YII.join('\n');
    const entries = [...split(trace, 0), ...PRINT_R.map((l, i) => line(l, 5_000 + i * 7))];
    expect(texts(reassembleAll(entries))).not.toContain(YII_RECORD);
    expect(texts(reassembleAll(entries))).toContain(trace);
  });

  it('ten thousand dump lines under the label: no record past the cap, every line out once', () => {
    const entries = [...split(YII.join('\n'), 0), line('Additional Information:', 100), line('Array', 105), line('(', 110),
      ...Array.from({ length: 10_000 }, (_, i) => line(`    [${i}] => value ${i}`, 115 + i * 5))];
    const out = reassembleAll(entries);
    expect(out.flatMap((j) => j.members).sort((a, b) => a - b)).toEqual(entries.map((_, i) => i));
    expect(Math.max(...out.map((j) => j.members.length))).toBeLessThanOrEqual(200);
  });
});

// yii\\db\\Exception::__toString() ends with `'Additional Information:' . PHP_EOL . print_r($this->errorInfo,
// true)` (yiisoft/yii2 framework/db/Exception.php, yiisoft/db src/Exception/Exception.php): a label, then
// print_r's `Array` / `(` / `    [k] => v` / `)`. A write whose first lines were lost still holds them.
describe("reassemble: the tail of Yii's exception string whose head was lost", () => {
  const dump = (at: number) => [
    line("2026-12-04 00:16:31 [169.254.1.1][-][-][info][application] $_GET = [", at),
    line("    'r' => 'order/view'", at + 7),
    line(']', at + 14),
  ];

  it.each([
    ['from its last frames', YII.length - 2],
    ['from its label', YII.length],
    ["from print_r's `Array`", YII.length + 1],
    ["from print_r's `(`", YII.length + 2],
  ])('%s: one piece up to the array\'s `)`, and the context dump Yii writes next is its own record', (_from, cut) => {
    const lines = YII_RECORD.split('\n').slice(cut);
    const entries = [...lines.map((l, i) => line(l, i * 7)), ...dump(lines.length * 7 + 20)];
    const out = reassembleAll(entries);
    expect(texts(out)[0]).toBe(lines.join('\n'));
    expect(pieces(out)[0]).toBe(true);
    expect(texts(out).slice(1).some((t) => t.includes('Additional Information') || t.includes('[0] => HY000'))).toBe(false);
  });
});

describe("reassemble: a pointer to the documentation under a traceback's exception line", () => {
  it("httpx's `For more information check: URL`: one record, in both orders", () => {
    for (const input of both(split(HTTPX, 0))) expect(texts(reassembleAll(input))).toEqual([HTTPX]);
  });

  it.each([
    ['For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/503', true],
    ['For more information, please visit: https://example.com/docs/errors/42', true],
    ['See https://nextjs.org/docs/messages/module-not-found', true],
    ['Read more: https://nextjs.org/docs/messages/module-not-found', true],
    ['For more information we tried very hard to explain: https://example.com', false],
    ['Fetched https://example.com/docs in 20 ms', false],
  ])('%s is a pointer line: %s', (text, expected) => {
    expect(DOCS_LINK.test(text)).toBe(expected);
  });
});

describe("reassemble: a goroutine stack printed through Go's standard logger after the panic's value", () => {
  it("gorilla's recovery, two writes 1.3 ms apart: one record", () => {
    const entries = [line(PANIC_VALUE, 0), ...split(STACK, 1_300)];
    for (const input of both(entries)) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([`${PANIC_VALUE}\n${STACK}`]);
      expect(pieces(out)).toEqual([false]);
    }
  });

  it('the stack alone, its value lost, is one piece', () => {
    for (const input of both(split(STACK, 0))) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([STACK]);
      expect(pieces(out)).toEqual([true]);
    }
  });

  it("a stamped line of the standard logger that is no goroutine header stays apart", () => {
    const entries = [line(PANIC_VALUE, 0), line('2026/12/04 01:47:43 serving thumbnails on :8080', 1_300)];
    for (const input of both(entries)) expect(reassembleAll(input)).toHaveLength(2);
  });
});
