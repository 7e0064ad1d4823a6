// What `classify` says of a file of entries, read back by the entries' insertIds: the companion tests
// ask which clusters the entries of one kind (an id prefix) got.
import { classifyFile } from '../../../src/entry/classify-file.js';

/** The clusters `classify` gave the entries of `file` (written from `written`, in order) whose insertId matches. */
export async function clustersByInsertId(file: string, written: ReadonlyArray<{ insertId: string }>): Promise<(ids: RegExp) => Set<string>> {
  const lines: Array<{ index: number; cluster: string }> = [];
  await classifyFile(file, 'gcp', (line) => lines.push(JSON.parse(line) as { index: number; cluster: string }));
  return (ids) => new Set(lines.filter((l) => ids.test(written[l.index]!.insertId)).map((l) => l.cluster));
}
