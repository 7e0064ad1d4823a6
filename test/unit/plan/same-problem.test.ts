// Two old issues, one problem today (pieces of a record now read whole, one error in two surfaces):
// which one tracks it, and what the other is told. The issue whose stored samples are the record
// itself carries it on, not one that held a line from inside it; then open before closed, then the
// oldest. An issue that already tracks the cluster by id or alias keeps it, so sweeps never flip.
import { matchClusters, plan } from '../../../src/plan/index.js';
import { renderStateBlock } from '../../../src/render/index.js';
import type { IssueState, PlacedId, Placement, TrackedIssue } from '../../../src/shared/types.js';
import { HOUR, T0, cluster, input, issue, windowEnding } from './fixtures.js';
import { SimulatedGitHub, writesOf } from './simulated-github.js';

const RECORD = cluster({ id: 'crecord', template: 'java.lang.OutOfMemoryError: Java heap space ! at <*> ! at <*>', count: 9 });

function state(clusterId: string, extra: Partial<IssueState> = {}): IssueState {
  return {
    version: 1, clusterId, aliases: [], template: 'old', totalCount: 3, lastWindowCount: 3, firstSeen: '2025-09-01T00:00:00.000Z',
    lastSeen: '2025-09-01T06:00:00.000Z', priority: 'P1', windowEnd: '2025-09-02T00:00:00.000Z', samples: ['old sample'], ...extra,
  };
}

/** An issue the gardener filed under an old id (its cluster is gone today). */
function old(number: number, extra: Partial<TrackedIssue> = {}, stateExtra: Partial<IssueState> = {}): TrackedIssue {
  return issue({
    number, title: `GCP-new-P1-old-${number}`, labels: ['log-gardener', 'P1'], author: 'log-gardener[bot]', authorIsGardener: true,
    body: 'evidence', state_block: state(`cold${number}`, stateExtra), ...extra,
  });
}

const placed = (entries: Array<[number, Placement]>, id = 'crecord'): Map<number, PlacedId[]> =>
  new Map(entries.map(([n, how]) => [n, [{ id, placed: how }]]));

/** The issue that tracks RECORD, and how it was matched. */
function tracker(issues: TrackedIssue[], rederived: Map<number, PlacedId[]>): [number | undefined, string | undefined] {
  const m = matchClusters([RECORD], issues, new Map(), () => true, rederived).byCluster.get('crecord');
  return [m?.issue.number, m?.by];
}

describe('which of several old issues tracks one problem', () => {
  it.each<[string, Array<[number, Placement]>, Array<[number, 'open' | 'closed']>, number]>([
    ['the record itself before an older piece of it', [[1020, 'piece'], [1030, 'whole']], [], 1030],
    ['the record itself before an older cut start of it', [[1107, 'cut'], [1109, 'whole']], [], 1109],
    ['a cut start (the record\'s head) before an older piece', [[1020, 'piece'], [1031, 'cut']], [], 1031],
    ['two pieces: the oldest', [[1023, 'piece'], [1020, 'piece']], [], 1020],
    ['two records as they are: the oldest', [[1026, 'whole'], [1001, 'whole']], [], 1001],
    ['two cut starts: the oldest', [[1109, 'cut'], [1107, 'cut']], [], 1107],
    ['two pieces, the older closed: the open one', [[1020, 'piece'], [1023, 'piece']], [[1020, 'closed']], 1023],
    ['the record closed, a piece open: the record, reopened if it came back', [[1020, 'piece'], [1030, 'whole']], [[1030, 'closed']], 1030],
    ['two records, the older closed: the open one', [[1001, 'whole'], [1026, 'whole']], [[1001, 'closed']], 1026],
    ['one issue alone, a piece: it tracks', [[1020, 'piece']], [], 1020],
  ])('%s', (_, how, states, expected) => {
    const closed = new Map(states);
    const issues = how.map(([n]) => old(n, { state: closed.get(n) ?? 'open' }));
    expect(tracker(issues, placed(how))).toEqual([expected, 'rederived']);
    // Whatever order GitHub lists them in.
    expect(tracker([...issues].reverse(), placed([...how].reverse()))).toEqual([expected, 'rederived']);
  });

  it('says how the tracking issue\'s samples were placed', () => {
    const m = matchClusters([RECORD], [old(1020), old(1030)], new Map(), () => true, placed([[1020, 'piece'], [1030, 'whole']]));
    expect(m.byCluster.get('crecord')).toMatchObject({ by: 'rederived', placed: 'whole' });
  });

  it('an issue that tracks the cluster by id keeps it, though another\'s samples are the record itself', () => {
    const piece = old(1020, {}, { clusterId: 'crecord' });
    expect(tracker([piece, old(1030)], placed([[1020, 'piece'], [1030, 'whole']]))).toEqual([1020, 'id']);
  });

  it('so does one that tracks it by an alias: a later sweep never moves it', () => {
    const piece = old(1020, {}, { aliases: ['crecord'] });
    expect(tracker([old(1030), piece], placed([[1020, 'piece'], [1030, 'whole']]))).toEqual([1020, 'id']);
  });

  it('a piece\'s issue still tracks a problem no other issue claims, before a person\'s look-alike issue', () => {
    const person = issue({ number: 7, title: 'OutOfMemoryError: Java heap space in catalog', body: 'java.lang.OutOfMemoryError: Java heap space', labels: [] });
    const m = matchClusters([RECORD], [old(1020)], new Map([['crecord', [person]]]), () => true, placed([[1020, 'piece']]));
    expect(m.byCluster.get('crecord')).toMatchObject({ issue: { number: 1020 }, by: 'rederived', placed: 'piece' });
  });

  it('a cluster whose preferred issue another cluster took goes to the next issue that claims it', () => {
    // #1013 held two problems of today (its samples land in both); #1025 held the second alone.
    const first = cluster({ id: 'cwrapper', template: 'Sequel::DatabaseConnectionError: PG::ConnectionBad: <*>', count: 9 });
    const second = cluster({ id: 'cbare', template: 'PG::ConnectionBad: <*>', count: 3 });
    const rederived = new Map<number, PlacedId[]>([
      [1013, [{ id: 'cbare', placed: 'whole' }, { id: 'cwrapper', placed: 'whole' }]],
      [1025, [{ id: 'cbare', placed: 'whole' }]],
    ]);
    const m = matchClusters([first, second], [old(1025), old(1013)], new Map(), () => true, rederived);
    expect(m.byCluster.get('cwrapper')).toMatchObject({ issue: { number: 1013 }, by: 'rederived' });
    expect(m.byCluster.get('cbare')).toMatchObject({ issue: { number: 1025 }, by: 'rederived' });
    expect(m.sameAs.size).toBe(0);
    // With no issue of its own left, it is the same problem as the issue that held both.
    const alone = matchClusters([first, second], [old(1013)], new Map(), () => true, new Map([[1013, rederived.get(1013)!]]));
    expect(alone.sameAs.get('cbare')).toEqual({ issue: expect.objectContaining({ number: 1013 }), cluster: 'cwrapper' });
  });

  it('a labelled issue without a state block and a person\'s issue are matched as before when no sample lands', () => {
    const labelled = issue({ number: 8, title: 'java.lang.OutOfMemoryError: Java heap space', body: 'java.lang.OutOfMemoryError: Java heap space ! at', labels: ['log-gardener'] });
    const m = matchClusters([RECORD], [labelled, old(1020)], new Map(), () => true, new Map());
    expect(m.byCluster.get('crecord')).toMatchObject({ issue: { number: 8 }, by: 'label' });
  });
});

describe('the issue that goes quiet', () => {
  /** A piece's issue (#100, older) and the record's (#101), both filed under ids gone today. */
  function repository(): SimulatedGitHub {
    const gh = new SimulatedGitHub([
      old(100, { title: 'GCP-new-P1-unclassified-problem', body: `piece evidence\n\n${renderStateBlock(state('cold100'))}` }),
      old(101, { title: 'GCP-new-P1-java-lang-out-memory-error-heap-space', body: `record evidence\n\n${renderStateBlock(state('cold101'))}` }),
    ]);
    return gh;
  }
  const rederived = placed([[100, 'piece'], [101, 'whole']]);
  const sweep = (gh: SimulatedGitHub, hours: number, count = 5) =>
    plan(input({ clusters: [cluster({ id: RECORD.id, template: RECORD.template, count }, T0 + (hours - 5) * HOUR, T0 + (hours - 1) * HOUR)], issues: gh.managed(), window: windowEnding(T0 + hours * HOUR), rederived }));

  it('is told once, in place, which issue tracks its problem; the tracker gains the cluster as an alias', () => {
    const gh = repository();
    const first = sweep(gh, 6);
    expect(first.actions.filter((a) => a.kind === 'create')).toEqual([]);
    const quiet = first.actions.find((a) => a.issue === 100)!;
    expect(quiet).toMatchObject({ kind: 'update', cluster: 'crecord', reason: expect.stringMatching(/^same problem as #101: its samples land in cluster crecord \(as a piece of its records\), which #101 tracks \(its samples as they are\); told so once/) });
    expect(first.actions.find((a) => a.issue === 101)).toMatchObject({ kind: 'update', reason: expect.stringContaining('5 new occurrences') });
    gh.apply(first.actions);
    const [piece, record] = gh.managed();
    expect(piece!.body).toContain('Tracked in #101 now');
    expect(piece!.body).toContain('piece evidence');
    expect(piece!.state_block).toMatchObject({ clusterId: 'cold100', trackedIn: 101, totalCount: 3 });
    expect(record!.state_block).toMatchObject({ clusterId: 'cold101', aliases: ['crecord'], totalCount: 8 });

    // A rerun of the window writes nothing; neither does the next sweep to the quiet one.
    expect(writesOf(sweep(gh, 6).actions)).toEqual([]);
    const next = sweep(gh, 12, 4);
    expect(next.actions.find((a) => a.issue === 101)).toMatchObject({ kind: 'update' });
    expect(next.actions.find((a) => a.issue === 100)).toMatchObject({ kind: 'none', reason: expect.stringMatching(/^same problem as #101: .*\(by id\)$/) });
    gh.apply(next.actions);
    // Found by its alias from now on, whatever the stored samples say.
    expect(matchClusters([RECORD], gh.managed(), new Map(), () => true, new Map()).byCluster.get('crecord')).toMatchObject({ issue: { number: 101 }, by: 'id' });
  });

  it('on a person\'s issue, the note goes in the gardener\'s evidence comment; their body is left alone', () => {
    const gh = repository();
    const comment = 'evidence comment\n\n<!-- log-gardener:evidence -->\n<!-- /log-gardener:evidence -->';
    gh.issues[0]!.authorIsGardener = false;
    gh.issues[0]!.evidenceCommentId = 555;
    gh.issues[0]!.evidenceCommentBody = `**log-gardener evidence**: ${comment}\n\n${renderStateBlock(state('cold100'))}`;
    gh.issues[0]!.body = 'what a person wrote';
    const out = sweep(gh, 6);
    expect(writesOf(out.actions).filter((a) => a.issue === 100)).toEqual([expect.objectContaining({ kind: 'comment', commentId: 555 })]);
    gh.apply(out.actions);
    expect(gh.issues[0]!.body).toBe('what a person wrote');
    expect(gh.issues[0]!.evidenceCommentBody).toContain('Tracked in #101 now');
    expect(writesOf(sweep(gh, 6).actions)).toEqual([]);
  });

  it('tracked again later (its own problem back), it loses the note and what it recorded', () => {
    const gh = repository();
    gh.apply(sweep(gh, 6).actions);
    const back = plan(input({ clusters: [cluster({ id: 'cold100', template: '! at <*>', count: 4 }, T0 + 7 * HOUR, T0 + 11 * HOUR)], issues: gh.managed(), window: windowEnding(T0 + 12 * HOUR) }));
    expect(back.actions.find((a) => a.issue === 100)).toMatchObject({ kind: 'update', reason: expect.stringContaining('4 new occurrences') });
    gh.apply(back.actions);
    expect(gh.issues[0]!.body).not.toContain('Tracked in #101');
    expect(gh.managed()[0]!.state_block?.trackedIn).toBeUndefined();
  });

  it('a closed one is written nothing', () => {
    const gh = repository();
    gh.issues[0]!.state = 'closed';
    gh.issues[0]!.stateReason = 'completed';
    const out = sweep(gh, 6);
    expect(out.actions.filter((a) => a.issue === 100)).toEqual([expect.objectContaining({ kind: 'none', reason: expect.stringContaining('same problem as #101') })]);
  });

  it('is told again only when another issue tracks its problem', () => {
    const gh = repository();
    gh.apply(sweep(gh, 6).actions);
    // A person closed #101 and filed nothing; a third issue holding the record, open, tracks it next.
    const moved = plan(input({
      clusters: [cluster({ id: 'cother', template: RECORD.template, count: 5 }, T0 + 7 * HOUR, T0 + 11 * HOUR)], issues: [...gh.managed(), old(102)],
      window: windowEnding(T0 + 12 * HOUR), rederived: placed([[100, 'piece'], [102, 'whole']], 'cother'),
    }));
    expect(moved.actions.find((a) => a.issue === 100)).toMatchObject({ kind: 'update', reason: expect.stringContaining('same problem as #102') });
  });
});
