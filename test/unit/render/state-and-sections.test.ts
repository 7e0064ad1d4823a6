import {
  EVIDENCE_MARKER, isEvidenceComment, parseStateBlock, readSection, renderStateBlock, upsertSection, withStateBlock,
} from '../../../src/render/index.js';
import type { IssueState } from '../../../src/shared/types.js';

const STATE: IssueState = {
  version: 1,
  clusterId: 'c3f1a9b2c4d5e',
  aliases: ['c000000000001'],
  template: 'Token used <NUM> ago (threshold: <NUM>) --> "quoted" <!-- tricky -->',
  totalCount: 1234,
  lastWindowCount: 76,
  firstSeen: '2025-09-10T12:00:00.000Z',
  lastSeen: '2025-09-11T17:59:00.000Z',
  priority: 'P1',
  windowEnd: '2025-09-11T18:00:00.000Z',
  firstRevision: 'svc-00041-abc',
  title: 'GCP-new-P1-auth-token-replay',
  priorityOwner: 'gardener',
  component: 'auth-middleware',
  related: [12, 14],
};

describe('state block', () => {
  it('round-trips, even with comment-closing text in the template', () => {
    expect(parseStateBlock(renderStateBlock(STATE))).toEqual(STATE);
    expect(renderStateBlock(STATE)).not.toMatch(/-->.*-->/);
  });

  const edits: Array<[string, (body: string) => string]> = [
    ['text added above', (b) => `Looked at this on Monday, see runbook.\n\n${b}`],
    ['text added below', (b) => `${b}\n\nUpdate: deploy 42 did not fix it.`],
    ['visible text rewritten', (b) => b.replace('Some evidence', 'Evidence, reworded by on-call')],
    ['windows line endings', (b) => b.replace(/\n/g, '\r\n')],
  ];
  it.each(edits)('survives a person editing the visible text: %s', (_name, edit) => {
    const body = withStateBlock('Some evidence\n\nMore lines', STATE);
    expect(parseStateBlock(edit(body))).toEqual(STATE);
  });

  it('replaces the block in place and appends it when absent', () => {
    const once = withStateBlock('body', STATE);
    const twice = withStateBlock(once, { ...STATE, totalCount: 2000 });
    expect(twice.match(/log-gardener:state/g)).toHaveLength(1);
    expect(parseStateBlock(twice)?.totalCount).toBe(2000);
  });

  it.each([
    ['no block', 'just a body'],
    ['broken JSON', '<!-- log-gardener:state {"version":1, -->'],
    ['wrong version', renderStateBlock({ ...STATE, version: 2 as 1 })],
    ['missing cluster id', renderStateBlock({ ...STATE, clusterId: undefined as unknown as string })],
    ['bad priority', renderStateBlock({ ...STATE, priority: 'P9' as 'P1' })],
  ])('rejects %s', (_name, text) => {
    expect(parseStateBlock(text)).toBeNull();
  });

  it('drops a garbled optional field instead of losing the issue', () => {
    const text = renderStateBlock({ ...STATE, related: ['twelve'] as unknown as number[], priorityOwner: 'bob' as 'person' });
    const parsed = parseStateBlock(text)!;
    expect(parsed.clusterId).toBe(STATE.clusterId);
    expect(parsed.related).toEqual([]);
    expect(parsed.priorityOwner).toBeUndefined();
  });

  it('keeps the issue a quiet one is tracked in, and drops one that is no issue number', () => {
    expect(parseStateBlock(renderStateBlock({ ...STATE, trackedIn: 1030 }))?.trackedIn).toBe(1030);
    for (const bad of ['1030', 0, -4, 10.5]) {
      const parsed = parseStateBlock(renderStateBlock({ ...STATE, trackedIn: bad as number }))!;
      expect(parsed.clusterId).toBe(STATE.clusterId);
      expect(parsed.trackedIn).toBeUndefined();
    }
  });
});

describe('sections', () => {
  it('rewrites its own section and keeps what a person wrote around it', () => {
    const mine = upsertSection('', 'evidence', 'old evidence');
    const edited = `Person's note on top\n\n${mine}\nPerson's note below`;
    const updated = upsertSection(edited, 'evidence', 'new evidence');
    expect(readSection(updated, 'evidence')).toBe('new evidence');
    expect(updated).toContain("Person's note on top");
    expect(updated).toContain("Person's note below");
    expect(updated).not.toContain('old evidence');
  });

  it('keeps the order note, evidence, related, state', () => {
    let text = withStateBlock(upsertSection('', 'evidence', 'E'), STATE);
    text = upsertSection(text, 'related', 'R');
    text = upsertSection(text, 'note', 'N');
    const at = (s: string): number => text.indexOf(s);
    expect(at('log-gardener:note')).toBeLessThan(at('log-gardener:evidence'));
    expect(at('/log-gardener:evidence')).toBeLessThan(at('log-gardener:related'));
    expect(at('/log-gardener:related')).toBeLessThan(at('log-gardener:state'));
    expect(readSection(upsertSection(text, 'note', null), 'note')).toBeNull();
  });

  it('marks the evidence comment', () => {
    expect(isEvidenceComment(upsertSection('', 'evidence', 'x'))).toBe(true);
    expect(isEvidenceComment('a comment that mentions log-gardener')).toBe(false);
    expect(isEvidenceComment(null)).toBe(false);
    expect(EVIDENCE_MARKER).toBe('<!-- log-gardener:evidence -->');
  });
});
