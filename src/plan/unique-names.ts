// Titles on-call can tell apart: a new issue never gets the short name of an open issue, nor of
// another problem filed in the same sweep (nor does an issue retitled because its title came from a
// piece of its record, see piece-titles). The more urgent problem keeps the plainer name; the
// other gets what tells it apart from the holder (see shortNameCandidates), a counter only when
// nothing does. An existing issue is never renamed for this (nor when the naming rule improves:
// tracked-issue keeps the short name its title already has).
import { nameWords, parseTitle, shortNameCandidates, type ShortNameInput } from '../render/index.js';
import type { TrackedIssue } from '../shared/types.js';

/** Each name held, with the words of the problem holding it. */
export type TakenNames = Map<string, ReadonlySet<string>>;

/** Short names held by open managed issues, and by closed ones this sweep may reopen. */
export function takenNames(issues: readonly TrackedIssue[], tracked: Iterable<TrackedIssue>): TakenNames {
  const taken: TakenNames = new Map();
  const reopenable = new Set([...tracked].map((i) => i.number));
  for (const issue of issues) {
    if (issue.state !== 'open' && !reopenable.has(issue.number)) continue;
    const name = parseTitle(issue.title)?.shortName;
    if (!name) continue;
    const S = issue.state_block;
    const words = S ? nameWords({ kind: 'text', template: S.template, exceptionType: S.exceptionType }, { component: S.component }) : new Set<string>();
    taken.set(name, new Set([...words, ...name.split('-')]));
  }
  return taken;
}

/** The first name for the problem that nobody holds; it is then held. */
export function claimName(problem: ShortNameInput, preferred: string, component: string | undefined, taken: TakenNames): string {
  const context = { component, name: preferred };
  const holder = taken.get(preferred);
  for (const name of shortNameCandidates(problem, { ...context, avoid: holder })) {
    if (!taken.has(name)) {
      taken.set(name, nameWords(problem, context));
      return name;
    }
  }
  throw new Error('unreachable: the candidates end with an endless counter');
}
