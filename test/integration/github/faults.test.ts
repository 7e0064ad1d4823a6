import type { FakeGitHub } from '../servers/github/server.js';
import { createAction, storeFor, useFakeGitHub } from './harness.js';

const CREATE = /^\/repos\/acme\/backend\/issues$/;

describe('GitHub faults', () => {
  let server: FakeGitHub;
  useFakeGitHub((s) => (server = s));

  it('waits out a secondary rate limit (403 with retry-after) and then files the issue', async () => {
    const store = await storeFor(server);
    server.injectFault({ method: 'POST', path: CREATE, status: 403, headers: { 'retry-after': '2' }, times: 2 });
    const result = await store.apply(createAction('c1'));
    expect(result.status).toBe('done');
    const posts = server.journal.filter((e) => e.method === 'POST' && CREATE.test(e.path));
    expect(posts.map((e) => e.status)).toEqual([403, 403, 201]);
    expect(server.issues()).toHaveLength(1);
  });

  it('waits for the primary rate limit reset (x-ratelimit-remaining 0) and then reads', async () => {
    const store = await storeFor(server);
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    server.injectFault({ method: 'GET', path: CREATE, status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: { message: 'API rate limit exceeded for installation ID 4242.' } });
    expect(await store.listManaged()).toEqual([]);
    expect(server.journal.filter((e) => CREATE.test(e.path)).map((e) => e.status)).toEqual([403, 200]);
  });

  it('gives up after the configured number of secondary limits and reports the action failed', async () => {
    const store = await storeFor(server, { retry: { retries: 2, retryAfterBaseMs: 1, writeIntervalMs: 0 } });
    server.injectFault({ method: 'POST', path: CREATE, status: 403, headers: { 'retry-after': '1' }, times: 5 });
    const result = await store.apply(createAction('c1'));
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/secondary rate limit/);
    expect(server.issues()).toHaveLength(0);
  });

  it('stops writing for the rest of the run after a secondary limit that asks for more than it waits', async () => {
    const n = server.seedIssue({ title: 't', labels: ['log-gardener'] });
    const store = await storeFor(server, { retry: { retries: 2, retryAfterBaseMs: 1, writeIntervalMs: 0 } });
    server.injectFault({ method: 'POST', path: CREATE, status: 403, headers: { 'retry-after': '600' } });
    const first = await store.apply(createAction('c1'));
    expect(first.status).toBe('failed');
    server.clearJournal();
    const later = [
      await store.apply(createAction('c2')),
      await store.apply({ kind: 'update', cluster: 'c', issue: n, title: 't', reason: 'r', body: 'new' }),
    ];
    expect(later.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(later[0]!.error).toMatch(/no more writes this run/);
    await expect(store.commitFile('worklog/x.md', 'text', 'worklog')).rejects.toThrow(/no more writes this run/);
    // Nothing written after the stop; reads still work.
    expect(server.writes()).toEqual([]);
    expect(await store.listManaged()).toHaveLength(1);
    expect(server.issues()).toHaveLength(1);
  });

  it('retries reads and idempotent writes after a 502', async () => {
    const n = server.seedIssue({ title: 't', labels: ['log-gardener'] });
    const store = await storeFor(server);
    server.injectFault({ method: 'GET', path: CREATE, status: 502, times: 2 });
    expect(await store.listManaged()).toHaveLength(1);
    server.injectFault({ method: 'PATCH', path: /\/issues\/\d+$/, status: 502 });
    expect((await store.apply({ kind: 'update', cluster: 'c', issue: n, title: 't', reason: 'r', body: 'new' })).status).toBe('done');
    expect(server.issue(n)!.body).toBe('new');
  });

  it('files the issue when a create failed with a 502 before it landed', async () => {
    const store = await storeFor(server);
    server.injectFault({ method: 'POST', path: CREATE, status: 502 });
    expect((await store.apply(createAction('c1'))).status).toBe('done');
    expect(server.issues()).toHaveLength(1);
  });

  it('does not file twice when the create landed but its answer was a 502', async () => {
    const store = await storeFor(server);
    server.injectFault({ method: 'POST', path: CREATE, status: 502, afterWrite: true });
    const result = await store.apply(createAction('c1'));
    expect(result).toMatchObject({ status: 'done', issue: 1 });
    expect(server.issues()).toHaveLength(1);
  });

  it('converges after a crash: the create landed, the answer was lost, the rerun files nothing new', async () => {
    const first = await storeFor(server, { retry: { retries: 0, retryAfterBaseMs: 1, writeIntervalMs: 0 } });
    await first.listManaged();
    // The write lands, the answer is lost, and the look-up that would have found it fails too: the sweep dies here.
    server.injectFault({ method: 'POST', path: CREATE, status: 502, afterWrite: true });
    server.injectFault({ method: 'GET', path: CREATE, status: 502, times: 1 });
    const crashed = await first.apply(createAction('c1'));
    expect(crashed.status).toBe('failed');
    expect(server.issues()).toHaveLength(1);

    server.clearJournal();
    const rerun = await storeFor(server);
    await rerun.listManaged();
    expect((await rerun.apply(createAction('c1'))).status).toBe('skipped');
    expect(server.issues()).toHaveLength(1);
    expect(server.writes()).toEqual([]);
  });

  it('does not post a second evidence comment when the first one landed but its answer was lost', async () => {
    const store = await storeFor(server);
    const { issue } = await store.apply(createAction('c1'));
    server.injectFault({ method: 'POST', path: /\/comments$/, status: 502, afterWrite: true });
    const body = '<!-- log-gardener:evidence -->\nEvidence';
    const result = await store.apply({ kind: 'comment', cluster: 'c1', issue: issue!, title: 't', reason: 'r', body });
    expect(result.status).toBe('done');
    expect(server.comments(issue!)).toHaveLength(1);
  });
});
