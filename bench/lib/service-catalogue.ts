// Which kind of service a name stands for, and the revisions and instances it runs during a window.
import type { ServiceInfo, ServiceShape } from './family-spec.js';
import { goWorkerShape } from './families/go-worker.js';
import { javaServiceShape } from './families/java-service.js';
import { nodeApiShape } from './families/node-api.js';
import { pythonBackendShape } from './families/python-backend.js';
import { Prng } from './prng.js';

export const DEFAULT_SERVICE = 'netra-backend-staging';
export const DEFAULT_PROJECT = 'netra-staging';

/** The services the generator knows by name; any other name gets a shape from the words in it. */
export const KNOWN_SERVICES: Readonly<Record<string, ServiceShape['name']>> = {
  'netra-backend-staging': 'python-backend',
  'netra-gateway-staging': 'node-api',
  'netra-worker-staging': 'go-worker',
  'netra-billing-staging': 'java-service',
};

const SHAPES: Record<ServiceShape['name'], ServiceShape> = {
  'python-backend': pythonBackendShape,
  'node-api': nodeApiShape,
  'go-worker': goWorkerShape,
  'java-service': javaServiceShape,
};

const PORTS: Record<ServiceShape['name'], number> = { 'python-backend': 8000, 'node-api': 8080, 'go-worker': 8080, 'java-service': 8080 };

export function shapeOf(service: string): ServiceShape {
  const known = KNOWN_SERVICES[service];
  if (known) return SHAPES[known];
  if (/\b(gateway|api|node|web|frontend)\b/.test(service)) return nodeApiShape;
  if (/\b(worker|go|jobs?|queue)\b/.test(service)) return goWorkerShape;
  if (/\b(billing|java|spring|invoices?)\b/.test(service)) return javaServiceShape;
  return pythonBackendShape;
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export function serviceInfo(service: string, project: string): ServiceInfo {
  const projectNumber = 100000000000 + (hashOf(project) % 900000000000);
  return {
    name: service,
    project,
    host: `${service}-${projectNumber}.us-central1.run.app`,
    container: `${service}-1`,
    port: PORTS[shapeOf(service).name],
  };
}

/** Window fractions at which a new revision takes the traffic (the newest serves the last ~40%). */
export const ROLLOUTS = [0.27, 0.6] as const;
/** Old instances drain for a few minutes after a rollout (fraction of the window). */
const DRAIN = 0.004;

export interface RevisionPlan {
  /** Oldest first; the last one is the newest. */
  names: string[];
  /** Instance ids per revision. */
  instances: string[][];
}

export function revisionPlan(service: string, seed: number): RevisionPlan {
  const rng = new Prng(seed, `revisions:${service}`);
  const names = service === DEFAULT_SERVICE
    ? [`${service}-00040-kuz`, `${service}-00041-abc`, `${service}-00042-def`]
    : (() => {
      const base = 10 + (hashOf(service) % 80);
      return [0, 1, 2].map((k) => `${service}-${String(base + k).padStart(5, '0')}-${rng.lower(3)}`);
    })();
  const instances = names.map(() => Array.from({ length: 6 }, () => `00${rng.hex(62)}`));
  return { names, instances };
}

/** The revision serving an entry at window fraction `f` (a draining old revision now and then). */
export function revisionIndexAt(f: number, draw: number): number {
  let index = 0;
  for (const [k, at] of ROLLOUTS.entries()) {
    if (f >= at) index = k + 1;
    if (f >= at && f < at + DRAIN && draw < 0.3) index = k;
  }
  return index;
}
