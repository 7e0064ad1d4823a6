// A multi-line PHP, Rust, Elixir, java.util.logging or OCaml record reads as its message, whatever frames,
// wrapper or layers of context it was printed with.
import { recordMessage } from '../../../src/classify/record-message.js';

const fpm = (l: string) => `[10-Mar-2026 02:36:39] WARNING: [pool www] child 256 said into stderr: "${l}"`;

describe('recordMessage', () => {
  it.each([
    ['PHP, an uncaught exception', 'PHP Fatal error:  Uncaught TypeError: bad in /a.php:3\nStack trace:\n#0 /a.php(3): f()\n#1 {main}\n  thrown in /a.php on line 3', 'PHP Fatal error:  Uncaught TypeError: bad in /a.php:3'],
    ['PHP, Monolog with a previous exception', 'msg {"exception":"[object] (E(code: 0): msg at /a.php:1)\n[stacktrace]\n#0 {main}\n\n[previous exception] [object] (P(code: 1): other at /b.php:2)\n[stacktrace]\n#0 {main}\n"} ', 'msg {"exception":"[object] (E(code: 0): msg at /a.php:1)'],
    ['Rust 1.73+, with a backtrace', "thread 'main' panicked at src/main.rs:3:5:\nboom\nstack backtrace:\n   0: rust_begin_unwind\n             at /rustc/x/panicking.rs:1:1", "thread 'main' panicked at src/main.rs:3:5:\nboom"],
    ['Rust before 1.73, with its note', "thread 'main' panicked at 'boom', src/main.rs:3:5\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace", "thread 'main' panicked at 'boom', src/main.rs:3:5"],
    ['anyhow, two layers: the outermost message and the root cause', 'Error: failed to load\n\nCaused by:\n    0: reading gs://b/o\n    1: HTTP status client error (403 Forbidden)', 'Error: failed to load\nCaused by:\n    HTTP status client error (403 Forbidden)'],
    ['anyhow, one cause, a backtrace', 'Error: failed to load\n\nCaused by:\n    HTTP status client error (403 Forbidden)\n\nStack backtrace:\n   0: main', 'Error: failed to load\nCaused by:\n    HTTP status client error (403 Forbidden)\n'],
    ['Elixir, a GenServer crash', 'GenServer T terminating\n** (KeyError) key :a not found\n    (app 0.1.0) lib/t.ex:8: T.handle_cast/2\nLast message: {:x}\nState: %{}', 'GenServer T terminating\n** (KeyError) key :a not found'],
    ["Elixir, Plug's report with Ecto's query", '#PID<0.1.0> running E (connection #PID<0.2.0>, stream id 1) terminated\nRequest: GET /x\n** (exit) an exception was raised:\n    ** (Ecto.NoResultsError) none in query:\n\nfrom r0 in R\n\n        (ecto 3.12.4) lib/ecto/repo/queryable.ex:164: Ecto.Repo.Queryable.one!/3', '#PID<0.1.0> running E (connection #PID<0.2.0>, stream id 1) terminated\nRequest: GET /x\n** (exit) an exception was raised:\n    ** (Ecto.NoResultsError) none in query:\n\nfrom r0 in R\n'],
    ['Elixir, a GenServer report whose head was lost: from its error line on', '** (KeyError) key :a not found in: %{room_id: 12}\n    (app 0.1.0) lib/t.ex:8: T.handle_cast/2\nLast message: {:x}\nState: %{}', '** (KeyError) key :a not found in: %{room_id: 12}'],
    ["Elixir, Plug's report from ** (exit) on", '** (exit) an exception was raised:\n    ** (ArithmeticError) bad argument in arithmetic expression\n        lib/my_app/orders.ex:12: MyApp.Orders.total/1', '** (exit) an exception was raised:\n    ** (ArithmeticError) bad argument in arithmetic expression'],
    ['java.util.logging: the time and source line is its header', 'Mar 10, 2026 12:14:15 AM com.acme.Uploader put\nWARNING: retrying upload', 'retrying upload'],
    ["php-fpm's wrapper, one line", fpm('PHP Fatal error:  Allowed memory size of 1 bytes exhausted'), 'PHP Fatal error:  Allowed memory size of 1 bytes exhausted'],
    ['OCaml, a backtrace under the exception', 'Failure("connection refused")\nRaised at Stdlib.failwith in file "stdlib.ml", line 29, characters 17-33\nCalled from Store.latest in file "lib/store.ml", line 41, characters 15-52', 'Failure("connection refused")'],
    ["OCaml Dream's reporter, every backtrace line under its header", ['Aborted by: Not_found', 'Raised by primitive operation at Stdlib__Hashtbl.find in file "hashtbl.ml", line 546, characters 13-28', 'Called from unknown location'].map((l) => `02.12.26 10:00:01.123    dream.logger  WARN REQ 7 ${l}`).join('\n'), '02.12.26 10:00:01.123    dream.logger  WARN REQ 7 Aborted by: Not_found'],
    ["php-fpm's wrapper around a trace", ['PHP Fatal error:  Uncaught E: x', 'Stack trace:', '#0 {main}'].map(fpm).join('\n'), 'PHP Fatal error:  Uncaught E: x'],
  ])('%s', (_name, text, message) => {
    expect(recordMessage(text)).toBe(message);
  });

  it.each([
    ['a plain line', 'payment failed for order 12'],
    ['two plain lines', 'payment failed\nretrying'],
    ['a line that mentions a stack trace', 'see Stack trace: below'],
    ['a message starting with a date, then a level-like line', 'Mar 10, 2026 12:14:15 AM backup done without errors\nSEVERE: disk full'],
    ['an indented list under a line with no Caused by', 'Error: 2 checks failed\n    disk\n    queue'],
    ["php-fpm's own warning", '[10-Mar-2026 00:56:55] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it'],
  ])('%s is left as it is', (_name, text) => {
    expect(recordMessage(text)).toBe(text);
  });

  it('the same record split and joined, or wrapped by php-fpm, reads the same', () => {
    const bare = ['PHP Fatal error:  Uncaught TypeError: bad', 'Stack trace:', "#0 /a.php(64): f('1')", '#1 {main}', '  thrown in /a.php on line 18'];
    expect(recordMessage(bare.map(fpm).join('\n'))).toBe(recordMessage(bare.join('\n')));
  });
});
