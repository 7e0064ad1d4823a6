// An issue that re-derivation finds for a cluster keeps that finding in the first sweep that makes it:
// the cluster's id becomes an alias even when the sweep has nothing new to write (a rerun of a window
// after an upgrade, a window whose entries were all recorded), by a quiet write of the state alone: no
// comment, no label, no evidence moved. And an issue whose title was made from a piece of a record (a
// frame line, `unclassified-problem`) takes the name of the problem it tracks now, if the title is still
// the one the gardener wrote. A rerun writes nothing.
import { matchClusters, plan } from '../../../src/plan/index.js';
import { parseTitle, readSection, renderStateBlock } from '../../../src/render/index.js';
import type { IssueState, PlacedId, Placement, TrackedIssue } from '../../../src/shared/types.js';
import { HOUR, T0, cluster, input, issue, settings, windowEnding } from './fixtures.js';
import { SimulatedGitHub, writesOf } from './simulated-github.js';

const NATS = 'NATS connection failed: no servers available for connection';
const RECORD = cluster({ id: 'cnats', template: NATS, count: 9 }, T0 - 5 * HOUR, T0 - HOUR);
const WINDOW_END = new Date(T0).toISOString();

function state(clusterId: string, extra: Partial<IssueState> = {}): IssueState {
  return {
    version: 1, clusterId, aliases: [], template: 'old <*>', totalCount: 9, lastWindowCount: 9, firstSeen: new Date(T0 - 5 * HOUR).toISOString(),
    lastSeen: new Date(T0 - HOUR).toISOString(), priority: 'P1', windowEnd: WINDOW_END, samples: ['old sample'], ...extra,
  };
}

/** An open issue the gardener filed under an id no cluster has today; its title the one it wrote. */
function old(number: number, title: string, stateExtra: Partial<IssueState> = {}): TrackedIssue {
  return issue({
    number, title, labels: ['log-gardener', 'P1'], author: 'log-gardener[bot]', authorIsGardener: true,
    body: `<!-- log-gardener:evidence -->\nwhat the last sweep saw\n<!-- /log-gardener:evidence -->\n\n${renderStateBlock(state(`cold${number}`, { title, ...stateExtra }))}\n`,
  });
}

const placedIn = (entries: Array<[number, Placement]>, id = 'cnats'): Map<number, PlacedId[]> =>
  new Map(entries.map(([n, how]) => [n, [{ id, placed: how }]]));

/** A sweep of the window ending `hours` after T0 (0: the window the issues already recorded). */
const sweep = (gh: SimulatedGitHub, rederived: Map<number, PlacedId[]>, hours = 0, count = 9) =>
  plan(input({
    clusters: [hours === 0 ? RECORD : cluster({ id: 'cnats', template: NATS, count }, T0 + (hours - 5) * HOUR, T0 + (hours - 1) * HOUR)],
    issues: gh.managed(), window: windowEnding(T0 + hours * HOUR), rederived,
  }));

/** The body without its state block: what a person reads. */
const shown = (body: string) => body.replace(/<!-- log-gardener:state .*-->/, '');

describe('an issue found by re-derivation in a sweep with nothing new to write', () => {
  it('records the cluster as an alias at once, in a quiet write of its state alone', () => {
    const gh = new SimulatedGitHub([old(100, 'GCP-new-P1-nats-connection-failed')]);
    const before = gh.issues[0]!.body;
    const first = sweep(gh, placedIn([[100, 'whole']]));
    expect(writesOf(first.actions)).toEqual([
      expect.objectContaining({ kind: 'update', issue: 100, reason: expect.stringMatching(/^found again by its stored samples \(as they are\): cluster cnats recorded as an alias/) }),
    ]);
    const write = writesOf(first.actions)[0]!;
    expect(write.newTitle).toBeUndefined();
    gh.apply(first.actions);
    const after = gh.managed()[0]!;
    // Only the state moved: the evidence, its counts and window, the labels and the title are as they were.
    expect(shown(after.body)).toBe(shown(before));
    expect(after.labels).toEqual(['log-gardener', 'P1']);
    expect(after.title).toBe('GCP-new-P1-nats-connection-failed');
    expect(after.state_block).toEqual({ ...state('cold100', { title: 'GCP-new-P1-nats-connection-failed' }), aliases: ['cnats'] });

    // Found by its alias from now on, without its samples; a rerun writes nothing.
    expect(matchClusters([RECORD], gh.managed(), new Map(), () => true, new Map()).byCluster.get('cnats')).toMatchObject({ issue: { number: 100 }, by: 'id' });
    expect(writesOf(sweep(gh, placedIn([[100, 'whole']])).actions)).toEqual([]);
    expect(writesOf(sweep(gh, new Map()).actions)).toEqual([]);
  });

  it('also when the window reaches past the recorded one but its entries all came before', () => {
    const gh = new SimulatedGitHub([old(100, 'GCP-new-P1-nats-connection-failed')]);
    const out = plan(input({ clusters: [RECORD], issues: gh.managed(), window: windowEnding(T0 + 10 * 60_000), rederived: placedIn([[100, 'whole']]) }));
    expect(writesOf(out.actions)).toEqual([expect.objectContaining({ kind: 'update', issue: 100, reason: expect.stringContaining('recorded as an alias') })]);
    gh.apply(out.actions);
    expect(gh.managed()[0]!.state_block).toMatchObject({ aliases: ['cnats'], windowEnd: WINDOW_END, totalCount: 9 });
  });

  it('on a person\'s issue, the state is written in the gardener\'s evidence comment, edited in place', () => {
    const gh = new SimulatedGitHub([old(100, 'Staging NATS flaps')]);
    const i = gh.issues[0]!;
    i.authorIsGardener = false;
    i.evidenceCommentId = 555;
    i.evidenceCommentBody = i.body;
    i.body = 'what a person wrote';
    const out = sweep(gh, placedIn([[100, 'whole']]));
    expect(writesOf(out.actions)).toEqual([expect.objectContaining({ kind: 'comment', issue: 100, commentId: 555 })]);
    gh.apply(out.actions);
    expect(gh.issues[0]!.body).toBe('what a person wrote');
    expect(gh.issues[0]!.title).toBe('Staging NATS flaps');
    expect(gh.managed()[0]!.state_block?.aliases).toEqual(['cnats']);
    expect(writesOf(sweep(gh, placedIn([[100, 'whole']])).actions)).toEqual([]);
  });

  it('takes a write slot only after every write on-call reads, however urgent its problem', () => {
    const gh = new SimulatedGitHub([old(100, 'GCP-new-P0-nats-connection-failed', { priority: 'P0' })]);
    gh.issues[0]!.labels = ['log-gardener', 'P0'];
    const fresh = cluster({ id: 'cfresh', template: 'Payment capture retried: card network slow to answer', severity: 'WARNING', count: 60 });
    const capped = settings((s) => { s.github.maxWritesPerRun = 1; });
    const out = plan(input({ clusters: [RECORD, fresh], issues: gh.managed(), rederived: placedIn([[100, 'whole']]), settings: capped }));
    expect(writesOf(out.actions)).toEqual([expect.objectContaining({ kind: 'create', cluster: 'cfresh' })]);
    expect(out.actions.find((a) => a.issue === 100)).toMatchObject({
      kind: 'none', deferredBy: 'maxWritesPerRun', reason: expect.stringMatching(/waits for next sweep \(would update: found again by its stored samples/),
    });
    // Held back, it is found again and recorded by the next sweep.
    gh.apply(out.actions);
    expect(writesOf(plan(input({ clusters: [RECORD, fresh], issues: gh.managed(), rederived: placedIn([[100, 'whole']]) })).actions))
      .toEqual([expect.objectContaining({ kind: 'update', issue: 100, reason: expect.stringContaining('recorded as an alias') })]);
  });

  it('an issue tracking the cluster by id, with nothing new, is written nothing', () => {
    const gh = new SimulatedGitHub([old(100, 'GCP-new-P1-nats-connection-failed', { clusterId: 'cnats' })]);
    expect(writesOf(sweep(gh, placedIn([[100, 'whole']])).actions)).toEqual([]);
  });
});

describe('an issue whose title came from a piece of the record it tracks now', () => {
  const PIECE = 'GCP-new-P1-unclassified-problem';

  it.each([
    ['with nothing new to write', 0],
    ['with new occurrences', 6],
  ])('takes the problem\'s name when it is found, %s, in one quiet update; a rerun writes nothing', (_, hours) => {
    const gh = new SimulatedGitHub([old(100, PIECE)]);
    const first = sweep(gh, placedIn([[100, 'piece']]), hours);
    const writes = writesOf(first.actions);
    expect(writes).toEqual([expect.objectContaining({ kind: 'update', issue: 100, newTitle: 'GCP-new-P1-nats-connection-failed-no-servers-available' })]);
    expect(writes[0]!.reason).toContain(`retitled GCP-new-P1-nats-connection-failed-no-servers-available (its title, ${PIECE}, came from a piece of the record)`);
    expect(first.problems[0]!.shortName).toBe('nats-connection-failed-no-servers-available');
    gh.apply(first.actions);
    const after = gh.managed()[0]!;
    expect(after.title).toBe('GCP-new-P1-nats-connection-failed-no-servers-available');
    // The state remembers the title it wrote: a later change by a person is theirs.
    expect(after.state_block).toMatchObject({ title: after.title, aliases: ['cnats'] });
    expect(writesOf(sweep(gh, placedIn([[100, 'piece']]), hours).actions)).toEqual([]);
    expect(writesOf(sweep(gh, new Map(), hours).actions)).toEqual([]);
  });

  it('a frame line\'s name is replaced as the fallback name is', () => {
    const gh = new SimulatedGitHub([old(402, 'GCP-new-P0-node-internal-process-promises-trigger-uncaught-exception')]);
    const out = sweep(gh, placedIn([[402, 'piece']]));
    expect(writesOf(out.actions)).toEqual([expect.objectContaining({ newTitle: 'GCP-new-P0-nats-connection-failed-no-servers-available' })]);
  });

  it('a title a person changed is never touched, nor one the state does not record as the gardener\'s', () => {
    // Renamed in the gardener's own form, and in a person's words.
    const renamed = old(100, PIECE);
    renamed.title = 'GCP-new-P1-nats-flapping-on-staging';
    const worded = old(102, PIECE);
    worded.title = 'NATS down on staging';
    const unrecorded = old(101, 'GCP-new-P1-unclassified-problem-2', { title: undefined });
    for (const i of [renamed, worded, unrecorded]) {
      const gh = new SimulatedGitHub([i]);
      const out = sweep(gh, placedIn([[i.number, 'piece']]));
      expect(writesOf(out.actions)).toEqual([expect.objectContaining({ kind: 'update', issue: i.number })]);
      expect(writesOf(out.actions)[0]!.newTitle).toBeUndefined();
      gh.apply(out.actions);
      expect(gh.issues[0]!.title).toBe(i.title);
    }
  });

  it('keeps a title made from the record itself, and one that already names the problem', () => {
    const whole = old(100, 'GCP-new-P1-nats-connection-failed');
    const named = old(101, 'GCP-new-P1-connection-failed-no-servers');
    for (const [i, how] of [[whole, 'whole'], [whole, 'cut'], [named, 'piece']] as Array<[TrackedIssue, Placement]>) {
      const out = sweep(new SimulatedGitHub([i]), placedIn([[i.number, how]]));
      expect(writesOf(out.actions).map((a) => a.newTitle)).toEqual([undefined]);
    }
  });

  it('an issue filed under the fallback name takes the problem\'s name even when it tracks it by id', () => {
    const gh = new SimulatedGitHub([old(100, PIECE, { clusterId: 'cnats', windowEnd: new Date(T0 - 6 * HOUR).toISOString() })]);
    const out = sweep(gh, new Map());
    expect(writesOf(out.actions)).toEqual([expect.objectContaining({ kind: 'update', newTitle: 'GCP-new-P1-nats-connection-failed-no-servers-available' })]);
  });

  it('the new name is unique among open issues: another open issue holding it keeps it', () => {
    const holder = old(90, 'GCP-new-P1-nats-connection-failed-no-servers-available', { clusterId: 'cother', windowEnd: new Date(T0 - 12 * HOUR).toISOString() });
    const gh = new SimulatedGitHub([holder, old(100, PIECE)]);
    const out = sweep(gh, placedIn([[100, 'piece']]));
    const retitle = writesOf(out.actions).find((a) => a.issue === 100)!;
    // The problem's name with what tells it apart from the holder's (here its service).
    expect(retitle.newTitle).toBe('GCP-new-P1-nats-connection-failed-no-servers-netra-backend-staging');
    gh.apply(out.actions);
    const names = gh.managed().map((i) => parseTitle(i.title)!.shortName);
    expect(new Set(names).size).toBe(names.length);
    expect(writesOf(sweep(gh, placedIn([[100, 'piece']])).actions)).toEqual([]);
  });

  it('a closed issue that stays closed keeps its title; only its state is written', () => {
    const closed = old(100, PIECE);
    closed.state = 'closed';
    closed.stateReason = 'not_planned';
    const gh = new SimulatedGitHub([closed]);
    const out = sweep(gh, placedIn([[100, 'piece']]));
    expect(writesOf(out.actions)).toEqual([expect.objectContaining({ kind: 'update', issue: 100 })]);
    expect(writesOf(out.actions)[0]!.newTitle).toBeUndefined();
  });

  it('what a person reads of the body does not change for the retitle', () => {
    const gh = new SimulatedGitHub([old(100, PIECE)]);
    const before = gh.issues[0]!.body;
    gh.apply(sweep(gh, placedIn([[100, 'piece']])).actions);
    expect(readSection(gh.issues[0]!.body, 'evidence')).toBe(readSection(before, 'evidence'));
    expect(gh.writes.map((w) => w.kind)).toEqual(['update']);
  });
});
