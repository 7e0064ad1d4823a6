// A day that once stopped both `classify` and the sweep: a Pekko record cut short after its exception line,
// then, on the same instance, a record of the same problem split one line per entry. Merging within the
// service found each group's core in the other's (A -> B and B -> A in one round); the second step named
// a group the first had already moved. One record's odd pieces must never lose the day.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/entry/cli.js';
import { Capture } from '../../support/capture.js';
import type { RunReport } from '../../../src/report/run-report.js';

const LINES: Array<[string, string]> = [
  ["2026-04-14T22:29:03.758639744Z", "[ERROR] [04/14/2026 22:29:03.758] [stream-pekko.actor.default-dispatcher-6] [com.acme.stream.ReservationFlow(pekko://stream)] reservation for order ORD-262199 failed\norg.apache.pekko.pattern.AskTimeoutException: Ask timed out on [Actor[pekko://str"],
  ["2026-04-14T23:13:40.999577611Z", "[ERROR] [04/14/2026 23:13:40.999] [stream-pekko.actor.default-dispatcher-9] [com.acme.stream.ReservationFlow(pekko://stream)] reservation for order ORD-558500 failed"],
  ["2026-04-14T23:13:40.999600772Z", "org.apache.pekko.pattern.AskTimeoutException: Ask timed out on [Actor[pekko://stream/user/inventory#-1387043084]] after [5000 ms]. Message of type [com.acme.stream.Inventory$Reserve]. A typical reason for `AskTimeoutException` is that the recipient actor didn't send a reply."],
  ["2026-04-14T23:13:40.999602727Z", "\tat org.apache.pekko.pattern.PromiseActorRef$.$anonfun$defaultOnTimeout$1(AskSupport.scala:699)"],
];

const entries = LINES.map(([timestamp, textPayload]) => ({
  timestamp,
  logName: 'projects/demo-project/logs/run.googleapis.com%2Fstdout',
  resource: { type: 'cloud_run_revision', labels: { service_name: 'stream-pekko', revision_name: 'stream-pekko-00092-ifq' } },
  labels: { instanceId: '0069035f' },
  textPayload,
}));

const dir = mkdtempSync(join(tmpdir(), 'merge-cycle-'));

async function run(args: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, { LOG_LEVEL: 'silent' }, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe.each([
  ['oldest first', entries],
  ['newest first', [...entries].reverse()],
])('a cut record and a split record of one problem, %s', (_, ordered) => {
  const file = join(dir, `day-${ordered === entries ? 'old' : 'new'}.jsonl`);
  writeFileSync(file, `${ordered.map((e) => JSON.stringify(e)).join('\n')}\n`);

  it('are classified, every line into the one problem', async () => {
    const out = await run(['classify', file]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const rows = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as { cluster: string });
    expect(rows).toHaveLength(LINES.length);
    expect(new Set(rows.map((r) => r.cluster)).size).toBe(1);
  });

  it('are swept as one problem', async () => {
    const out = await run(['sweep', '--logs-file', file, '--dry-run', '--json', '--now', '2026-04-15T00:00:00Z', '--window', '24h']);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as RunReport;
    expect(report.clusters).toHaveLength(1);
  });
});
