// Links travel inside the text the gardener writes (its Related section); these records say so
// in the plan and the worklog. They carry no body: there is nothing more to send for them.
import type { RelatedLink } from '../render/index.js';
import type { Action } from '../shared/types.js';

export function linkRecords(links: RelatedLink[], base: Pick<Action, 'cluster' | 'title'> & Partial<Action>): Action[] {
  const target = base.issue !== undefined ? `#${base.issue}` : 'the new issue';
  return links.map((l) => ({
    kind: 'link' as const,
    cluster: base.cluster,
    title: base.title,
    ...(base.issue !== undefined ? { issue: base.issue } : {}),
    ...(base.url !== undefined ? { url: base.url } : {}),
    relatedIssue: l.number,
    reason: `related to #${l.number}${l.why ? ` (${l.why})` : ''}: listed under Related in ${target}, written with its evidence`,
  }));
}

export function linksText(links: RelatedLink[]): string {
  return links.length > 0 ? `; links ${links.map((l) => `#${l.number}`).join(', ')}` : '';
}
