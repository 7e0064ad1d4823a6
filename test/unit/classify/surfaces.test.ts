// The cases the signal issue names, end to end (normalize -> classify): one error printed in
// different surfaces is one problem with one id; different problems stay apart.
import { createClassifier } from '../../../src/classify/index.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import type { Entry } from '../../../src/shared/types.js';

function entry(text: string, severity = 'ERROR'): Entry {
  const e = normalizeEntry({ timestamp: '2026-03-10T12:00:00Z', severity, textPayload: text });
  if ('skip' in e) throw new Error(`skipped: ${e.skip}`);
  return e;
}

/** Groups of texts -> whether each group is one cluster and the groups are apart. */
function clusterIds(groups: string[][], severity = 'ERROR'): string[][] {
  const c = createClassifier();
  const handles = groups.map((g) => g.map((t) => c.add(entry(t, severity))));
  return handles.map((hs) => [...new Set(hs.map((h) => c.resolve(h).id))]);
}

describe('one error, many surfaces', () => {
  it('a header from two formatters, or none', () => {
    const [ids] = clusterIds([[
      '2026-03-10 12:00:01,234 - app.db - ERROR - Failed to create request-scoped database session: 401',
      '[2026-03-10T12:00:01.234Z] [ERROR] [app.db] Failed to create request-scoped database session: 401',
      '2026-03-10 12:00:01.234 | ERROR    | app.db:connect:42 - Failed to create request-scoped database session: 401',
      'Failed to create request-scoped database session: 401',
    ]]);
    expect(ids).toHaveLength(1);
  });

  it('a context suffix that comes and goes, and a list of varying length', () => {
    const [a, b] = clusterIds([
      ['Session access failed (middleware not installed?): SessionMiddleware must be installed [path=/api/threads/7 method=GET]',
        'Session access failed (middleware not installed?): SessionMiddleware must be installed'],
      ["search client missing; app.state keys: ['db', 'redis']", "search client missing; app.state keys: ['db', 'redis', 'settings', 'http']"],
    ]);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
  });

  it('psycopg2.OperationalError raw and inside SQLAlchemy\'s message', () => {
    const [ids] = clusterIds([[
      'psycopg2.OperationalError: connection to server at "10.20.0.3", port 5432 failed: Connection refused',
      'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "10.20.0.4", port 5432 failed: Connection refused\n(Background on this error at: https://sqlalche.me/e/20/e3q8)',
    ]]);
    expect(ids).toHaveLength(1);
  });

  it('Error: socket hang up bare, in braces, after an application prefix', () => {
    const [ids] = clusterIds([[
      'Error: socket hang up',
      "{ [Error: socket hang up] code: 'ECONNRESET' }",
      'payment client failed: Error: socket hang up',
    ]]);
    expect(ids).toHaveLength(1);
  });

  it('a line logged with its traceback and logged alone, in either order', () => {
    const withTrace = 'inventory reservation timed out for order 691059\nTraceback (most recent call last):\n  File "/app/orders/reserve.py", line 40, in reserve\n    r = client.post(url)\nhttpx.ReadTimeout: timed out';
    const alone = 'inventory reservation timed out for order 339353';
    const [ids] = clusterIds([[withTrace, alone, withTrace.replace('691059', '12')]]);
    expect(ids).toHaveLength(1);
    const [reversed] = clusterIds([[alone, withTrace.replace('691059', '12'), withTrace]]);
    expect(reversed).toEqual(ids);
  });

  it('two call sites raising the same KeyError stay two problems', () => {
    const trace = (file: string, fn: string) =>
      `Traceback (most recent call last):\n  File "/app/${file}", line 12, in ${fn}\n    return row['id']\nKeyError: 'id'`;
    const [a, b] = clusterIds([[trace('orders.py', 'load_order')], [trace('users.py', 'load_user')]]);
    expect(a![0]).not.toBe(b![0]);
  });

  it('different errors stay apart', () => {
    const [a, b] = clusterIds([['Error: socket hang up'], ['Error: connect ECONNREFUSED 10.0.0.5:5432']]);
    expect(a![0]).not.toBe(b![0]);
  });
});
