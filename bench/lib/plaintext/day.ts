// One Cloud Run day of the plain-text services: every family's writes at seeded times, turned into
// LogEntry objects the way Cloud Run does it (a JSON line becomes jsonPayload, a text write becomes
// textPayload, often one entry per line), with the ground truth of every entry.
import { Prng } from '../prng.js';
import { entryTimestamp } from './formats.js';
import { catalogApi, ingestWorker } from './python-services.js';
import { notify, storefront } from './node-services.js';
import { dispatch, gateway, ledger } from './go-services.js';
import { accounts, billing, inventory, orders, platformFamilies } from './other-services.js';
import type { Family, Level, ServiceDef, Write } from './model.js';

export const SERVICES: readonly ServiceDef[] = [catalogApi, ingestWorker, storefront, notify, ledger, dispatch, billing, accounts, inventory, orders, gateway];

export const PROJECT = 'shop-prod-2231';
/** The day: 2026-03-10, [00:00, 24:00) UTC. */
export const DAY_START_US = Date.UTC(2026, 2, 10) * 1000;
const DAY_US = 86_400_000_000;

export interface Truth {
  family: string;
  /** What the text says, as a Cloud Logging severity. */
  severity: Level;
  service: string;
  /** How the entry came to be: `whole`, `line` (one line of a split write), `cut`, `orphan`. */
  shape: string;
}

export interface Day {
  /** Oldest first, as a JSONL export would hold them. */
  entries: Array<Record<string, unknown>>;
  truth: Truth[];
  start: number;
  end: number;
  services: string[];
}

interface Placed { t: number; seq: number; entry: Record<string, unknown>; truth: Truth }

interface ServiceRun {
  svc: ServiceDef;
  instances: string[];
  revisions: [string, string];
  noise: Family[];
}

export function buildDay(seed: number): Day {
  const rng = new Prng(seed, 'plaintext-day');
  const placed: Placed[] = [];
  let seq = 0;

  const makeEntry = (run: ServiceRun, t: number, instance: string, rev: number, w: Write, text: string | undefined): Record<string, unknown> => {
    const e: Record<string, unknown> = {};
    if (w.httpRequest) e.httpRequest = w.httpRequest;
    e.insertId = `${rng.hex(14)}${(seq & 0xffffff).toString(16).padStart(6, '0')}`;
    if (w.json) e.jsonPayload = w.json;
    e.labels = { instanceId: instance };
    e.logName = `projects/${PROJECT}/logs/run.googleapis.com%2F${w.stream.replace('/', '%2F')}`;
    e.receiveTimestamp = entryTimestamp(t + rng.int(20_000, 900_000), rng);
    e.resource = {
      labels: { configuration_name: run.svc.name, location: 'us-central1', project_id: PROJECT, revision_name: run.revisions[rev], service_name: run.svc.name },
      type: 'cloud_run_revision',
    };
    if (w.severity) e.severity = w.severity;
    if (text !== undefined) e.textPayload = text;
    e.timestamp = entryTimestamp(t, rng);
    return e;
  };

  const push = (t: number, entry: Record<string, unknown>, truth: Truth): void => {
    placed.push({ t, seq, entry, truth });
    seq += 1;
  };

  /** Places a family's writes at `t`; returns the time span the lines took. */
  const place = (run: ServiceRun, f: Family, t: number, instance: string, rev: number, pid: number, allowDefects: boolean): [number, number] => {
    const written = f.emit({ rng, t, svc: run.svc, rev, pid });
    const writes = Array.isArray(written) ? written : [written];
    let at = t;
    for (const w of writes) {
      const truth = (shape: string): Truth => ({ family: f.name, severity: f.level, service: run.svc.name, shape });
      const text = w.text;
      const canSplit = text !== undefined && text.includes('\n') && (w.stream === 'stdout' || w.stream === 'stderr') && w.whole !== true;
      if (canSplit && (w.whole === false || rng.chance(run.svc.splitRate))) {
        let lines = text.split('\n').filter((l) => l.trim() !== '');
        let shape = 'line';
        if (allowDefects && lines.length >= 4) {
          const r = rng.next();
          if (r < 0.04) { lines = lines.slice(0, rng.int(2, lines.length - 2)); shape = 'cut'; }
          else if (r < 0.07) { lines = lines.slice(1); shape = 'orphan'; }
        }
        for (const line of lines) {
          push(at, makeEntry(run, at, instance, rev, w, line), truth(shape));
          at += rng.int(2, 60);
        }
      } else {
        let body = text;
        let shape = 'whole';
        if (allowDefects && body !== undefined && body.split('\n').length >= 4 && rng.chance(0.03)) {
          // A trace cut off mid-way (the instance died while writing it): past its first line, mid-line.
          const first = body.indexOf('\n') + 1;
          body = body.slice(0, rng.int(first + Math.floor((body.length - first) / 3), body.length - 2));
          shape = 'cut';
        }
        push(at, makeEntry(run, at, instance, rev, w, body), truth(shape));
        at += rng.int(20, 400);
      }
    }
    return [t, at];
  };

  const runs: ServiceRun[] = SERVICES.map((svc) => {
    const families = [...svc.families, ...(platformFamilies[svc.name] ?? [])];
    const n = rng.int(2, 4);
    return {
      svc: { ...svc, families },
      instances: Array.from({ length: n }, () => `00${rng.hex(4)}${rng.hex(92)}`),
      revisions: [`${svc.name}-000${rng.int(10, 40)}-${rng.lower(3)}`, `${svc.name}-000${rng.int(41, 80)}-${rng.lower(3)}`] as [string, string],
      noise: families.filter((f) => f.name.startsWith('noise:') && f.level === 'INFO'),
    };
  });

  for (const run of runs) {
    const rollout = run.svc.rollout + rng.float(-0.05, 0.05, 3);
    for (const f of run.svc.families) {
      const count = rng.int(f.perDay[0], f.perDay[1]);
      for (let i = 0; i < count; i += 1) {
        let frac: number;
        if (f.spans && f.spans.length > 0) {
          const [a, b] = rng.pick(f.spans);
          frac = a + rng.next() * (b - a);
        } else {
          frac = rng.next();
        }
        const t = DAY_START_US + Math.floor(frac * (DAY_US - 10_000_000));
        // Traffic moves to the new revision over about an hour around the rollout.
        const rev = frac < rollout - 0.02 ? 0 : frac > rollout + 0.02 ? 1 : rng.int(0, 1);
        const instance = rng.pick(run.instances);
        const defects = f.level !== 'INFO' && f.level !== 'DEBUG';
        const [from, to] = place(run, f, t, instance, rev, 1, defects);
        if (to - from > 100 && rng.chance(0.4) && run.noise.length > 0) {
          // Other writes land while the trace's lines arrive: another instance, or this one's other stream.
          for (let k = rng.int(1, 3); k > 0; k -= 1) {
            place(run, rng.pick(run.noise), from + rng.int(1, to - from), rng.pick(run.instances), rev, 1, false);
          }
        }
        if (f.burst && rng.chance(f.burst) && run.instances.length > 1) {
          // The same failure on a second instance at the same moment: two traces' lines interleave.
          const other = rng.pick(run.instances.filter((x) => x !== instance));
          place(run, f, t + rng.int(1, 40), other, rev, 1, defects);
        }
      }
    }
  }

  placed.sort((a, b) => a.t - b.t || a.seq - b.seq);
  return {
    entries: placed.map((p) => p.entry),
    truth: placed.map((p) => p.truth),
    start: DAY_START_US / 1000,
    end: (DAY_START_US + DAY_US) / 1000,
    services: SERVICES.map((s) => s.name),
  };
}

/** The two exports of a day: JSONL oldest first, and gcloud's JSON array newest first, each with its truth. */
export function exportsOf(day: Day): Array<{ name: string; text: string; truth: Truth[] }> {
  const jsonl = day.entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
  const newest = [...day.entries].reverse();
  return [
    { name: 'day.jsonl', text: jsonl, truth: day.truth },
    { name: 'day.gcloud.json', text: `${JSON.stringify(newest, null, 2)}\n`, truth: [...day.truth].reverse() },
  ];
}
