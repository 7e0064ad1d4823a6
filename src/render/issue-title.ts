// Issue titles: GCP-{category}-{priority}-{short-name}, rendered and parsed as one value.
import { CATEGORIES, PRIORITIES, type Category, type Priority } from '../shared/types.js';

export interface IssueTitle {
  category: Category;
  priority: Priority;
  shortName: string;
}

const TITLE = new RegExp(
  `^GCP-(${CATEGORIES.join('|')})-(${PRIORITIES.join('|')})-([a-z0-9]+(?:-[a-z0-9]+)*)$`,
);

export function renderTitle(t: IssueTitle): string {
  return `GCP-${t.category}-${t.priority}-${t.shortName}`;
}

/** Null when the title is not one the gardener renders (a person retitled it, or wrote their own). */
export function parseTitle(title: string): IssueTitle | null {
  const m = TITLE.exec(title.trim());
  if (!m) return null;
  return { category: m[1] as Category, priority: m[2] as Priority, shortName: m[3]! };
}
