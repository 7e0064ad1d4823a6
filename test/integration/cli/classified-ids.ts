// What `classify` says of a file of entries, read back by the entries' insertIds: the companion tests
// ask which clusters the entries of one kind (an id prefix) got, of entries each test file writes once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';
import { classifyFile } from '../../../src/entry/classify-file.js';

/**
 * A temporary folder for one test file's days, removed after its tests: the function returned writes
 * `entries` as JSONL to the file `name` in it and gives its path.
 */
export function dayFiles(prefix: string): (name: string, entries: ReadonlyArray<unknown>) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, entries) => {
    const file = join(dir, name);
    writeFileSync(file, `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
    return file;
  };
}

/** The clusters `classify` gave the entries of `file` (written from `written`, in order) whose insertId matches. */
export async function clustersByInsertId(file: string, written: ReadonlyArray<{ insertId: string }>): Promise<(ids: RegExp) => Set<string>> {
  const lines: Array<{ index: number; cluster: string }> = [];
  await classifyFile(file, 'gcp', (line) => lines.push(JSON.parse(line) as { index: number; cluster: string }));
  return (ids) => new Set(lines.filter((l) => ids.test(written[l.index]!.insertId)).map((l) => l.cluster));
}
