// Sweep after sweep against an in-memory repository: the plan decides, the simulation carries it
// out, and the next sweep reads the issues back as the GitHub adapter would.
import { plan } from '../../../src/plan/index.js';
import { parseStateBlock, parseTitle } from '../../../src/render/index.js';
import type { Cluster } from '../../../src/shared/types.js';
import { DAY, HOUR, SERVICE, T0, cluster, input, issue, settings, windowEnding } from './fixtures.js';
import { SimulatedGitHub, writesOf } from './simulated-github.js';

const SESSION = cluster({ id: 'csession', template: 'Session access failed (middleware not installed?): SessionMiddleware must be installed to access request.session', severity: 'WARNING', count: 76 });
const AUTH = cluster({ id: 'cauth', template: 'Failed to create request-scoped database session: 401: Token detected - authentication failed', severity: 'ERROR', count: 12 });
const RACE = cluster({ id: 'crace', template: 'RACE CONDITION DETECTED: Startup phase <QUOTED> did not reach <QUOTED> within <NUM>', severity: 'ERROR', count: 5 });
const NOISE = cluster({ id: 'cnoise', template: 'Health check answered in <NUM>', severity: 'NOTICE', count: 5 });

/** The same problems one window later, with new occurrences. */
function later(c: Cluster, count = c.count, hours = 6): Cluster {
  const { id, template, severity, kind, exceptionType } = c;
  return cluster({ id, template, severity, kind, ...(exceptionType ? { exceptionType } : {}), count }, T0 + hours * HOUR - 5 * HOUR, T0 + hours * HOUR - HOUR);
}

describe('plan over consecutive sweeps', () => {
  it('files one issue per problem that matters on a fresh repository, ranked P0 first, errors before escalated warnings', () => {
    const out = plan(input({ clusters: [NOISE, AUTH, SESSION, RACE] }));
    expect(out.problems.map((p) => [p.id, p.priority])).toEqual([
      ['crace', 'P0'], ['cauth', 'P1'], ['csession', 'P1'], ['cnoise', 'P3'],
    ]);
    const creates = out.actions.filter((a) => a.kind === 'create');
    expect(creates.map((a) => a.title)).toEqual([
      'GCP-new-P0-websocket-startup-race-condition',
      expect.stringMatching(/^GCP-new-P1-[a-z0-9]+(-[a-z0-9]+)*$/),
      'GCP-new-P1-fastapi-session-middleware-missing',
    ]);
    for (const a of creates) {
      expect(a.labels).toEqual(['log-gardener', parseTitle(a.title)!.priority]);
      expect(parseStateBlock(a.body)?.clusterId).toBe(a.cluster);
      expect(a.body!.length).toBeLessThan(65_536);
    }
    const noise = out.actions.find((a) => a.cluster === 'cnoise')!;
    expect(noise).toMatchObject({ kind: 'none', reason: expect.stringContaining('noise: 5 occurrences < 20') });
  });

  it('writes nothing on a rerun, and nothing on a later rerun that finds no new entries', () => {
    const gh = new SimulatedGitHub();
    const clusters = [AUTH, SESSION, RACE, NOISE];
    gh.apply(plan(input({ clusters })).actions);
    expect(gh.issues).toHaveLength(3);

    const rerun = plan(input({ clusters, issues: gh.managed() }));
    expect(writesOf(rerun.actions)).toEqual([]);
    expect(rerun.actions.filter((a) => a.cluster === 'csession')).toEqual([
      expect.objectContaining({ kind: 'none', issue: 102, reason: expect.stringContaining('already recorded') }),
    ]);
    // Ten minutes later the window overlaps the last one and holds the same entries only.
    const shifted = plan(input({ clusters, issues: gh.managed(), window: windowEnding(T0 + 10 * 60_000) }));
    expect(writesOf(shifted.actions)).toEqual([]);
  });

  it('updates the evidence in place when new entries arrive, counting each entry once', () => {
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters: [AUTH] })).actions);
    const next = plan(input({ clusters: [later(AUTH, 7)], issues: gh.managed(), window: windowEnding(T0 + 6 * HOUR) }));
    expect(writesOf(next.actions)).toEqual([
      expect.objectContaining({ kind: 'update', issue: 100, reason: expect.stringContaining('7 new occurrences') }),
    ]);
    gh.apply(next.actions);
    const state = gh.managed()[0]!.state_block!;
    expect(state).toMatchObject({ totalCount: 19, lastWindowCount: 7, windowEnd: new Date(T0 + 6 * HOUR).toISOString() });
    expect(gh.issues[0]!.body).toContain('**7** ×');
  });

  it('escalates P2 to P1 at 76 occurrences (threshold 50), relabels and retitles its own issue', () => {
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters: [later(SESSION, 20, -6)], window: windowEnding(T0 - 6 * HOUR) })).actions);
    expect(gh.issues[0]!.title).toBe('GCP-new-P2-fastapi-session-middleware-missing');
    const out = plan(input({ clusters: [SESSION], issues: gh.managed() }));
    const writes = writesOf(out.actions);
    expect(writes.map((a) => a.kind)).toEqual(['relabel', 'update']);
    expect(writes[0]).toMatchObject({ labels: ['P1'], removeLabels: ['P2'], reason: expect.stringContaining('76 occurrences in the window ≥ 50') });
    expect(writes[1]).toMatchObject({ newTitle: 'GCP-new-P1-fastapi-session-middleware-missing' });
    gh.apply(out.actions);
    expect(gh.managed()[0]).toMatchObject({ labels: ['log-gardener', 'P1'], title: 'GCP-new-P1-fastapi-session-middleware-missing' });
    expect(gh.managed()[0]!.state_block).toMatchObject({ priority: 'P1', priorityOwner: 'gardener', title: 'GCP-new-P1-fastapi-session-middleware-missing' });
    expect(writesOf(plan(input({ clusters: [SESSION], issues: gh.managed() })).actions)).toEqual([]);
  });

  it('never lowers a priority; hysteresis holds an escalation while the count stays near its threshold', () => {
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters: [SESSION] })).actions);
    const held = plan(input({ clusters: [later(SESSION, 45)], issues: gh.managed(), window: windowEnding(T0 + 6 * HOUR) }));
    expect(held.problems[0]).toMatchObject({ priority: 'P1', why: expect.stringContaining('held at P1: 45 occurrences ≥ 80%') });
    expect(writesOf(held.actions).map((a) => a.kind)).toEqual(['update']);
    const quiet = plan(input({ clusters: [later(SESSION, 10)], issues: gh.managed(), window: windowEnding(T0 + 6 * HOUR) }));
    expect(quiet.problems[0]).toMatchObject({ priority: 'P1', why: expect.stringContaining('never lowers') });
    expect(writesOf(quiet.actions).map((a) => a.kind)).toEqual(['update']);
  });

  it("keeps a person's priority and title", () => {
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters: [later(SESSION, 20, -6)], window: windowEnding(T0 - 6 * HOUR) })).actions);
    const mine = gh.issues[0]!;
    mine.labels = ['log-gardener', 'P3'];
    mine.title = 'Session middleware missing in staging';
    const out = plan(input({ clusters: [SESSION], issues: gh.managed() }));
    const writes = writesOf(out.actions);
    expect(writes.map((a) => a.kind)).toEqual(['update']);
    expect(writes[0]!.newTitle).toBeUndefined();
    expect(out.problems[0]).toMatchObject({ priority: 'P3', why: expect.stringContaining('set by a person') });
    gh.apply(out.actions);
    expect(gh.managed()[0]!.state_block).toMatchObject({ priorityOwner: 'person', priority: 'P3' });
    // Still theirs a sweep later, even when the count would escalate again.
    const again = plan(input({ clusters: [later(SESSION, 300)], issues: gh.managed(), window: windowEnding(T0 + 6 * HOUR) }));
    expect(writesOf(again.actions).map((a) => a.kind)).toEqual(['update']);
  });

  it('reopens an issue closed as completed when its problem returns, as a regression', () => {
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters: [later(AUTH, 12, -24)], window: windowEnding(T0 - 24 * HOUR) })).actions);
    Object.assign(gh.issues[0]!, { state: 'closed', stateReason: 'completed', closedAt: new Date(T0 - 12 * HOUR).toISOString() });
    const out = plan(input({ clusters: [AUTH], issues: gh.managed() }));
    const writes = writesOf(out.actions);
    expect(writes.map((a) => a.kind)).toEqual(['reopen', 'update']);
    expect(writes[0]!.reason).toContain(`closed as completed on ${new Date(T0 - 12 * HOUR).toISOString()}`);
    expect(writes[1]!.newTitle).toMatch(/^GCP-regression-P1-/);
    expect(writes[1]!.body).toContain('**Regression:**');
    expect(out.problems[0]!.category).toBe('regression');
    gh.apply(out.actions);
    expect(writesOf(plan(input({ clusters: [AUTH], issues: gh.managed() })).actions)).toEqual([]);
  });

  it('leaves an issue closed as not planned closed, noting the evidence in place', () => {
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters: [later(AUTH, 12, -24)], window: windowEnding(T0 - 24 * HOUR) })).actions);
    Object.assign(gh.issues[0]!, { state: 'closed', stateReason: 'not_planned', closedAt: new Date(T0 - 12 * HOUR).toISOString() });
    const out = plan(input({ clusters: [AUTH], issues: gh.managed() }));
    const writes = writesOf(out.actions);
    expect(writes).toEqual([expect.objectContaining({ kind: 'update', reason: expect.stringContaining('not planned, so it stays closed') })]);
    expect(writes[0]!.newTitle).toBeUndefined();
  });

  it("adopts a person's open issue about the same error instead of filing a duplicate", () => {
    const theirs = issue({ number: 7, title: 'Staging: SessionMiddleware errors', body: 'Seeing `SessionMiddleware must be installed to access request.session` all day.', labels: ['bug'] });
    const gh = new SimulatedGitHub([theirs]);
    const out = plan(input({ clusters: [SESSION], candidates: new Map([['csession', [theirs]]]) }));
    const writes = writesOf(out.actions);
    expect(writes.map((a) => a.kind)).toEqual(['relabel', 'comment']);
    expect(writes[0]).toMatchObject({ issue: 7, labels: ['log-gardener', 'P1'] });
    expect(writes[1]!.commentId).toBeUndefined();
    expect(parseStateBlock(writes[1]!.body)?.clusterId).toBe('csession');
    gh.apply(out.actions);
    expect(gh.issues[0]!.body).toBe(theirs.body);
    expect(writesOf(plan(input({ clusters: [SESSION], issues: gh.managed() })).actions)).toEqual([]);
    const next = plan(input({ clusters: [later(SESSION, 60)], issues: gh.managed(), window: windowEnding(T0 + 6 * HOUR) }));
    expect(writesOf(next.actions)).toEqual([expect.objectContaining({ kind: 'comment', commentId: 9007 })]);
  });

  it("adopting keeps a person's priority label", () => {
    const theirs = issue({ number: 8, title: 'SessionMiddleware must be installed to access request.session', labels: ['P3'] });
    const out = plan(input({ clusters: [SESSION], candidates: new Map([['csession', [theirs]]]) }));
    expect(writesOf(out.actions)[0]).toMatchObject({ kind: 'relabel', labels: ['log-gardener'] });
    expect(out.problems[0]!.priority).toBe('P3');
  });

  it('converges after a crash: created issues and half-done adoptions are not repeated', () => {
    const clusters = [AUTH, SESSION, RACE];
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters })).actions, 2);
    const rerun = plan(input({ clusters, issues: gh.managed() }));
    expect(writesOf(rerun.actions)).toEqual([expect.objectContaining({ kind: 'create', cluster: 'csession' })]);

    const theirs = issue({ number: 9, title: 'SessionMiddleware must be installed to access request.session' });
    const gh2 = new SimulatedGitHub([theirs]);
    gh2.apply(plan(input({ clusters: [SESSION], candidates: new Map([['csession', [theirs]]]) })).actions, 1);
    const resumed = plan(input({ clusters: [SESSION], issues: gh2.managed() }));
    expect(writesOf(resumed.actions).map((a) => a.kind)).toEqual(['comment']);
    gh2.apply(resumed.actions);
    expect(writesOf(plan(input({ clusters: [SESSION], issues: gh2.managed() })).actions)).toEqual([]);
  });

  it('caps creates and writes per sweep; the rest waits', () => {
    const few = settings((s) => { s.github.maxCreatesPerRun = 1; });
    const out = plan(input({ clusters: [AUTH, SESSION, RACE], settings: few }));
    expect(out.actions.filter((a) => a.kind === 'create').map((a) => a.cluster)).toEqual(['crace']);
    expect(out.actions.filter((a) => a.kind === 'none').map((a) => a.reason)).toEqual([
      expect.stringContaining('cap reached: 1 new issues per sweep'),
      expect.stringContaining('cap reached: 1 new issues per sweep'),
    ]);
    const tight = settings((s) => { s.github.maxWritesPerRun = 2; });
    expect(writesOf(plan(input({ clusters: [AUTH, SESSION, RACE], settings: tight })).actions)).toHaveLength(2);
  });

  it('links related problems once, through the Related section', () => {
    const gh = new SimulatedGitHub();
    const token = cluster({ id: 'ctoken', template: 'AUTHENTICATION TOKEN DETECTED: Token used <NUM> ago (threshold: <NUM>)', severity: 'WARNING', count: 15 });
    const replay = cluster({ id: 'creplay', template: 'TOKEN DETECTED: Token used twice, replay suspected for <ID>', severity: 'WARNING', count: 9 });
    gh.apply(plan(input({ clusters: [token] })).actions);
    const out = plan(input({ clusters: [token, replay], issues: gh.managed() }));
    const create = out.actions.find((a) => a.kind === 'create')!;
    expect(create.body).toMatch(/- #100: same component auth-middleware/);
    expect(out.actions).toContainEqual(expect.objectContaining({ kind: 'link', cluster: 'creplay', relatedIssue: 100 }));
    gh.apply(out.actions);
    // Both quiet: no link-only write. Both busy: already linked from #101, not linked back again.
    expect(writesOf(plan(input({ clusters: [token, replay], issues: gh.managed() })).actions)).toEqual([]);
    const busy = plan(input({ clusters: [later(token), later(replay)], issues: gh.managed(), window: windowEnding(T0 + 6 * HOUR) }));
    expect(busy.actions.filter((a) => a.kind === 'link')).toEqual([]);
  });

  it('notes once that a problem went quiet, and never closes the issue', () => {
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters: [AUTH] })).actions);
    const quietWindow = windowEnding(T0 + 20 * DAY);
    const out = plan(input({ clusters: [], issues: gh.managed(), window: quietWindow }));
    expect(writesOf(out.actions)).toEqual([expect.objectContaining({ kind: 'update', issue: 100, reason: expect.stringContaining('noted once') })]);
    expect(out.actions.some((a) => a.kind === 'none' && /close/.test(a.reason) && a.kind !== 'none')).toBe(false);
    gh.apply(out.actions);
    expect(gh.issues[0]!.state).toBe('open');
    expect(gh.issues[0]!.body).toContain('Not seen for 14 days or more');
    expect(writesOf(plan(input({ clusters: [], issues: gh.managed(), window: windowEnding(T0 + 21 * DAY) })).actions)).toEqual([]);
    // The problem returns: the note goes away with the next evidence.
    const back = plan(input({ clusters: [later(AUTH, 3, 21 * 24)], issues: gh.managed(), window: windowEnding(T0 + 21 * DAY) }));
    gh.apply(back.actions);
    expect(gh.issues[0]!.body).not.toContain('Not seen for');
  });

  it('finds the issue of a template that generalised, and remembers the new cluster id', () => {
    const gh = new SimulatedGitHub();
    const narrow = cluster({ id: 'cold', template: 'Payment provider timeout after <NUM> for order <ID>', count: 4 });
    gh.apply(plan(input({ clusters: [narrow] })).actions);
    const general = later(cluster({ id: 'cnew', template: 'Payment provider timeout after <*> for <*>', count: 6 }));
    // The classifier places the issue's stored samples in the generalised cluster (classify/rederive-ids).
    const rederived = new Map([[gh.managed()[0]!.number, [{ id: 'cnew', placed: 'whole' as const }]]]);
    const out = plan(input({ clusters: [general], issues: gh.managed(), window: windowEnding(T0 + 6 * HOUR), rederived }));
    expect(out.actions.filter((a) => a.kind === 'create')).toEqual([]);
    gh.apply(out.actions);
    expect(gh.managed()[0]!.state_block).toMatchObject({ clusterId: 'cold', aliases: ['cnew'], template: general.template });
  });

  it('never files a second issue when two clusters find the same one', () => {
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters: [AUTH] })).actions);
    const twin = later(cluster({ ...AUTH, id: 'cauth2', count: 3 }));
    const rederived = new Map([[gh.managed()[0]!.number, [{ id: 'cauth2', placed: 'whole' as const }]]]);
    const out = plan(input({ clusters: [later(AUTH), twin], issues: gh.managed(), window: windowEnding(T0 + 6 * HOUR), rederived }));
    expect(out.actions.filter((a) => a.kind === 'create')).toEqual([]);
    expect(out.actions.find((a) => a.cluster === 'cauth2')).toMatchObject({ kind: 'none', reason: expect.stringContaining('same problem as #100') });
  });

  it('does not take a look-alike template for the same problem: only the classifier vouches', () => {
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters: [cluster({ id: 'corders', template: 'GET <PATH> <NUM>', count: 5 })] })).actions);
    const probe = later(cluster({ id: 'cprobe', template: 'GET <*> <NUM>', count: 3 }));
    const out = plan(input({ clusters: [probe], issues: gh.managed(), window: windowEnding(T0 + 6 * HOUR) }));
    expect(out.actions.filter((a) => a.issue === 100)).toEqual([]);
  });

  it('calls a problem seen only in the newest revision active-dev', () => {
    const old = cluster({ id: 'cold1', template: 'Cache warmup slow for shard <NUM>', count: 9, revisions: [{ name: `${SERVICE}-00041-abc`, firstSeen: T0 - 5 * HOUR, count: 9 }] });
    const fresh = cluster({ id: 'cfresh', template: 'Feature flag client not initialised before first request', count: 4, revisions: [{ name: `${SERVICE}-00042-def`, firstSeen: T0 - 2 * HOUR, count: 4 }] });
    const out = plan(input({ clusters: [old, fresh] }));
    expect(out.problems.find((p) => p.id === 'cfresh')!.category).toBe('active-dev');
    expect(out.problems.find((p) => p.id === 'cold1')!.category).toBe('new');
  });
});
