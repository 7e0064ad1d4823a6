// An issue whose title a piece of a record gave: a past release read one line of a record as a problem
// of its own (a frame line, the record's message above the exception it logs today) and named the issue
// after it, or found no word to name it by (`unclassified-problem`). Once that issue tracks the whole
// record, on-call reads the piece's name over the problem's evidence: it takes the problem's name, but
// only while the title is still the one the gardener wrote (a person's title is theirs), and only when
// the old name does not already say it (names that differ by a word are not worth a rename). An issue
// whose title came from the record is never renamed, even when today's naming would say it otherwise.
import { isFallbackName, parseTitle } from '../render/index.js';
import type { TrackedIssue } from '../shared/types.js';
import type { IssueMatch } from './match-issue.js';

/** Why the title should take the problem's name, in the words the worklog gives. */
export type PieceTitle = 'came from a piece of the record' | 'named no problem';

/** Null: the title stays as it is. `name`: the short name today's classifier gives the problem. */
export function pieceTitle(issue: TrackedIssue, match: IssueMatch, name: string): PieceTitle | null {
  const S = issue.state_block;
  // The title and the body are the gardener's, and the title is the one it last wrote.
  if (issue.state !== 'open' || !issue.authorIsGardener || issue.evidenceCommentId !== null) return null;
  if (S === null || S.title === undefined || S.title !== issue.title) return null;
  const current = parseTitle(issue.title)?.shortName;
  if (current === undefined || isFallbackName(name) || sayTheSame(current, name)) return null;
  if (match.by === 'rederived' && match.placed === 'piece') return 'came from a piece of the record';
  return isFallbackName(current) ? 'named no problem' : null;
}

/** One name's words hold all of the other's. */
function sayTheSame(a: string, b: string): boolean {
  const wa = new Set(a.split('-'));
  const wb = new Set(b.split('-'));
  const within = (x: Set<string>, y: Set<string>) => [...x].every((w) => y.has(w));
  return within(wa, wb) || within(wb, wa);
}
