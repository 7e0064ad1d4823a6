// The redacted messages an issue remembers of its problem. They outlive the classifier that grouped
// them: a later release re-derives ids from them and so finds the issue again, whatever its new id.
import { MAX_STATE_SAMPLE_CHARS, MAX_STATE_SAMPLES, parseEvidenceSample, parseEvidenceServices } from '../render/index.js';
import type { EntryKind, TrackedIssue } from '../shared/types.js';

export interface IssueSamples {
  issue: number;
  texts: string[];
  /** The kind of entry the problem is made of, when the state says (releases before 0.2 did not). */
  kind?: EntryKind;
  /**
   * The services the samples are placed in ('' for entries that named none): the state's, else those
   * the evidence names; absent when neither says (then every service of the sweep is tried).
   */
  services?: string[];
}

/**
 * What an issue remembers: the state's samples; for an issue written before states kept samples,
 * the sample its evidence shows and, failing that, its template (a template re-masks to itself).
 */
export function issueSamples(issue: TrackedIssue): IssueSamples | null {
  const state = issue.state_block;
  if (state === null) return null;
  const texts = state.samples !== undefined && state.samples.length > 0
    ? state.samples
    : [parseEvidenceSample(issue.evidenceCommentBody) ?? parseEvidenceSample(issue.body), state.template]
      .filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  if (texts.length === 0) return null;
  const services = state.services !== undefined
    ? (state.services.length > 0 ? state.services : [''])
    : (parseEvidenceServices(issue.evidenceCommentBody) ?? parseEvidenceServices(issue.body) ?? undefined);
  return {
    issue: issue.number,
    texts: texts.slice(0, MAX_STATE_SAMPLES + 1),
    ...(state.kind ? { kind: state.kind } : {}),
    ...(services !== undefined ? { services } : {}),
  };
}

/**
 * Whether a stored sample may be the start of its record only: the store keeps at most
 * MAX_STATE_SAMPLE_CHARS of each (keepSamples), and an evidence sample is cut at a longer bound.
 */
export function sampleMayBeCut(text: string): boolean {
  return text.length >= MAX_STATE_SAMPLE_CHARS;
}

/**
 * The samples to store: those already stored stay (a body that changes every sweep would be noise,
 * and the oldest samples are the ones an old id was derived from), fresh ones fill the free places.
 */
export function keepSamples(stored: readonly string[] | undefined, fresh: readonly string[]): string[] {
  const out = [...(stored ?? [])].slice(0, MAX_STATE_SAMPLES);
  for (const text of fresh) {
    if (out.length >= MAX_STATE_SAMPLES) break;
    const bounded = text.length > MAX_STATE_SAMPLE_CHARS ? text.slice(0, MAX_STATE_SAMPLE_CHARS) : text;
    if (!out.includes(bounded)) out.push(bounded);
  }
  return out;
}
