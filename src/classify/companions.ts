// Records that one failure writes beside its error. A request that fails often logs more than one
// record: Hibernate's `SQL Error: 0, SQLState: 08S01` warning and its `Communications link failure`
// error before the application's exception, a queue worker's `... FAIL` line after the job's
// exception, BigQuery's `Job ID:` line under its error, V8's `<--- Last few GCs --->` report before the
// out-of-memory line. Each record has its own text, so each is a group of its own, and each group a
// candidate issue that tells on-call half the story. What they share is how they were written: by one
// instance, within a few milliseconds of the error they belong to, every time.
//
// So a group is a companion when nearly all of its entries were written by an instance within
// COMPANION_MS of an entry of another group, and not merely because its instance writes all the time:
// the same test a few seconds away (DENSITY_SHIFT_MS) must mostly fail. Each entry of a companion then
// goes with the entry written nearest to it of a group that says more of the failure (outranking: more
// severe than a line below ERROR, or a stack trace where it is a line at one level, or the failure
// itself where it is a script runner's report that its script failed), and on when that one is a
// companion too; so one warning
// line that precedes two different errors follows each to its own. The few entries of a companion
// written beside nothing go where the nearest entry of their group went. Cloud Run's request log and
// platform messages are written by Cloud Run, not by the instance, and take no part (Entry.writer).
// Groups are never merged as a whole: entries move, no id changes. The group they go with keeps its id
// and counts them; a companion left with no entry is no problem of its own any more.
//
// One request's records are also further apart than that: the framework writes its access record when
// the response goes out, as long after the handler's error as the handler took (go-zero's `[HTTP] 503`
// record after the logic's error, ASP.NET Core's `Request finished` after the exception handler's
// record), and a slow request takes seconds. What they share then is the request's trace id
// (normalize/trace-id.ts): an entry written by the same instance within TRACE_MS of an entry of another
// group that carries the same trace id is written beside it as surely as one a millisecond away, and more
// surely than one of a busy instance (no density check: a shared id is no coincidence). The same rules
// decide what goes with what (outranking, the share of a group), and the entry sharing its trace is the
// one it goes with, however near another error was.
//
// A record that is only pieces of a trace moves alone, with the error it was written beside
// (piece-owners.ts). An access record goes with the failure that names its request, over the nearest
// that names another (request-owners.ts).
import { SEVERITIES, type Cluster, type Entry, type Severity } from '../shared/types.js';
import { count, countsOf, emptyStats, type ClusterCounts } from './cluster-stats.js';
import type { Locator } from './rederive-ids.js';
import { isRunnerReport } from './runner-report.js';
import { isServerErrorAccess } from '../normalize/index.js';
import { accessRecordPath, accessRecordTookMs, failedRequestPath } from '../normalize/served-request.js';
import { requestKey, requestOwners, STAY } from './request-owners.js';
import { traceNeighbours } from './trace-neighbours.js';
import { pieceOwners } from './piece-owners.js';

/** How close in time an entry of one write-up of a failure is to the others (same instance). */
export const COMPANION_MS = 5;
/** Of a group's entries, the share that must have a neighbour for the group to be a companion. */
export const COMPANION_SHARE = 0.9;
/** Where the density check looks: a window as wide, this far away. */
export const DENSITY_SHIFT_MS = 3000;
/** Of a group's entries, the share that may have a neighbour that far away (a busy instance). */
export const DENSITY_SHARE = 0.3;
/** Of a group's entries, the share that must be pieces of a trace for its pieces to move (piece-owners.ts). */
const PIECE_GROUP_SHARE = 0.9;
/** Entries looked at on each side of one: an instance writing thousands in one millisecond costs no more. */
const MAX_SCAN = 64;
/**
 * How far apart one request's records may be written (same instance, same trace id): a request's
 * access record comes when its response goes out, seconds after the error of a slow one; Cloud Run
 * answers 504 after the request timeout (5 minutes by default), but a minute holds nearly every request.
 */
export const TRACE_MS = 60_000;
/**
 * Most entries one trace id may have on one instance in a sweep to be a request's: more, and the id is a
 * process's own (a worker that stamps one trace on everything it logs, a stream held open for hours). An
 * id whose entries on one instance span longer than TRACE_MS is no request's either (trace-neighbours.ts).
 */
export const MAX_TRACE_RECORDS = 64;

const ERROR = SEVERITIES.indexOf('ERROR');
const WARNING = SEVERITIES.indexOf('WARNING');

/** One instance of one service: instance ids are unique to their service only. */
export const writerKey = (service: string, writer: string): string => `${service}\u0000${writer}`;

/** How each entry's severity was had, as Cluster.severitySource reads it. */
const OWN = 0;
const LEVEL = 1;
const TEXT = 2;

/** Where a group's entry (a sighting) went: its own group's id, or the id of the group it accompanies. */
export interface Placed {
  id: string;
  template: string;
}

/** The classifier's side, as the ledger needs it. */
export interface Resolver {
  resolve(handle: number): Placed;
  /** Whether the entry of `handle` is a stack trace through the application's own frames (none: no entry is). */
  throughOwnCode?(handle: number): boolean;
  /** Whether the group of `other` holds most lines of the records of the group of `piece` (none: never). */
  holdsTraceOf?(other: number, piece: number): boolean;
}

/**
 * The entries a classifier took, in the order it took them, as the companion rule reads them: a handle,
 * and when, where and at what severity each was written. A few numbers an entry, never its text.
 */
export class CompanionLedger {
  /**
   * `isTracePiece`: whether an entry is only pieces of a trace (source/trace-pieces.ts, told from its
   * text by the edge that read it); none: no entry is.
   */
  constructor(private readonly isTracePiece: (entry: Entry) => boolean = () => false) {}

  // Typed columns, a few bytes an entry: a sweep of a million entries keeps them all until the end
  // (plain arrays of numbers cost it some 75 MB more at its peak).
  private readonly handles = new Column(Int32Array);
  private readonly times = new Column(Float64Array);
  private readonly writers = new Column(Int32Array);
  /** The request's trace id as Entry.trace has it (0: none), for what an instance wrote. */
  private readonly requestTraces = new Column(Int32Array);
  private readonly severities = new Column(Uint8Array);
  /** 1 for a stack trace (Entry.kind), else 0. */
  private readonly stacks = new Column(Uint8Array);
  /** 1 for an access line of a request answered 5xx (normalize/access-status.ts), else 0. */
  private readonly accesses = new Column(Uint8Array);
  /** The path of the request the entry names (normalize/served-request.ts), as a number (0: none). */
  private readonly paths = new Column(Int32Array);
  /** How long an access line says its request took, in ms (-1: it does not say). */
  private readonly tooks = new Column(Float64Array);
  /** 1 for a server's structured record of a response it answered 4xx (normalize/response-record.ts), else 0. */
  private readonly clients = new Column(Uint8Array);
  /** 1 for a script runner's report that its script failed (runner-report.ts), else 0. */
  private readonly reports = new Column(Uint8Array);
  /** 1 for an entry that is only pieces of a trace (isTracePiece), else 0. */
  private readonly pieces = new Column(Uint8Array);
  private readonly sources = new Column(Uint8Array);
  /** The entry's service and revision, as one interned pair (-1: neither). */
  private readonly origins = new Column(Int32Array);
  private readonly names = new Interner();
  private readonly pairs = new Interner();
  private settled: Settled | null = null;

  /** An entry the classifier took under `handle`; returns its sighting number. */
  note(handle: number, entry: Entry): number {
    this.settled = null;
    this.handles.push(handle);
    this.times.push(entry.time);
    this.writers.push(entry.writer ? this.names.of(writerKey(entry.service, entry.writer)) : -1);
    this.requestTraces.push(entry.writer ? entry.trace ?? 0 : 0);
    this.severities.push(Math.max(0, SEVERITIES.indexOf(entry.severity)));
    this.stacks.push(entry.kind === 'stack' ? 1 : 0);
    const access = isServerErrorAccess(entry);
    this.accesses.push(access ? 1 : 0);
    // The request an entry names, and how long an access line says it took (an access line read as its
    // request's log has both in its request).
    const line = entry.request?.accessLine === true ? entry.request : undefined;
    const path = !entry.writer ? null : line ? line.path : entry.kind === 'request' ? null : access ? accessRecordPath(entry.text) : failedRequestPath(entry.text);
    this.paths.push(requestKey(path));
    this.tooks.push(line ? line.latencyMs ?? -1 : access ? accessRecordTookMs(entry.text) ?? -1 : -1);
    this.clients.push(entry.answered !== undefined && entry.answered >= 400 && entry.answered < 500 ? 1 : 0);
    this.reports.push(entry.kind === 'text' && isRunnerReport(entry.text) ? 1 : 0);
    this.pieces.push(entry.kind !== 'request' && this.isTracePiece(entry) ? 1 : 0);
    this.sources.push(entry.severitySource === undefined ? OWN : entry.severitySource === 'text' ? TEXT : LEVEL);
    this.origins.push(entry.service || entry.revision ? this.pairs.of(`${entry.service ?? ''}\u0000${entry.revision ?? ''}`) : -1);
    return this.handles.length - 1;
  }

  /** Whether the entry of `sighting` is an access line of a request answered 5xx (as noted). */
  isAccessLine(sighting: number): boolean {
    return this.accesses.at(sighting) === 1;
  }

  /** Where the entry of `sighting` goes, once every entry was noted. */
  placed(sighting: number, resolver: Resolver): Placed {
    const settled = this.settle(resolver);
    return settled.placed[settled.final[sighting]!]!;
  }

  /**
   * The classifier's clusters with each companion's entries counted under the group they accompany: the
   * counts, span, severity, services, revisions and chart of every group that gained or lost entries are
   * read again from its entries; its samples and what it says of itself (template, type, frames) stay.
   * A companion left with no entry of its own is no cluster any more.
   */
  clusters(resolver: Resolver, clusters: readonly Cluster[]): Cluster[] {
    const settled = this.settle(resolver);
    if (settled.touched.size === 0) return [...clusters];
    const byId = new Map<string, number[]>();
    settled.final.forEach((p, s) => {
      const id = settled.placed[p]!.id;
      if (!settled.touched.has(id)) return;
      const list = byId.get(id);
      if (list === undefined) byId.set(id, [s]);
      else list.push(s);
    });
    const out: Cluster[] = [];
    for (const cluster of clusters) {
      if (!settled.touched.has(cluster.id)) out.push(cluster);
      else {
        const mine = byId.get(cluster.id);
        if (mine !== undefined) out.push({ ...cluster, ...this.countsOf(mine) });
      }
    }
    return out;
  }

  /** The ids whose every entry went with one other group: id -> that group's id. */
  absorbed(resolver: Resolver): Map<string, string> {
    return new Map(this.settle(resolver).absorbed);
  }

  private settle(resolver: Resolver): Settled {
    if (this.settled === null) this.settled = settle(this, resolver);
    return this.settled;
  }

  /** @internal the columns, for settle(). */
  columns(): Columns {
    return {
      handles: this.handles.view(), times: this.times.view(), writers: this.writers.view(), requestTraces: this.requestTraces.view(),
      severities: this.severities.view(), stacks: this.stacks.view(), accesses: this.accesses.view(), clients: this.clients.view(), reports: this.reports.view(),
      pieces: this.pieces.view(), paths: this.paths.view(), tooks: this.tooks.view(),
    };
  }

  /** The counts of a group read again from its entries, as the classifier counts them (cluster-stats.ts). */
  private countsOf(sightings: readonly number[]): ClusterCounts {
    const stats = emptyStats();
    const [times, severities, sources, origins] = [this.times.view(), this.severities.view(), this.sources.view(), this.origins.view()];
    for (const s of sightings) {
      const source = sources[s]!;
      const [service, revision] = origins[s]! >= 0 ? this.pairs.name(origins[s]!).split('\u0000') : ['', ''];
      count(stats, {
        time: times[s]!,
        severity: SEVERITIES[severities[s]!] as Severity,
        ...(source === OWN ? {} : { severitySource: source === TEXT ? 'text' : 'level' }),
        service: service!,
        revision: revision!,
      });
    }
    return countsOf(stats);
  }
}

interface Columns {
  handles: Int32Array;
  times: Float64Array;
  writers: Int32Array;
  requestTraces: Int32Array;
  severities: Uint8Array;
  stacks: Uint8Array;
  accesses: Uint8Array;
  clients: Uint8Array;
  reports: Uint8Array;
  pieces: Uint8Array;
  paths: Int32Array;
  tooks: Float64Array;
}

/** Numbers one an entry, read by index. */
type Numbers = ArrayLike<number>;

/** A typed array that grows as entries are noted (by half again, so the spare room stays small). */
class Column<A extends Int32Array | Float64Array | Uint8Array> {
  private data: A;
  length = 0;
  constructor(private readonly kind: { new (length: number): A }) {
    this.data = new kind(1024);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new this.kind(Math.ceil(this.data.length * 1.5));
      grown.set(this.data as ArrayLike<number>);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  /** The number noted `index`th. */
  at(index: number): number {
    return this.data[index]!;
  }
  /** The numbers noted so far (a view: no copy). */
  view(): A {
    return this.data.subarray(0, this.length) as A;
  }
}

interface Settled {
  /** Distinct placements; `final[sighting]` indexes it. */
  placed: Placed[];
  final: Int32Array;
  /** Ids that gained or lost entries. */
  touched: Set<string>;
  absorbed: Map<string, string>;
}

/** Strings as small numbers, both ways. */
class Interner {
  private readonly numbers = new Map<string, number>();
  private readonly strings: string[] = [];
  of(s: string): number {
    let n = this.numbers.get(s);
    if (n === undefined) {
      n = this.strings.length;
      this.strings.push(s);
      this.numbers.set(s, n);
    }
    return n;
  }
  name(n: number): string {
    return this.strings[n]!;
  }
}

function settle(ledger: CompanionLedger, resolver: Resolver): Settled {
  const { handles, times, writers, requestTraces, severities, stacks, accesses, clients, reports, pieces, paths, tooks } = ledger.columns();
  // Each sighting's own group, by id (handles of one id are one group).
  const placed: Placed[] = [];
  const placeOf = new Map<string, number>();
  const placeOfHandle = new Map<number, number>();
  const own = handles.map((handle) => {
    let p = placeOfHandle.get(handle);
    if (p === undefined) {
      const resolved = resolver.resolve(handle);
      p = placeOf.get(resolved.id);
      if (p === undefined) {
        p = placed.length;
        placed.push({ id: resolved.id, template: resolved.template });
        placeOf.set(resolved.id, p);
      }
      placeOfHandle.set(handle, p);
    }
    return p;
  });
  // The access lines of a group are judged as a group of their own: Cloud Run's request log of their
  // status shares their id but not their writer, and would keep them from ever being a companion.
  const apart = placed.length;
  const judged = own.map((p, s) => (accesses[s] === 1 ? p + apart : p));
  const outranksFirst = outranking(judged, severities, stacks, accesses, reports, clients);
  const first = companionTargets(judged, times, writers, outranksFirst, anyOf(judged, accesses), 0, requestTraces);
  // An access line goes with the failure that names its request, never with one that names another
  // (request-owners.ts); where nothing says, the nearest as above.
  const byRequest = requestOwners(
    { group: judged, times, writers, accesses, pieces, paths, traces: requestTraces, tooks },
    (o, s) => outranksFirst(judged[o]!, judged[s]!), first,
  );
  // Then, of what stays, a group of traces through library frames only goes with traces through the
  // application's own frames at its level, only when nearly every one of its entries was written beside
  // one (2 marks a trace through the application's own frames): a few pieces of its records read into
  // another problem's group draw nothing after them.
  const traces = stacks.map((stack, s) => (stack === 1 && resolver.throughOwnCode?.(handles[s]!) === true ? 2 : stack));
  const second = companionTargets(judged, times, writers, outranking(judged, severities, traces, accesses, reports, clients), undefined, COMPANION_SHARE, requestTraces);
  // Each piece of a trace goes with the error its instance wrote beside it (piece-owners.ts), and on
  // wherever that one goes. A piece that found its error draws nothing after it: a record beside it
  // stays (the piece comes to it), but an access line goes on with it to its error, as it would have.
  // (Nothing goes to a piece that found its error or to an access line, so no walk goes round.)
  const owners = ownersOfPieces(own, handles, times, writers, stacks, accesses, pieces, resolver);
  const nearest = first.map((t, s) => {
    if (owners[s]! >= 0) return owners[s]!;
    if (byRequest[s] === STAY) return -1;
    const to = byRequest[s]! >= 0 ? byRequest[s]! : t >= 0 ? t : second[s]!;
    if (to < 0 || owners[to]! < 0) return to;
    return accesses[s] === 1 ? owners[to]! : -1;
  });
  // Follow each companion entry to the entry it goes with, and on while that one moves too: targets
  // always outrank (outranking), so the walk ends.
  const final = own.slice();
  const done = new Uint8Array(own.length);
  const walk = (s: number): number => {
    if (done[s] === 1) return final[s]!;
    const path: number[] = [];
    let at = s;
    while (done[at] === 0 && nearest[at]! >= 0 && path.length < own.length) {
      path.push(at);
      at = nearest[at]!;
    }
    const to = done[at] === 1 ? final[at]! : own[at]!;
    done[at] = 1;
    final[at] = to;
    for (const p of path) {
      final[p] = to;
      done[p] = 1;
    }
    return to;
  };
  const touched = new Set<string>();
  const went = new Map<number, Map<number, number>>();
  for (let s = 0; s < own.length; s++) {
    const to = walk(s);
    const tally = went.get(own[s]!) ?? new Map<number, number>();
    tally.set(to, (tally.get(to) ?? 0) + 1);
    went.set(own[s]!, tally);
    if (to === own[s]) continue;
    touched.add(placed[own[s]!]!.id);
    touched.add(placed[to]!.id);
  }
  const absorbed = new Map<string, string>();
  for (const [from, tally] of went) {
    if (tally.size === 1 && !tally.has(from)) absorbed.set(placed[from]!.id, placed[[...tally.keys()][0]!]!.id);
  }
  return { placed, final, touched, absorbed };
}

/**
 * For each sighting, the error a piece of a trace goes with (piece-owners.ts), its groups compared once
 * a pair. Only pieces of a group of pieces (PIECE_GROUP_SHARE of its entries) move: a piece the
 * classifier put with whole records (piece-join.ts: their lines hold it; Angular's inspected
 * HttpErrorResponse, its lines apart, with the same error printed whole) is with its problem already.
 */
function ownersOfPieces(own: Numbers, handles: Numbers, times: Numbers, writers: Numbers, stacks: Numbers, accesses: Numbers, pieces: Numbers, resolver: Resolver): Int32Array {
  const size = new Map<number, number>();
  const held = new Map<number, number>();
  for (let s = 0; s < own.length; s++) {
    size.set(own[s]!, (size.get(own[s]!) ?? 0) + 1);
    held.set(own[s]!, (held.get(own[s]!) ?? 0) + pieces[s]!);
  }
  const loose = Uint8Array.from(pieces, (p, s) => (p === 1 && held.get(own[s]!)! >= PIECE_GROUP_SHARE * size.get(own[s]!)! ? 1 : 0));
  const sameTrace = new Map<string, boolean>();
  return pieceOwners({ pieces: loose, times, writers, stacks, barred: accesses }, (piece, other) => {
    const key = `${own[piece]} ${own[other]}`;
    let held = sameTrace.get(key);
    if (held === undefined) sameTrace.set(key, (held = resolver.holdsTraceOf?.(handles[other]!, handles[piece]!) === true));
    return held;
  });
}

/**
 * Whether an entry of group b may go with an entry of group a: a says more of the failure. Either b is
 * below ERROR and a more severe (the error, not the warning written before it: Hibernate's `SQL Error:
 * 0, SQLState` before its exception; a job runner's `FAIL` line), or both are at one level and a is
 * mostly stack traces where b is a plain line (the exception, not the line that announced it at its
 * level: `Communications link failure`; and in a second pass, when nearly all of b was written beside
 * one, a trace through the application's own frames over a library's record of the same exception on
 * its way up: EF Core's `Failed executing DbCommand` before SaveChanges' `DbUpdateException` reaches the
 * application's code), or b is mostly access lines of requests answered 5xx and a is
 * an error that is not (the request's error, which says why; its access line says only that it
 * failed: uvicorn's `"POST /x HTTP/1.1" 500` under a handler's error). A record that reports a failure
 * at ERROR or above beside a more severe one is a failure of its own (gunicorn's `Worker was sent
 * SIGKILL` after its CRITICAL `WORKER TIMEOUT`; a .NET host's `BackgroundService failed` before its
 * CRITICAL `StopHost`): a person files them apart. So are two plain records at one level (a
 * transaction reaper's timeout and the abort it then logs; a handler's error and the `response failed`
 * line a middleware writes after it). But a script runner's report that its script failed (npm's `npm
 * error Lifecycle script … failed`, at ERROR like the command's own error before it: runner-report.ts)
 * says nothing of the failure but that it happened: at one level and shape, it goes with the failure
 * it was written beside. The relation only ever climbs (severity, then stack, then a failure over a
 * runner's report of it, and from access lines to records), so companions of companions end at a group
 * that goes with none. A group mostly of a server's structured records of responses it answered 4xx
 * (response-record.ts: express-winston's `HTTP POST /x` at warn for a 400) goes with a record at WARNING
 * or above, not the other way: the client's error the application logged before answering (a webhook's
 * rejected signature), as a whole group only (the density and share tests hold), never each record
 * alone as a 5xx's access line does: a 4xx is common, and a busy instance writes one beside anything.
 */
export function outranking(
  group: Numbers, severities: Numbers, stacks: Numbers, accesses: Numbers = [], reports: Numbers = [], clients: Numbers = [],
): (a: number, b: number) => boolean {
  const top = new Map<number, number>();
  for (let s = 0; s < group.length; s++) top.set(group[s]!, Math.max(top.get(group[s]!) ?? 0, severities[s]!));
  // 0: mostly plain lines; 1: mostly stack traces; 2: mostly traces through the application's own frames.
  const mostlyStack = mostlyOf(group, Uint8Array.from(stacks, (v) => (v > 0 ? 1 : 0)));
  const mostlyOwn = mostlyOf(group, Uint8Array.from(stacks, (v) => (v > 1 ? 1 : 0)));
  const rank = (g: number): number => (mostlyStack(g) ? (mostlyOwn(g) ? 2 : 1) : 0);
  // A group that holds access lines (with Cloud Run's request log of their status, or alone).
  const holdsAccess = anyOf(group, accesses);
  const mostlyReport = mostlyOf(group, reports);
  const mostlyClient = mostlyOf(group, clients);
  return (a, b) => {
    const [over, under] = [top.get(a)!, top.get(b)!];
    if (holdsAccess(b) !== holdsAccess(a)) return holdsAccess(b) && over >= ERROR;
    if (mostlyClient(b) !== mostlyClient(a)) return mostlyClient(b) && over >= WARNING;
    if (over !== under) return over > under && under < ERROR;
    if (rank(a) !== rank(b)) return rank(a) > rank(b);
    return !mostlyReport(a) && mostlyReport(b);
  };
}

/** Whether any of a group's entries is marked (1) in `marks`. */
function anyOf(group: Numbers, marks: Numbers): (g: number) => boolean {
  const marked = new Set<number>();
  for (let s = 0; s < group.length; s++) if ((marks[s] ?? 0) > 0) marked.add(group[s]!);
  return (g) => marked.has(g);
}

/** Whether more than half of a group's entries are marked (1) in `marks`. */
function mostlyOf(group: Numbers, marks: Numbers): (g: number) => boolean {
  const size = new Map<number, number>();
  const marked = new Map<number, number>();
  for (let s = 0; s < group.length; s++) {
    const g = group[s]!;
    size.set(g, (size.get(g) ?? 0) + 1);
    marked.set(g, (marked.get(g) ?? 0) + (marks[s] ?? 0));
  }
  return (g) => 2 * (marked.get(g) ?? 0) > (size.get(g) ?? 0);
}

/**
 * For each sighting: the sighting it goes with (-1: it stays). `group[s]` is the sighting's group;
 * `outranks(a, b)`: whether group a is one that an entry of group b would go with (a strict order);
 * `eachAlone(g)`: a group that is no companion as a whole whose entries still go each with what it was
 * written beside, the others staying (access lines: each is one request's record); `minOutranked`: the
 * share of a group's entries that must have been written beside an entry of a group that outranks it;
 * `traces`: each sighting's request trace (0: none), whose entries of one instance are written beside
 * each other within TRACE_MS (trace-neighbours.ts).
 */
export function companionTargets(group: Numbers, times: Numbers, writers: Numbers, outranks: (a: number, b: number) => boolean, eachAlone: (g: number) => boolean = () => false, minOutranked = 0, traces: Numbers = []): Int32Array {
  const target = new Int32Array(group.length).fill(-1);
  const request = traceNeighbours(group, times, writers, traces, outranks, TRACE_MS, MAX_TRACE_RECORDS);
  const size = new Map<number, number>();
  for (let s = 0; s < group.length; s++) size.set(group[s]!, (size.get(group[s]!) ?? 0) + 1);
  // Sightings per writer, in time order.
  const byWriter = new Map<number, number[]>();
  for (let s = 0; s < writers.length; s++) {
    const w = writers[s]!;
    if (w < 0) continue;
    const list = byWriter.get(w);
    if (list === undefined) byWriter.set(w, [s]);
    else list.push(s);
  }
  const written = new Map<number, number>(); // group -> sightings with a writer
  const near = new Map<number, number>(); // group -> of those, with another group's entry within COMPANION_MS
  const busy = new Map<number, number>(); // group -> of those, with another group's entry DENSITY_SHIFT_MS away
  const candidate = new Int32Array(group.length).fill(-1);
  const outranked = new Map<number, number>(); // group -> of those, with an entry to go with (candidate)
  for (const list of byWriter.values()) {
    list.sort((a, b) => times[a]! - times[b]! || a - b);
    for (let k = 0; k < list.length; k++) {
      const s = list[k]!;
      const g = group[s]!;
      const t = times[s]!;
      written.set(g, (written.get(g) ?? 0) + 1);
      let hasNear = false;
      let best = -1;
      let bestGap = Infinity;
      for (const step of [-1, 1]) {
        for (let j = k + step, seen = 0; j >= 0 && j < list.length && seen < MAX_SCAN; j += step, seen++) {
          const o = list[j]!;
          const gap = Math.abs(times[o]! - t);
          if (gap > COMPANION_MS) break;
          const h = group[o]!;
          if (h === g) continue;
          hasNear = true;
          // Nearest first; at one distance, the one read first.
          if (outranks(h, g) && (gap < bestGap || (gap === bestGap && o < best))) [best, bestGap] = [o, gap];
        }
      }
      // Written for one request with another group's entry: beside it, however far, and no coincidence
      // of a busy instance; the entry of its request it goes with, over any other written nearer.
      const sameRequest = request.near[s] === 1;
      if (request.best[s]! >= 0) best = request.best[s]!;
      if (hasNear || sameRequest) near.set(g, (near.get(g) ?? 0) + 1);
      if (best >= 0) outranked.set(g, (outranked.get(g) ?? 0) + 1);
      candidate[s] = best;
      if (!sameRequest && othersWithin(list, k, group, times, DENSITY_SHIFT_MS, DENSITY_SHIFT_MS + 2 * COMPANION_MS)) busy.set(g, (busy.get(g) ?? 0) + 1);
    }
  }
  const isCompanion = (g: number): boolean => {
    const n = written.get(g) ?? 0;
    // Nearly all of the group's entries written beside another group's, and by instances that are not
    // simply busy; at least `minOutranked` of them beside a group that outranks it; and nearly all of
    // the group's entries have a writer to tell.
    return n > 0 && (near.get(g) ?? 0) >= COMPANION_SHARE * n && (outranked.get(g) ?? 0) >= minOutranked * n
      && (busy.get(g) ?? 0) < DENSITY_SHARE * n && n >= COMPANION_SHARE * size.get(g)!;
  };
  const moved = new Map<number, number[]>(); // companion group -> its sightings that go with another, by time
  for (let s = 0; s < group.length; s++) {
    const g = group[s]!;
    if (candidate[s]! < 0) continue;
    if (!isCompanion(g)) {
      // An access line is its own request's record: it goes with the error written beside it even when
      // too few of its group were (traces cut before their head), and the rest stay (a request answered
      // 500 beside no error is a failure of its own).
      if (eachAlone(g)) target[s] = candidate[s]!;
      continue;
    }
    target[s] = candidate[s]!;
    const list = moved.get(g);
    if (list === undefined) moved.set(g, [s]);
    else list.push(s);
  }
  // The few entries of a companion that were written beside nothing (a write delayed, a neighbour not
  // read) go where the entry of their group written nearest in time went: one problem, not a stray
  // cluster of its own.
  for (const list of moved.values()) list.sort((a, b) => times[a]! - times[b]! || a - b);
  for (let s = 0; s < group.length; s++) {
    const list = moved.get(group[s]!);
    if (target[s]! >= 0 || list === undefined) continue;
    target[s] = target[nearestInTime(list, times, times[s]!)]!;
  }
  return target;
}

/** Of sightings sorted by time, the one nearest to `t` (the earlier on a tie). */
function nearestInTime(sorted: readonly number[], times: Numbers, t: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[sorted[mid]!]! < t) lo = mid + 1;
    else hi = mid;
  }
  const after = sorted[lo]!;
  const before = lo > 0 ? sorted[lo - 1]! : after;
  return t - times[before]! <= times[after]! - t ? before : after;
}

/** Whether another group's entry was written between `from` and `to` ms before or after the one at k. */
function othersWithin(list: readonly number[], k: number, group: Numbers, times: Numbers, from: number, to: number): boolean {
  const s = list[k]!;
  const t = times[s]!;
  for (const step of [-1, 1]) {
    // Skip to the window by binary search on the time-ordered list.
    let lo = step < 0 ? 0 : k + 1;
    let hi = step < 0 ? k - 1 : list.length - 1;
    const edge = step < 0 ? t - from : t + from;
    if (lo > hi) continue;
    if (step > 0) {
      // first index with time >= t + from
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (times[list[mid]!]! >= edge) hi = mid;
        else lo = mid + 1;
      }
      for (let j = lo, seen = 0; j < list.length && seen < MAX_SCAN && times[list[j]!]! <= t + to; j++, seen++) if (times[list[j]!]! >= edge && group[list[j]!] !== group[s]) return true;
    } else {
      // last index with time <= t - from
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (times[list[mid]!]! <= edge) lo = mid;
        else hi = mid - 1;
      }
      for (let j = lo, seen = 0; j >= 0 && seen < MAX_SCAN && times[list[j]!]! >= t - to; j--, seen++) if (times[list[j]!]! <= edge && group[list[j]!] !== group[s]) return true;
    }
  }
  return false;
}

/**
 * The classifier as re-deriving ids sees it once companions moved: a sample that lands in a group whose
 * every entry went with one other group lands in that one. An issue filed for the warning written
 * before an error (by a release that filed it apart) then follows the error's problem, as a merged
 * issue does, instead of falling silent while the error is filed anew.
 */
export function followingCompanions(classifier: Locator, absorbed: ReadonlyMap<string, string>): Locator {
  if (absorbed.size === 0) return classifier;
  const to = (id: string): string => absorbed.get(id) ?? id;
  const found = (id: string | null): string | null => (id === null ? null : to(id));
  return {
    locate: (entry) => found(classifier.locate(entry)),
    locateInRecords: (entry) => found(classifier.locateInRecords(entry)),
    locateCut: (entry) => [...new Set(classifier.locateCut(entry).map(to))].sort(),
    locateByCore: (entry) => found(classifier.locateByCore(entry)),
  };
}
