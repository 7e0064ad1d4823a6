// Cloud Run revisions: which is the newest per service, and whether a problem lives only there.
import type { Cluster } from '../shared/types.js';

/** `service-00042-abc`: Cloud Run numbers revisions; the number orders them. */
function revisionNumber(name: string): number | null {
  const m = /-(\d{1,9})-[a-z0-9]{1,10}$/.exec(name);
  return m ? Number(m[1]) : null;
}

function serviceOf(revision: string, services: string[]): string {
  return services.find((s) => revision.startsWith(`${s}-`)) ?? services[0] ?? '';
}

export interface RevisionIndex {
  /** Newest revision per service, only for services where more than one revision was seen. */
  newest: Map<string, string>;
}

export function indexRevisions(clusters: Cluster[]): RevisionIndex {
  const seen = new Map<string, Map<string, number>>();
  for (const c of clusters) {
    for (const r of c.revisions) {
      const service = serviceOf(r.name, c.services);
      const revs = seen.get(service) ?? new Map<string, number>();
      revs.set(r.name, Math.min(revs.get(r.name) ?? Infinity, r.firstSeen));
      seen.set(service, revs);
    }
  }
  const newest = new Map<string, string>();
  for (const [service, revs] of seen) {
    if (revs.size < 2) continue;
    let best: [string, number] | null = null;
    for (const entry of revs) if (best === null || newer(entry, best)) best = entry;
    if (best) newest.set(service, best[0]);
  }
  return { newest };
}

function newer(a: [string, number], b: [string, number]): boolean {
  const na = revisionNumber(a[0]);
  const nb = revisionNumber(b[0]);
  if (na !== null && nb !== null && na !== nb) return na > nb;
  return a[1] > b[1];
}

/** The problem appears only in its service's newest revision while older revisions ran too. */
export function isActiveDev(cluster: Cluster, index: RevisionIndex, knownFirstRevision?: string): boolean {
  if (cluster.revisions.length === 0) return false;
  return cluster.revisions.every((r) => {
    const newest = index.newest.get(serviceOf(r.name, cluster.services));
    return newest === r.name && (knownFirstRevision === undefined || knownFirstRevision === r.name);
  });
}

/** The first revision that showed the cluster in this window. */
export function firstRevisionOf(cluster: Cluster): string | undefined {
  let first: Cluster['revisions'][number] | undefined;
  for (const r of cluster.revisions) if (!first || r.firstSeen < first.firstSeen) first = r;
  return first?.name;
}
