// The last outgoing check at the GitHub edge: whatever a later stage built, a request holding a value
// shaped like a secret is not sent, and the refusal is final (no retry, no second look).
import { similarQuery } from '../../../src/github/index.js';
import type { Action } from '../../../src/shared/types.js';
import type { FakeGitHub } from '../servers/github/server.js';
import { renderStateBlock } from '../../../src/render/index.js';
import { MANAGED, createAction, stateFor, storeFor, useFakeGitHub } from './harness.js';

const token = ['ghp', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('_');

describe('refusing secrets on the way out', () => {
  let server: FakeGitHub;
  useFakeGitHub((s) => (server = s));

  it.each([
    ['a token in the body', (a: Action): Action => ({ ...a, body: `${a.body ?? ''}\nleaked ${token}` })],
    ['a token in the title', (a: Action): Action => ({ ...a, title: `GCP-new-P2-${token}` })],
    ['an e-mail address in the body', (a: Action): Action => ({ ...a, body: 'user alice.smith@cornell.edu failed' })],
    ['a password in a URL', (a: Action): Action => ({ ...a, body: 'postgres://app:s3cr3t@db.internal/main' })],
  ])('%s: the issue is not filed, and nothing else is written about it', async (_name, leak) => {
    const store = await storeFor(server);
    const result = await store.apply(leak(createAction('c1')));
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/refused to send POST .*: it holds a value shaped like a/);
    expect(result.error).not.toContain(token);
    expect(server.issues()).toHaveLength(0);
    expect(server.journal.filter((e) => e.path.endsWith('/issues') && e.method === 'POST')).toEqual([]);
  });

  it('a comment with a secret is not posted', async () => {
    const store = await storeFor(server);
    const { issue } = await store.apply(createAction('c1'));
    const comment: Action = { kind: 'comment', cluster: 'c1', issue: issue!, title: 't', reason: 'new evidence', body: `Bearer ${token}` };
    expect((await store.apply(comment)).status).toBe('failed');
    expect(server.comments(issue!)).toHaveLength(0);
  });

  it('a worklog holding a secret is not committed', async () => {
    const store = await storeFor(server);
    await expect(store.commitFile('worklog/day.md', `# worklog\nkey ${token}\n`, 'worklog')).rejects.toThrow(/refused to send PUT/);
    expect(server.journal.filter((e) => e.method === 'PUT')).toEqual([]);
  });

  it('what an issue already shows is not new: a person\'s address in a body the gardener keeps current passes', async () => {
    const bot = { login: server.botLogin, type: 'Bot' as const };
    const body = `evidence\n\ncc on-call: alice.smith@cornell.edu\n\n${renderStateBlock(stateFor('c1'))}`;
    const n = server.seedIssue({ title: 'GCP-new-P2-c1', body, labels: [MANAGED, 'P2'], author: bot });
    const store = await storeFor(server);
    await store.listManaged();
    const update = (text: string): Action => ({ kind: 'update', cluster: 'c1', issue: n, title: 'GCP-new-P2-c1', reason: 'new evidence', body: text });
    expect((await store.apply(update(body.replace('evidence', 'more evidence')))).status).toBe('done');
    expect(server.issue(n)!.body).toContain('more evidence');
    const leaked = await store.apply(update(`${body}\nnew: bob.jones@cornell.edu`));
    expect(leaked.status).toBe('failed');
    expect(server.issue(n)!.body).not.toContain('bob.jones');
  });

  it('a clean issue still goes out', async () => {
    const store = await storeFor(server);
    expect((await store.apply(createAction('c1'))).status).toBe('done');
  });
});

describe('search queries hold only words that cannot be secrets', () => {
  const cluster = (template: string, exceptionType?: string) => ({ template, ...(exceptionType ? { exceptionType } : {}) });

  it.each([
    ['a value after a password key', 'login failed: password lemondrizzlecake rejected for user <*>', 'lemondrizzlecake'],
    ['a value after DB_PASS', 'config DB_PASS treacletart loaded from env <*>', 'treacletart'],
    ['an opaque word', 'verify failed for 8sK2mQ9xL4pZ7wR3nB6v in session cache <*>', '8sK2mQ9xL4pZ7wR3nB6v'],
  ])('%s', (_name, template, secret) => {
    const q = similarQuery('o', 'r', 'lg', cluster(template));
    expect(q ?? '').not.toContain(secret);
  });
});
