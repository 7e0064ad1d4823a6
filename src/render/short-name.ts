// The short name in an issue title: what a tired engineer would call the problem, built only from
// constant words of the template (never a masked value, an id, a redaction marker, or a word that
// follows a secret-like key), keeping the words that carry the meaning: negations ("no available
// instance" is not "available instance") and the distinctive nouns; dropping only true filler.
import type { Cluster } from '../shared/types.js';
import { messageWords, plainWords } from './message-words.js';
import { looksLikeValue, splitWords } from './template-text.js';

/** Soft: a negation may take one more word to keep what it negates. */
const MAX_WORDS = 7;
/** Leaves room in a 256-character title and matches the config schema's shortName limit. */
const MAX_CHARS = 60;
/** The first sentence names the problem; later ones (advice, detail) only fill a name that short. */
const ENOUGH_WORDS = 3;
const FALLBACK = 'unclassified-problem';

/** A negation at the end of a name has lost what it negates. */
const BARE_NEGATIONS = new Set(['no', 'not', 'never', 'cannot', 'without']);
const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'http', 'https']);

export type ShortNameInput = Pick<Cluster, 'template' | 'kind'> & Partial<Pick<Cluster, 'exceptionType' | 'samples' | 'frames' | 'services'>>;

export function shortNameFor(cluster: ShortNameInput): string {
  return render(baseWords(cluster).words) || FALLBACK;
}

/** The name given when the template has no word to name the problem by (or it with a tail). */
export function isFallbackName(name: string): boolean {
  return name === FALLBACK || name.startsWith(`${FALLBACK}-`);
}

export interface NameContext {
  component?: string;
  /** A rule's short name: the plainest candidate, to which the others add. */
  name?: string;
  /** Words of the problem that holds the plainest name: a tail made only of them tells nothing apart. */
  avoid?: ReadonlySet<string>;
}

/**
 * Names for the same problem from the plainest on: the short name (or a rule's), then that name
 * with what tells it apart (the next distinctive word of the message, the exception type, the
 * innermost own frame, the component, the service), then with a counter as the last resort. Each
 * is bounded like the short name; the plan takes the first one that no open issue and no other
 * problem of the sweep holds.
 */
export function* shortNameCandidates(cluster: ShortNameInput, context: NameContext): Generator<string> {
  const { base, tails } = nameParts(cluster, context);
  const first = render(base);
  const seen = new Set([first]);
  yield first;
  for (const tail of tails) {
    const fresh = tail.filter((w) => !base.includes(w));
    if (fresh.length === 0 || fresh.every((w) => context.avoid?.has(w))) continue;
    const name = withTail(base, fresh);
    if (!seen.has(name)) {
      seen.add(name);
      yield name;
    }
  }
  for (let n = 2; ; n++) {
    const name = withTail(base, [String(n)]);
    if (!seen.has(name)) yield name;
  }
}

/** Every word a name for this problem could be made of (to tell another problem's name from it). */
export function nameWords(cluster: ShortNameInput, context: NameContext): Set<string> {
  const { base, tails } = nameParts(cluster, context);
  return new Set([...base, ...tails.flat()]);
}

function nameParts(cluster: ShortNameInput, context: NameContext): { base: string[]; tails: string[][] } {
  const own = baseWords(cluster);
  const base = context.name ? context.name.split('-') : own.words.length > 0 ? own.words : FALLBACK.split('-');
  const spare = context.name ? [...own.words, ...own.spare] : own.spare;
  const tails: string[][] = [
    ...spare.map((w) => [w]),
    typeWords(cluster.exceptionType, true),
    frameWords(cluster.frames?.[0]),
    plainWords(context.component ?? ''),
    ...(cluster.services ?? []).map(plainWords),
  ];
  return { base, tails };
}

interface Words {
  /** The short name's words, in order. */
  words: string[];
  /** Content words the name had no room for, in order: the first ones to tell it apart. */
  spare: string[];
}

function baseWords(cluster: ShortNameInput): Words {
  const trace = cluster.kind === 'stack' || cluster.exceptionType !== undefined;
  const lead = typeWords(cluster.exceptionType, false);
  const sentences = messageWords(withoutType(cluster.template, cluster.exceptionType), trace);
  const words: string[] = [...lead];
  const spare: string[] = [];
  let enough = false;
  for (const sentence of sentences) {
    for (const w of sentence) {
      if (words.includes(w) || spare.includes(w)) continue;
      if (enough || words.length >= MAX_WORDS) spare.push(w);
      else words.push(w);
    }
    if (words.length >= ENOUGH_WORDS) enough = true;
  }
  // `Error: <*>` says nothing constant: where it was raised (the innermost own frame) does.
  if (words.length < 2) for (const w of frameWords(cluster.frames?.[0])) if (!words.includes(w)) words.push(w);
  const kept = fit(words, spare);
  return strengthen(kept, cluster);
}

/** Bounded by words and characters; a negation at the cut keeps the word it negates, or goes. */
function fit(words: string[], spare: string[]): Words {
  const out: string[] = [];
  let length = -1;
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (length + 1 + w.length > MAX_CHARS) break;
    out.push(w);
    length += 1 + w.length;
  }
  const rest = [...words.slice(i), ...spare];
  const last = out[out.length - 1];
  if (last !== undefined && BARE_NEGATIONS.has(last)) {
    const next = rest[0];
    if (next !== undefined && length + 1 + next.length <= MAX_CHARS) {
      out.push(next);
      rest.shift();
    } else {
      out.pop();
    }
  }
  return { words: out, spare: rest };
}

/** Never just an HTTP verb or a number: say it is a request, with its status when the sample shows one. */
function strengthen(found: Words, cluster: ShortNameInput): Words {
  const { words } = found;
  if (words.some((w) => !HTTP_VERBS.has(w) && !/^[0-9]+$/.test(w))) return found;
  const verbs = words.filter((w) => HTTP_VERBS.has(w));
  if (verbs.length === 0) return { words: [], spare: found.spare };
  let statuses = words.filter((w) => /^[1-5][0-9]{2}$/.test(w));
  if (statuses.length === 0) {
    const status = /\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+\s+([1-5][0-9]{2})\b/.exec(cluster.samples?.[0] ?? '')?.[1];
    if (status) statuses = [status];
  }
  return { words: [...verbs, 'request', ...statuses], spare: found.spare };
}

/**
 * The words people use for an exception class: KeyError is key-error, ModuleNotFoundError is
 * module-not-found (a class name of three words or more says enough without its Error suffix).
 * Go panics and the like carry a message, not a class: their words come from the template.
 */
function typeWords(type: string | undefined, all: boolean): string[] {
  if (!type || /\s|<[A-Z*]/.test(type)) return [];
  const parts = type.split(/[.:$]/).filter(Boolean);
  const words = splitWords(parts[parts.length - 1] ?? type).filter((w) => !looksLikeValue(w));
  if (words.length <= 1 && (words[0] === 'error' || words[0] === 'exception')) return [];
  if (!all && words.length >= 3 && /^(error|exception)$/.test(words[words.length - 1]!)) words.pop();
  return words;
}

/** The template without the exception's qualified name (its words would only repeat the type). */
function withoutType(template: string, type: string | undefined): string {
  if (!type || /\s/.test(type) || type.length < 3) return template;
  // Whole names only (removing `Error` leaves `TypeError` alone), with any package before them.
  const escaped = type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return template.replace(new RegExp(`(?<![\\w.$])(?:[\\w$]+\\.)*${escaped}(?![\\w$])`, 'g'), '');
}

function frameWords(frame: string | undefined): string[] {
  if (!frame) return [];
  const parts = frame.replace(/\(.*$/, '').split(/[.:/#\\]/).filter(Boolean);
  return plainWords(parts[parts.length - 1] ?? '');
}

/** The base name with `tail` at its end, shortening the base (never below two words) to fit. */
function withTail(base: string[], tail: string[]): string {
  const head = [...base];
  while (head.length > 2 && (head.length + tail.length > MAX_WORDS + 1 || render([...head, ...tail]).length > MAX_CHARS)) head.pop();
  while (head.length > 1 && BARE_NEGATIONS.has(head[head.length - 1]!)) head.pop();
  let name = render([...head, ...tail]);
  while (name.length > MAX_CHARS) name = name.slice(0, name.lastIndexOf('-'));
  return name;
}

function render(words: string[]): string {
  return words.join('-');
}
