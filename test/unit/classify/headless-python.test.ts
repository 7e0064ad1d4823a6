// A Python traceback whose `Traceback (most recent call last):` line was cut off (pasted from its end,
// or a record whose first lines went elsewhere) reads as the whole traceback would: frames of Python
// files, then the exception line below them. A lone quoted frame, and frames with the exception only
// above them, are not read as one.
import { stackSignature } from '../../../src/classify/stack-signature.js';

// dpgaspar/Flask-AppBuilder#1130, pasted from its frames on
const FRAMES = [
  '  File "/usr/local/lib/python3.7/site-packages/sqlalchemy/engine/base.py", line 988, in execute',
  '    return meth(self, multiparams, params)',
  '  File "/usr/local/lib/python3.7/site-packages/sqlalchemy/sql/elements.py", line 287, in _execute_on_connection',
  '    return connection._execute_clauseelement(self, multiparams, params)',
  '  File "/usr/local/lib/python3.7/site-packages/sqlalchemy/engine/default.py", line 552, in do_execute',
  '    cursor.execute(statement, parameters)',
];
const EXCEPTION = [
  'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) server closed the connection unexpectedly',
  '\tThis probably means the server terminated abnormally',
  '\tbefore or while processing the request.',
];

describe('a Python traceback cut above its frames', () => {
  it('reads as the whole traceback', () => {
    const cut = stackSignature([...FRAMES, ...EXCEPTION].join('\n'));
    const whole = stackSignature(['Traceback (most recent call last):', ...FRAMES, ...EXCEPTION].join('\n'));
    expect(cut?.language).toBe('python');
    expect(cut?.exceptionType).toBe('sqlalchemy.exc.OperationalError');
    expect(cut?.frames).toEqual(whole?.frames);
    expect(cut?.message).toBe(whole?.message);
  });

  it('reads one cut inside a source line, with blank lines between the frames', () => {
    // truera/trulens#470 (its lines double-spaced by the paste)
    const text = [
      '    ret = self._execute_context(',
      '',
      '  File "/usr/local/lib/python3.10/site-packages/sqlalchemy/engine/base.py", line 1844, in _execute_context',
      '',
      '    return self._exec_single_context(',
      '',
      '  File "/usr/local/lib/python3.10/site-packages/sqlalchemy/engine/default.py", line 921, in do_execute',
      '',
      '    cursor.execute(statement, parameters)',
      '',
      'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) server closed the connection unexpectedly',
    ].join('\n');
    expect(stackSignature(text)?.exceptionType).toBe('sqlalchemy.exc.OperationalError');
  });

  it.each([
    ['one quoted frame', ['error near', '  File "/app/main.py", line 3, in handler', 'ValueError: bad input']],
    ['frames with the exception only above them', ['ValueError: bad input', '  File "/app/main.py", line 3, in handler', '  File "/app/lib.py", line 9, in parse']],
    ['frames followed by more indented text only', ['  File "/app/main.py", line 3, in handler', '  File "/app/lib.py", line 9, in parse', '    parse(x)']],
  ])('leaves alone %s', (_name, ls) => {
    expect(stackSignature(ls.join('\n'))?.language ?? null).not.toBe('python');
  });
});
