// One request's records joined by its trace id, through the real file source, sweep and `classify`
// (the entries: ../request-trace-day.ts).
import { pino } from 'pino';
import { loadSettings } from '../../../src/config/load-settings.js';
import { classifyFile } from '../../../src/entry/classify-file.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import { dayFiles } from './classified-ids.js';
import { entries, START } from '../request-trace-day.js';

const write = dayFiles('request-trace-');
const file = write('day.jsonl', entries());

describe("a request's access line written seconds after its error", () => {
  it("is counted under its own request's error by the sweep, not under the error written beside it", async () => {
    const settings = loadSettings('{}', {}).settings;
    const { report } = await runSweep(
      { source: createFileSource(file), store: null, logger: pino({ level: 'silent' }) },
      { runId: 'request-trace', window: { start: START - 3_600_000, end: START + 86_400_000 }, services: [], dryRun: true, settings },
    );
    const clusters = report.clusters.map((c) => ({ template: c.template, count: c.count, severity: c.severity }));
    expect(clusters.find((c) => c.template.includes('quote for cart'))).toMatchObject({ count: 24, severity: 'ERROR' });
    expect(clusters.find((c) => c.template.includes('stock lookup for'))).toMatchObject({ count: 24, severity: 'ERROR' });
    // Cloud Run's request log is the platform's record of the request: a problem of its own, its 12 entries.
    expect(clusters.find((c) => c.template.endsWith(' 500'))).toMatchObject({ count: 12 });
    expect(clusters).toHaveLength(3);
  });

  it("gets its request's error's cluster from classify, as the sweep files it", async () => {
    const lines: Array<{ index: number; cluster: string }> = [];
    await classifyFile(file, 'gcp', (line) => lines.push(JSON.parse(line) as { index: number; cluster: string }));
    const all = entries();
    const clusterOf = (prefix: string): Set<string> => new Set(lines.filter((l) => all[l.index]!.insertId.startsWith(prefix)).map((l) => l.cluster));
    expect(clusterOf('qa')).toEqual(clusterOf('qe'));
    expect(clusterOf('sa')).toEqual(clusterOf('se'));
    expect(clusterOf('qe').size).toBe(1);
    expect(clusterOf('qe')).not.toEqual(clusterOf('se'));
    expect(clusterOf('qr').size).toBe(1);
    expect([...clusterOf('qr')][0]).not.toBe([...clusterOf('qe')][0]);
  });
});
