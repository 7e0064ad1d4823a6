// Two problems never share a title: a new issue's short name is unique among the open issues and
// the other problems filed in the same sweep, and an issue already filed keeps its name.
import { plan } from '../../../src/plan/index.js';
import { parseTitle } from '../../../src/render/index.js';
import type { Cluster } from '../../../src/shared/types.js';
import { HOUR, T0, cluster, input, settings, windowEnding } from './fixtures.js';
import { SimulatedGitHub, writesOf } from './simulated-github.js';

const keyError = (id: string, frame: string, count: number): Cluster =>
  cluster({ id, kind: 'stack', exceptionType: 'KeyError', template: 'KeyError: <QUOTED>', frames: [frame], count });
const ORDERS = keyError('corders', 'app.orders.load_order', 12);
const USERS = keyError('cusers', 'app.users.load_user', 5);
// Alike in their first seven words, different after: two problems, one plain name.
const RENEWAL = cluster({ id: 'crenewal', template: 'Payment provider gateway timeout while capturing card funds for subscription renewal', count: 9 });
const PURCHASE = cluster({ id: 'cpurchase', template: 'Payment provider gateway timeout while capturing card funds for one-off purchase', count: 4 });

function createdNames(clusters: Cluster[], issues = new SimulatedGitHub().managed()): Map<string, string> {
  const out = plan(input({ clusters, issues }));
  return new Map(out.actions.filter((a) => a.kind === 'create').map((a) => [a.cluster, parseTitle(a.title)!.shortName]));
}

describe('unique short names', () => {
  it('tells two problems of one sweep apart by what differs (here the frame); the more urgent keeps the plain name', () => {
    const names = createdNames([USERS, ORDERS]);
    expect(names.get('corders')).toBe('key-error');
    expect(names.get('cusers')).toBe('key-error-load-user');
  });

  it('names do not depend on the order clusters arrive in', () => {
    expect(createdNames([ORDERS, USERS])).toEqual(createdNames([USERS, ORDERS]));
  });

  it('tells apart two messages that differ only past the words the name has room for', () => {
    const names = createdNames([RENEWAL, PURCHASE]);
    expect(names.get('crenewal')).toBe('payment-provider-gateway-timeout-capturing-card-funds');
    expect(names.get('cpurchase')).toBe('payment-provider-gateway-timeout-capturing-card-funds-one');
  });

  it('never takes the name of an open issue, even one about another problem', () => {
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters: [RENEWAL] })).actions);
    const names = createdNames([PURCHASE], gh.managed());
    expect(names.get('cpurchase')).toBe('payment-provider-gateway-timeout-capturing-card-funds-one');
  });

  it('a closed issue does not hold its name', () => {
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters: [RENEWAL] })).actions);
    Object.assign(gh.issues[0]!, { state: 'closed', stateReason: 'completed', closedAt: new Date(T0).toISOString() });
    expect(createdNames([PURCHASE], gh.managed()).get('cpurchase')).toBe('payment-provider-gateway-timeout-capturing-card-funds');
  });

  it("a rule that names two problems alike gives the second the rule's name plus what tells it apart (not a word both have)", () => {
    const ruled = settings((s) => { s.rules.unshift({ match: 'KeyError', shortName: 'profile-lookup' }); });
    const out = plan(input({ clusters: [ORDERS, USERS], settings: ruled }));
    expect(out.actions.filter((a) => a.kind === 'create').map((a) => parseTitle(a.title)!.shortName)).toEqual(['profile-lookup', 'profile-lookup-load-user']);
  });
});

describe('an issue keeps its name when the naming rule changes', () => {
  it('only the priority part of its title changes; its short name stays the one on-call knows', () => {
    // Filed under the old rule (simulated by a configuration rule that names it the old way).
    const ABORTED = 'The request was aborted because there was no available instance.';
    const old = settings((s) => { s.rules.unshift({ match: 'no available instance', shortName: 'request-aborted-because-there-available-instance' }); });
    const first = cluster({ id: 'caborted', template: ABORTED, severity: 'WARNING', count: 20 }, T0 - 11 * HOUR, T0 - 7 * HOUR);
    const gh = new SimulatedGitHub();
    gh.apply(plan(input({ clusters: [first], settings: old, window: windowEnding(T0 - 6 * HOUR) })).actions);
    expect(gh.issues[0]!.title).toBe('GCP-new-P2-request-aborted-because-there-available-instance');
    // The upgrade: no rule, the new naming, and the count now escalates the issue to P1.
    const out = plan(input({ clusters: [cluster({ id: 'caborted', template: ABORTED, severity: 'WARNING', count: 76 })], issues: gh.managed() }));
    const update = writesOf(out.actions).find((a) => a.kind === 'update')!;
    expect(update.newTitle).toBe('GCP-new-P1-request-aborted-because-there-available-instance');
    expect(out.problems[0]!.shortName).toBe('request-aborted-because-there-available-instance');
    // A new problem filed beside it gets the new naming.
    const fresh = cluster({ id: 'cprobe', template: 'The request failed because the instance failed the readiness probe.', count: 9 });
    expect(createdNames([fresh], gh.managed()).get('cprobe')).toBe('request-failed-instance-readiness-probe');
  });
});
