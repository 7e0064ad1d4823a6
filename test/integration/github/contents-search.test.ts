import { similarQuery } from '../../../src/github/index.js';
import type { Cluster } from '../../../src/shared/types.js';
import type { FakeGitHub } from '../servers/github/server.js';
import { createAction, MANAGED, storeFor, useFakeGitHub } from './harness.js';

function cluster(template: string, exceptionType?: string): Cluster {
  return {
    id: 'k1', template, kind: 'text', count: 3, severity: 'ERROR', firstSeen: 0, lastSeen: 1, services: ['backend'],
    revisions: [], samples: [], timeline: [], ...(exceptionType ? { exceptionType } : {}),
  };
}

describe('commitFile', () => {
  let server: FakeGitHub;
  useFakeGitHub((s) => (server = s));

  it('creates the file, then updates it with the sha it replaces, and writes nothing when unchanged', async () => {
    const store = await storeFor(server);
    const path = 'gcp/log-gardener/2025-09-12T00-00Z.md';
    const first = await store.commitFile(path, '# Worklog ✓\n', 'log-gardener: worklog');
    expect(first.committed).toBe(true);
    expect(first.url).toBe(`https://github.com/acme/backend/blob/main/${path}`);
    expect(server.file(path)).toBe('# Worklog ✓\n');

    await store.commitFile(path, '# Worklog v2\n', 'log-gardener: worklog');
    expect(server.file(path)).toBe('# Worklog v2\n');
    const puts = server.writes().filter((e) => e.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[0]!.body).not.toHaveProperty('sha');
    expect(puts[1]!.body).toHaveProperty('sha');

    server.clearJournal();
    expect((await store.commitFile(path, '# Worklog v2\n', 'again')).committed).toBe(true);
    expect(server.writes()).toEqual([]);
  });

  it('names the cause when the commit is refused', async () => {
    const store = await storeFor(server);
    server.injectFault({ method: 'PUT', path: /\/contents\//, status: 403, body: { message: 'Resource not accessible by integration' } });
    await expect(store.commitFile('a.md', 'x', 'm')).rejects.toThrow(/cannot commit a\.md: forbidden: the App needs .*Contents \(read\/write\)/);
  });
});

describe('searchSimilar', () => {
  let server: FakeGitHub;
  useFakeGitHub((s) => (server = s), { searchLag: { ms: 60_000 } });

  it('finds a person\'s issue about the same error text, not managed ones, not pull requests', async () => {
    const human = server.seedIssue({ title: 'Session access failed in prod', body: 'Logs say: Session access failed (middleware not installed?): foo' });
    server.seedIssue({ title: 'Managed one', body: 'Session access failed (middleware not installed?)', labels: [MANAGED] });
    server.seedIssue({ title: 'PR', body: 'Session access failed (middleware not installed?)', pullRequest: true });
    server.seedIssue({ title: 'Other', body: 'Unrelated' });
    const store = await storeFor(server);
    const found = await store.searchSimilar(cluster('Session access failed (middleware not installed?): <*>'));
    expect(found.map((i) => i.number)).toEqual([human]);
    expect(found[0]).toMatchObject({ author: 'octocat', authorIsGardener: false, state_block: null });
    const q = server.journal.find((e) => e.path === '/search/issues')!.query.q!;
    expect(q).toBe('repo:acme/backend is:issue -label:"log-gardener" "Session access failed middleware not installed"');
  });

  it('does not see a just-filed issue while the index lags, which is why listManaged never searches', async () => {
    const store = await storeFor(server);
    await store.apply(createAction('c1'));
    expect(await store.searchSimilar(cluster('Evidence for c1'))).toEqual([]);
    expect((await store.listManaged()).map((i) => i.state_block?.clusterId)).toEqual(['c1']);
    expect(server.journal.filter((e) => e.path === '/search/issues')).toHaveLength(1);
  });

  it('answers no candidates, not an error, when search fails', async () => {
    const store = await storeFor(server, { retry: { retries: 0, retryAfterBaseMs: 1, writeIntervalMs: 0 } });
    server.injectFault({ path: /^\/search\/issues$/, status: 503 });
    expect(await store.searchSimilar(cluster('Session access failed <*>'))).toEqual([]);
  });

  it('builds the query from the constant text and the exception type, within GitHub\'s 256 characters', () => {
    expect(similarQuery('o', 'r', 'lg', cluster('<NUM> KeyError: <*>', 'KeyError'))).toBe('repo:o/r is:issue -label:"lg" "KeyError"');
    expect(similarQuery('o', 'r', 'lg', cluster('<*> <NUM> <*>'))).toBeNull();
    // A stack trace: one line's text, never a phrase that runs across lines.
    expect(similarQuery('o', 'r', 'lg', cluster('ValueError: bad agent state <*>\n  File "<PATH>", line <NUM>, in run_agent', 'ValueError'))).toBe(
      'repo:o/r is:issue -label:"lg" "ValueError bad agent state"',
    );
    const long = similarQuery('o', 'r', 'lg', cluster(`${'word '.repeat(100)}<*>`))!;
    expect(long.length).toBeLessThanOrEqual(256);
    expect(long).toMatch(/ "word word/);
  });
});
