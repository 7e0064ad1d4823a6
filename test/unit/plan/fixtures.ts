// Builders for plan tests: the shipped settings, clusters shaped like the classifier's, issues
// shaped like the GitHub adapter's.
import { readFileSync } from 'node:fs';
import { loadSettings } from '../../../src/config/load-settings.js';
import type { Settings } from '../../../src/config/schema.js';
import type { PlanInput } from '../../../src/plan/index.js';
import { parseStateBlock } from '../../../src/render/index.js';
import type { Cluster, TrackedIssue, Window } from '../../../src/shared/types.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const T0 = Date.parse('2025-09-11T18:00:00Z');
export const SERVICE = 'netra-backend-staging';

export function settings(change: (s: Settings) => void = () => {}): Settings {
  const { settings: s } = loadSettings(readFileSync('config/examples/netra-backend-staging.yaml', 'utf8'), {});
  change(s);
  return s;
}

/** A 6-hour window ending at `end`. */
export function windowEnding(end: number, hours = 6): Window {
  return { start: end - hours * HOUR, end };
}

/** A cluster whose `count` occurrences spread evenly over [from, to], in 5-minute buckets. */
export function cluster(over: Partial<Cluster> & { id: string; template: string }, from = T0 - 5 * HOUR, to = T0 - HOUR): Cluster {
  const count = over.count ?? 10;
  const bucket = 5 * 60_000;
  const buckets = new Map<number, number>();
  const step = count > 1 ? (to - from) / (count - 1) : 0;
  for (let i = 0; i < count; i++) {
    const t = Math.floor((from + i * step) / bucket) * bucket;
    buckets.set(t, (buckets.get(t) ?? 0) + 1);
  }
  const timeline = [...buckets].sort((a, b) => a[0] - b[0]);
  return {
    kind: 'text',
    count,
    severity: 'ERROR',
    firstSeen: from,
    lastSeen: count > 1 ? to : from,
    services: [SERVICE],
    revisions: [{ name: `${SERVICE}-00041-abc`, firstSeen: from, count }],
    samples: [over.template.replace(/<[^>]+>/g, '42')],
    timeline,
    ...over,
  };
}

export function input(over: Partial<PlanInput> & { clusters: Cluster[] }): PlanInput {
  const window = over.window ?? windowEnding(T0);
  return {
    issues: [],
    candidates: new Map(),
    settings: settings(),
    window,
    now: window.end,
    project: 'netra-staging',
    services: [SERVICE],
    ...over,
  };
}

/** An issue as the GitHub adapter reads it (the state block parsed from body or evidence comment). */
export function issue(over: Partial<TrackedIssue> & { number: number }): TrackedIssue {
  const base: TrackedIssue = {
    title: `Issue ${over.number}`,
    url: `https://github.com/acme/backend/issues/${over.number}`,
    state: 'open',
    stateReason: null,
    closedAt: null,
    labels: [],
    author: 'someone',
    authorIsGardener: false,
    body: '',
    state_block: null,
    evidenceCommentId: null,
    evidenceCommentBody: null,
    ...over,
  };
  base.state_block = over.state_block !== undefined ? over.state_block : parseStateBlock(base.evidenceCommentBody) ?? parseStateBlock(base.body);
  return base;
}
