// The short name in an issue title: what a tired engineer would call the problem, built only from
// constant words (never a masked value, an id or a redacted token, so never a secret).
import type { Cluster } from '../shared/types.js';
import { looksLikeValue, splitWords, templateWords } from './template-text.js';

const MAX_WORDS = 6;
/** Leaves room in a 256-character title and matches the config schema's shortName limit. */
const MAX_CHARS = 60;
const FALLBACK = 'unclassified-problem';
/** Words that make a name longer without telling problems apart. */
const FILLER = new Set(['traceback', 'most', 'recent', 'call', 'last', 'file', 'line', 'error', 'exception']);

export function shortNameFor(cluster: Pick<Cluster, 'template' | 'exceptionType' | 'kind'>): string {
  const words: string[] = [];
  const add = (w: string): void => {
    if (words.length < MAX_WORDS && !words.includes(w)) words.push(w);
  };
  if (cluster.kind === 'request') {
    for (const w of requestWords(cluster.template)) add(w);
  } else {
    if (cluster.exceptionType) {
      for (const w of splitWords(lastSegment(cluster.exceptionType))) if (!looksLikeValue(w)) add(w);
    }
    for (const w of templateWords(cluster.template)) {
      if (cluster.exceptionType && FILLER.has(w)) continue;
      add(w);
    }
  }
  return clip(words) || FALLBACK;
}

function lastSegment(type: string): string {
  // java.lang.IllegalStateException and builtins.ValueError: the class is the name people use.
  const parts = type.split(/[.:$]/).filter(Boolean);
  return parts[parts.length - 1] ?? type;
}

function requestWords(template: string): string[] {
  // Request templates read `METHOD /route/<*> STATUS`: keep the method, route words and status.
  const out: string[] = [];
  for (const token of template.split(/\s+/)) {
    if (/^[1-5][0-9]{2}$/.test(token)) {
      out.push(token);
      continue;
    }
    if (/[<>*]/.test(token) && !token.includes('/')) continue;
    for (const w of splitWords(token.replace(/<[^>]*>/g, ' '))) if (!looksLikeValue(w)) out.push(w);
  }
  return out;
}

function clip(words: string[]): string {
  let name = '';
  for (const w of words) {
    const next = name ? `${name}-${w}` : w;
    if (next.length > MAX_CHARS) break;
    name = next;
  }
  return name;
}
