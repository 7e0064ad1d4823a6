// A Ruby or Node trace reprinted in Error Reporting's and Rollbar's frame shape (`File "x.rb", line 3,
// in m`) is read as its runtime's trace: the application's frames that raised it tell two bugs apart,
// and it reads as the same trace printed natively. Python's own traces and a run of frames with no
// exception above them are not this view.
import { reportedTrace } from '../../../src/classify/reported-frames.js';
import { stackSignature } from '../../../src/classify/stack-signature.js';

// EBWiki/EBWiki#639 (Rollbar)
const EBWIKI = [
  "NoMethodError: undefined method `title' for nil:NilClass",
  '  File "/Users/dariusgoore/development/blackops/app/views/analytics/index.html.erb", line 158, in block in _app_views_analytics_index_html_erb___3671160552781627386_70169391903220',
  '  File "/Users/dariusgoore/development/blackops/app/views/analytics/index.html.erb", line 154, in each',
  '  File "/Users/dariusgoore/development/blackops/.bundle/gems/ruby/2.3.0/gems/actionview-4.2.6/lib/action_view/template.rb", line 145, in block in render',
  '  File "/Users/dariusgoore/development/blackops/.bundle/gems/ruby/2.3.0/gems/activesupport-4.2.6/lib/active_support/notifications.rb", line 166, in instrument',
].join('\n');

// stephaniewilkinson/yonderbook#93 (Rollbar; its `line unknown` frames name no line and are skipped)
const YONDERBOOK = [
  "NoMethodError: undefined method `empty?' for nil:NilClass",
  '  File "/Users/wilkinson/repos/bookmooch/views/bookmooch.erb", line 3, in block in singleton class',
  "  File \"<unknown>\", line unknown, in /Users/wilkinson/repos/bookmooch/views/bookmooch.erb:-6:in `instance_eval'",
  '  File "/Users/wilkinson/.gem/ruby/2.5.1/gems/tilt-2.0.8/lib/tilt/template.rb", line 170, in call',
  '  File "/Users/wilkinson/repos/bookmooch/app.rb", line 158, in block (3 levels) in <class:App>',
].join('\n');

// EVNotify/EVNotifyBackend#50, with the source line under each frame
const EVNOTIFY = [
  'RangeError: Invalid status code: undefined',
  '  File "_http_server.js", line 190, in ServerResponse.writeHead',
  '  File "/EVNotifyBackend/node_modules/express/lib/response.js", line 211, in ServerResponse.send',
  '        this.end(chunk, encoding);',
  '  File "/EVNotifyBackend/server.js", line 62, in onError',
  "            res.status(err.status).send('Request could not be processed');",
].join('\n');

describe('reportedTrace: Error Reporting\'s frame shape read in the runtime\'s own', () => {
  it('rewrites a Ruby trace, view templates included', () => {
    const trace = reportedTrace(EBWIKI.split('\n'));
    expect(trace?.language).toBe('ruby');
    expect(trace?.lines[0]).toBe("NoMethodError: undefined method `title' for nil:NilClass");
    expect(trace?.lines[1]).toBe("/Users/dariusgoore/development/blackops/app/views/analytics/index.html.erb:158:in 'block in _app_views_analytics_index_html_erb___3671160552781627386_70169391903220'");
  });

  it('reads the view that raised as the application\'s frame: two views, two problems', () => {
    const a = stackSignature(EBWIKI);
    const b = stackSignature(YONDERBOOK);
    expect(a?.language).toBe('ruby');
    expect(a?.exceptionType).toBe('NoMethodError');
    expect(a?.ownFrames).toBe(true);
    expect(b?.ownFrames).toBe(true);
    expect(a?.frames).not.toEqual(b?.frames);
  });

  it('reads a Node trace as Node prints it, without the source lines', () => {
    const native = [
      'RangeError: Invalid status code: undefined',
      '    at ServerResponse.writeHead (_http_server.js:190:11)',
      '    at ServerResponse.send (/EVNotifyBackend/node_modules/express/lib/response.js:211:10)',
      '    at onError (/EVNotifyBackend/server.js:62:29)',
    ].join('\n');
    const reported = stackSignature(EVNOTIFY);
    expect(reported?.language).toBe('node');
    expect(reported?.exceptionType).toBe(stackSignature(native)?.exceptionType);
    expect(reported?.frames).toEqual(stackSignature(native)?.frames);
  });

  it.each([
    ['a Python traceback', ['Traceback (most recent call last):', '  File "/app/x.rb", line 3, in f', 'ValueError: x']],
    ['Python frames under the exception', ['ValueError: x', '  File "/app/main.py", line 3, in f', '  File "/app/lib.py", line 9, in g']],
    ['frames with no exception above them', ['  File "/app/x.rb", line 3, in f', '  File "/app/y.rb", line 9, in g']],
    ['Ruby and Node frames in one trace', ['Error: x', '  File "/app/x.rb", line 3, in f', '  File "/app/y.js", line 9, in g']],
    ['an Elixir trace', ['** (RuntimeError) x', '  File "lib/app/worker.ex", line 3, in App.Worker.run/1']],
  ])('leaves alone %s', (_name, ls) => {
    expect(reportedTrace(ls)).toBeNull();
  });
});
