import { renderStateBlock } from '../../../src/render/state-block.js';
import { EVIDENCE_MARKER } from '../../../src/render/index.js';
import type { FakeGitHub } from '../servers/github/server.js';
import { MANAGED, startGitHub, stateFor, storeFor } from './harness.js';

describe('listManaged', () => {
  let server: FakeGitHub;
  beforeEach(async () => {
    server = await startGitHub();
  });
  afterEach(() => server.close());

  it('reads every managed issue, open and closed, over several pages, and skips pull requests', async () => {
    const bot = { login: server.botLogin, type: 'Bot' as const };
    for (let i = 0; i < 230; i++) {
      server.seedIssue({
        title: `issue ${i}`, body: `text\n${renderStateBlock(stateFor(`c${i}`))}`, labels: [MANAGED, 'P2'],
        state: i % 3 === 0 ? 'closed' : 'open', author: bot,
      });
    }
    server.seedIssue({ title: 'a pull request', labels: [MANAGED], pullRequest: true, author: bot });
    server.seedIssue({ title: 'not managed', labels: ['bug'] });

    const issues = await (await storeFor(server)).listManaged();

    expect(issues).toHaveLength(230);
    expect(new Set(issues.map((i) => i.state_block?.clusterId)).size).toBe(230);
    expect(issues.filter((i) => i.state === 'closed')).toHaveLength(77);
    expect(issues.every((i) => i.authorIsGardener && i.labels.includes('P2'))).toBe(true);
    const pages = server.journal.filter((e) => e.route === 'GET /repos/{owner}/{repo}/issues');
    expect(pages.map((e) => e.query.page)).toEqual(['1', '2', '3']);
    expect(pages[0]!.query).toMatchObject({ labels: MANAGED, state: 'all', per_page: '100' });
    expect(server.nonConforming()).toEqual([]);
  });

  it('takes the state block and evidence comment from the gardener, never from a person quoting it', async () => {
    const bot = { login: server.botLogin, type: 'Bot' as const };
    const n = server.seedIssue({ title: 'filed by a person', body: 'We see this error a lot', labels: [MANAGED] });
    server.seedComment(n, `${EVIDENCE_MARKER}\nquoted by a person\n${renderStateBlock(stateFor('fake'))}`);
    for (let i = 0; i < 120; i++) server.seedComment(n, `chatter ${i}`);
    const evidence = `${EVIDENCE_MARKER}\nEvidence\n${renderStateBlock(stateFor('real', { totalCount: 99 }))}`;
    const id = server.seedComment(n, evidence, bot);

    const [issue] = await (await storeFor(server)).listManaged();

    expect(issue).toMatchObject({
      number: n, author: 'octocat', authorIsGardener: false, evidenceCommentId: id, evidenceCommentBody: evidence,
      state_block: { clusterId: 'real', totalCount: 99 },
    });
  });

  it("keeps GitHub state_reason and closed_at, and on a person's issue prefers the evidence comment's block over one in the body", async () => {
    const bot = { login: server.botLogin, type: 'Bot' as const };
    const n = server.seedIssue({
      title: 'closed', body: `Pasted from another issue:\n${renderStateBlock(stateFor('x', { totalCount: 1 }))}`, labels: [MANAGED, 'P1'],
      state: 'closed', stateReason: 'not_planned', closedAt: '2025-08-01T00:00:00Z',
    });
    server.seedComment(n, `${EVIDENCE_MARKER}\n${renderStateBlock(stateFor('x', { totalCount: 5 }))}`, bot);

    const [issue] = await (await storeFor(server)).listManaged();

    expect(issue).toMatchObject({ state: 'closed', stateReason: 'not_planned', closedAt: '2025-08-01T00:00:00Z', state_block: { totalCount: 5 } });
    expect(issue!.url).toBe(`https://github.com/acme/backend/issues/${n}`);
  });

  it("reads comments only where the state may live in one: never on the gardener's own issues that carry their block", async () => {
    const bot = { login: server.botLogin, type: 'Bot' as const };
    const own = Array.from({ length: 30 }, (_, i) =>
      server.seedIssue({ title: `own ${i}`, body: `Evidence\n${renderStateBlock(stateFor(`own${i}`))}`, labels: [MANAGED, 'P2'], author: bot }));
    for (const n of own) server.seedComment(n, 'Seen on staging too, looking.');
    const person = server.seedIssue({ title: 'filed by a person', body: 'Checkout breaks', labels: [MANAGED] });
    const evidence = server.seedComment(person, `${EVIDENCE_MARKER}\n${renderStateBlock(stateFor('adopted'))}`, bot);
    server.seedIssue({ title: 'quiet, filed by a person', body: 'no comments yet', labels: [MANAGED] });
    // A person cut the state block out of the gardener's body: whatever state is left is looked for.
    const cut = server.seedIssue({ title: 'own, block removed', body: 'edited by hand', labels: [MANAGED], author: bot });
    server.seedComment(cut, 'I removed the noise from the body.');

    const issues = await (await storeFor(server)).listManaged();

    expect(issues).toHaveLength(33);
    expect(issues.filter((i) => i.state_block?.clusterId.startsWith('own'))).toHaveLength(30);
    expect(issues.find((i) => i.number === person)).toMatchObject({ evidenceCommentId: evidence, state_block: { clusterId: 'adopted' } });
    const commentLists = server.journal.filter((e) => e.route === 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments');
    expect(commentLists.map((e) => Number(e.path.split('/')[5])).sort((a, b) => a - b)).toEqual([person, cut]);
    expect(server.journal.filter((e) => e.route === 'GET /repos/{owner}/{repo}/issues')).toHaveLength(1);
  });
});
