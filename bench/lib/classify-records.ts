// The real `classify` path over a file, as the benches read it: one record per input entry, in order.
import { classifyFile } from '../../src/entry/classify-file.js';

export interface ClassifyRecord {
  cluster: string | null;
  template: string | null;
  skipped?: string;
}

export async function classifyRecords(path: string): Promise<{ records: ClassifyRecord[]; lines: string[] }> {
  const lines: string[] = [];
  await classifyFile(path, 'gcp', (line) => lines.push(line));
  return { records: lines.map((l) => JSON.parse(l) as ClassifyRecord), lines };
}
