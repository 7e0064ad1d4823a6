import { buildRunReport, type RunData } from '../../../src/report/run-report.js';
import { renderWorklog } from '../../../src/report/worklog.js';
import type { ActionResult, Problem } from '../../../src/shared/types.js';

const HOUR = 3_600_000;
const start = Date.parse('2025-09-11T00:00:00Z');
const window = { start, end: start + 24 * HOUR };

function problem(id: string, extra: Partial<Problem>): Problem {
  return {
    id, template: `template of ${id} <NUM>`, kind: 'text', count: 10, severity: 'ERROR', firstSeen: start + HOUR, lastSeen: window.end - HOUR,
    services: ['api'], revisions: [{ name: 'api-00001-abc', firstSeen: start + HOUR, count: 10 }], samples: [`sample of ${id} 42`],
    timeline: [[start + HOUR, 4], [window.end - HOUR, 6]], priority: 'P1', category: 'new', shortName: `${id}-name`, matters: true, why: 'default for ERROR',
    ...extra,
  };
}

function data(problems: Problem[], results: ActionResult[]): RunData {
  return {
    runId: 'run-1', dryRun: true, window, services: ['api'], sourceDescription: 'file x.jsonl',
    sourceResult: { filtered: 3, skippedBy: { 'malformed JSON': 2 }, complete: true },
    entries: { read: 100, filtered: 3, skipped: 2, skippedBy: { 'malformed JSON': 2 } },
    problems, results, worklog: { path: null, committed: false }, errors: [],
  };
}

const planned = (cluster: string, kind: ActionResult['kind'], reason: string, extra: Partial<ActionResult> = {}): ActionResult => ({ kind, cluster, title: `GCP-new-P1-${cluster}-name`, reason, status: kind === 'none' ? 'skipped' : 'planned', ...extra });

describe('worklog', () => {
  const problems = [
    problem('urgent', { priority: 'P0', count: 5, lastSeen: start + 2 * HOUR }),
    problem('busy', { count: 60 }),
    problem('capped', { priority: 'P2', count: 20 }),
    problem('quiet', { matters: false, count: 1, priority: 'P3', why: '1 occurrence < 20, the minimum for P3' }),
  ];
  const results = [
    planned('urgent', 'create', 'new problem'),
    planned('busy', 'create', 'new problem'),
    planned('capped', 'none', 'cap reached: 2 new issues per sweep (github.maxCreatesPerRun); waits for next sweep', { deferredBy: 'maxCreatesPerRun' }),
    planned('quiet', 'none', 'noise: 1 occurrence < 20'),
  ];
  const text = renderWorklog({ ...data(problems, results), repositoryUrl: 'https://github.com/acme/api' });

  it('summarises counts by priority and names the most urgent problem, then the most frequent', () => {
    expect(text).toContain('**3 problems worth an issue** (1 P0, 1 P1, 1 P2), 1 more below the thresholds (noise).');
    expect(text).toContain('Most urgent: **urgent-name**, 5 occurrences (P0, ERROR).\nMost frequent: **busy-name**, 60 occurrences (P1).');
    expect(text).toContain('GitHub: 2 create.');
  });

  it('gives each acted-on problem its evidence, impact and action, most urgent first', () => {
    expect(text.indexOf('### 1. P0 · urgent-name')).toBeLessThan(text.indexOf('### 2. P1 · busy-name'));
    // The base: this service's entries at the problem's severity or worse (5 + 60 + 20 + 1 ERROR entries of api).
    expect(text).toContain('- **Impact:** 5 of the 86 ERROR-or-worse entries of api in the window (6%); quiet for the last 22h of the window');
    expect(text).toContain('- **Impact:** 60 of the 86 ERROR-or-worse entries of api in the window (70%); still occurring at the end of the window');
    expect(text).toContain('- **Action:** create `GCP-new-P1-urgent-name` (planned): new problem');
  });

  it('knows a capped problem from the action, not from its wording', () => {
    const reworded = [planned('urgent', 'create', 'new problem'), planned('busy', 'none', 'capped: waits', { deferredBy: 'maxWritesPerRun' }), planned('capped', 'none', 'not a cap at all')];
    const other = renderWorklog({ ...data(problems.slice(0, 3), reworded), repositoryUrl: null });
    expect(other).toMatch(/## Waiting for the next sweep[^\n]*\n\n[^\n]*\n[^\n]*\n\| P1 \| 60 \| busy-name \|[^\n]*\n\n/);
  });

  it('lists capped problems in one table and noise in another, not as full sections', () => {
    expect(text).not.toContain('capped-name\n\n- **Pattern');
    expect(text).toMatch(/## Waiting for the next sweep[^\n]*\n\n\| priority[^\n]*\n[^\n]*\n\| P2 \| 20 \| capped-name \| `template of capped <NUM>` \|/);
    expect(text).toMatch(/## Below the thresholds \(no issue\)[\s\S]*\| 1 \| ERROR \| `template of quiet <NUM>` \| 1 occurrence < 20/);
  });

  it('states the technical context and next steps from the same data as the report', () => {
    expect(text).toContain('- **Entries read:** 100 (filtered out: 3, skipped: 2: 2 malformed JSON)');
    expect(text).toContain('- Run without `--dry-run` to carry out the 2 planned GitHub actions.');
    expect(text).toContain('- 1 problem waits for the next sweep (per-run cap on new issues).');
    const report = buildRunReport(data(problems, results));
    expect(report.clusters.map((c) => c.id)).toEqual(['urgent', 'busy', 'capped', 'quiet']);
    expect(report.actions[0]).toEqual({ kind: 'create', cluster: 'urgent', title: 'GCP-new-P1-urgent-name', reason: 'new problem', status: 'planned' });
  });
});

describe('a severity Cloud Logging did not have', () => {
  const problems = [
    problem('plain', { severitySource: 'text', severity: 'CRITICAL' }),
    problem('pino', { severitySource: 'level' }),
    problem('own', {}),
    problem('quiet', { matters: false, count: 1, severitySource: 'text', why: '1 occurrence < 20' }),
  ];
  const results = [planned('plain', 'create', 'new problem'), planned('pino', 'create', 'new problem'), planned('own', 'create', 'new problem'), planned('quiet', 'none', 'noise')];

  it('the run report says where it was read, and only then', () => {
    const report = buildRunReport(data(problems, results));
    expect(report.clusters.map((c) => [c.id, c.severity, c.severitySource])).toEqual([
      ['plain', 'CRITICAL', 'text'], ['pino', 'ERROR', 'level'], ['own', 'ERROR', undefined], ['quiet', 'ERROR', 'text'],
    ]);
    expect(Object.keys(report.clusters[2]!)).not.toContain('severitySource');
    expect(JSON.parse(JSON.stringify(report)).clusters[0].severitySource).toBe('text');
  });

  it('the worklog says so beside the severity', () => {
    const text = renderWorklog({ ...data(problems, results), repositoryUrl: null });
    expect(text).toContain('- **Severity:** CRITICAL (severity read from the text) · **Category:** new');
    expect(text).toContain("- **Severity:** ERROR (severity read from the payload's `level` field) · **Category:** new");
    expect(text).toContain('- **Severity:** ERROR · **Category:** new');
    expect(text).toMatch(/\| 1 \| ERROR \(severity read from the text\) \| `template of quiet <NUM>` \|/);
  });
});

describe('a failed run', () => {
  const failed = (errors: RunData['errors'], read = 0): RunData => ({
    ...data([], []),
    entries: { read, filtered: 0, skipped: 0, skippedBy: {} },
    sourceResult: { filtered: 0, skippedBy: {}, complete: false, note: `read failed: ${errors[0]?.message}` },
    errors,
  });

  it('opens with the failure and its fix, and draws no conclusion from the counts', () => {
    const text = renderWorklog({
      ...failed([{ stage: 'source', message: 'Cloud Logging read failed for project p: error: Could not load the default credentials. Browse to …' }]),
      repositoryUrl: null,
    });
    const head = text.slice(0, text.indexOf('## Executive summary'));
    expect(head).toContain('## Run failed');
    expect(head).toContain('- **Failed:** `source`: Cloud Logging read failed');
    expect(head).toContain('gcloud auth application-default login');
    expect(text).not.toContain('No problem crossed the thresholds');
    expect(text).not.toContain('widen the time budget');
    expect(text).toContain('Reading logs failed after 0 entries');
  });

  it('names the role for a permission denied, and puts the cause before its consequence', () => {
    const text = renderWorklog({
      ...failed([
        { stage: 'apply', message: 'no GitHub writes this run: an earlier stage failed (see other errors)' },
        { stage: 'github', message: 'reading issues failed: cannot list issues: GitHub rejected the App\'s credentials (401 Bad credentials)' },
      ], 5),
      sourceResult: { filtered: 0, skippedBy: {}, complete: true },
      repositoryUrl: null,
    });
    expect(text).toMatch(/## Run failed\n\n- \*\*Failed:\*\* `github`: reading issues failed[^\n]*\n- \*\*Fix:\*\* GitHub refused the App \(401\)/);
  });
});

describe('impact', () => {
  it("counts a problem against its own service's entries at its severity or worse, not against everything read", () => {
    const problems = [
      problem('warn', { severity: 'WARNING', count: 30, services: ['api'] }),
      problem('err', { severity: 'ERROR', count: 10, services: ['api'] }),
      problem('other', { severity: 'CRITICAL', count: 500, services: ['web'] }),
    ];
    const text = renderWorklog({ ...data(problems, problems.map((p) => planned(p.id, 'create', 'new problem'))), repositoryUrl: null });
    expect(text).toContain('- **Impact:** 30 of the 40 WARNING-or-worse entries of api in the window (75%)');
    expect(text).toContain('- **Impact:** 10 of the 10 ERROR-or-worse entries of api in the window (100%)');
  });
});
