// A template's core: its plain words in order, without exception names, level words and masked
// values (those drift between library versions and formatters), read the same way by every pass that
// compares what two messages say (core-merge.ts, error-identity.ts, grpc-status.ts,
// exception-class.ts).
import { tokenize } from '../normalize/mask.js';
import { isAnchor } from './cluster-id.js';

/** Only the first words of a core are indexed: the head of a message names the problem. */
export const MAX_CORE_WORDS = 24;

const OPENERS = '([{"\'`<#*';
const CLOSERS = ')]}"\'`,;:.!?>*';
// Names that say which class, not what happened: TypeError, AxiosError, OperationalError. Upper-case
// words stay: they are as often the problem (POST, HTTPS, DEADLINE_EXCEEDED) as a code for it.
const EXCEPTION_WORD = /(?:errors?|exceptions?|warnings?|faults?|failures?)$/i;
const TYPE_NAME = /^[A-Z][a-z]+(?:[A-Z][a-z]+){2,}$/;
const NOISE_WORDS = new Set(['uncaught', 'unhandled', 'fatal', 'critical', 'severe', 'warn', 'info', 'debug', 'caused', 'nested', 'by', 'is', 'the', 'a', 'an']);

// Status names (`DEADLINE_EXCEEDED`, `RESOURCE_EXHAUSTED`, `ERR_HTTP_HEADERS_SENT`) are not id
// anchors (an identifier may be a value), but in a message they say what happened.
const STATUS_NAME = /^[([{"'`]?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+[)\]}"'`,;:.!?]*$/;

function coreWord(token: string): string | null {
  if (!isAnchor(token) && !STATUS_NAME.test(token)) return null;
  let start = 0;
  let end = token.length;
  while (start < end && OPENERS.includes(token[start] as string)) start++;
  while (end > start && CLOSERS.includes(token[end - 1] as string)) end--;
  const word = token.slice(start, end);
  if (EXCEPTION_WORD.test(word)) return null;
  // A name of three capitalised words and more before a colon names a type, whatever its suffix:
  // `[UnhandledPromiseRejection: …` is Node's `UnhandledPromiseRejectionWarning: …` of old.
  if (TYPE_NAME.test(word) && token.endsWith(':')) return null;
  const lower = word.toLowerCase();
  return NOISE_WORDS.has(lower) ? null : lower;
}

// A message reworded between versions often only spells a negation out (`Can't set headers after they
// are sent.` / `Cannot set headers after they are sent to the client`): contractions read in full.
const CONTRACTIONS = new Map<string, readonly string[]>([
  ["can't", ['cannot']], ['can’t', ['cannot']], ["couldn't", ['could', 'not']], ['couldn’t', ['could', 'not']],
  ["won't", ['will', 'not']], ["wouldn't", ['would', 'not']], ["doesn't", ['does', 'not']], ["don't", ['do', 'not']],
  ["didn't", ['did', 'not']], ["isn't", ['not']], ["aren't", ['are', 'not']], ["wasn't", ['was', 'not']],
  ["hasn't", ['has', 'not']], ["haven't", ['have', 'not']], ["shouldn't", ['should', 'not']],
]);

/** The words of a template that name its problem, in order (see the top of this file). */
export function coreWords(template: string): string[] {
  const out: string[] = [];
  let previous = '';
  for (const token of tokenize(template)) {
    const word = coreWord(token);
    if (word !== null) {
      // `can not` is `cannot` too; `cannot not` is a typo a later release fixes (protobuf 4.21.0's
      // `Descriptors cannot not be created directly`, protocolbuffers/protobuf#10064), not a double negation.
      if (word === 'not' && previous === 'can') out[out.length - 1] = 'cannot';
      else if (word === 'not' && previous === 'cannot') continue;
      else out.push(...(CONTRACTIONS.get(word) ?? [word]));
      previous = word;
    }
    if (out.length >= MAX_CORE_WORDS) break;
  }
  return out.slice(0, MAX_CORE_WORDS);
}
