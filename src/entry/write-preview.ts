// `sweep --dry-run --preview DIR`: one markdown file per planned write that carries text, holding the
// title and the body exactly as apply would send them (the same length cut), so a person can read
// what would land on GitHub before it does. The file is `# {title}`, a blank line, then the body.
// A line shaped like a secret is withheld here as the GitHub client would refuse it: a preview is an
// output too, often pasted into a chat or a ticket.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { limitBody } from '../github/limit-body.js';
import { withholdSecretLines } from '../normalize/index.js';
import type { Action } from '../shared/types.js';

/** Writes the files; returns their names, in plan order. */
export function writePreview(dir: string, actions: readonly Action[]): string[] {
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (const action of actions) {
    if (action.kind === 'none' || action.body === undefined) continue;
    const title = withholdSecretLines(action.newTitle ?? action.title);
    const target = action.issue !== undefined ? `issue-${action.issue}` : 'new';
    const name = `${String(names.length + 1).padStart(2, '0')}-${action.kind}-${target}-${slug(title)}.md`;
    writeFileSync(join(dir, name), `# ${title}\n\n${withholdSecretLines(limitBody(action.body))}`);
    names.push(name);
  }
  return names;
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'untitled';
}
