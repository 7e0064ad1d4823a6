// A classifier stand-in for the companion ledger's tests (companions.test.ts, piece-owners.test.ts):
// each entry's group is named by the test and its handle is its group's number; the sets say what the
// classifier would have told the ledger about a group.
import { CompanionLedger } from '../../../src/classify/companions.js';
import type { Cluster, Entry, Severity } from '../../../src/shared/types.js';

export interface Service {
  service: string;
  revision: string;
  /** The request every access record of the tests answers. */
  method: string;
  path: string;
}

export interface AddOptions {
  /** The instance; '' for none. */
  writer?: string;
  severity?: Severity;
  stack?: boolean;
  service?: string;
  access?: boolean;
  trace?: number;
}

export class Groups {
  /** Groups whose traces go through the application's own frames. */
  readonly own = new Set<string>();
  /** Groups of records that are only trace pieces. */
  readonly pieces = new Set<string>();
  /** `holder piece` group pairs whose records hold the piece's lines. */
  readonly holding = new Set<string>();
  readonly ledger = new CompanionLedger((entry) => this.pieces.has(entry.text));
  private readonly names: string[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly t0: number, private readonly defaults: Service) {}

  add(group: string, at: number, options: AddOptions = {}): number {
    let handle = this.names.indexOf(group);
    if (handle < 0) handle = this.names.push(group) - 1;
    this.counts.set(group, (this.counts.get(group) ?? 0) + 1);
    const { method, path } = this.defaults;
    const entry: Entry = {
      time: this.t0 + at,
      severity: options.severity ?? 'ERROR',
      service: options.service ?? this.defaults.service,
      revision: this.defaults.revision,
      kind: options.stack ? 'stack' : options.access ? 'request' : 'text',
      text: group,
      ...(options.access ? { request: { method, path, status: 500, accessLine: true as const } } : {}),
      ...(options.writer === '' ? {} : { writer: options.writer ?? 'instance-1' }),
      ...(options.trace === undefined ? {} : { trace: options.trace }),
    };
    return this.ledger.note(handle, entry);
  }

  resolve = (handle: number): { id: string; template: string } => ({ id: this.names[handle]!, template: this.names[handle]! });

  throughOwnCode = (handle: number): boolean => this.own.has(this.names[handle]!);

  holdsTraceOf = (other: number, piece: number): boolean => this.holding.has(`${this.names[other]} ${this.names[piece]}`);

  placed(sighting: number): string {
    return this.ledger.placed(sighting, this).id;
  }

  clusters(): Cluster[] {
    const clusters: Cluster[] = this.names.map((id) => ({
      id, template: id, kind: 'text', count: this.counts.get(id)!, severity: 'ERROR', firstSeen: 0, lastSeen: 0,
      services: [this.defaults.service], revisions: [], samples: [id], timeline: [],
    }));
    return this.ledger.clusters(this, clusters);
  }
}
