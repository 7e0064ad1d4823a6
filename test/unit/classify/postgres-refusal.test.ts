// PostgreSQL's refusal of a session is one error whatever client printed it and whichever of the
// application's calls needed the connection; two conditions stay apart, and a message that only
// mentions the words, or says more after them, reads none. Lines as people pasted them.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { postgresRefusal } from '../../../src/classify/postgres-refusal.js';
import { mergeByCore, type CoreGroup } from '../../../src/classify/core-merge.js';
import { createClassifier } from '../../../src/classify/index.js';
import { maskTokens } from '../../../src/normalize/mask.js';
import type { Entry } from '../../../src/shared/types.js';

const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
  time: Date.UTC(2025, 8, 11, 10, 0, 0), severity: 'ERROR', service: 'accounts', revision: 'accounts-001', kind: 'text', text, ...over,
});

const key = (line: string): string | null => errorIdentity(maskTokens(line).join(' '))?.key ?? null;

describe('errorIdentity: PostgreSQL refusing a session', () => {
  it.each([
    ['only reserved slots left, every client and version', [
      // irrdnet/irrd#350
      'psycopg2.OperationalError: FATAL:  remaining connection slots are reserved for non-replication superuser connections',
      // goauthentik/authentik#9157 (psycopg 3 under Django)
      'django.db.utils.OperationalError: connection failed: FATAL:  remaining connection slots are reserved for non-replication superuser connections',
      // woodpeck/postpass-ops#24 (lib/pq, PostgreSQL 16)
      'pq: remaining connection slots are reserved for roles with the SUPERUSER attribute',
      // libpq 14's wording, psycopg 3
      'psycopg.OperationalError: connection failed: connection to server on socket "/cloudsql/p:r:i/.s.PGSQL.5432" failed: FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute',
    ]],
    ['every slot taken, every client', [
      // aelve/codesearch#250
      'org.postgresql.util.PSQLException: FATAL: sorry, too many clients already',
      // openstate/open-raadsinformatie#198
      '(psycopg2.OperationalError) FATAL: sorry, too many clients already (Background on this error at: http://sqlalche.me/e/e3q8)',
      // TBroTeam/TBro#57 (PDO)
      'SQLSTATE[08006] [7] FATAL:  sorry, too many clients already',
      // pgx
      'failed to connect to `host=10.0.0.5 user=app database=app`: server error (FATAL: sorry, too many clients already (SQLSTATE 53300))',
    ]],
    ['a server not taking sessions', [
      'psycopg2.OperationalError: FATAL:  the database system is starting up',
      'org.postgresql.util.PSQLException: FATAL: the database system is shutting down',
      'PG::ConnectionBad: FATAL:  the database system is in recovery mode',
    ]],
  ])('%s', (_name, lines) => {
    const keys = lines.map(key);
    expect(keys[0]).not.toBeNull();
    for (const k of keys) expect(k).toBe(keys[0]);
  });

  it('keeps conditions apart', () => {
    const keys = [
      'FATAL:  sorry, too many clients already',
      'FATAL:  remaining connection slots are reserved for non-replication superuser connections',
      'FATAL:  too many connections for role "app"',
      'FATAL:  too many connections for database "app"',
      'FATAL:  the database system is starting up',
    ].map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names the failing operation: the session, not the caller; a trace keeps the id its frames give it', () => {
    const identity = errorIdentity(maskTokens('pq: sorry, too many clients already').join(' '));
    expect(identity?.namesOperation).toBe(true);
    expect(identity?.keysTraces).toBe(false);
  });

  it('reads nothing from a message that says more after the words, or only looks like them', () => {
    expect(key('FATAL:  sorry, too many clients already; giving up on the nightly export')).toBeNull();
    expect(key('the database system is fine')).toBeNull();
    expect(key('too many requests for this account')).toBeNull();
    expect(key('remaining items are reserved for tomorrow (batch 3)')).toBeNull();
  });
});

describe('mergeByCore: one refusal raised through several of the application\'s calls', () => {
  const g = (id: string, template: string, over: Partial<CoreGroup> = {}): CoreGroup => ({ id, template, problem: true, ...over });
  const line = 'django.db.utils.OperationalError: connection failed: FATAL: remaining connection slots are reserved for roles with the SUPERUSER attribute';

  it('joins them, and leaves another condition apart', () => {
    const groups = [
      g('a', line, { frames: ['accounts/views.py:profile'] }),
      g('b', line, { frames: ['accounts/views.py:sessions'] }),
      g('c', 'django.db.utils.OperationalError: connection failed: FATAL: the database system is starting up', { frames: ['accounts/views.py:profile'] }),
    ];
    const moved = mergeByCore(groups);
    expect(moved.get('b') ?? 'b').toBe(moved.get('a') ?? 'a');
    expect(moved.get('c')).toBeUndefined();
  });
});

describe('a Django traceback of the refusal from two views is one cluster', () => {
  const trace = (view: string): string => [
    'Traceback (most recent call last):',
    '  File "/usr/local/lib/python3.12/site-packages/psycopg/connection.py", line 119, in connect',
    '    raise last_ex.with_traceback(None)',
    'psycopg.OperationalError: connection failed: FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute',
    '',
    'The above exception was the direct cause of the following exception:',
    '',
    'Traceback (most recent call last):',
    '  File "/usr/local/lib/python3.12/site-packages/django/core/handlers/base.py", line 197, in _get_response',
    '    response = wrapped_callback(request, *callback_args, **callback_kwargs)',
    `  File "/app/accounts/views.py", line 41, in ${view}`,
    '    return render(request, template, {"account": request.user.account})',
    '  File "/usr/local/lib/python3.12/site-packages/django/db/utils.py", line 91, in __exit__',
    '    raise dj_exc_value.with_traceback(traceback) from exc_value',
    'django.db.utils.OperationalError: connection failed: FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute',
  ].join('\n');
  const other = trace('invoices').replaceAll('remaining connection slots are reserved for roles with the SUPERUSER attribute', 'password authentication failed for user "app"');

  it('joins the views, and keeps another failure at another view apart', () => {
    const c = createClassifier();
    const handles = [trace('profile'), trace('sessions'), trace('security_log'), other].map((text) => c.add(entry(text, { kind: 'stack' })));
    const ids = handles.map((h) => c.resolve(h).id);
    expect(new Set(ids.slice(0, 3)).size).toBe(1);
    expect(ids[3]).not.toBe(ids[0]);
  });
});

describe('postgresRefusal on long lines', () => {
  it('reads a line of repeated trailers in one pass and refuses what is not one', () => {
    const tokens = (text: string) => text.split(' ').filter((t) => t !== '');
    const many = `FATAL: sorry, too many clients already ${'(Background on this error at: ))))) '.repeat(2000)}x`;
    expect(postgresRefusal(tokens(many))).toBeNull();
    expect(postgresRefusal(tokens(`FATAL: sorry, too many clients already ${'(SQLSTATE 53300) '.repeat(2000)}`))).not.toBeNull();
  });
});
