// A day of one Cloud Run service with `count` distinct problems, as `gcloud logging read` exports it:
// each a Python exception of its own raised from its own frame, problem i seen `base - i` times (so
// the earlier a problem, the more urgent among equals). Written to a file for the file source.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVICE = 'shop-api';
const NOUNS = ['Order', 'Invoice', 'Cart', 'Payment', 'Shipment', 'Coupon', 'Ledger', 'Refund', 'Catalog', 'Session', 'Webhook', 'Export'];
const VERBS = ['Sync', 'Lookup', 'Render', 'Persist', 'Publish', 'Validate', 'Reserve', 'Settle'];

export interface Problem {
  /** e.g. `OrderSyncError`: the exception's class, unique to the problem. */
  exception: string;
  /** The line the exception prints, as a person would paste it into an issue. */
  line: string;
}

export function problem(i: number): Problem {
  const noun = NOUNS[i % NOUNS.length]!;
  const verb = VERBS[Math.floor(i / NOUNS.length) % VERBS.length]!;
  const exception = `${noun}${verb}Error`;
  return { exception, line: `shop.errors.${exception}: could not ${verb.toLowerCase()} ${noun.toLowerCase()} 1000` };
}

/** Writes the day ending at `end` (epoch ms) to `dir`; returns the file's path. */
export function writeProblemLogs(dir: string, count: number, end: number, base = count + 4): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const { exception } = problem(i);
    const module = exception.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    for (let k = 0; k < Math.max(3, base - i); k++) {
      const at = end - 20 * 3600_000 + i * 60_000 + k * 600_000;
      const text = [
        'Traceback (most recent call last):',
        `  File "/app/shop/${module}.py", line ${40 + i}, in handle_${module}`,
        `    return backend.run(${module.split('_')[0]}_id)`,
        problem(i).line.replace(/1000$/, String(1000 + k)),
      ].join('\n');
      lines.push(JSON.stringify({
        insertId: `e${i}-${k}`, timestamp: new Date(at).toISOString(), severity: 'ERROR', textPayload: text,
        logName: 'projects/shop-prod/logs/run.googleapis.com%2Fstderr',
        resource: { type: 'cloud_run_revision', labels: { service_name: SERVICE, revision_name: `${SERVICE}-00012-abc`, project_id: 'shop-prod' } },
      }));
    }
  }
  const path = join(dir, `day-${count}.jsonl`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
