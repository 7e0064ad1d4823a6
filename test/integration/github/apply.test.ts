import { renderStateBlock } from '../../../src/render/state-block.js';
import { EVIDENCE_MARKER } from '../../../src/render/index.js';
import type { Action } from '../../../src/shared/types.js';
import type { FakeGitHub } from '../servers/github/server.js';
import { createAction, MANAGED, stateFor, storeFor, useFakeGitHub } from './harness.js';

const evidence = (id: string, count: number): string =>
  `${EVIDENCE_MARKER}\n**${count}** occurrences\n\n${renderStateBlock(stateFor(id, { totalCount: count }))}`;

describe('apply', () => {
  let server: FakeGitHub;
  useFakeGitHub((s) => (server = s));

  it('files an issue with its labels, creating each missing label once, with its colour, when a write first needs it', async () => {
    server.seedLabel('p1', 'ffffff', 'a person made this one');
    const store = await storeFor(server);
    const result = await store.apply(createAction('c1'));

    expect(result).toMatchObject({ status: 'done', issue: 1, url: 'https://github.com/acme/backend/issues/1' });
    expect(server.issue(1)).toMatchObject({ title: 'GCP-new-P2-c1', labels: [MANAGED, 'P2'], user: { type: 'Bot', login: server.botLogin } });
    expect(server.state.label('P2')).toMatchObject({ color: 'fbca04' });
    expect(server.state.label(MANAGED)?.description).toMatch(/remove the label to release/);
    expect(server.state.label('P0')).toBeUndefined();
    await store.apply(createAction('c2'));
    await store.apply({ ...createAction('c3', 'GCP-new-P0-c3'), labels: [MANAGED, 'P0', 'bug'] });
    await store.apply({ kind: 'relabel', cluster: 'c1', issue: 1, title: 'GCP-new-P2-c1', reason: 'r', labels: ['P1'], removeLabels: ['P2'] });
    expect(server.state.label('P0')).toMatchObject({ color: 'b60205' });
    expect(server.state.label('P1')).toMatchObject({ color: 'ffffff', description: 'a person made this one' });
    const created = server.writes().filter((e) => e.route === 'POST /repos/{owner}/{repo}/labels').map((e) => (e.body as { name: string }).name);
    expect(created).toEqual([MANAGED, 'P2', 'P0']);
    expect(server.journal.filter((e) => e.route === 'GET /repos/{owner}/{repo}/labels')).toHaveLength(1);
  });

  it('never files a second issue for a cluster, in the same run or the next', async () => {
    const first = await storeFor(server);
    await first.listManaged();
    expect((await first.apply(createAction('c1'))).status).toBe('done');
    const again = await first.apply(createAction('c1'));
    expect(again).toMatchObject({ status: 'skipped', issue: 1 });
    expect(again.reason).toMatch(/#1 already tracks cluster c1/);

    server.clearJournal();
    const rerun = await storeFor(server);
    const tracked = await rerun.listManaged();
    expect(tracked.map((i) => i.state_block?.clusterId)).toEqual(['c1']);
    expect((await rerun.apply(createAction('c1'))).status).toBe('skipped');
    expect(server.writes()).toEqual([]);
    expect(server.issues()).toHaveLength(1);
  });

  it('recognises a cluster tracked under an alias of an issue', async () => {
    const bot = { login: server.botLogin, type: 'Bot' as const };
    server.seedIssue({ title: 'old', body: renderStateBlock(stateFor('old-id', { aliases: ['c9'] })), labels: [MANAGED], author: bot });
    const store = await storeFor(server);
    expect((await store.apply(createAction('c9'))).status).toBe('skipped');
    expect(server.writes()).toEqual([]);
  });

  it('keeps one evidence comment: the second apply edits it, an unchanged one writes nothing', async () => {
    const store = await storeFor(server);
    const issue = server.seedIssue({ title: 'Checkout fails', body: 'A person saw this.', labels: [MANAGED] });
    const comment = (body: string): Action => ({ kind: 'comment', cluster: 'c1', issue, title: 't', reason: 'new evidence', body });

    expect((await store.apply(comment(evidence('c1', 10)))).status).toBe('done');
    expect((await store.apply(comment(evidence('c1', 12)))).status).toBe('done');
    expect(server.comments(issue)).toHaveLength(1);
    expect(server.comments(issue)[0]!.body).toContain('**12**');

    const rerun = await storeFor(server);
    const [tracked] = await rerun.listManaged();
    expect(tracked!.evidenceCommentId).toBe(server.comments(issue)[0]!.id);
    server.clearJournal();
    expect((await rerun.apply(comment(evidence('c1', 12)))).status).toBe('skipped');
    expect((await rerun.apply(comment(evidence('c1', 15)))).status).toBe('done');
    expect(server.writes().map((e) => e.route)).toEqual(['PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}']);
    expect(server.comments(issue)).toHaveLength(1);
  });

  it('edits the comment the action names, and posts anew when a person deleted it', async () => {
    const store = await storeFor(server);
    const { issue } = await store.apply(createAction('c1'));
    const posted = await store.apply({ kind: 'comment', cluster: 'c1', issue: issue!, title: 't', reason: 'r', body: evidence('c1', 1) });
    await store.apply({ kind: 'comment', cluster: 'c1', issue: issue!, title: 't', reason: 'r', body: evidence('c1', 2), commentId: posted.commentId! });
    expect(server.comments(issue!).map((c) => c.body)).toEqual([evidence('c1', 2)]);

    server.state.comments.clear();
    const result = await store.apply({ kind: 'comment', cluster: 'c1', issue: issue!, title: 't', reason: 'r', body: evidence('c1', 3), commentId: posted.commentId! });
    expect(result.status).toBe('done');
    expect(server.comments(issue!).map((c) => c.body)).toEqual([evidence('c1', 3)]);
  });

  it('updates a body, reopens, relabels and links as told', async () => {
    const n = server.seedIssue({ title: 'Crash on start', body: 'old', labels: [MANAGED, 'P2', 'bug'], state: 'closed', stateReason: 'completed' });
    const other = server.seedIssue({ title: 'Related', body: 'other' });
    const store = await storeFor(server);
    const base = { cluster: 'c1', issue: n, title: 'Crash on start', reason: 'r' };

    expect((await store.apply({ ...base, kind: 'update', body: 'new body' })).status).toBe('done');
    expect((await store.apply({ ...base, kind: 'reopen' })).status).toBe('done');
    expect((await store.apply({ ...base, kind: 'relabel', labels: ['P1'], removeLabels: ['P2', 'P3'] })).status).toBe('done');
    expect((await store.apply({ ...base, kind: 'link', issue: other, relatedIssue: n, body: `other\n\nRelated: #${n}` })).status).toBe('done');
    expect((await store.apply({ ...base, kind: 'none' })).status).toBe('done');

    expect(server.issue(n)).toMatchObject({ title: 'Crash on start', body: 'new body', state: 'open', stateReason: 'reopened', labels: [MANAGED, 'bug', 'P1'] });
    expect(server.issue(other)!.body).toBe(`other\n\nRelated: #${n}`);
    expect(server.writes().some((e) => e.method === 'DELETE' && e.path.endsWith('/labels/P3'))).toBe(true);
    expect(server.writes().filter((e) => e.method === 'DELETE').every((e) => /\/issues\/\d+\/labels\//.test(e.path))).toBe(true);
  });

  it('retitles only when the plan names a new title, and records a link that travels with the evidence', async () => {
    const n = server.seedIssue({ title: 'GCP-new-P2-x', body: 'old', labels: [MANAGED] });
    const store = await storeFor(server);
    const base = { cluster: 'c1', issue: n, title: 'GCP-new-P2-x', reason: 'r' };
    await store.apply({ ...base, kind: 'update', body: 'b1' });
    expect(server.issue(n)!.title).toBe('GCP-new-P2-x');
    await store.apply({ ...base, kind: 'update', body: 'b2', newTitle: 'GCP-new-P1-x' });
    expect(server.issue(n)).toMatchObject({ title: 'GCP-new-P1-x', body: 'b2' });
    server.clearJournal();
    expect((await store.apply({ ...base, kind: 'link', relatedIssue: 7 })).status).toBe('skipped');
    expect(server.writes()).toEqual([]);
  });

  it('reports a failed action without throwing and carries on with the next', async () => {
    const store = await storeFor(server);
    const failed = await store.apply({ kind: 'update', cluster: 'c1', issue: 999, title: 't', reason: 'r', body: 'b' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/update #999/);
    expect(failed.error).not.toMatch(/ghs_|bearer|token [A-Za-z0-9]/i);
    expect((await store.apply(createAction('c2'))).status).toBe('done');
  });

  it('keeps bodies under 65,536 characters and keeps the state block', async () => {
    const store = await storeFor(server);
    const action = createAction('big');
    action.body = `${'x'.repeat(70_000)}\n${renderStateBlock(stateFor('big'))}`;
    expect((await store.apply(action)).status).toBe('done');
    const body = server.issue(1)!.body!;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(/did not fit/);
    const [tracked] = await (await storeFor(server)).listManaged();
    expect(tracked!.state_block?.clusterId).toBe('big');
  });
});
