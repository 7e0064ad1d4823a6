// What the CLI says on stderr after a sweep: a failed run opens with its failure and the fix, an empty
// one says why nothing was read, and (with --json, where stdout is the report) one line of counts.
import { adviseFailure } from '../report/failure-advice.js';
import type { RunReport } from '../report/run-report.js';

export function sweepSummary(report: RunReport, options: { counts: boolean }): string[] {
  const lines: string[] = [];
  const advice = adviseFailure(report.errors);
  if (advice) {
    lines.push(`sweep failed: ${advice.failure.stage}: ${advice.failure.message}`);
    lines.push(`fix: ${advice.fix}`);
  }
  if (report.source.nothingRead) lines.push(report.source.nothingRead);
  if (options.counts) lines.push(counts(report));
  for (const error of report.errors) if (error !== advice?.failure) lines.push(`${error.stage}: ${error.message}`);
  return lines.map((line) => `log-gardener: ${line}`);
}

function counts(report: RunReport): string {
  const matters = report.clusters.filter((c) => c.matters).length;
  const writes = report.actions.filter((a) => a.kind !== 'none').length;
  return `${report.entries.read} entries, ${report.clusters.length} problems (${matters} worth an issue), ${writes} GitHub action${writes === 1 ? '' : 's'} ${report.dryRun ? 'planned (dry run)' : 'taken'}`;
}
