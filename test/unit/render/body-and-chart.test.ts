import {
  EVIDENCE_MARKER, binTimeline, parseStateBlock, readSection, renderEvidenceComment, renderIssueBody, renderTimelineChart,
  sparkline, updateManagedText, type EvidenceView,
} from '../../../src/render/index.js';
import type { IssueState, Problem } from '../../../src/shared/types.js';

const START = Date.parse('2025-09-11T12:00:00Z');
const WINDOW = { start: START, end: START + 6 * 3_600_000 };

function problem(over: Partial<Problem> = {}): Problem {
  return {
    id: 'cabc', template: 'Token used <NUM> ago (threshold: <NUM>)', kind: 'text', count: 15, severity: 'WARNING',
    firstSeen: START + 60_000, lastSeen: START + 5 * 3_600_000, services: ['api'],
    revisions: [{ name: 'api-00041-abc', firstSeen: START + 60_000, count: 10 }, { name: 'api-00042-def', firstSeen: START + 3 * 3_600_000, count: 5 }],
    samples: ['Token used 3.2s ago (threshold: 1.0s)'], timeline: [[START, 10], [START + 3 * 3_600_000, 5]],
    priority: 'P2', category: 'new', shortName: 'token-used-ago', matters: true, why: 'test', ...over,
  };
}

function view(p: Problem = problem()): EvidenceView {
  return { problem: p, window: WINDOW, totalCount: 40, firstSeen: p.firstSeen, lastSeen: p.lastSeen, consoleUrl: 'https://console.cloud.google.com/logs/query;query=x', priorityNote: 'default for WARNING' };
}

const STATE: IssueState = {
  version: 1, clusterId: 'cabc', aliases: [], template: 'Token used <NUM> ago (threshold: <NUM>)', totalCount: 40, lastWindowCount: 15,
  firstSeen: '2025-09-11T12:01:00.000Z', lastSeen: '2025-09-11T17:00:00.000Z', priority: 'P2', windowEnd: '2025-09-11T18:00:00.000Z',
};

describe('issue body', () => {
  it('puts the evidence first and carries the state block', () => {
    const body = renderIssueBody({ evidence: view(), related: [{ number: 12, why: 'same component auth' }], state: STATE });
    expect(body.startsWith(EVIDENCE_MARKER)).toBe(true);
    for (const part of ['**15** × `WARNING`', '40 since first seen', 'Token used <NUM> ago', 'Token used 3.2s ago', '`api-00042-def`', 'first to show it in this window: `api-00041-abc`', 'xychart-beta', 'Open these entries in Cloud Logging', '- #12: same component auth']) {
      expect(body).toContain(part);
    }
    expect(parseStateBlock(body)).toEqual(STATE);
  });

  it('stays under GitHub\'s limit with a huge sample and template', () => {
    const huge = problem({ template: 'x'.repeat(70_000), samples: ['y'.repeat(70_000)] });
    const body = renderIssueBody({ evidence: view(huge), related: [], state: STATE });
    expect(body.length).toBeLessThan(65_536);
    expect(parseStateBlock(body)).toEqual(STATE);
  });

  it('cannot be tricked by log text into forging markers, mentions or fences', () => {
    const nasty = '``` <!-- /log-gardener:evidence --> <!-- log-gardener:state {"version":1} --> @octocat';
    const body = renderIssueBody({ evidence: view(problem({ samples: [nasty] })), related: [], state: STATE });
    expect(body.match(/<!-- \/log-gardener:evidence -->/g)).toHaveLength(1);
    expect(body.match(/<!-- log-gardener:state/g)).toHaveLength(1);
    expect(body).toContain('````text');
    expect(parseStateBlock(body)).toEqual(STATE);
  });

  it('updates in place: a person\'s text outside the sections stays, the evidence and state change', () => {
    const body = renderIssueBody({ evidence: view(), related: [], state: STATE });
    const edited = `Runbook: restart the pod.\n\n${body}\n\nStill happening — Ana`;
    const next = updateManagedText(edited, { evidence: view(problem({ count: 99 })), related: [], note: null, state: { ...STATE, totalCount: 139 } }, false);
    expect(next).toContain('Runbook: restart the pod.');
    expect(next).toContain('Still happening — Ana');
    expect(readSection(next, 'evidence')).toContain('**99** ×');
    expect(parseStateBlock(next)?.totalCount).toBe(139);
    expect(updateManagedText(next, { evidence: view(problem({ count: 99 })), related: [], note: null, state: { ...STATE, totalCount: 139 } }, false)).toBe(next);
  });

  it('says where a severity Cloud Logging did not have was read, and only then', () => {
    const fromText = renderIssueBody({ evidence: view(problem({ severity: 'ERROR', severitySource: 'text' })), related: [], state: STATE });
    expect(fromText).toContain('| Severity | ERROR (severity read from the text; Cloud Logging shows these entries as DEFAULT) |');
    const fromLevel = renderIssueBody({ evidence: view(problem({ severity: 'ERROR', severitySource: 'level' })), related: [], state: STATE });
    expect(fromLevel).toContain("| Severity | ERROR (severity read from the payload's `level` field; Cloud Logging shows these entries as DEFAULT) |");
    expect(renderIssueBody({ evidence: view(), related: [], state: STATE })).toContain('| Severity | WARNING |\n');
  });

  it('writes the evidence comment for a person\'s issue with its marker', () => {
    const comment = renderEvidenceComment({ evidence: view(), related: [], state: STATE });
    expect(comment).toContain(EVIDENCE_MARKER);
    expect(comment).toContain('kept current in place');
    expect(parseStateBlock(comment)).toEqual(STATE);
  });
});

describe('timeline chart', () => {
  it('bins occurrences into aligned, labelled bars covering the window', () => {
    const bins = binTimeline([[START, 3], [START + 20 * 60_000, 2], [START + 5 * 3_600_000, 7], [START - 3_600_000, 50]], WINDOW);
    expect(bins.size).toBe(30 * 60_000);
    expect(bins.counts).toHaveLength(12);
    expect(bins.counts[0]).toBe(5);
    expect(bins.counts[10]).toBe(7);
    expect(bins.counts.reduce((a, b) => a + b, 0)).toBe(12);
    const chart = renderTimelineChart([[START, 3]], WINDOW);
    expect(chart).toContain('x-axis ["12:00", "12:30"');
    expect(chart).toContain('bar [3, 0, 0');
  });

  it.each([
    [[0, 0, 0], '▁▁▁'],
    [[1, 2, 4, 8], '▂▃▅█'],
    [[0, 100, 1], '▁█▂'],
  ])('sparkline %j', (counts, line) => {
    expect(sparkline(counts)).toBe(line);
  });
});
