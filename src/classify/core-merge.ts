// One error, many surfaces: the same message printed bare, after an application prefix, inside a
// wrapper (`{ [Error: socket hang up] code: … }`), with a suffix that comes and goes (`Trying again
// in 5s…`), or under another exception name (`Error:` / `AxiosError:`). Each surface mines its own
// template; this pass joins a cluster to the one whose words its own words contain.
//
// A cluster's core is its template's plain words in order, without exception names and level words
// (those drift between library versions and formatters). When the core of one cluster holds the
// whole core of another as a contiguous run, and that run is distinctive (at least
// MIN_CORE_WORDS words and MIN_CORE_CHARS letters), the longer is the same problem as the shorter.
// Call sites stay apart: a stack trace through frames of the application's own code is its own
// problem (two handlers raising `TypeError: Cannot read properties of undefined` are two bugs), so
// such a cluster only joins a trace with the same core raised in the same frame of its own (the
// same trace cut short by a truncated write, or printed without its cause); text and traces through
// library frames only may join it.
import { tokenize } from '../normalize/mask.js';
import { coreWords, MAX_CORE_WORDS } from './core-words.js';
import { errorIdentity } from './error-identity.js';
import { exceptionLineKey } from './jvm-exception-line.js';
import { isRetryNotice } from '../normalize/retry-notice.js';
import { typedShortKey } from './typed-short-message.js';

/** A core shorter than this is a generic phrase (`connection refused`), not a problem of its own. */
export const MIN_CORE_WORDS = 4;
/** …except the core of a logged problem (WARNING or worse), where three words name it (`socket hang up`). */
export const MIN_PROBLEM_CORE_WORDS = 3;
const MIN_CORE_CHARS = 12;
/** Groups meet only under one payload error type (or none): the key of a core under it. */
function coreKey(payloadType: string | undefined, words: readonly string[]): string {
  return `${payloadType ?? ''}\u0001${words.join(' ')}`;
}

// A payload's error type keeps apart groups whose texts alone would meet (`{"type": "ValidationError",
// "message": …}` / `{"type": "QuotaError", …}`). A type the text itself shows (`Caused by:
// java.lang.OutOfMemoryError: …`, whose type was read off that very line) tells nothing the text does
// not, and keeps the line from meeting the same error printed without the type read off it.
function withoutShownType(g: CoreGroup): CoreGroup {
  if (g.payloadType === undefined || !showsType(g.template, g.payloadType)) return g;
  const { payloadType: _shown, ...rest } = g;
  return rest;
}

function showsType(template: string, type: string): boolean {
  let at = template.indexOf(type);
  while (at >= 0) {
    const before = at === 0 ? ' ' : (template[at - 1] as string);
    const after = template[at + type.length] ?? ' ';
    if (/[\s([{'"]/.test(before) && /[\s:)\]},'"]/.test(after)) return true;
    at = template.indexOf(type, at + 1);
  }
  return false;
}

function hasOwnFrames(g: CoreGroup): boolean {
  return (g.frames?.length ?? 0) > 0;
}

function distinctive(words: readonly string[], problem: boolean): boolean {
  const min = problem ? MIN_PROBLEM_CORE_WORDS : MIN_CORE_WORDS;
  return words.length >= min && words.reduce((n, w) => n + w.length, 0) >= MIN_CORE_CHARS;
}

/**
 * Two traces raised in the same frame of the application's own code (its innermost: the operation that
 * failed). A trace cut short by a truncated write keeps that frame and loses the callers below it; the
 * same exception raised in two places (`HttpTimeoutException` from two clients' `fetch`, both called by
 * one handler) shares only a caller, and is two problems.
 */
function sameRaisingFrame(a: CoreGroup, b: CoreGroup): boolean {
  const [fa, fb] = [a.frames?.[0], b.frames?.[0]];
  return fa !== undefined && fa === fb;
}

/**
 * Two traces raised in one frame (a client's call) but reached from two callers of the application's
 * own and logged under two lines: two operations failing alike (Quarkus's request handler and its
 * scheduler, a push sender and a digest job calling one client), each its own problem.
 */
function otherCallSite(a: CoreGroup, b: CoreGroup): boolean {
  if (a.reportedAs === undefined || b.reportedAs === undefined || a.reportedAs === b.reportedAs) return false;
  const [fa, fb] = [a.frames ?? [], b.frames ?? []];
  return fa.length >= 2 && fb.length >= 2 && fa[1] !== fb[1];
}

/** `short`'s frames are the start of `long`'s: the same trace cut short by a truncated write. */
function cutOf(short: CoreGroup, long: CoreGroup): boolean {
  const [fs, fl] = [short.frames ?? [], long.frames ?? []];
  return fs.length < fl.length && fs.every((f, i) => f === fl[i]);
}

/**
 * Traces through the application's own frames with one core: each joins the smallest id among those
 * raised in the same frame (so the result does not depend on order). `framed`: the groups with own frames.
 * Whole traces join first; a trace cut short then joins the one trace it may be a cut of, or, when it
 * may be a cut of two call sites' traces, the one logged under its own line (none when that is no one).
 */
function joinCutTraces(framed: readonly CoreGroup[], cores: ReadonlyMap<string, string[]>): Map<string, string> {
  // Each trace under its template's core and its messages' (CoreGroup.variants).
  const byCore = new Map<string, CoreGroup[]>();
  for (const g of framed) {
    const keys = new Set<string>();
    for (const words of [cores.get(g.id) ?? [], ...(g.variants ?? []).map(coreWords)]) {
      if (distinctive(words, g.problem)) keys.add(coreKey(g.payloadType, words));
    }
    for (const key of keys) byCore.set(key, [...(byCore.get(key) ?? []), g]);
  }
  // …and under its whole template: a cut keeps its trace's first line to the letter, even when that
  // line's words are too few to be a core (clj-http's `ExceptionInfo: clj-http: status 503 {…}`).
  const byTemplate = new Map<string, CoreGroup[]>();
  for (const g of framed) {
    const key = `${g.payloadType ?? ''}\u0002${g.template}`;
    byTemplate.set(key, [...(byTemplate.get(key) ?? []), g]);
  }
  // Union by raising frame within a core, then every member points at its component's smallest id.
  const root = new Map<string, string>();
  const find = (id: string): string => {
    let at = id;
    while (root.has(at) && root.get(at) !== at) at = root.get(at) as string;
    return at;
  };
  const union = (a: string, b: string): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) root.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const same of byCore.values()) {
    if (same.length < 2) continue;
    for (let i = 0; i < same.length; i++) {
      for (let j = i + 1; j < same.length; j++) {
        const [a, b] = [same[i] as CoreGroup, same[j] as CoreGroup];
        if (a.id === b.id || !sameRaisingFrame(a, b) || otherCallSite(a, b) || cutOf(a, b) || cutOf(b, a)) continue;
        union(a.id, b.id);
      }
    }
  }
  for (const same of [...byCore.values(), ...byTemplate.values()]) {
    for (const short of same) {
      const longer = same.filter((g) => g.id !== short.id && sameRaisingFrame(short, g) && cutOf(short, g));
      if (longer.length === 0) continue;
      let into = new Set(longer.map((g) => find(g.id)));
      if (into.size > 1) into = new Set(longer.filter((g) => g.reportedAs === short.reportedAs).map((g) => find(g.id)));
      if (into.size === 1) union(short.id, [...into][0] as string);
    }
  }
  const out = new Map<string, string>();
  for (const id of root.keys()) if (find(id) !== id) out.set(id, find(id));
  return out;
}

// Go wraps an error once per function it passes through: `op: ctx: ctx: root`. The same failure
// reached by a longer path has more layers in the middle, never others at the ends: a chain whose
// layers are a part of another's, with the same first and last layer, is that chain's problem. Two
// chains with a different layer at one place (`…: postgres: dial tcp …` / `…: redis: dial tcp …`)
// are not part of each other and stay apart. Rust's anyhow prints the same chain outermost first
// (`flush failed: batch 7: upload x: error sending request`), and the shortest path may be the
// operation and the root alone (`flush failed: error sending request`): such a two-layer chain is
// only ever the shorter one, joined by a chain of three layers or more.
const LAYER_SEPARATOR = ': ';
const MIN_LAYERS = 3;

function layersOf(template: string): string[] | null {
  const line = template.split('\n', 1)[0] as string;
  const layers = line.split(LAYER_SEPARATOR).map((l) => l.trim());
  return layers.length >= MIN_LAYERS - 1 && layers.length <= 32 && layers.every((l) => l !== '') ? layers : null;
}

/** Is `short` a subsequence of `long` (whole layers, in order)? */
function subsequence(short: readonly string[], long: readonly string[]): boolean {
  let i = 0;
  for (const layer of long) if (i < short.length && layer === short[i]) i++;
  return i === short.length;
}

/** Problem groups that are a deeper path of another chain: id -> the id of the shortest such chain. */
function joinChains(groups: readonly CoreGroup[]): Map<string, string> {
  const byEnds = new Map<string, Array<{ id: string; layers: string[] }>>();
  for (const g of groups) {
    if (!g.problem || hasOwnFrames(g)) continue;
    const layers = layersOf(g.template);
    if (layers === null) continue;
    const key = `${g.payloadType ?? ''}\u0001${layers[0]}\u0001${layers[layers.length - 1]}`;
    byEnds.set(key, [...(byEnds.get(key) ?? []), { id: g.id, layers }]);
  }
  const out = new Map<string, string>();
  for (const chains of byEnds.values()) {
    if (chains.length < 2) continue;
    // Shortest first (ties: smaller id), so each chain joins the shortest one it extends.
    chains.sort((a, b) => a.layers.length - b.layers.length || (a.id < b.id ? -1 : 1));
    for (const chain of chains) {
      if (chain.layers.length < MIN_LAYERS) continue;
      const into = chains.find((c) => c !== chain && c.layers.length < chain.layers.length && subsequence(c.layers, chain.layers));
      if (into !== undefined) out.set(chain.id, into.id);
    }
  }
  return out;
}

function sameLibraryPath(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  return a.length === b.length && a.every((f, i) => f === b[i]);
}

export interface CoreGroup {
  id: string;
  /** The template that speaks for the group. */
  template: string;
  /** For a stack trace through the application's own frames, those frames: it joins only a trace sharing one. */
  frames?: readonly string[];
  /** True when the group's entries say WARNING or worse. */
  problem: boolean;
  /** An error type the payload names outright: only groups of the same type (or none) meet. */
  payloadType?: string;
  /**
   * For a trace through library frames only: those frames. It may join the same error printed as
   * text or traced through the application's own frames (a trace cut before them), but not a trace
   * through other library frames (asyncio's proactor and subprocess closing one loop: two places).
   */
  libraryFrames?: readonly string[];
  /**
   * For a trace: the line it was logged under (`logger.exception("order sync failed")`). The same line
   * logged without the trace is the same problem, when no other trace was logged under it.
   */
  reportedAs?: string;
  /**
   * For a JVM or Node trace: its surfaced exception's key (jvm-exception-line.ts), which that line printed
   * alone (JVM) and the trace cut before the application's frames join.
   */
  thrown?: string;
  /**
   * For a trace whose messages differ (its template then holds wildcards, or names only the type):
   * a few of them. Each is a core of the group's as its template is.
   */
  variants?: readonly string[];
}

// Words that make a phrase an error. Only an error's core draws other surfaces to it: routine lines
// that differ by a trailing detail (`DHCPDISCOVER from … via eth1` and `… : no free leases`) are
// different events, and an INFO line is never a wrapper of another.
const ERROR_WORD = new RegExp(
  '^(?:errors?|fail|fails|failed|failure|failing|refused|timeout|timed|exceeded|unable|cannot|can\'t|couldn\'t|' +
    'denied|invalid|unexpected|unexpectedly|lost|terminated|reset|hang|destroyed|exhausted|panic|fatal|abort|aborted|' +
    'crash|crashed|killed|missing|unavailable|unreachable|rejected|rejection|forbidden|unauthorized|overflow|' +
    'violation|deadlock|corrupt|corrupted|expired|broken|exception|traceback|undefined|null|nil)$',
  'i',
);
const NAMED_EXCEPTION = /[A-Za-z](?:Error|Exception)\b/;

function errorLike(template: string): boolean {
  if (NAMED_EXCEPTION.test(template)) return true;
  for (const token of tokenize(template)) {
    const word = token.replace(/^[^A-Za-z]+|[^A-Za-z']+$/g, '');
    if (ERROR_WORD.test(word)) return true;
  }
  return false;
}

/**
 * id -> the id it joins (only ids that move are listed). Each group joins the group whose core is
 * the longest distinctive run of its own (ties: the smaller id), and follows that group's own
 * move, so the result does not depend on the order of the input.
 */
export function mergeByCore(input: readonly CoreGroup[]): Map<string, string> {
  // A retry library's notice quotes the error it retried on, and is not that error's surface: the
  // calls being retried and the call that failed are two things (normalize/retry-notice.ts).
  const groups = input.filter((g) => !isRetryNotice(g.template)).map(withoutShownType);
  const byCore = new Map<string, string>();
  const cores = new Map<string, string[]>();
  const sorted = [...groups].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map(groups.map((g) => [g.id, g]));
  // Core -> the frame the trace that owns it was raised in.
  const framedOwner = new Map<string, string>();
  // Cores of traces raised in different frames of the application's own, or in one frame reached from
  // two callers under two lines (otherCallSite: a client's call from a handler and from a worker): one
  // exception from two operations. A text that says only that much (a retry library's telemetry
  // quoting the outcome it handled) cannot tell which, and joins neither; where it was written says.
  const ambiguous = new Set<string>();
  // Core -> the traces through the application's own frames that hold it (for an ambiguous core, its call sites).
  const holders = new Map<string, string[]>();
  for (const g of sorted) {
    const words = coreWords(g.template);
    cores.set(g.id, words);
    const framed = hasOwnFrames(g);
    for (const template of [g.template, ...(g.variants ?? [])]) {
      const own = template === g.template ? words : coreWords(template);
      if (!distinctive(own, g.problem) || !(g.problem || errorLike(template))) continue;
      const key = coreKey(g.payloadType, own);
      // Groups with one core: a trace through the application's own frames stands for it (it cannot
      // move, so the others must come to it), else the smaller id. Sorted by id, so the first wins.
      const raisedIn = framed ? (g.frames as readonly string[])[0] as string : undefined;
      if (framed) holders.set(key, [...(holders.get(key) ?? []), g.id]);
      if (!byCore.has(key) || (framed && !framedOwner.has(key))) {
        byCore.set(key, g.id);
        if (raisedIn !== undefined) framedOwner.set(key, raisedIn);
      } else if (raisedIn !== undefined && (framedOwner.get(key) !== raisedIn || otherCallSite(byId.get(byCore.get(key) as string) as CoreGroup, g))) {
        ambiguous.add(key);
      }
    }
  }
  const parent = joinCutTraces(sorted.filter(hasOwnFrames), cores);
  // A trace's report line is a core of the trace's too, when it names this trace alone: a generic
  // line (`Exception in ASGI application`) heads many traces and draws nothing to any of them. Traces
  // joined as one (a trace and its cuts) are one trace here; a trace through the application's own
  // frames stands for the line before traces through library frames only (the same trace cut before
  // its own frames, or raised in a library under the same line).
  const reporters = new Map<string, { framed: Set<string>; others: string[] }>();
  for (const g of sorted) {
    if (g.reportedAs === undefined || !g.problem) continue;
    const words = coreWords(g.reportedAs);
    if (!distinctive(words, true)) continue;
    const key = coreKey(g.payloadType, words);
    const found = reporters.get(key) ?? { framed: new Set<string>(), others: [] };
    if (hasOwnFrames(g)) found.framed.add(parent.get(g.id) ?? g.id);
    else found.others.push(g.id);
    reporters.set(key, found);
  }
  // Text logged alone under that line comes to the trace, unless a trace with that very core owns it.
  for (const [key, { framed, others }] of reporters) {
    const ids = framed.size > 0 ? [...framed] : others;
    if (ids.length === 1 && !framedOwner.has(key)) byCore.set(key, ids[0] as string);
  }
  // A JVM exception's line printed alone goes to the one trace (a trace and its cuts are one) that
  // surfaced that exception; traces raised in two places, or only in libraries under two lines, leave it.
  const alone = (g: CoreGroup): boolean => g.frames === undefined && g.libraryFrames === undefined && g.reportedAs === undefined;
  const throwers = new Map<string, Set<string>>();
  for (const g of sorted) {
    if (g.thrown === undefined || !g.problem || alone(g)) continue;
    const found = throwers.get(g.thrown) ?? new Set<string>();
    found.add(parent.get(g.id) ?? g.id);
    throwers.set(g.thrown, found);
  }
  const thrownOwner = (g: CoreGroup): string | undefined => {
    if (throwers.size === 0 || !g.problem || !alone(g)) return undefined;
    const key = g.thrown ?? exceptionLineKey(g.template);
    const found = key === null ? undefined : throwers.get(key);
    return found !== undefined && found.size === 1 ? [...found][0] : undefined;
  };
  // A trace cut before its own frames goes to the trace that surfaced its very exception under its very
  // line (cutBeforeOwnFrames) before any core of its: the words of the line it was logged under (Tomcat's
  // report naming the wrapper of the root cause whose trace follows) are its context, not its error.
  const cuts = cutBeforeOwnFrames(sorted, parent, byId);
  for (const [id, into] of cuts) parent.set(id, into);
  for (const [id, words] of cores) {
    const g = byId.get(id) as CoreGroup;
    if (hasOwnFrames(g) || cuts.has(id)) continue;
    // A trace does not go by the line it was logged under (its context, not its error): that line
    // logged alone comes to a trace, never a trace to it.
    const reportKey = g.reportedAs === undefined ? null : coreKey(g.payloadType, coreWords(g.reportedAs));
    let best: { id: string; length: number } | null = null;
    let unsure = false;
    let sites: readonly string[] = [];
    for (let length = words.length; length >= MIN_PROBLEM_CORE_WORDS && best === null && !unsure; length--) {
      for (let start = 0; start + length <= words.length; start++) {
        const run = words.slice(start, start + length);
        if (!distinctive(run, true)) continue;
        const key = coreKey(g.payloadType, run);
        if (key === reportKey) continue;
        // Its longest known run names two operations' exception: no shorter run says more.
        if (ambiguous.has(key)) {
          unsure = true;
          sites = [...sites, ...(holders.get(key) ?? [])];
        }
        const owner = byCore.get(key);
        if (owner === undefined || owner === id || !sameLibraryPath(g.libraryFrames, byId.get(owner)?.libraryFrames)) continue;
        if (best === null || owner < best.id) best = { id: owner, length };
      }
    }
    if (best !== null && !unsure) parent.set(id, best.id);
    else if (!unsure && !parent.has(id)) {
      const owner = thrownOwner(g);
      if (owner !== undefined) parent.set(id, owner);
    } else if (unsure && !parent.has(id)) {
      const owner = siteByReportLine(g, words, sites, parent, byId);
      if (owner !== undefined) parent.set(id, owner);
    }
  }
  for (const [id, into] of headlessLibraryTraces(sorted, parent)) parent.set(id, into);
  for (const [id, into] of joinChains(groups)) if (!parent.has(id)) parent.set(id, into);
  const out = new Map<string, string>();
  for (const id of parent.keys()) {
    let at = id;
    // Cores strictly shrink along the chain, except between equal cores; the bound stops a cycle.
    for (let hop = 0; hop < 64 && parent.has(at) && parent.get(at) !== id; hop++) at = parent.get(at) as string;
    if (at !== id) out.set(id, at);
  }
  return joinSharedRuns(sorted, out);
}

/**
 * Traces through library frames only that surfaced the very exception (type and message) that one
 * trace through the application's own frames surfaced, logged under no other line: that trace cut
 * short before its own frames (a write cut after its first lines). The type makes a short message
 * (`ConnectionAcquireTimeoutError: Operation timeout`) as telling as a long core, and a type with no
 * message is, under the line the whole trace was logged under; when two call sites of the application
 * raised it, the cut could be either, and joins neither. `parent`: the moves so far
 * (a trace and its cuts are one); only groups not yet moved move.
 */
function cutBeforeOwnFrames(sorted: readonly CoreGroup[], parent: ReadonlyMap<string, string>, byId: ReadonlyMap<string, CoreGroup>): Map<string, string> {
  const framed = new Map<string, Set<string>>();
  for (const g of sorted) {
    if (g.thrown === undefined || !hasOwnFrames(g)) continue;
    const found = framed.get(g.thrown) ?? new Set<string>();
    found.add(parent.get(g.id) ?? g.id);
    framed.set(g.thrown, found);
  }
  const out = new Map<string, string>();
  for (const g of sorted) {
    if (parent.has(g.id) || g.libraryFrames === undefined || g.thrown === undefined || !g.problem) continue;
    const found = framed.get(g.thrown);
    if (found === undefined) continue;
    // Two call sites raised it: the line this cut was logged under says which, when it is one's alone.
    const owners = found.size === 1 || g.reportedAs === undefined ? found : new Set([...found].filter((o) => sameReportLine(g.reportedAs as string, byId.get(o)?.reportedAs)));
    if (owners.size !== 1) continue;
    const owner = [...owners][0] as string;
    const reported = byId.get(owner)?.reportedAs;
    // The same line, its values and the separator before the error aside (`upsert failed for 12 ` /
    // `upsert failed for 12: `, as console.error's arguments and a template string print it).
    const sameLine = g.reportedAs !== undefined && reported !== undefined && sameWords(g.reportedAs, reported);
    if (g.reportedAs !== undefined && reported !== undefined && !sameLine) continue;
    // A type with no message (Node's `AggregateError` of a refused connect) says which trace only
    // under the line both were logged under.
    if (g.thrown.endsWith('\u0001') && !sameLine) continue;
    out.set(g.id, owner);
  }
  return out;
}

/**
 * A trace through library frames only whose head was lost (its exception line and frames, no line it
 * was logged under: Ktor's client timeout printed with its own frames alone, a write that lost its first
 * line) is the trace that surfaced the same exception through the same first frame under a line, when
 * the traces of one problem alone did (those logged under lines that join as one, values aside). Two
 * problems logging it under two lines leave it: it could be either. `parent`: the moves so far.
 */
function headlessLibraryTraces(sorted: readonly CoreGroup[], parent: ReadonlyMap<string, string>): Map<string, string> {
  const rootOf = (id: string): string => {
    let at = id;
    for (let hop = 0; hop < 64 && parent.has(at) && parent.get(at) !== id; hop++) at = parent.get(at) as string;
    return at;
  };
  const headed = new Map<string, Set<string>>();
  const keyOf = (g: CoreGroup): string => `${g.payloadType ?? ''}\u0001${g.thrown as string}\u0001${(g.libraryFrames as readonly string[])[0] ?? ''}`;
  for (const g of sorted) {
    if (g.libraryFrames === undefined || g.thrown === undefined || g.reportedAs === undefined || !g.problem) continue;
    const key = keyOf(g);
    headed.set(key, (headed.get(key) ?? new Set<string>()).add(rootOf(g.id)));
  }
  const out = new Map<string, string>();
  for (const g of sorted) {
    if (parent.has(g.id) || g.libraryFrames === undefined || g.thrown === undefined || g.reportedAs !== undefined || !g.problem) continue;
    const roots = headed.get(keyOf(g));
    if (roots === undefined || roots.size !== 1) continue;
    const into = [...roots][0] as string;
    if (into !== g.id) out.set(g.id, into);
  }
  return out;
}

const sameWords = (a: string, b: string): boolean => a === b || coreWords(a).join(' ') === coreWords(b).join(' ');

/** A call site's report line, the same words as `line`. */
function sameReportLine(line: string, reported: string | undefined): boolean {
  return reported !== undefined && coreWords(reported).length > 0 && sameWords(line, reported);
}

/**
 * One exception raised at two call sites of the application's own (a client's timeout from a route and
 * from a scheduled job) is two problems, and its line alone cannot say which. A text that opens with the
 * line one call site's trace was logged under (the head of a record whose frames were cut: `seat map
 * refresh failed for venue 7` over the exception's line) is that call site's, when no other site was
 * logged under it: among the sites of one exception even a handler's generic line (`An unknown error
 * occurred`) tells them apart. `sites`: the traces that hold the exception's core; `parent`: the moves so far.
 */
function siteByReportLine(g: CoreGroup, words: readonly string[], sites: readonly string[], parent: ReadonlyMap<string, string>, byId: ReadonlyMap<string, CoreGroup>): string | undefined {
  const text = `${[...coreWords(g.reportedAs ?? ''), ...words].join(' ')} `;
  const lines = new Map<string, Set<string>>();
  for (const site of new Set(sites)) {
    const line = coreWords(byId.get(site)?.reportedAs ?? '').join(' ');
    if (line === '') continue;
    lines.set(line, (lines.get(line) ?? new Set<string>()).add(parent.get(site) ?? site));
  }
  const named = [...lines].filter(([line]) => text.startsWith(`${line} `));
  if (named.length !== 1) return undefined;
  const [, owners] = named[0] as [string, Set<string>];
  return owners.size === 1 ? [...owners][0] : undefined;
}

const CAUSE_PREFIX = /^(?:Caused by: |\[cause\]: )/;

/** Core words an innermost exception needs to say, alone, which problem a chain is. */
const MIN_CAUSE_WORDS = 4;
const INNER_MARKERS = [' ---> ', '; nested exception is '];

/** The core of the innermost exception of a wrapper chain (none when the template is no chain). */
function innermostCore(template: string): string[] {
  let at = -1;
  let marker = '';
  for (const m of INNER_MARKERS) {
    const i = template.lastIndexOf(m);
    if (i > at) [at, marker] = [i, m];
  }
  return at < 0 ? [] : headCore(template.slice(at + marker.length));
}

/** Words a newer wording may add inside an older message (`could not be opened [in append mode]: …`). */
export const MAX_INSERTED_WORDS = 3;
/** Words the two wordings share on each side of the added words, and in all. */
const MIN_SIDE_WORDS = 3;
export const MIN_INSERTION_SHARED_WORDS = 8;
const NEGATION = new Set(['not', 'no', 'never', 'cannot', 'without', 'nothing', 'none', 'neither', 'nor']);

/** Words in a row two problems' messages must share to be one message whose ends drift. */
export const SHARED_RUN_WORDS = 10;
/** Words in a row at one message's end and another's start that make them one message cut at both ends. */
export const MIN_OVERLAP_WORDS = 6;

// Where a trace's frames start in a template: `File "…", line N, in f`, `at f (…)`, `from x.rb:3:in`.
const FRAME_START = /^(?:File|at|from)$/;

/** The words of a template before its first frame (frames repeat framework words across problems). */
function headCore(template: string): string[] {
  const tokens = tokenize(template);
  const cut = tokens.findIndex((t, i) => FRAME_START.test(t) && i + 1 < tokens.length && /^["<(]|[.(<]/.test(tokens[i + 1] as string));
  return coreWords((cut < 0 ? tokens : tokens.slice(0, cut)).join(' '));
}

/**
 * A problem whose message holds, anywhere, the first SHARED_RUN_WORDS core words of another problem's
 * message is that message with its tail reworded between versions, or wrapped (`PrismaClientKnown
 * RequestError: Timed out fetching a new connection from the connection pool. (More info: …, Current
 * connection limit: 5)` / `Timed out fetching … pool. More info: … (Current connection pool timeout:
 * 10, connection limit: 5)`). Only the start of a message names it: two messages that share a run in
 * their middles are the same error under two operations (`fetch quota failed: rpc error: code =
 * Unavailable …` / `grpc call failed: rpc error: code = Unavailable …`) and stay apart. Traces through
 * the application's own frames stay where they are. Joined where `moved` sends them; deterministic:
 * each joins the smallest root.
 */
function joinSharedRuns(sorted: readonly CoreGroup[], moved: Map<string, string>): Map<string, string> {
  const rootOf = (id: string): string => moved.get(id) ?? id;
  const link = new Map<string, string>();
  const find = (id: string): string => {
    let at = id;
    while (link.has(at)) at = link.get(at) as string;
    return at;
  };
  // Components that hold a trace through the application's own frames: the texts below join by their
  // words, and two texts that went each to its own call site's trace (a Tomcat report cut before its
  // frames, a job's record cut alike) share the exception's words; the two call sites stay two.
  const framed = new Set(sorted.filter(hasOwnFrames).map((g) => rootOf(g.id)));
  // An error named in a vocabulary every client prints alike (errorIdentity) joins call sites itself.
  const union = (x: string, y: string, acrossSites = false): void => {
    const [a, b] = [find(rootOf(x)), find(rootOf(y))];
    if (a === b || (!acrossSites && framed.has(a) && framed.has(b))) return;
    const [into, from] = a < b ? [a, b] : [b, a];
    link.set(from, into);
    if (framed.has(from)) framed.add(into);
  };
  const heads = new Map<string, string>();
  const runs = new Map<string, string[]>();
  const keyOf = (g: CoreGroup, words: readonly string[], start: number) =>
    `${g.payloadType ?? ''}\u0001${words.slice(start, start + SHARED_RUN_WORDS).join(' ')}`;
  for (const g of sorted) {
    if (!g.problem || hasOwnFrames(g)) continue;
    const words = headCore(g.template);
    if (words.length < SHARED_RUN_WORDS) continue;
    const head = keyOf(g, words, 0);
    const first = heads.get(head);
    if (first === undefined) heads.set(head, g.id);
    else union(first, g.id);
    const keys: string[] = [];
    for (let start = 1; start + SHARED_RUN_WORDS <= words.length; start++) keys.push(keyOf(g, words, start));
    runs.set(g.id, keys);
  }
  // A message that ends where another begins: the same message with a prefix on one side and a tail
  // on the other (`Storage: fejl: Knex: Timeout acquiring a connection. The pool is probably full.` /
  // `KnexTimeoutError: Knex: Timeout acquiring a connection. The pool is probably full. Are you
  // missing a .transacting(trx) call?`).
  const starts = new Map<string, string>();
  const ends = new Map<string, string[]>();
  for (const g of sorted) {
    if (!g.problem || hasOwnFrames(g)) continue;
    const words = headCore(g.template);
    for (let length = MIN_OVERLAP_WORDS; length < SHARED_RUN_WORDS && length <= words.length; length++) {
      const head = keyOf(g, words, 0).split(' ').slice(0, length).join(' ');
      if (!starts.has(`${length}\u0002${head}`)) starts.set(`${length}\u0002${head}`, g.id);
      // A core cut at MAX_CORE_WORDS has no end of its own to read.
      if (words.length > length && words.length < MAX_CORE_WORDS) ends.set(g.id, [...(ends.get(g.id) ?? []), `${length}\u0002${keyOf(g, words, words.length - length)}`]);
    }
  }
  // A cause printed alone (`Caused by: X: m`, `[cause]: X: m`) is the error `X: m`, however short. A
  // trace through library frames only joins it when no other library path printed that very error.
  const bare = new Map<string, CoreGroup[]>();
  for (const g of sorted) {
    if (!g.problem || hasOwnFrames(g)) continue;
    const key = `${g.payloadType ?? ''}\u0001${g.template.replace(CAUSE_PREFIX, '')}`;
    bare.set(key, [...(bare.get(key) ?? []), g]);
  }
  for (const same of bare.values()) {
    const paths = new Set(same.filter((g) => g.libraryFrames !== undefined).map((g) => (g.libraryFrames as string[]).join('\u0002')));
    const joinable = paths.size <= 1 ? same : same.filter((g) => g.libraryFrames === undefined);
    for (const g of joinable.slice(1)) union((joinable[0] as CoreGroup).id, g.id);
  }
  // A short message under a type of its library's own (typed-short-message.ts), as the bare cause above.
  const typed = new Map<string, CoreGroup[]>();
  for (const g of sorted) {
    if (!g.problem || hasOwnFrames(g)) continue;
    const key = typedShortKey(g.template);
    if (key !== null) typed.set(`${g.payloadType ?? ''}\u0001${key}`, [...(typed.get(`${g.payloadType ?? ''}\u0001${key}`) ?? []), g]);
  }
  for (const same of typed.values()) {
    const paths = new Set(same.filter((g) => g.libraryFrames !== undefined).map((g) => (g.libraryFrames as string[]).join('\u0002')));
    const joinable = paths.size <= 1 ? same : same.filter((g) => g.libraryFrames === undefined);
    for (const g of joinable.slice(1)) union((joinable[0] as CoreGroup).id, g.id);
  }
  // Java and .NET print a chain of wrappers outermost first (`Could not open JPA EntityManager for
  // transaction; nested exception is …: Unable to acquire JDBC Connection`, `… ---> Npgsql…: Exception
  // while reading from stream`): the innermost exception is what failed. Two messages whose innermost
  // exception reads the same (four core words or more) are one problem under two wrappers.
  const innermost = new Map<string, string[]>();
  for (const g of sorted) {
    if (!g.problem || hasOwnFrames(g)) continue;
    const words = innermostCore(g.template);
    if (words.length < MIN_CAUSE_WORDS) continue;
    const key = `${g.payloadType ?? ''}\u0001${words.join(' ')}`;
    innermost.set(key, [...(innermost.get(key) ?? []), g.id]);
  }
  for (const ids of innermost.values()) for (const id of ids.slice(1)) union(ids[0] as string, id);
  // An error named by a vocabulary every client prints alike (an errno code with its call, a gRPC
  // status: error-identity.ts) is one problem however it was printed. When the vocabulary names the
  // failing call (`listen EADDRINUSE`), the frames it was raised through do not make another problem
  // of it either. The line a caller logged it under tells callers apart (`[ioredis] Unhandled error
  // event: …` / `Unexpected error on idle client: …`): each line keeps its own, and the error printed
  // bare joins a line's only when no other line printed it.
  const byIdentity = new Map<string, Map<string, string[]>>();
  for (const g of sorted) {
    if (!g.problem) continue;
    const identity = errorIdentity(g.template);
    if (identity === null || (hasOwnFrames(g) && !identity.namesOperation)) continue;
    const key = `${g.payloadType ?? ''}\u0001${identity.key}`;
    const lines = byIdentity.get(key) ?? new Map<string, string[]>();
    lines.set(identity.context, [...(lines.get(identity.context) ?? []), g.id]);
    byIdentity.set(key, lines);
  }
  for (const lines of byIdentity.values()) {
    for (const ids of lines.values()) for (const id of ids.slice(1)) union(ids[0] as string, id, true);
    const bareIds = lines.get('');
    if (bareIds !== undefined && lines.size === 2) {
      for (const [context, ids] of lines) if (context !== '') union(bareIds[0] as string, ids[0] as string, true);
    }
  }
  // A library that adds a few words inside its message between versions (Monolog's `The stream or file
  // "…" could not be opened: failed to open stream: Permission denied`, later `… could not be opened in
  // append mode: …`): the same message, whole on both sides of the added words. Only a whole message
  // (shorter than its indexed core) with MIN_SIDE_WORDS words on each side and
  // MIN_INSERTION_SHARED_WORDS in all; a word swapped for another (`status = UNAVAILABLE` /
  // `status = DEADLINE_EXCEEDED`) is never an insertion.
  const wholes = new Map<string, string>();
  const whole: Array<{ id: string; payloadType: string; words: string[] }> = [];
  for (const g of sorted) {
    if (!g.problem || hasOwnFrames(g)) continue;
    const words = headCore(g.template);
    if (words.length < MIN_INSERTION_SHARED_WORDS || words.length >= MAX_CORE_WORDS) continue;
    const key = `${g.payloadType ?? ''}\u0001${words.join(' ')}`;
    if (!wholes.has(key)) wholes.set(key, g.id);
    whole.push({ id: g.id, payloadType: g.payloadType ?? '', words });
  }
  for (const { id, payloadType, words } of whole) {
    for (let added = 1; added <= MAX_INSERTED_WORDS; added++) {
      if (words.length - added < MIN_INSERTION_SHARED_WORDS) break;
      for (let at = MIN_SIDE_WORDS; at + added + MIN_SIDE_WORDS <= words.length; at++) {
        // A negation added says the opposite (`could connect` / `could not connect`).
        if (words.slice(at, at + added).some((w) => NEGATION.has(w))) continue;
        const owner = wholes.get(`${payloadType}\u0001${[...words.slice(0, at), ...words.slice(at + added)].join(' ')}`);
        if (owner !== undefined && owner !== id) union(owner, id);
      }
    }
  }
  for (const [id, keys] of ends) {
    for (const key of keys) {
      const owner = starts.get(key);
      if (owner !== undefined && owner !== id) union(owner, id);
    }
  }
  for (const [id, keys] of runs) {
    for (const key of keys) {
      const owner = heads.get(key);
      if (owner !== undefined) union(owner, id);
    }
  }
  if (link.size === 0) return moved;
  const out = new Map<string, string>();
  for (const g of sorted) {
    const to = find(rootOf(g.id));
    if (to !== g.id) out.set(g.id, to);
  }
  return out;
}
