// A bench's exports and truth go to a directory of their own, removed when the bench is done: each day
// bench writes tens of megabytes, and a round of measuring runs them thousands of times. `--keep` keeps
// the directory (to read an export or its truth after a run) and prints where it is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScratchDir {
  path: string;
  /** Removes the directory, or says where it is when `--keep` was given. */
  done: () => void;
}

export function scratchDir(name: string, argv: readonly string[] = process.argv): ScratchDir {
  const path = mkdtempSync(join(tmpdir(), `${name}-`));
  const keep = argv.includes('--keep');
  return {
    path,
    done: () => {
      if (keep) console.log(`\nexports and truth in ${path}`);
      else rmSync(path, { recursive: true, force: true });
    },
  };
}
