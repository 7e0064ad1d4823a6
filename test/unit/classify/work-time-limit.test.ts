// Work stopped at its time limit: the supervisor's exception is raised wherever the work was, so the
// frames and the supervisor's line around it do not tell problems apart; soft and hard limits, and one
// supervisor from another, stay apart. Lines as people pasted them.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { workTimeLimit } from '../../../src/classify/work-time-limit.js';
import { createClassifier } from '../../../src/classify/index.js';
import { maskTokens } from '../../../src/normalize/mask.js';
import type { Entry } from '../../../src/shared/types.js';

const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
  time: Date.UTC(2025, 8, 11, 10, 0, 0), severity: 'ERROR', service: 'worker', revision: 'worker-001', kind: 'text', text, ...over,
});

const key = (line: string): string | null => errorIdentity(maskTokens(line).join(' '))?.key ?? null;

describe('workTimeLimit: one key per supervisor, whatever shape printed it', () => {
  it.each([
    ['RQ', [
      // rq/rq#1385
      'rq.timeouts.JobTimeoutException: Task exceeded maximum timeout value (20 seconds)',
      // pculture/unisubs#3443 (Sentry's title, Python 2)
      'JobTimeoutException: Task exceeded maximum timeout value (180 seconds)',
      // rq/rq#349 (RQ before 0.10)
      'Job exceeded maximum timeout value (1200 seconds)',
    ]],
    ['Celery, hard limit', [
      // celery/celery#2419
      'TimeLimitExceeded: TimeLimitExceeded(120,)',
      // unitedstates/BillMap#574
      'Task handler raised error: TimeLimitExceeded(12000.0)',
      // celery/celery#2815
      'Task myapp.tasks.run_myapp[94eee24f-5646-48b5-85a0-98f717ceb073] raised unexpected: TimeLimitExceeded(300.0,)',
      'billiard.exceptions.TimeLimitExceeded: TimeLimitExceeded(300,)',
      'Hard time limit (300s) exceeded for myapp.tasks.run_myapp[94eee24f-5646-48b5-85a0-98f717ceb073]',
    ]],
    ['Celery, soft limit', [
      // harvard-lil/perma#2032
      'Soft time limit (300s) exceeded for perma.tasks.run_next_capture[3c3034dc-1ddc-4fa6-9174-cdaf047fa793]',
      // celery/celery#3914
      'Task seo.tasks.analyze[5a1f] raised unexpected: SoftTimeLimitExceeded()',
      'celery.exceptions.SoftTimeLimitExceeded: SoftTimeLimitExceeded()',
    ]],
    ['rack-timeout', [
      // crossroads/api.goodcity#473 (Rollbar)
      'Rack::Timeout::RequestTimeoutException: Request ran for longer than 30000ms',
      // zombocom/rack-timeout#108
      'Request waited 8ms, then ran for longer than 9992ms',
      // restarone/violet_rails#1420 (exception_notification)
      'A Rack::Timeout::RequestTimeoutException occurred in dashboard#dashboard: Request ran for longer than 15000ms',
      // zombocom/rack-timeout#111: the class raised into the request's thread
      'Rack::Timeout::RequestTimeoutError: Request ran for longer than 15000ms',
    ]],
  ])('%s', (_name, lines) => {
    const keys = lines.map(key);
    expect(keys[0]).not.toBeNull();
    for (const k of keys) expect(k).toBe(keys[0]);
  });

  it('keeps supervisors and limits apart', () => {
    const keys = [
      'rq.timeouts.JobTimeoutException: Task exceeded maximum timeout value (20 seconds)',
      'celery.exceptions.SoftTimeLimitExceeded: SoftTimeLimitExceeded()',
      'billiard.exceptions.TimeLimitExceeded: TimeLimitExceeded(300,)',
      'Rack::Timeout::RequestTimeoutException: Request ran for longer than 30000ms',
    ].map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('frames and the supervisor\'s line tell nothing: the identity names the operation, with no context', () => {
    const identity = errorIdentity(maskTokens('Task handler raised error: TimeLimitExceeded(300)').join(' '));
    expect(identity).toEqual({ key: 'time-limit\u0001celery-time-limit', namesOperation: true, keysTraces: false, context: '' });
  });

  it('reads nothing from other timeouts, or a class of the same name elsewhere', () => {
    for (const line of [
      // NestJS's HTTP 408, thrown where it is raised
      'RequestTimeoutException: Request Timeout',
      'io.ktor.client.plugins.HttpRequestTimeoutException: Request timeout has expired [url=http://x/y, request_timeout=5000 ms]',
      // rack-timeout's other error: the request waited too long to start at all
      'Rack::Timeout::RequestExpiryError: Request older than 30000ms.',
      'Net::OpenTimeout: execution expired',
      'java.util.concurrent.TimeoutException: Timeout waiting for task.',
      'the job exceeded its memory limit',
      'MyTimeLimitExceededCounter: 3',
    ]) expect(workTimeLimit(maskTokens(line).join(' '))).toBeNull();
  });

  it('reads a long line in one pass', () => {
    expect(workTimeLimit(`${'Request waited '.repeat(20_000)}x`)).toBeNull();
    expect(workTimeLimit(`${'x'.repeat(100_000)} TimeLimitExceeded`)).toBeNull();
  });
});

describe('one job timing out at two places is one cluster', () => {
  const trace = (file: string, fn: string): string => [
    'Traceback (most recent call last):',
    '  File "/usr/local/lib/python3.10/site-packages/rq/worker.py", line 1075, in perform_job',
    '    rv = job.perform()',
    `  File "/app/plugins/${file}", line 106, in ${fn}`,
    '    shutil.copyfileobj(f_in, f_out)',
    '  File "/usr/local/lib/python3.10/site-packages/rq/timeouts.py", line 61, in handle_death_penalty',
    "    raise self._exception('Task exceeded maximum timeout value '",
    'rq.timeouts.JobTimeoutException: Task exceeded maximum timeout value (180 seconds)',
  ].join('\n');
  // CERT-Polska/mquery#352 at two places in one job; another error at one of them stays apart.
  const other = trace('SomePlugin.py', 'filter').replace('rq.timeouts.JobTimeoutException: Task exceeded maximum timeout value (180 seconds)', "KeyError: 'sha256'");

  it('joins the places, and keeps another error at one of them apart', () => {
    const c = createClassifier();
    const handles = [trace('SomePlugin.py', 'filter'), trace('Hashes.py', 'digest'), other].map((text) => c.add(entry(text, { kind: 'stack' })));
    const ids = handles.map((h) => c.resolve(h).id);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});
