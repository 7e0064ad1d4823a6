// Core-merge groups as the tests write them, and which of them mergeByCore joins.
import { mergeByCore, type CoreGroup } from '../../../src/classify/core-merge.js';

/** A group that is a problem, of `template`, with whatever else the test sets. */
export const g = (id: string, template: string, over: Partial<CoreGroup> = {}): CoreGroup => ({ id, template, problem: true, ...over });

/** The groups' ids as mergeByCore joins them: each set sorted, the sets in order. */
export function joined(groups: CoreGroup[]): string[][] {
  const moved = mergeByCore(groups);
  const byRoot = new Map<string, string[]>();
  for (const x of groups) {
    const root = moved.get(x.id) ?? x.id;
    byRoot.set(root, [...(byRoot.get(root) ?? []), x.id].sort());
  }
  return [...byRoot.values()].sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}
