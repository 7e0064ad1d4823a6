// Joined records of PHP, Rust, Elixir and java.util.logging are one problem whole or cut, wrapped or
// bare, and two problems that share a framework's frames stay two.
import { createClassifier } from '../../../src/classify/index.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

const raw = (text: string, i: number): RawEntry => ({
  textPayload: text,
  timestamp: new Date(Date.UTC(2026, 2, 10, 10, 0, i)).toISOString(),
  insertId: `id-${i}`,
  logName: 'projects/p/logs/run.googleapis.com%2Fstderr',
  resource: { type: 'cloud_run_revision', labels: { service_name: 'ledger', revision_name: 'ledger-00001-abc' } },
});

function clustersOf(texts: string[]): Array<{ template: string; count: number }> {
  const c = createClassifier();
  texts.forEach((t, i) => {
    const e = normalizeEntry(raw(t, i));
    if ('skip' in e) throw new Error(`skipped: ${e.skip}`);
    c.add(e as Entry);
  });
  return c.clusters().map((k) => ({ template: k.template, count: k.count }));
}

const FRAMES = [
  '#0 /var/www/html/vendor/laravel/framework/src/Illuminate/Routing/ControllerDispatcher.php(46): X->show()',
  '#1 /var/www/html/vendor/laravel/framework/src/Illuminate/Routing/Route.php(260): Illuminate\\\\Routing\\\\ControllerDispatcher->dispatch()',
  '#2 /var/www/html/vendor/laravel/framework/src/Illuminate/Routing/Route.php(206): Illuminate\\\\Routing\\\\Route->runController()',
  '#3 /var/www/html/public/index.php(51): Illuminate\\\\Foundation\\\\Http\\\\Kernel->handle()',
  '#4 {main}',
];
const laravel = (msg: string, ctx: string, cut = FRAMES.length) =>
  [`[2026-03-10 10:00:00] production.ERROR: ${msg} {${ctx}"exception":"[object] (ErrorException(code: 0): ${msg} at /var/www/html/app/X.php:57)`, '[stacktrace]', ...FRAMES.slice(0, cut), ...(cut === FRAMES.length ? ['"} '] : [])].join('\n');

describe('classifying joined records by their message', () => {
  it("two Laravel errors under the same framework frames stay two; each is one, whole or cut, with or without context", () => {
    const texts = [
      laravel('Undefined array key "currency"', '"userId":12,'), laravel('Undefined array key "currency"', ''), laravel('Undefined array key "currency"', '"userId":7,', 2),
      laravel('Division by zero', '"userId":3,'), laravel('Division by zero', ''), laravel('Division by zero', '', 3),
    ];
    const clusters = clustersOf(texts);
    expect(clusters.map((c) => c.count).sort()).toEqual([3, 3]);
  });

  it("a PHP fatal error inside php-fpm's wrapper and bare is one problem", () => {
    const body = ['PHP Fatal error:  Uncaught TypeError: Money::fromMinor(): Argument #1 ($amount) must be of type int, string given', 'Stack trace:', "#0 /app/Jobs/Settle.php(64): Money::fromMinor('12')", '#1 {main}', '  thrown in /app/Money.php on line 18'];
    const wrapped = body.map((l) => `[10-Mar-2026 02:36:39] WARNING: [pool www] child 256 said into stderr: "${l}"`).join('\n');
    expect(clustersOf([body.join('\n'), wrapped, body.slice(0, 3).join('\n')])).toHaveLength(1);
  });

  it('a java.util.logging record is one problem with or without its time and source line', () => {
    const rec = ['Mar 10, 2026 12:14:15 AM com.acme.thumbs.Renderer render', 'SEVERE: thumbnail failed for gs://u/a.png', 'javax.imageio.IIOException: Unsupported Image Type', '\tat com.acme.thumbs.Renderer.render(Renderer.kt:41)'];
    const warn = ['Mar 10, 2026 12:14:16 AM com.acme.thumbs.Uploader put', 'WARNING: retrying upload of a.jpg (attempt 2): 503 Service Unavailable'];
    const clusters = clustersOf([rec.join('\n'), rec.slice(1).join('\n'), warn.join('\n'), warn[1]!]);
    expect(clusters.map((c) => c.count)).toEqual([2, 2]);
  });

  it('an anyhow chain is one problem however many layers of context it has; another root cause is another', () => {
    const two = 'Error: failed to load checkpoint\n\nCaused by:\n    0: reading gs://b/c.json\n    1: HTTP status client error (403 Forbidden) for url (https://s/x)';
    const one = 'Error: failed to load checkpoint\n\nCaused by:\n    HTTP status client error (403 Forbidden) for url (https://s/y)';
    const other = 'Error: failed to load checkpoint\n\nCaused by:\n    0: reading gs://b/c.json\n    1: dns error: failed to lookup address information';
    expect(clustersOf([two, one, other]).map((c) => c.count).sort()).toEqual([1, 2]);
  });

  it('a Rust panic with or without its backtrace is one problem; another panic is another', () => {
    const note = "thread 'main' panicked at src/main.rs:31:47:\ncalled `Result::unwrap()` on an `Err` value: NotPresent\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace";
    const bt = "thread 'main' panicked at src/main.rs:31:47:\ncalled `Result::unwrap()` on an `Err` value: NotPresent\nstack backtrace:\n   0: rust_begin_unwind\n             at /rustc/x/library/std/src/panicking.rs:665:5";
    const other = "thread 'tokio-runtime-worker' panicked at src/rank.rs:88:21:\nindex out of bounds: the len is 3 but the index is 7\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace";
    expect(clustersOf([note, bt, other]).map((c) => c.count).sort()).toEqual([1, 2]);
  });
});
