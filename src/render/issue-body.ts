// Everything the gardener writes into an issue: the body of an issue it files, its one evidence
// comment on an issue a person filed, and in-place updates of either. Each is made of sections
// (sections.ts) plus the hidden state block, so a rerun can rewrite its parts and keep a person's.
import type { IssueState } from '../shared/types.js';
import { FULL_LIMITS, SMALLER_LIMITS, renderEvidence, renderRelated, type EvidenceView, type RelatedLink, type RenderLimits } from './evidence.js';
import { upsertSection } from './sections.js';
import { withStateBlock } from './state-block.js';

/** GitHub rejects bodies and comments longer than 65,536 characters; keep a margin. */
export const BODY_LIMIT = 65_000;

const BODY_FOOTER =
  '<sub>Filed by log-gardener. The sections above are updated in place after each sweep that finds new ' +
  'entries; text you add outside them is kept.</sub>';
const COMMENT_HEADER =
  '**log-gardener evidence**: this comment is kept current in place after each sweep that finds new entries.';

export interface ManagedText {
  evidence?: EvidenceView;
  /** Undefined leaves the Related section as it is; [] removes it. */
  related?: RelatedLink[];
  /** Undefined leaves the note as it is; null removes it. */
  note?: string | null;
  state: IssueState;
}

/** The body of an issue the gardener files. */
export function renderIssueBody(parts: ManagedText & { evidence: EvidenceView }): string {
  return fit((limits) => compose('', parts, limits, BODY_FOOTER));
}

/** The gardener's evidence comment on an issue a person filed (their body is never rewritten). */
export function renderEvidenceComment(parts: ManagedText & { evidence: EvidenceView }): string {
  return fit((limits) => compose('', parts, limits, null, COMMENT_HEADER));
}

/**
 * An existing body or evidence comment with the gardener's sections replaced and the state block
 * updated; everything else in the text stays as it is.
 */
export function updateManagedText(existing: string, parts: ManagedText, comment: boolean): string {
  return fit((limits) => compose(existing, parts, limits, comment ? null : BODY_FOOTER, comment ? COMMENT_HEADER : undefined));
}

function compose(existing: string, parts: ManagedText, limits: RenderLimits, footer: string | null, header?: string): string {
  let text = existing;
  if (parts.note !== undefined) text = upsertSection(text, 'note', parts.note);
  if (parts.evidence) {
    const evidence = [header, renderEvidence(parts.evidence, limits), footer].filter(Boolean).join('\n\n');
    text = upsertSection(text, 'evidence', evidence);
  }
  if (parts.related !== undefined) text = upsertSection(text, 'related', renderRelated(parts.related));
  return withStateBlock(text, parts.state);
}

function fit(render: (limits: RenderLimits) => string): string {
  let text = render(FULL_LIMITS);
  for (const limits of SMALLER_LIMITS) {
    if (text.length <= BODY_LIMIT) return text;
    text = render(limits);
  }
  // Only a person's own text can still be too long here. Cutting it would cut the state block and
  // lose the issue's identity (a duplicate next sweep); GitHub refusing one write is the lesser harm.
  return text;
}
