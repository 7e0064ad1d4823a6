import { describe, expect, it } from '@jest/globals';
import { exceptionTypeFromStack, isStackTrace } from '../../../src/normalize/index.js';

const stacks: Array<{ name: string; text: string; type: string | undefined }> = [
  {
    name: 'Python traceback',
    text: 'Traceback (most recent call last):\n  File "/app/a.py", line 3, in <module>\n    main()\nKeyError: \'user_id\'',
    type: 'KeyError',
  },
  {
    name: 'Python 3.11 with carets',
    text: 'Traceback (most recent call last):\n  File "/app/a.py", line 3, in f\n    x = d["k"]\n        ~^^^^^\nKeyError: \'k\'',
    type: 'KeyError',
  },
  {
    name: 'Python chained: the last exception wins',
    text:
      'Traceback (most recent call last):\n  File "/app/db.py", line 9, in q\n    conn.execute(sql)\nTimeoutError: timed out\n\n' +
      'The above exception was the direct cause of the following exception:\n\n' +
      'Traceback (most recent call last):\n  File "/app/api.py", line 40, in handler\n    rows = q()\nsqlalchemy.exc.OperationalError: (psycopg2.OperationalError) timeout',
    type: 'sqlalchemy.exc.OperationalError',
  },
  {
    name: 'Python exception without a message',
    text: 'Traceback (most recent call last):\n  File "/app/w.py", line 1, in run\n    loop()\nstarlette.websockets.WebSocketDisconnect',
    type: 'starlette.websockets.WebSocketDisconnect',
  },
  {
    name: 'Java with the jar of each frame (Log4j2 %xEx, Logback packaging data)',
    text: 'java.lang.RuntimeException: boom\n\tat com.acme.Job.run(Job.java:18) ~[classes/:?]\n\tat java.base/java.lang.Thread.run(Thread.java:1583) [?:?]',
    type: 'java.lang.RuntimeException',
  },
  {
    name: 'Python frames without the header (a cut log)',
    text: '  File "/app/a.py", line 3, in <module>\n    main()\nValueError: bad',
    type: 'ValueError',
  },
  { name: 'Node', text: 'TypeError: x is not a function\n    at f (/app/a.js:10:5)\n    at Module._compile (node:internal/modules/cjs/loader:1105:14)', type: 'TypeError' },
  { name: 'Node, plain Error with code', text: 'Error [ERR_STREAM_PREMATURE_CLOSE]: Premature close\n    at onclose (node:internal/streams/end-of-stream:154:30)', type: 'Error' },
  { name: 'Node, async frame without a function', text: 'Error: boom\n    at async /app/dist/x.js:1:2', type: 'Error' },
  { name: 'Node, message before the error', text: 'Unhandled rejection: MongoNetworkError: connection closed\n    at Socket.<anonymous> (/app/node_modules/mongodb/lib/cmap/connection.js:300:44)', type: 'MongoNetworkError' },
  { name: 'Java', text: 'Exception in thread "main" java.lang.NullPointerException: null\n\tat com.x.Main.run(Main.java:14)', type: 'java.lang.NullPointerException' },
  { name: 'Java, Caused by only', text: 'wrapped\nCaused by: java.io.IOException: broken pipe\n\t... 3 more', type: 'java.io.IOException' },
  { name: '.NET', text: 'System.InvalidOperationException: bad state\n   at App.Worker.Run() in /src/Worker.cs:line 42', type: 'System.InvalidOperationException' },
  { name: 'Ruby, Rails request form', text: "ActiveRecord::RecordNotFound (Couldn't find Order):\n\napp/controllers/orders_controller.rb:58:in `set_order'", type: 'ActiveRecord::RecordNotFound' },
  { name: 'Ruby 3.4 quotes, after from', text: "boom (RuntimeError)\n\tfrom /app/lib/x.rb:3:in 'X#run'", type: 'RuntimeError' },
  { name: 'Go', text: 'panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:8 +0x2c', type: 'panic' },
];

const notStacks = [
  'RACE CONDITION DETECTED: Startup phase did not reach services within 1.2s',
  'We are at capacity, please retry',
  'meet me at noon',
  '  at the moment nothing is wrong',
  'Traceback requested by user',
  'goroutine leak suspected: 4000 running',
  'Error: connection refused',
  'File "x" not found',
  'loaded settings from config/app.rb:12',
];

describe('isStackTrace', () => {
  it.each(stacks)('$name is a stack', ({ text }) => {
    expect(isStackTrace(text)).toBe(true);
  });

  it.each(notStacks)('%s is not', (text) => {
    expect(isStackTrace(text)).toBe(false);
  });

  it('stays quick on a long line of frame bait', () => {
    const bait = '  at ' + 'a('.repeat(30000);
    expect(isStackTrace(bait)).toBe(false);
  });
});

describe('exceptionTypeFromStack', () => {
  it.each(stacks)('$name -> $type', ({ text, type }) => {
    expect(exceptionTypeFromStack(text)).toBe(type);
  });

  it.each([
    'plain message',
    'Traceback (most recent call last):\n  File "/a.py", line 1, in f\n    g()\n',
    '',
  ])('undefined for %j', (text) => {
    expect(exceptionTypeFromStack(text)).toBeUndefined();
  });
});
