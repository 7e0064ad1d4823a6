// How Cloud Run stores what a day of containers wrote, shared by the generated days (bench/lib/mixed,
// bench/lib/polyglot): a JSON line becomes jsonPayload (its `severity` field, and only that, sets the
// entry's severity; `time` is taken as the timestamp), any other text becomes textPayload with no
// severity, and for a share of writes each line of a multi-line write becomes its own entry (same
// instance, same stream, a few microseconds apart; empty lines dropped). Other instances' lines land in
// between, traces are cut short, heads are lost. Cloud Run's request log adds one entry per request
// (httpRequest, severity from the status, no payload). Every entry carries its ground truth.
import { Prng } from './prng.js';
import type { Family, Level, ServiceDef, Truth, Write } from './stranger/model.js';
import { entryTime } from './stranger/text.js';

const DAY_US = 86_400_000_000;

/** What a day is made of; the shaping is the same for every day. */
export interface DaySpec {
  /** Seeds the day's random stream, so each day draws its own. */
  label: string;
  project: string;
  /** The day's first microsecond (UTC); the day lasts 24 hours. */
  startUs: number;
  services: readonly ServiceDef[];
  /** Cloud Run's own lines and request log per service, beside what the service writes. */
  platform: Record<string, Family[]>;
}

// request timeout texts from https://cloud.google.com/run/docs/troubleshooting, the startup probe line
// as the Cloud Run console shows it.
export const MEMORY = (limit: number, used: number): string => `Memory limit of ${limit} MiB exceeded with ${used} MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits`;
export const TIMEOUT = 'The request has been terminated because it has reached the maximum request timeout. To change this limit, see https://cloud.google.com/run/docs/configuring/request-timeout';
export const NO_INSTANCE = 'The request was aborted because there was no available instance. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#abort-request';
export const PROBE_FAILED = (c: string): string => `Default STARTUP TCP probe failed 1 time consecutively for container "${c}" on port 8080. The instance was not started.`;

export function httpRequest(rng: Prng, host: string, method: string, path: string, status: number, latency: number): Record<string, unknown> {
  return {
    latency: `${latency.toFixed(6)}s`, protocol: 'HTTP/1.1', remoteIp: rng.publicIpv4(), requestMethod: method,
    requestSize: String(rng.int(200, 2000)), requestUrl: `https://${host}${path}`, responseSize: String(rng.int(0, 400)),
    serverIp: '216.239.32.53', status, userAgent: rng.pick(['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)', 'okhttp/4.12.0', 'python-requests/2.32.3']),
  };
}

/** Cloud Run's request log severity: ERROR for 5xx, WARNING for 4xx, INFO otherwise. */
const statusSeverity = (status: number): Level => (status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO');

/** Request log entries with no text: the problem is the service answering `status` on `paths`. */
export function requests(service: string, status: number, perDay: readonly [number, number], method: string, paths: (rng: Prng) => string): Family {
  const level = statusSeverity(status);
  return {
    name: level === 'INFO' ? `noise:${service}:requests-${status}` : `${service}:http-${status}`, level, perDay,
    emit: ({ rng, host }) => [{ stream: 'requests', severity: level, httpRequest: httpRequest(rng, host, method, paths(rng), status, status >= 500 ? rng.next() * 30 : rng.next() / 2) }],
  };
}

/**
 * Cloud Run's line when an instance went over its memory limit: ERROR, in the system log, a problem of
 * the service's own. The instance used up to `overBy` MiB more than `limit`.
 */
export function memoryLimit(service: string, limit: number, perDay: readonly [number, number], overBy = 80): Family {
  return {
    name: `${service}:platform-memory-limit`, level: 'ERROR', perDay,
    emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(limit, rng.int(limit + 1, limit + overBy)) }],
  };
}

const platformNoise: Family = {
  name: 'noise:platform:lifecycle', level: 'INFO', perDay: [6, 20],
  emit: ({ rng }) => [rng.pick<Write>([
    { stream: 'varlog/system', severity: 'INFO', text: 'Default STARTUP TCP probe succeeded after 1 attempt for container "app" on port 8080.' },
    { stream: 'varlog/system', severity: 'INFO', text: 'Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.' },
    { stream: 'varlog/system', severity: 'INFO', text: 'Shutting down user disabled instance' },
  ])],
};

export interface Day {
  /** Oldest first. */
  entries: Array<Record<string, unknown>>;
  truth: Truth[];
  /** Epoch milliseconds. */
  start: number;
  end: number;
  services: string[];
}

interface Run { svc: ServiceDef; families: Family[]; instances: string[]; revisions: [string, string]; rollout: number; host: string; noise: Family[] }
interface Placed { t: number; seq: number; entry: Record<string, unknown>; truth: Truth }

/** One day of `spec`'s services, oldest first, each entry with its truth. */
export function shapeDay(spec: DaySpec, seed: number): Day {
  const { label, project, startUs, services, platform } = spec;
  const LOG = (stream: string): string => `projects/${project}/logs/run.googleapis.com%2F${stream.replace('/', '%2F')}`;
  const rng = new Prng(seed, label);
  const placed: Placed[] = [];
  let seq = 0;

  const entry = (run: Run, t: number, instance: string, rev: 0 | 1, w: Write, text: string | undefined): Record<string, unknown> => {
    const e: Record<string, unknown> = {};
    if (w.httpRequest) e.httpRequest = w.httpRequest;
    e.insertId = rng.alnum(16).toLowerCase();
    if (w.json) {
      const { severity: _severity, time: _time, ...payload } = w.json;
      e.jsonPayload = payload;
    }
    e.labels = { instanceId: instance };
    e.logName = LOG(w.stream);
    e.receiveTimestamp = entryTime(t + rng.int(30_000, 1_500_000), rng);
    e.resource = {
      type: 'cloud_run_revision',
      labels: { configuration_name: run.svc.name, location: 'europe-west1', project_id: project, revision_name: run.revisions[rev], service_name: run.svc.name },
    };
    const sev = w.json && typeof w.json.severity === 'string' ? w.json.severity : w.severity;
    if (sev) e.severity = sev;
    if (text !== undefined) e.textPayload = text;
    e.timestamp = entryTime(t, rng);
    if (w.trace !== undefined) e.trace = w.trace;
    return e;
  };

  const push = (t: number, e: Record<string, unknown>, truth: Truth): void => {
    placed.push({ t, seq, entry: e, truth });
    seq += 1;
  };

  /** Places one occurrence; returns when its last line went out. */
  const place = (run: Run, f: Family, t: number, instance: string, rev: 0 | 1, defects: boolean): number => {
    let at = t;
    for (const w of f.emit({ rng, t, rev, host: run.host })) {
      // A write that goes out later in its request (no draw, so days that set none are unchanged).
      if (w.delayUs !== undefined) at += w.delayUs;
      const family = w.as?.family ?? f.name;
      const level: Level = w.as?.level ?? f.level;
      const truth = (shape: string): Truth => ({ family, severity: level, service: run.svc.name, shape });
      const text = w.text?.replace(/\n+$/, '');
      const textStream = w.stream === 'stdout' || w.stream === 'stderr';
      if (text !== undefined && textStream && text.includes('\n') && rng.chance(run.svc.splitRate)) {
        let lines = text.split('\n').filter((l) => l.trim() !== '');
        let shape = 'line';
        if (defects && lines.length >= 4) {
          const r = rng.next();
          if (r < 0.04) { lines = lines.slice(0, rng.int(2, lines.length - 1)); shape = 'cut'; }
          else if (r < 0.07) { lines = lines.slice(rng.int(1, 2)); shape = 'orphan'; }
        }
        for (const line of lines) {
          push(at, entry(run, at, instance, rev, w, line), truth(shape));
          at += rng.int(2, 80);
        }
      } else {
        let body = text;
        let shape = 'whole';
        if (defects && body !== undefined && textStream && body.split('\n').length >= 4 && rng.chance(0.02)) {
          const first = body.indexOf('\n') + 1;
          body = body.slice(0, rng.int(first + 10, body.length - 5));
          shape = 'cut';
        }
        push(at, entry(run, at, instance, rev, w, body), truth(shape));
        at += rng.int(50, 3000);
      }
    }
    return at;
  };

  const runs: Run[] = services.map((svc) => {
    const families = [...svc.families, ...(platform[svc.name] ?? []), platformNoise];
    return {
      svc, families,
      instances: Array.from({ length: rng.int(2, 5) }, () => `0069${rng.hex(4)}${rng.hex(120)}`),
      revisions: [`${svc.name}-000${rng.int(10, 49)}-${rng.lower(3)}`, `${svc.name}-000${rng.int(50, 99)}-${rng.lower(3)}`],
      rollout: rng.float(0.3, 0.7, 3),
      host: `${svc.name}-${rng.lower(10)}-ew.a.run.app`,
      // Chatter that comes often enough to land among another write's lines.
      noise: families.filter((f) => f.level === 'INFO' && f.perDay[1] >= 100),
    };
  });

  for (const run of runs) {
    for (const f of run.families) {
      const n = rng.int(f.perDay[0], f.perDay[1]);
      for (let i = 0; i < n; i += 1) {
        const frac = rng.next();
        const t = startUs + Math.floor(frac * (DAY_US - 60_000_000));
        const rev: 0 | 1 = frac < run.rollout - 0.015 ? 0 : frac > run.rollout + 0.015 ? 1 : (rng.int(0, 1) as 0 | 1);
        const instance = rng.pick(run.instances);
        const defects = f.level !== 'INFO' && f.level !== 'DEBUG';
        const end = place(run, f, t, instance, rev, defects);
        // Other instances write while this one's lines arrive.
        if (end - t > 100 && rng.chance(0.45)) {
          for (let k = rng.int(1, 4); k > 0; k -= 1) {
            place(run, rng.pick(run.noise), t + rng.int(1, end - t), rng.pick(run.instances), rev, false);
          }
        }
        if (f.burst !== undefined && rng.chance(f.burst)) {
          const other = run.instances.filter((x) => x !== instance);
          place(run, f, t + rng.int(1, 60), rng.pick(other), rev, defects);
        }
      }
    }
  }

  placed.sort((a, b) => a.t - b.t || a.seq - b.seq);
  return {
    entries: placed.map((p) => p.entry),
    truth: placed.map((p) => p.truth),
    start: startUs / 1000,
    end: (startUs + DAY_US) / 1000,
    services: services.map((s) => s.name),
  };
}

/** JSONL oldest first, and gcloud's JSON array newest first, each with its truth line by line. */
// Cloud Run lifts these special fields of a JSON line out of jsonPayload into the LogEntry.
const LIFTED: ReadonlyArray<readonly [string, string]> = [
  ['logging.googleapis.com/trace', 'trace'],
  ['logging.googleapis.com/spanId', 'spanId'],
  ['logging.googleapis.com/trace_sampled', 'traceSampled'],
  ['logging.googleapis.com/sourceLocation', 'sourceLocation'],
];

/** The day with the special fields of its JSON lines lifted into their entries, as Cloud Run does. */
export function liftSpecialFields(day: Day): Day {
  for (const e of day.entries) {
    const payload = e.jsonPayload as Record<string, unknown> | undefined;
    if (!payload) continue;
    for (const [from, to] of LIFTED) {
      if (from in payload) {
        e[to] = payload[from];
        delete payload[from];
      }
    }
  }
  return day;
}

export function exportsOf(day: Day): Array<{ name: string; text: string; truth: Truth[] }> {
  return [
    { name: 'day.jsonl', text: `${day.entries.map((e) => JSON.stringify(e)).join('\n')}\n`, truth: day.truth },
    { name: 'day.gcloud.json', text: `${JSON.stringify([...day.entries].reverse(), null, 2)}\n`, truth: [...day.truth].reverse() },
  ];
}
