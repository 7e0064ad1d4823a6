// Entries in, clusters out. Stack traces and request logs have a signature of their own; all other
// text goes through the template miner. A handle names the internal node an entry joined; ids and
// templates are worked out from the nodes' final state, so they are the same whatever the order.
import { SEVERITIES, type Cluster, type Entry, type EntryKind } from '../shared/types.js';
import { maskTokens, WILDCARD } from '../normalize/mask.js';
import { TextMemo } from '../normalize/text-memo.js';
import { stripLogHeader } from '../normalize/log-header.js';
import { hashId, serviceScopedId } from './cluster-id.js';
import { mergeByCore, type CoreGroup } from './core-merge.js';
import { coreWords } from './core-words.js';
import { holdsMostOf, joinPieces, ofPieceServices, pieceHolders, pieceIndex, type PieceGroup } from './piece-join.js';
import { informative, lastLineKey, lineKey, recordLineKeys } from './record-lines.js';
import { problemText } from './problem-text.js';
import {
  cloneStats, emptyStats, mergeStats, record, revisionsOf, severitySourceOf, timelineOf, type ClusterStats,
} from './cluster-stats.js';
import { requestSignature, serverErrorStatus } from './request-signature.js';
import { generaliseRoutes, type RouteKey } from './route-variants.js';
import { stackSignature, type StackLanguage } from './stack-signature.js';
import { thrownKey } from './jvm-exception-line.js';
import { recordMessage } from './record-message.js';
import { ServiceTexts } from './service-texts.js';
import { runtimeOf, RUNTIMES } from './runtime-of.js';
import { DEFAULT_TEXT_OPTIONS, type TextOptions } from './text-clusters.js';

export interface Classifier {
  /**
   * Adds one entry (already redacted); returns a small handle. With `share`, the entry stands for the
   * entries `share` counts (a sample of a group counted elsewhere, e.g. by Log Analytics): its counts,
   * span, revisions and timeline are recorded instead of the entry's own. `memo`: an object of the
   * caller's, the same for every entry of the same message and text (a file sweep keeps one per message
   * it numbers), on which the classifier keeps what it derives from the text; results are the same
   * with it or without it.
   */
  add(entry: Entry, share?: ClusterStats, memo?: object): number;
  /** After all adds: the entry's final cluster id and template. */
  resolve(handle: number): { id: string; template: string };
  /** Whether the entry of `handle` was read as a stack trace through the application's own frames. */
  throughOwnCode(handle: number): boolean;
  /**
   * After all adds: whether the cluster of `other` holds most lines of the records of the cluster of
   * `piece` (piece-join.ts' holdsMostOf): the trace a piece written beside an entry of it belongs to.
   */
  holdsTraceOf(other: number, piece: number): boolean;
  /** The clusters so far, aggregated; clusters with the same id are merged. Sorted by count desc. */
  clusters(): Cluster[];
  /**
   * The id of the cluster this entry would join, without adding it (nothing changes); an id no
   * cluster has when it would start a new one. Re-derives ids from samples an issue stored.
   */
  locate(entry: Entry): string | null;
  /**
   * The cluster whose records hold every informative line of this entry's text, found as a piece of a
   * record finds its record (piece-join.ts); null when no cluster or several do. A sample a past
   * release stored from a piece of a record this one reads whole (a crash output split over entries,
   * now joined) has no cluster of its own any more: it is found in the record's.
   */
  locateInRecords(entry: Entry): string | null;
  /**
   * The clusters whose records this entry's text is the start of, for a text cut at a bound (a sample
   * an issue stored is a bounded prefix of its record): every informative line held by the cluster's
   * records, the last perhaps cut mid-line; a text of one line, the start of the first line of a record
   * the cluster kept. Only clusters of the entry's service (none for an entry of none). Ids sorted; at
   * most MAX_CUT_FITS. A cut trace lacks what a classifier may read from its end (the root cause, the
   * application's frames under a cause), so its own id may be one no record has.
   */
  locateCut(entry: Entry): string[];
  /**
   * The cluster of the entry's service that this text would join by its core words alone (core-merge:
   * the same message with a prefix or suffix that one release read as a header or a context, and
   * another as the message), when exactly one does; else null. For a sample that lands nowhere else.
   */
  locateByCore(entry: Entry): string | null;
}

/** A stack or request cluster: a fixed id and a template that generalises token by token. */
interface Node {
  kind: EntryKind;
  /** The service whose entries the node holds ('' for none): a problem belongs to one service. */
  service: string;
  /** The runtime its entries name ('' for none): see runtimePartId. */
  runtime: string;
  /** The signature's id before it was scoped by the service (see plainIds in finalize). */
  plain: string;
  stats: ClusterStats;
  id: string;
  tokens: string[];
  exceptionType?: string;
  /** For stack nodes: the language the trace was read as. */
  language?: StackLanguage;
  frames?: string[];
  /** For stack nodes: whether `frames` are the application's own. */
  ownFrames?: boolean;
  /** For stack nodes: how often each line the trace was logged under was seen (a few at most). */
  reportedAs?: Map<string, number>;
  /** For request nodes: method, route template and status, generalised against the others at the end. */
  route?: RouteKey;
  /** For request nodes of one status whatever the route (serverErrorStatus): tokens are method, route, status. */
  byStatus?: true;
  /**
   * For stack nodes whose messages differ (the template then holds wildcards, or only their first
   * word): a few distinct messages, so text logged without the trace, or the same trace cut short,
   * can still meet it by its words.
   */
  variants?: string[];
}

/** What a group of same-id clusters is made of: a text variant or a signature node. */
interface Member {
  kind: EntryKind;
  /** The runtime its entries name ('' for none): every member holds one runtime's entries. */
  runtime: string;
  /** Its own id, before groups were merged (see runtimeParts). */
  own?: string;
  stats: ClusterStats;
  template: string;
  exceptionType?: string;
  language?: StackLanguage;
  frames?: string[];
  ownFrames?: boolean;
  reportedAs?: string;
  variants?: string[];
}

interface Finalized {
  /** By handle root: text variants at 2i, signature nodes at 2i+1. */
  ids: Map<number, string>;
  groups: Map<string, Member[]>;
  templates: Map<string, string>;
  /** Ids joined to another cluster's by their core words (see core-merge). */
  moved: Map<string, string>;
  /** A merged group's id and an entry's runtime -> the id of the group's part the entry is in (runtimeParts). */
  partOf: (id: string, runtime: string) => string;
  /** The groups as the piece look-ups read them (pieceGroupOf), built on the first look-up. */
  pieceGroups?: PieceGroup[];
  /** The same by id, for holdsTraceOf. */
  pieceGroupById?: Map<string, PieceGroup>;
  /** locateInRecords' index of the groups of whole records, built on its first call. */
  records?: (piece: PieceGroup) => string | null;
  /** The same, with each record line also read as a message logged alone (lineAsMessage). */
  recordsAsMessages?: (piece: PieceGroup) => string | null;
  /** locateCut's index: every group holding a cut text's lines, then the same as messages logged alone. */
  holders?: (piece: PieceGroup, limit: number) => PieceGroup[];
  holdersAsMessages?: (piece: PieceGroup, limit: number) => PieceGroup[];
  /** locateByCore's input: the merged groups (before their runtime parts) as core-merge reads them, by service. */
  coreGroups: () => Map<string, CoreIndex>;
  /** locateCut's index for texts of one line: per group, its services and its kept records' first lines. */
  firstLines?: { id: string; services: Set<string>; lines: string[] }[];
}

/** Most clusters locateCut names: a cut text that fits more says little about which it was. */
export const MAX_CUT_FITS = 16;

const MAX_ERROR_TYPE_CHARS = 200;
/** Most pieces of records (Entry.piece) with a node of their own; the rest are mined as text. */
export const MAX_PIECE_NODES = 512;
const WARNING = SEVERITIES.indexOf('WARNING');
const NOTICE = SEVERITIES.indexOf('NOTICE');

/** Where an entry goes: a signature node (stack, request) with a fixed id, or the text miner. */
type Placement =
  | { kind: 'node'; id: string; plain: string; tokens: string[]; create: () => Omit<Node, 'id' | 'tokens' | 'service' | 'plain' | 'runtime'>; reportedAs?: string; wrapper?: string; piece?: true }
  | { kind: 'text'; tokens: string[]; errorType: string | undefined };

/** The messages a group's traces were seen with, when they differ (Node.variants). */
function variantsOf(members: readonly Member[]): { variants?: string[] } {
  const all = new Set<string>();
  for (const m of members) for (const v of m.variants ?? []) all.add(v);
  return all.size === 0 ? {} : { variants: [...all].sort().slice(0, MAX_VARIANTS) };
}

/** The application's own frames of a stack group (a stack node's frames are its own when it has any). */
function ownFramesOf(members: readonly Member[]): { frames?: string[] } {
  const stack = members.find((m) => m.kind === 'stack' && m.ownFrames === true && (m.frames?.length ?? 0) > 0);
  return stack ? { frames: stack.frames as string[] } : {};
}

/** Distinct report lines kept per trace signature: one problem is logged under one or two. */
const MAX_REPORT_LINES = 8;

function countReport(node: Node, line: string): void {
  node.reportedAs ??= new Map();
  const n = node.reportedAs.get(line);
  if (n !== undefined) node.reportedAs.set(line, n + 1);
  else if (node.reportedAs.size < MAX_REPORT_LINES) node.reportedAs.set(line, 1);
}

/**
 * The line most of a node's traces were logged under (ties: the smaller), whatever the arrival order,
 * with the words that vary between the lines of its length read as values (`VAT lookup failed for FR`,
 * `… for DE`: `VAT lookup failed for <*>`), as the text miner reads that line logged alone.
 */
function mostReported(node: Node): string | undefined {
  let best: [string, number] | undefined;
  for (const [line, n] of node.reportedAs ?? []) if (best === undefined || n > best[1] || (n === best[1] && line < best[0])) best = [line, n];
  if (best === undefined || (node.reportedAs as Map<string, number>).size < 2) return best?.[0];
  const first = best[0].split(' ');
  const words = [...first];
  for (const line of (node.reportedAs as Map<string, number>).keys()) {
    const other = line.split(' ');
    // Another line of its own (`order sync failed` / `cart load broken`) is no value of this one.
    if (other.length !== first.length || other.filter((w, i) => w !== first[i]).length * 2 > first.length) continue;
    for (let i = 0; i < words.length; i++) if (other[i] !== first[i]) words[i] = '<*>';
  }
  return words.join(' ');
}

/** The library frames of a stack group whose traces hold none of the application's own. */
function libraryFramesOf(members: readonly Member[]): { libraryFrames?: string[] } {
  if (members.some((m) => m.ownFrames === true)) return {};
  const stack = members.find((m) => m.kind === 'stack' && m.ownFrames === false && (m.frames?.length ?? 0) > 0);
  return stack ? { libraryFrames: stack.frames as string[] } : {};
}

/**
 * A JVM or Node trace group's surfaced exception, by which that exception's line printed alone (JVM),
 * or the same trace cut before the application's frames (core-merge.ts), finds it.
 */
function thrownOf(members: readonly Member[]): { thrown?: string } {
  const stack = members.find((m) => m.kind === 'stack' && (m.language === 'java' || m.language === 'node') && m.exceptionType !== undefined);
  if (stack === undefined) return {};
  const type = stack.exceptionType as string;
  const at = stack.template.indexOf(`${type}:`);
  return at < 0 ? {} : { thrown: thrownKey(type, stack.template.slice(at + type.length + 1)) };
}

/** The line a stack group's traces were logged under, when they were. */
function reportedAsOf(members: readonly Member[]): { reportedAs?: string } {
  const reported = members.find((m) => m.reportedAs !== undefined);
  return reported ? { reportedAs: reported.reportedAs as string } : {};
}

/** The first by name of the services a group's entries came from ('' for none). */
function firstService(members: readonly Member[]): string {
  let first: string | undefined;
  for (const { stats } of members) for (const s of stats.services) if (first === undefined || s < first) first = s;
  return first ?? '';
}

/** A service's groups as locateByCore reads them: each group's core (numbers as values), and which groups hold a word. */
interface CoreIndex {
  groups: Array<{ id: string; core: CoreGroup; words: number }>;
  byWord: Map<string, number[]>;
}

/**
 * A template with every number a value: what one release kept of a number (PDO's server error code
 * after the SQLSTATE it stripped or kept) and another masked is no difference between two samples of
 * one problem, for locateByCore alone.
 */
function anyNumber(template: string): string {
  return template.replace(/(^|[\s:;,([])\d{1,12}(?=$|[\s:;,)\]])/g, '$1<NUM>');
}

/** Every entry of the group is a piece of a record (Entry.piece). */
function allPieces(members: readonly Member[]): boolean {
  let count = 0;
  let pieces = 0;
  for (const { stats } of members) {
    count += stats.count;
    pieces += stats.pieces;
  }
  return count > 0 && pieces === count;
}

function pieceGroupOf(id: string, members: readonly Member[]): PieceGroup {
  const services = new Set<string>();
  const lines = new Set<string>();
  const cutLines = new Set<string>();
  let count = 0;
  for (const { stats } of members) {
    count += stats.count;
    for (const s of stats.services) services.add(s);
    for (const l of stats.lines) lines.add(l);
    for (const l of stats.cutLines) cutLines.add(l);
  }
  return { id, piece: allPieces(members), count, services, lines, cutLines };
}

/**
 * A record's line as a message logged alone reads (its header off): a past release that read the line
 * as an entry of its own (`error: queue drained` under Bun's source excerpt, before the two were one
 * record) stored it so, and a sample holding it is found in the record read whole now. Also as the
 * first line of a text reads (problemText): a piece whose head was lost opens with a line the whole
 * records hold further down (Jackson's ` at [Source: …] (through reference chain: T["field"])`), and its
 * first line was read so.
 */
function lineAsMessage(line: string): string[] {
  const { rest } = stripLogHeader(line);
  // Ruby's Logger prints an exception's line as `message (Class)`; a past release read the same error's
  // JSON form (its class, message and backtrace apart) as the message alone and stored it so.
  const message = rest.replace(RUBY_CLASS_AFTER, '');
  const out: string[] = [];
  const alone = message === line ? null : lineKey(message);
  if (alone !== null) out.push(alone);
  const first = lineKey(problemText(message));
  if (first !== null && first !== line && first !== alone) out.push(first);
  return out;
}

const RUBY_CLASS_AFTER = / \([A-Z]\w{0,80}(?:::[A-Z]\w{0,80}){0,8}\)$/;

/**
 * The groups of `services` (none: groups of none) whose kept records start with a text of one line cut
 * at a bound: its key the start of the key of a kept record's first line (keys are bounded, so a long
 * line compares by its start). The line must be informative.
 */
function cutLineFits(f: Finalized, text: string, services: ReadonlySet<string>): string[] {
  const key = lineKey(problemText(text));
  if (key === null || !informative(key)) return [];
  f.firstLines ??= [...f.groups].map(([id, members]) => ({
    id,
    services: new Set(members.flatMap((m) => [...m.stats.services])),
    lines: members.flatMap((m) => m.stats.samples.map((s) => lineKey(problemText(s.split('\n', 1)[0] as string)) ?? '')),
  }));
  const out: string[] = [];
  for (const g of f.firstLines) {
    if (!ofPieceServices(services, g.services) || !g.lines.some((l) => l.startsWith(key))) continue;
    out.push(g.id);
    if (out.length > MAX_CUT_FITS) return [];
  }
  return out.sort();
}

/** The finalized groups as piece look-ups read them, built once for all four of their indexes. */
function pieceGroupsOf(f: Finalized): PieceGroup[] {
  f.pieceGroups ??= [...f.groups].map(([id, members]) => pieceGroupOf(id, members));
  return f.pieceGroups;
}

/** The error type a payload named for a text group (a stack's type is its trace's, and drifts). */
function payloadTypeOf(members: readonly Member[]): { payloadType?: string } {
  const typed = members.find((m) => m.kind === 'text' && m.exceptionType !== undefined);
  return typed ? { payloadType: typed.exceptionType as string } : {};
}

// The same message comes back again and again: how it reads as a problem, masked, is remembered.
const problemTokenMemo = new TextMemo<readonly string[]>(5_000, 2_000_000);

/** maskTokens(problemText(text)), a fresh array the caller may keep. */
function problemTokens(text: string): string[] {
  let tokens = problemTokenMemo.get(text);
  if (tokens === undefined) {
    tokens = maskTokens(problemText(text));
    problemTokenMemo.set(text, tokens);
  }
  return tokens.slice();
}

/**
 * `takesPiece(id)`: whether a piece may have a node of its own under that id. Past MAX_PIECE_NODES
 * (a service that prints indented lines of its own, each different), pieces are mined as text is,
 * so memory stays bounded by the miner's.
 */
function signatureOf(entry: Entry, takesPiece: (id: string) => boolean, memo?: PlacementMemo): Placement {
  if (entry.piece) {
    // A piece is placed by its own lines at the end (piece-join.ts): pieces cut at other places, or of
    // other records, must not be mined into one template first, whose lines no record holds.
    const piece = pieceOf(entry, memo);
    if (takesPiece(piece.id)) return piece;
  }
  return wholeOf(entry, memo);
}

/**
 * What the classifier derived from a message, kept on an object the caller hands back with every
 * entry of the same message (Classifier.add's `memo`): a placement is a pure function of the entry's
 * text and of the few fields compared here, so a message that repeats costs a few comparisons.
 */
interface PlacementMemo {
  /** The runtime the message names ('' for none): runtimeOf of its text. */
  runtime?: string;
  piece?: { kind: EntryKind; service: string; placement: NodePlacement };
  whole?: { kind: EntryKind; service: string; errorType: string | undefined; routine: boolean; placement: Placement };
}

type NodePlacement = Extract<Placement, { kind: 'node' }>;

function pieceOf(entry: Entry, memo: PlacementMemo | undefined): NodePlacement {
  if (memo === undefined) return piecePlacement(entry);
  const kept = memo.piece;
  if (kept !== undefined && kept.kind === entry.kind && kept.service === entry.service) return kept.placement;
  const placement = piecePlacement(entry);
  memo.piece = { kind: entry.kind, service: entry.service, placement };
  return placement;
}

function wholeOf(entry: Entry, memo: PlacementMemo | undefined): Placement {
  // A request's signature is read from its request, not from its text.
  if (memo === undefined || entry.request) return wholePlacement(entry);
  const routine = isRoutine(entry);
  const kept = memo.whole;
  if (kept !== undefined && kept.kind === entry.kind && kept.service === entry.service && kept.errorType === entry.errorType && kept.routine === routine) {
    return kept.placement;
  }
  const placement = wholePlacement(entry);
  memo.whole = { kind: entry.kind, service: entry.service, errorType: entry.errorType, routine, placement };
  return placement;
}

/** A piece's own node: per service, as a piece belongs to a record of the service that wrote it. */
function piecePlacement(entry: Entry): NodePlacement {
  const id = hashId(['piece', entry.service, ...recordLineKeys(entry.text)]);
  const kind = entry.kind;
  return { kind: 'node', id, plain: id, tokens: problemTokens(entry.text), create: () => ({ kind, stats: emptyStats() }), piece: true };
}

// On a line known to be routine (DEBUG, INFO) an attribute or a trailing detail tells two events
// apart; on a problem, or a line whose severity nobody set, it is context that comes and goes.
const isRoutine = (entry: Entry): boolean => entry.severity !== 'DEFAULT' && SEVERITIES.indexOf(entry.severity) < NOTICE;

// The same message comes back again and again: the runtime it names is remembered.
const runtimeMemo = new TextMemo<string>(5_000, 2_000_000);

/**
 * The runtime an entry's text names ('' for none), by which a problem's group is cut (runtimeParts).
 * A routine line (DEBUG, INFO) is no problem of a runtime's: it names none, and mines as it always did.
 */
function runtimeFor(entry: Entry, memo?: PlacementMemo): string {
  if (isRoutine(entry)) return '';
  if (memo?.runtime !== undefined) return memo.runtime;
  let runtime = runtimeMemo.get(entry.text);
  if (runtime === undefined) {
    runtime = runtimeOf(entry.text) ?? '';
    runtimeMemo.set(entry.text, runtime);
  }
  if (memo !== undefined) memo.runtime = runtime;
  return runtime;
}

/** A signature node's key: one node per signature and runtime, so every node holds one runtime's entries. */
function nodeKey(id: string, runtime: string): string {
  return runtime === '' ? id : `${id}\u0000${runtime}`;
}

/**
 * The id of a part of a group that holds several runtimes' entries: derived from the runtime ('' for
 * the entries naming none) and from the ids of the part's own members alone, never from which runtime
 * logged most nor from which other runtimes are in the window.
 */
export function runtimePartId(memberId: string, runtime: string): string {
  return hashId(['runtime', memberId, runtime]);
}

/**
 * One problem per runtime. The same words logged by two runtimes (a Python and a Node client printing
 * one server's `duplicate key value violates unique constraint`) are merged by their core, and are two
 * services' code failing. A group whose entries name one runtime, or none, is one problem and keeps its
 * id: entries naming no runtime (a bare server text) are that runtime's, as no other logged it. A group
 * whose entries name several is cut into a part per runtime, each with runtimePartId(the smallest own
 * id of its runtime's members, runtime), and a part of the entries naming none, runtimePartId(their
 * smallest own id, ''), as they cannot tell which runtime logged them. No part keeps the group's id: it
 * may be the id a window with one runtime alone gave that runtime's problem, so no other runtime's
 * messages ever come under it, and which part that would be never rests on counts. Returns the part of
 * a group's id and an entry's runtime (a runtime the group does not hold: the group's own id when it
 * is not cut, else an id no part has).
 */
function runtimeParts(groups: ReadonlyMap<string, readonly Member[]>): (id: string, runtime: string) => string {
  const parts = new Map<string, Map<string, string>>();
  for (const [id, members] of groups) {
    // Runtime -> the smallest own id of its members.
    const smallest = new Map<string, string>();
    for (const { runtime, own } of members) {
      const at = smallest.get(runtime);
      const mine = own ?? id;
      if (at === undefined || mine < at) smallest.set(runtime, mine);
    }
    if ([...smallest.keys()].filter((r) => r !== '').length < 2) continue;
    parts.set(id, new Map([...smallest].map(([runtime, own]) => [runtime, runtimePartId(own, runtime)])));
  }
  return (id, runtime) => {
    const byRuntime = parts.get(id);
    if (byRuntime === undefined) return id;
    return byRuntime.get(runtime) ?? runtimePartId(id, runtime);
  };
}

/** Where a whole entry goes: its request or stack signature's node, or the text miner. */
function wholePlacement(entry: Entry): Placement {
  const errorType = entry.errorType ? entry.errorType.slice(0, MAX_ERROR_TYPE_CHARS) : undefined;
  if (entry.kind === 'request' && entry.request) {
    const sig = requestSignature(entry.request);
    if (serverErrorStatus(sig.status)) {
      // One problem per status: the method and route are what was asked, and show as wildcards when they vary.
      // An access line the application printed is the same request's record in another hand: with Cloud
      // Run's request log of that status, one problem (companions.ts moves those written beside an error).
      const plain = hashId(['request-status', String(sig.status)]);
      const tokens = [sig.method, sig.route, String(sig.status)];
      return { kind: 'node', id: serviceScopedId(entry.service, plain), plain, tokens, create: () => ({ kind: 'request', stats: emptyStats(), byStatus: true }) };
    }
    const plain = hashId(['request', sig.method, sig.route, String(sig.status)]);
    const route = { method: sig.method, route: sig.route, status: sig.status };
    return { kind: 'node', id: serviceScopedId(entry.service, plain), plain, tokens: [sig.template], create: () => ({ kind: 'request', stats: emptyStats(), route }) };
  }
  if (entry.kind === 'stack') {
    const sig = stackSignature(recordMessage(entry.text), errorType);
    if (sig) {
      const parts = ['stack', sig.exceptionType, sig.rootCause ?? '', ...sig.frames];
      // The failing call the message names is the error the frames raised (stack-signature.ts).
      if (sig.identity !== undefined) parts.push('\u0003', sig.identity);
      // Library frames alone say where it failed, not who called: the logged line does.
      if (sig.context !== undefined) parts.push('\u0002', sig.context);
      const tokens = sig.language === 'go'
        ? [`panic: ${sig.exceptionType}`]
        : [...(sig.context ?? '').split(' '), `${sig.exceptionType}:`, ...sig.message.split(' ')].filter((t) => t.length > 0);
      const create = () => ({ kind: 'stack' as const, stats: emptyStats(), exceptionType: sig.exceptionType, language: sig.language, frames: sig.frames, ownFrames: sig.ownFrames });
      const plain = hashId(parts);
      return { kind: 'node', id: serviceScopedId(entry.service, plain), plain, tokens, create, ...(sig.reportedAs !== undefined ? { reportedAs: sig.reportedAs } : {}), ...(sig.wrapper !== undefined ? { wrapper: sig.wrapper } : {}) };
    }
  }
  return { kind: 'text', tokens: isRoutine(entry) ? maskTokens(entry.text) : problemTokens(recordMessage(entry.text)), errorType };
}

/** A node's template; a request of one status whatever its route reads `METHOD /<*> STATUS` when routes vary. */
function templateOf(node: Node): string {
  if (node.byStatus !== true || node.tokens[1] !== WILDCARD) return node.tokens.join(' ');
  return [node.tokens[0], `/${WILDCARD}`, ...node.tokens.slice(2)].join(' ');
}

/** Most distinct messages a stack node keeps (see Node.variants). */
const MAX_VARIANTS = 4;

/** Keeps the MAX_VARIANTS smallest distinct messages: the same ones whatever order they came in. */
function keepVariant(node: Node, message: string): void {
  const variants = (node.variants ??= []);
  if (variants.includes(message)) return;
  variants.push(message);
  variants.sort();
  if (variants.length > MAX_VARIANTS) variants.length = MAX_VARIANTS;
}

export function createClassifier(options: TextOptions = DEFAULT_TEXT_OPTIONS): Classifier {
  const text = new ServiceTexts(options);
  const textKinds = new Map<number, string>();
  const nodes: Node[] = [];
  const bySignature = new Map<string, number>();
  let finalized: Finalized | null = null;
  let pieceNodes = 0;
  const takesPiece = (id: string): boolean => bySignature.has(id) || pieceNodes < MAX_PIECE_NODES;

  function signatureNode(id: string, plain: string, service: string, runtime: string, create: () => Omit<Node, 'id' | 'tokens' | 'service' | 'plain' | 'runtime'>, tokens: readonly string[]): number {
    const key = nodeKey(id, runtime);
    let index = bySignature.get(key);
    if (index === undefined) {
      index = nodes.length;
      nodes.push({ ...create(), id, plain, service, runtime, tokens: [...tokens] });
      bySignature.set(key, index);
      return index;
    }
    const node = nodes[index] as Node;
    const mine = node.tokens;
    const sameLength = mine.length === tokens.length;
    let at = 0;
    if (sameLength) while (at < mine.length && mine[at] === tokens[at]) at++;
    if (sameLength && at === mine.length) return index;
    if (node.kind === 'stack') {
      // Before the template takes wildcards, the message it held is one of the variants too.
      if (node.variants === undefined) keepVariant(node, mine.join(' '));
      keepVariant(node, tokens.join(' '));
    }
    if (!sameLength) node.tokens = [mine[0] ?? WILDCARD, WILDCARD];
    else for (let i = at; i < mine.length; i++) if (mine[i] !== tokens[i]) mine[i] = WILDCARD;
    return index;
  }

  /** Returns a handle: text variants are even, signature nodes odd. */
  function place(entry: Entry, memo?: PlacementMemo): number {
    const runtime = runtimeFor(entry, memo);
    const sig = signatureOf(entry, (id) => takesPiece(nodeKey(id, runtime)), memo);
    if (sig.kind === 'node') {
      if (sig.piece && !bySignature.has(nodeKey(sig.id, runtime))) pieceNodes++;
      const index = signatureNode(sig.id, sig.plain, entry.service, runtime, sig.create, sig.tokens);
      if (sig.reportedAs !== undefined) countReport(nodes[index] as Node, sig.reportedAs);
      // The wrapper a root cause's trace was reported as is one of its messages (its core meets the
      // same wrapper traced by another call site, so the wrapper's line alone cannot say which).
      if (sig.wrapper !== undefined) {
        const node = nodes[index] as Node;
        if (node.variants === undefined) keepVariant(node, node.tokens.join(' '));
        keepVariant(node, sig.wrapper);
      }
      return 2 * index + 1;
    }
    const variant = text.add(entry.service, runtime, sig.tokens, sig.errorType);
    if (sig.errorType) textKinds.set(variant, sig.errorType);
    return 2 * variant;
  }

  function statsOf(handle: number): ClusterStats {
    return handle % 2 === 0 ? text.stats(handle / 2) : (nodes[(handle - 1) / 2] as Node).stats;
  }

  function finalize(): Finalized {
    if (finalized) return finalized;
    const ids = new Map<number, string>();
    const groups = new Map<string, Member[]>();
    // Group id -> the id it had before ids were scoped by service. Merging within a service breaks
    // ties by id; it is given these, so a service's groups merge as they did before the scoping.
    const plainIds = new Map<string, string>();
    const join = (handle: number, id: string, member: Member, plain: string): void => {
      ids.set(handle, id);
      member.own = id;
      plainIds.set(id, plain);
      const g = groups.get(id);
      if (g) g.push(member);
      else groups.set(id, [member]);
    };
    for (const { variant, service, runtime, resolved: r } of text.resolveAll()) {
      const member: Member = { kind: 'text', runtime, stats: text.stats(variant), template: r.template };
      const errorType = textKinds.get(variant);
      if (errorType !== undefined) member.exceptionType = errorType;
      join(2 * variant, serviceScopedId(service, r.id), member, r.id);
    }
    const routed = nodes.filter((n) => n.route !== undefined);
    const keyOf = (n: Node): RouteKey => ({ ...(n.route as RouteKey), service: n.service });
    const general = generaliseRoutes(routed.map(keyOf));
    const routes = new Map(routed.map((n, k) => [n, general[k] as string] as const));
    nodes.forEach((node, i) => {
      const member: Member = { kind: node.kind, runtime: node.runtime, stats: node.stats, template: templateOf(node) };
      if (node.exceptionType !== undefined) member.exceptionType = node.exceptionType;
      if (node.language !== undefined) member.language = node.language;
      if (node.frames !== undefined) member.frames = node.frames;
      if (node.ownFrames !== undefined) member.ownFrames = node.ownFrames;
      if (node.variants !== undefined) member.variants = node.variants;
      const reportedAs = mostReported(node);
      if (reportedAs !== undefined) member.reportedAs = reportedAs;
      let [id, plain] = [node.id, node.plain];
      const route = routes.get(node);
      if (node.route !== undefined && route !== undefined && route !== node.route.route) {
        const { method, status } = node.route;
        plain = hashId(['request', method, route, String(status)]);
        id = serviceScopedId(node.service, plain);
        member.template = `${method} ${route} ${status}`;
      }
      join(2 * i + 1, id, member, plain);
    });
    // The most frequent member's template speaks for the group; ties go to the smaller text,
    // so the choice does not depend on arrival order.
    const speaker = (members: Member[]): string => {
      members.sort((a, b) => b.stats.count - a.stats.count || (a.template < b.template ? -1 : 1));
      return (members[0] as Member).template;
    };
    const coreGroupOf = ([id, members]: [string, Member[]]): CoreGroup => ({
      id,
      template: speaker(members),
      ...ownFramesOf(members),
      ...libraryFramesOf(members),
      ...reportedAsOf(members),
      ...thrownOf(members),
      problem: members.some((m) => SEVERITIES.indexOf(m.stats.severity) >= WARNING),
      ...payloadTypeOf(members),
      ...variantsOf(members),
    });
    const moved = new Map<string, string>();
    // Merges are found on a snapshot of the groups, so one step may name a group an earlier step
    // already moved (A -> B after B -> C): both ends are followed to where their members are now,
    // and a step that would join a group to itself is none.
    const current = (id: string): string => (groups.has(id) ? id : moved.get(id) ?? id);
    const move = (fromId: string, toId: string): void => {
      const [from, to] = [current(fromId), current(toId)];
      const [source, target] = [groups.get(from), groups.get(to)];
      if (from === to || source === undefined || target === undefined) return;
      target.push(...source);
      groups.delete(from);
      for (const [id, into] of moved) if (into === from) moved.set(id, to);
      moved.set(from, to);
    };
    // Core merging stays within a service (every group holds one): the same words in two services'
    // logs (`too many clients already` from a Ruby and a Python service) are two teams' problems.
    const byService = (entries: Array<[string, Member[]]>): Array<Array<[string, Member[]]>> => {
      const parts = new Map<string, Array<[string, Member[]]>>();
      for (const entry of entries) {
        const key = firstService(entry[1]);
        const part = parts.get(key);
        if (part === undefined) parts.set(key, [entry]);
        else part.push(entry);
      }
      return [...parts.values()];
    };
    // Whole records first: pieces cut from different records share a head (`Exception in ASGI
    // application`, `Traceback …`, a framework's frames) and would be merged into one group whose
    // lines no record holds, so none of them could find its record.
    const mergeWithin = (part: Array<[string, Member[]]>): Map<string, string> => {
      const scoped = new Map(part.map(([id]) => [plainIds.get(id) ?? id, id]));
      const out = new Map<string, string>();
      for (const [from, to] of mergeByCore(part.map(([id, members]) => coreGroupOf([plainIds.get(id) ?? id, members])))) {
        out.set(scoped.get(from) as string, scoped.get(to) as string);
      }
      return out;
    };
    // A request log's group is one per route or status (request-signature.ts), never one by its words:
    // Cloud Run's record of a request and the application's access line of it are two hands' records.
    for (const part of byService([...groups].filter(([, m]) => !allPieces(m) && !m.every((x) => x.kind === 'request')))) {
      for (const [from, to] of mergeWithin(part)) move(from, to);
    }
    // Then pieces of records go with the group whose records hold them.
    for (const [from, to] of joinPieces([...groups].map(([id, members]) => pieceGroupOf(id, members)), lineAsMessage)) move(from, to);
    // A piece no record holds may still share a whole group's core (a head logged alone); pieces
    // never draw one another.
    if ([...groups.values()].some(allPieces)) {
      for (const part of byService([...groups])) {
        const left = part.filter(([, m]) => allPieces(m)).map(([id]) => id);
        if (left.length === 0) continue;
        const late = mergeWithin(part);
        for (const from of left) {
          const to = late.get(from);
          if (to !== undefined && groups.has(to) && !allPieces(groups.get(to) as Member[])) move(from, to);
        }
      }
    }
    // Each merged group cut by the runtime its members name: every handle's member holds one runtime's entries.
    const partOf = runtimeParts(groups);
    const runtimeOfHandle = (handle: number): string => {
      const at = root(handle);
      return at % 2 === 0 ? text.runtime(at / 2) : (nodes[(at - 1) / 2] as Node).runtime;
    };
    for (const [handle, id] of ids) ids.set(handle, partOf(moved.get(id) ?? id, runtimeOfHandle(handle)));
    const parts = new Map<string, Member[]>();
    for (const [id, members] of groups) {
      for (const member of members) {
        const part = partOf(id, member.runtime);
        const held = parts.get(part);
        if (held === undefined) parts.set(part, [member]);
        else held.push(member);
      }
    }
    const templates = new Map<string, string>();
    for (const [id, members] of parts) templates.set(id, speaker(members));
    let cores: Map<string, CoreIndex> | undefined;
    const coreGroups = (): Map<string, CoreIndex> => {
      if (cores !== undefined) return cores;
      cores = new Map();
      for (const [id, members] of groups) {
        if (allPieces(members)) continue;
        const service = firstService(members);
        const index = cores.get(service) ?? { groups: [], byWord: new Map<string, number[]>() };
        const core = coreGroupOf([plainIds.get(id) ?? id, members]);
        const template = anyNumber(core.template);
        const words = new Set(coreWords(template));
        for (const word of words) {
          const list = index.byWord.get(word);
          if (list === undefined) index.byWord.set(word, [index.groups.length]);
          else list.push(index.groups.length);
        }
        index.groups.push({ id, core: { ...core, template }, words: words.size });
        cores.set(service, index);
      }
      return cores;
    };
    finalized = { ids, groups: parts, templates, moved, partOf, coreGroups };
    return finalized;
  }

  function root(handle: number): number {
    return handle % 2 === 0 ? 2 * text.find(handle / 2) : handle;
  }

  return {
    add(entry: Entry, share?: ClusterStats, memo?: object): number {
      const handle = place(entry, memo as PlacementMemo | undefined);
      if (share) mergeStats(statsOf(handle), share);
      else record(statsOf(handle), entry);
      finalized = null;
      return handle;
    },
    holdsTraceOf(other: number, piece: number): boolean {
      const f = finalize();
      f.pieceGroupById ??= new Map(pieceGroupsOf(f).map((g) => [g.id, g]));
      const [a, b] = [f.pieceGroupById.get(f.ids.get(root(other)) ?? ''), f.pieceGroupById.get(f.ids.get(root(piece)) ?? '')];
      return a !== undefined && b !== undefined && a !== b && holdsMostOf(a, b);
    },
    throughOwnCode(handle: number): boolean {
      return handle % 2 === 1 && (nodes[(handle - 1) / 2] as Node | undefined)?.ownFrames === true;
    },
    resolve(handle: number) {
      const f = finalize();
      const id = Number.isInteger(handle) && handle >= 0 ? f.ids.get(root(handle)) : undefined;
      if (id === undefined) throw new RangeError(`unknown handle ${handle}`);
      return { id, template: f.templates.get(id) as string };
    },
    locate(entry: Entry): string | null {
      const runtime = runtimeFor(entry);
      const sig = signatureOf(entry, (id) => takesPiece(nodeKey(id, runtime)));
      const f = finalize();
      // A sample an earlier release stored may name a runtime its entry's text no longer shows (a header
      // that release left on the message: NLog's `|FATAL|Microsoft.Extensions.Hosting…|`), or none where
      // the text read now shows one. Found in its own runtime's place first; else in the one other
      // runtime's (or none's) place that holds it, never when several do.
      if (sig.kind === 'text') {
        let found: { runtime: string; id: string } | null = null;
        const local = text.locate(entry.service, runtime, sig.tokens, sig.errorType);
        if (local !== null) found = { runtime, id: local };
        else {
          const elsewhere = text.locateElsewhere(entry.service, runtime, sig.tokens, sig.errorType);
          if (elsewhere.length === 1) found = elsewhere[0] as { runtime: string; id: string };
        }
        if (found === null) return null;
        const id = serviceScopedId(entry.service, found.id);
        return f.partOf(f.moved.get(id) ?? id, found.runtime);
      }
      let index = bySignature.get(nodeKey(sig.id, runtime));
      if (index === undefined) {
        const elsewhere = ['', ...RUNTIMES].filter((r) => r !== runtime && bySignature.has(nodeKey(sig.id, r)));
        if (elsewhere.length === 1) index = bySignature.get(nodeKey(sig.id, elsewhere[0] as string));
      }
      return index === undefined ? f.partOf(f.moved.get(sig.id) ?? sig.id, runtime) : (f.ids.get(2 * index + 1) ?? sig.id);
    },
    locateInRecords(entry: Entry): string | null {
      const f = finalize();
      f.records ??= pieceIndex(pieceGroupsOf(f));
      const text = entry.lead === undefined ? entry.text : `${entry.lead}\n${entry.text}`;
      const services = new Set(entry.service === '' ? [] : [entry.service]);
      const piece = { id: '', piece: true, count: 1, services, lines: new Set(recordLineKeys(text)) };
      const found = f.records(piece);
      if (found !== null) return found;
      // Only when the lines as they are find nothing: a second reading must not make a found one ambiguous.
      f.recordsAsMessages ??= pieceIndex(pieceGroupsOf(f), lineAsMessage);
      return f.recordsAsMessages(piece);
    },
    locateByCore(entry: Entry): string | null {
      if (entry.piece) return null;
      const sig = wholeOf(entry, undefined);
      if (sig.kind !== 'text') return null;
      const f = finalize();
      const index = f.coreGroups().get(entry.service);
      if (index === undefined) return null;
      // An id no group's plain id can be; the sample is a problem (an issue filed it).
      const SAMPLE = '\u0000sample';
      const sample: CoreGroup = { id: SAMPLE, template: anyNumber(sig.tokens.join(' ')), problem: true, ...(sig.errorType ? { payloadType: sig.errorType } : {}) };
      // Only groups that may hold the sample's core or be held by it meet it: those with every word of
      // the sample's, or whose every word the sample has. The rest cannot join it, and a sweep places
      // every sample of every issue whose problem is quiet this way.
      const words = new Set(coreWords(sample.template));
      if (words.size === 0) return null;
      const hits = new Map<number, number>();
      for (const word of words) for (const g of index.byWord.get(word) ?? []) hits.set(g, (hits.get(g) ?? 0) + 1);
      const part = [...hits].filter(([g, n]) => n === words.size || n === index.groups[g]!.words).map(([g]) => index.groups[g]!);
      if (part.length === 0) return null;
      const merges = mergeByCore([...part.map((g) => g.core), sample]);
      // The sample joins a group (its core holds the group's), or one group joins the sample (the
      // group's core holds the sample's: a prefix the store lost is the message's now).
      const into = merges.get(SAMPLE);
      const found = into !== undefined
        ? part.filter((g) => g.core.id === into)
        : part.filter((g) => merges.get(g.core.id) === SAMPLE);
      if (found.length !== 1) return null;
      return f.partOf(found[0]!.id, runtimeFor(entry));
    },
    locateCut(entry: Entry): string[] {
      const f = finalize();
      const text = entry.lead === undefined ? entry.text : `${entry.lead}\n${entry.text}`;
      const services = new Set(entry.service === '' ? [] : [entry.service]);
      if (!text.includes('\n')) return cutLineFits(f, text, services);
      const lines = new Set(recordLineKeys(text));
      const last = lastLineKey(text);
      const piece = { id: '', piece: true, count: 1, services, lines, cutLines: new Set(last === null ? [] : [last]) };
      f.holders ??= pieceHolders(pieceGroupsOf(f));
      let found = f.holders(piece, MAX_CUT_FITS + 1);
      if (found.length === 0) {
        f.holdersAsMessages ??= pieceHolders(pieceGroupsOf(f), lineAsMessage);
        found = f.holdersAsMessages(piece, MAX_CUT_FITS + 1);
      }
      return found.length > MAX_CUT_FITS ? [] : found.map((g) => g.id).sort();
    },
    clusters(): Cluster[] {
      const f = finalize();
      const out: Cluster[] = [];
      for (const [id, members] of f.groups) {
        const first = members[0] as Member;
        const stats = cloneStats(first.stats);
        for (const m of members.slice(1)) mergeStats(stats, m.stats);
        const cluster: Cluster = {
          id,
          template: f.templates.get(id) as string,
          kind: first.kind,
          count: stats.count,
          severity: stats.severity,
          firstSeen: stats.firstSeen,
          lastSeen: stats.lastSeen,
          services: [...stats.services].sort(),
          revisions: revisionsOf(stats),
          samples: stats.samples,
          timeline: timelineOf(stats),
        };
        if (first.exceptionType !== undefined) cluster.exceptionType = first.exceptionType;
        if (first.frames !== undefined) cluster.frames = [...first.frames];
        const severitySource = severitySourceOf(stats);
        if (severitySource !== undefined) cluster.severitySource = severitySource;
        out.push(cluster);
      }
      return out.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
  };
}
