// A preview is an output too: it holds what apply would send, never a value shaped like a secret.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePreview } from '../../../src/entry/write-preview.js';
import type { Action } from '../../../src/shared/types.js';

const TOKEN = ['ghp', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('_');

describe('writePreview', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'preview-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the title and body of each write, in plan order', () => {
    const actions: Action[] = [
      { kind: 'create', cluster: 'c1', title: 'db pool exhausted', reason: 'new', body: 'Evidence first\n\nline two' },
      { kind: 'none', cluster: 'c2', title: 'quiet', reason: 'nothing changed' },
      { kind: 'update', cluster: 'c3', issue: 7, title: 'old', newTitle: 'new title', reason: 'grew', body: 'body' },
    ];
    const names = writePreview(dir, actions);
    expect(names).toEqual(['01-create-new-db-pool-exhausted.md', '02-update-issue-7-new-title.md']);
    expect(readFileSync(join(dir, names[0]!), 'utf8')).toBe('# db pool exhausted\n\nEvidence first\n\nline two');
  });

  it('withholds every line shaped like a secret, in the body and in the title, and keeps the rest', () => {
    const actions: Action[] = [{ kind: 'create', cluster: 'c1', title: `token ${TOKEN} leaked`, reason: 'new', body: `Evidence\ncalled with ${TOKEN}\nlast line` }];
    writePreview(dir, actions);
    const [file] = readdirSync(dir);
    const text = readFileSync(join(dir, file!), 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(file).not.toContain(TOKEN.toLowerCase());
    expect(text).toContain('Evidence\n[withheld: shaped like a');
    expect(text).toContain('\nlast line');
  });
});
