// Identity across the change to one problem per service: issues written while a message two services
// logged was one problem (test/fixtures/identity/before-per-service-*) are found again; an issue of
// such a problem keeps one of its services, the other service's problem gets its own issue, linked
// to it; states now remember their service, and old states still parse.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { createClassifier, rederiveIds, type LiveCluster } from '../../../src/classify/index.js';
import { loadSettings } from '../../../src/config/load-settings.js';
import { sampleEntry } from '../../../src/normalize/index.js';
import { issueSamples } from '../../../src/plan/index.js';
import { RelatedIndex } from '../../../src/plan/related.js';
import {
  parseEvidenceServices, parseStateBlock, renderEvidence, renderIssueBody, renderStateBlock, type EvidenceView,
} from '../../../src/render/index.js';
import { createFileSource } from '../../../src/source/log-file.js';
import type { IssueStore } from '../../../src/shared/ports.js';
import type { ActionResult, Entry, IssueState, Problem, TrackedIssue } from '../../../src/shared/types.js';
import { runSweep } from '../../../src/sweep.js';

interface FixtureIssue { number: number; title: string; labels: string[]; state: 'open'; body: string }

const FIXTURE = 'test/fixtures/identity/before-per-service-issues.json';
const LOGS = 'test/fixtures/identity/before-per-service-input.jsonl';

function tracked(i: Pick<FixtureIssue, 'number' | 'title' | 'body'>, over: Partial<TrackedIssue> = {}): TrackedIssue {
  return {
    number: i.number, title: i.title, url: `https://github.com/acme/backend/issues/${i.number}`, state: 'open',
    stateReason: null, closedAt: null, labels: ['log-gardener'], author: 'log-gardener[bot]', authorIsGardener: true,
    body: i.body, state_block: parseStateBlock(i.body), evidenceCommentId: null, evidenceCommentBody: null, ...over,
  };
}

const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { issues: FixtureIssue[] };
const oldIssues = (): TrackedIssue[] => fixture.issues.map((i) => tracked(i));
const servicesNamed = new Map(fixture.issues.map((i) => [i.number, parseEvidenceServices(i.body)!]));

function store(issues: TrackedIssue[]): IssueStore {
  return {
    repositoryUrl: 'https://github.com/acme/backend',
    listManaged: async () => issues,
    searchSimilar: async () => [],
    apply: async (action): Promise<ActionResult> => ({ ...action, status: 'done' }),
    commitFile: async () => ({ committed: false }),
  };
}

async function sweep(issues: TrackedIssue[]) {
  const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
  settings.github.maxCreatesPerRun = 1000;
  settings.github.maxWritesPerRun = 10_000;
  return runSweep(
    { source: createFileSource(LOGS), store: store(issues), logger: pino({ level: 'silent' }) },
    { runId: 'upgrade', window: { start: Date.parse('2025-09-11T00:00:00Z'), end: Date.parse('2025-09-12T00:00:00Z') }, services: [], dryRun: true, settings },
  );
}

describe('issues filed while a message of two services was one problem', () => {
  it('are the fixture as written: states without services, bodies naming one service, two, or none', () => {
    expect(fixture.issues).toHaveLength(8);
    for (const i of fixture.issues) expect(parseStateBlock(i.body)?.services).toBeUndefined();
    expect([...servicesNamed.values()].map((s) => s.length).sort()).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect([...servicesNamed.values()]).toContainEqual(['']);
  });

  it('each keeps tracking a problem of one of the services it named; nothing is tracked twice', async () => {
    const result = await sweep(oldIssues());
    const clusters = new Map(result.report.clusters.map((c) => [c.id, c]));
    expect(new Set(result.actions.map((a) => a.cluster))).toEqual(new Set(clusters.keys()));
    const byIssue = new Map<number, string[]>();
    for (const a of result.actions) if (a.issue !== undefined) byIssue.set(a.issue, [...(byIssue.get(a.issue) ?? []), a.cluster]);
    for (const i of fixture.issues) {
      const mine = [...new Set(byIssue.get(i.number) ?? [])];
      expect({ issue: i.number, clusters: mine.length }).toEqual({ issue: i.number, clusters: 1 });
    }
    // Every cluster is tracked by an old issue or filed once.
    const creates = result.actions.filter((a) => a.kind === 'create');
    const trackedClusters = new Set([...byIssue.values()].flat());
    for (const id of clusters.keys()) expect(trackedClusters.has(id) !== creates.some((a) => a.cluster === id)).toBe(true);
  });

  it('the other service of a two-service issue gets its own issue, naming it alone, and linking the old one', async () => {
    const result = await sweep(oldIssues());
    const creates = result.actions.filter((a) => a.kind === 'create');
    const twoServiceIssues = fixture.issues.filter((i) => servicesNamed.get(i.number)!.length === 2);
    expect(creates).toHaveLength(twoServiceIssues.length);
    for (const old of twoServiceIssues) {
      const created = creates.filter((a) => (a.body ?? '').includes(`#${old.number}`));
      expect({ old: old.number, created: created.length }).toEqual({ old: old.number, created: 1 });
      const state = parseStateBlock(created[0]!.body)!;
      expect(state.services).toHaveLength(1);
      expect(servicesNamed.get(old.number)).toContain(state.services![0]);
      expect(created[0]!.body).toContain('- #' + old.number + ': same message');
      const kept = result.actions.find((a) => a.issue === old.number)!;
      expect(kept.cluster).not.toBe(created[0]!.cluster);
    }
  });

});

describe('what an issue remembers of its service', () => {
  const T = '2025-09-11T00:00:00.000Z';
  const STATE: IssueState = { version: 1, clusterId: 'cabc', aliases: [], template: 'disk full', totalCount: 1, lastWindowCount: 1, firstSeen: T, lastSeen: T, priority: 'P2', windowEnd: T, samples: ['disk full'] };
  const bodyWith = (state: IssueState | Record<string, unknown>) => `text\n\n${renderStateBlock(state as IssueState)}\n`;

  it.each([
    ['one service', ['api'], ['api']],
    ['no service', [], []],
  ])('a state with %s reads back as written', (_, services, expected) => {
    expect(parseStateBlock(bodyWith({ ...STATE, services }))?.services).toEqual(expected);
  });

  it.each([
    ['not a list', 'api'],
    ['a list of other things', [1, 2]],
    ['null', null],
  ])('services that are %s are dropped, the state kept', (_, services) => {
    const state = parseStateBlock(bodyWith({ ...STATE, services }));
    expect(state).not.toBeNull();
    expect(state?.services).toBeUndefined();
  });

  it('a state written before services were kept parses as before', () => {
    expect(parseStateBlock(bodyWith(STATE))).toEqual(STATE);
  });

  const viewOf = (services: string[]): EvidenceView => {
    const p: Problem = {
      id: 'cabc', template: 'disk full', kind: 'text', count: 3, severity: 'ERROR', firstSeen: 0, lastSeen: 0, services,
      revisions: [], samples: ['disk full'], timeline: [], priority: 'P2', category: 'new', shortName: 'disk-full', matters: true, why: 'test',
    };
    return { problem: p, window: { start: 0, end: 3_600_000 }, totalCount: 3, firstSeen: 0, lastSeen: 0, consoleUrl: 'https://console.cloud.google.com/logs', priorityNote: 'default' };
  };
  const evidenceOf = (services: string[]): string => renderIssueBody({ evidence: viewOf(services), related: [], state: STATE });

  it.each([
    [['api']],
    [['ledger-php', 'thumbs-kt']],
    [['a', 'b', 'c']],
  ])('the services an evidence section names read back: %j', (services) => {
    expect(parseEvidenceServices(evidenceOf(services))).toEqual(services);
    expect(parseEvidenceServices(renderEvidence(viewOf(services)))).toEqual(services);
  });

  it('an evidence section of entries with no service names the empty service; a body with none names nothing', () => {
    expect(parseEvidenceServices(evidenceOf([]))).toEqual(['']);
    expect(parseEvidenceServices('a person wrote this: 3 × ERROR in `api` from yesterday')).toBeNull();
    expect(parseEvidenceServices(null)).toBeNull();
  });

  it.each<[string, Partial<TrackedIssue>, string[] | undefined]>([
    ['its state', { body: bodyWith({ ...STATE, services: ['api'] }) }, ['api']],
    ['its state, with no service', { body: bodyWith({ ...STATE, services: [] }) }, ['']],
    ['its evidence, for a state written before', { body: `${evidenceOf(['web', 'api'])}` }, ['web', 'api']],
    ['its evidence comment', { body: bodyWith(STATE), evidenceCommentBody: evidenceOf(['worker']) }, ['worker']],
    ['nothing: every service of the sweep is tried', { body: bodyWith(STATE) }, undefined],
  ])('an issue\'s services come from %s', (_, over, expected) => {
    const issue = tracked({ number: 7, title: 't', body: over.body! }, over);
    issue.state_block = parseStateBlock(over.body);
    expect(issueSamples(issue)?.services).toEqual(expected);
  });
});

describe('re-deriving an old issue\'s problem within its services', () => {
  const entry = (service: string, text: string, at = 0): Entry => ({ time: Date.parse('2025-09-11T10:00:00Z') + at, severity: 'ERROR', service, revision: '', kind: 'text', text });
  const MEMORY = 'Memory limit of 512 MiB exceeded with 530 MiB used. Consider increasing the memory limit';

  function classified(counts: Record<string, number>) {
    const c = createClassifier();
    for (const [service, n] of Object.entries(counts)) for (let i = 0; i < n; i++) c.add(entry(service, MEMORY, i));
    c.add(entry('thumbs-kt', 'render failed: unsupported image type'));
    const live = new Map<string, LiveCluster>(c.clusters().map((k) => [k.id, { service: k.services[0] ?? '', count: k.count }]));
    const idOf = (service: string) => c.clusters().find((k) => (k.services[0] ?? '') === service && k.template.startsWith('Memory'))?.id;
    return { c, live, idOf };
  }
  const stored = (services: string[]) => [{ issue: 9, entries: services.map((s) => ({ ...sampleEntry(MEMORY)!, service: s })) }];

  it.each<[string, Record<string, number>, string[], string | null]>([
    ['the service that logged it most keeps the issue', { 'thumbs-kt': 3, 'ledger-php': 5 }, ['thumbs-kt', 'ledger-php'], 'ledger-php'],
    ['the other way round', { 'thumbs-kt': 6, 'ledger-php': 5 }, ['thumbs-kt', 'ledger-php'], 'thumbs-kt'],
    ['a tie goes to the first by name', { 'thumbs-kt': 4, 'ledger-php': 4 }, ['thumbs-kt', 'ledger-php'], 'ledger-php'],
    ['only the services the issue names are tried', { 'thumbs-kt': 3, 'ledger-php': 5 }, ['thumbs-kt'], 'thumbs-kt'],
    ['a named service quiet in this window leaves the other', { 'thumbs-kt': 3 }, ['thumbs-kt', 'ledger-php'], 'thumbs-kt'],
    ['no named service in this window: nothing', { 'search-rs': 3 }, ['thumbs-kt', 'ledger-php'], null],
    ['entries with no service are a service of their own', { '': 2, api: 9 }, [''], ''],
  ])('%s', (_, counts, services, expected) => {
    const { c, live, idOf } = classified(counts);
    const got = rederiveIds(c, stored(services), live).get(9);
    expect(got).toEqual(expected === null ? undefined : [{ id: idOf(expected), placed: 'whole' }]);
  });
});

describe('related issues', () => {
  it('the same message in two services relates their issues, even with no distinctive words to share', () => {
    const nodes = [
      { number: 1, template: 'GET /healthz 503', linked: [] },
      { template: 'GET /healthz 503', linked: [] },
      { number: 2, template: 'GET /readyz 503', linked: [] },
    ];
    const index = new RelatedIndex(nodes);
    expect(index.linksFor(nodes[1]!)).toEqual([{ number: 1, why: 'same message' }]);
  });
});
