// The words of a message a short name may be made of: its constant text in order, one list per
// sentence, without filler, masked values, redaction markers, or whatever follows a secret-like key.
// Negations are words like any other here: "no available instance" is not "available instance".
import { looksLikeValue, splitWords } from './template-text.js';

/** Words that make a name longer without telling problems apart. Negations are not among them. */
const FILLER = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'from', 'by', 'with', 'and', 'or', 'nor', 'as',
  'into', 'onto', 'than', 'then', 'via', 'per', 'but', 'if', 'so', 'is', 'are', 'was', 'were', 'be', 'been',
  'being', 'am', 'did', 'do', 'does', 'has', 'have', 'had', 'it', 'its', 'this', 'that', 'these', 'those',
  'there', 'here', 'because', 'since', 'which', 'who', 'whom', 'whose', 'what', 'where', 'when', 'while',
  'we', 'you', 'he', 'she', 'they', 'them', 'our', 'your', 'i', 'me', 'my', 'us', 'will', 'can', 'could',
  'would', 'should', 'shall', 'may', 'might', 'must', 'please', 'see', 'consider', 'increasing', 'also',
  'just', 'still', 'already', 'some', 'any', 'each', 'very', 'too', 'again', 'after', 'before', 'used',
  'ago', 'times', 'consecutively', 'named', 'yes', 're', 's', 't', 'd', 'll', 've', 'm',
]);
/** Filler only in a stack trace, whose exception type already says it is an error. */
const TRACE_FILLER = new Set(['traceback', 'most', 'recent', 'call', 'last', 'file', 'line', 'error', 'exception', 'module']);
/**
 * A word right after one of these may be the secret itself (`password hunter2`, `token=abc`): it is
 * dropped, whatever it looks like. Matched on the last word of a token, so `api_key` and `apiKey` are
 * keys and `KeyError` is not.
 */
const SECRET_KEYS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'key', 'apikey', 'bearer',
  'authorization', 'credential', 'credentials', 'cookie', 'signature', 'otp',
]);
/** Words after a key that describe the key, not its value ("Authorization header", "token expired"). */
const KEY_DESCRIBERS = new Set([
  'header', 'headers', 'field', 'param', 'parameter', 'missing', 'expired', 'invalid', 'rejected', 'revoked',
  'required', 'mismatch', 'not', 'no', 'refresh', 'validation', 'verification', 'format', 'length', 'for',
]);

/** Words between a key and its value (`password is hunter2`, `token set to abc`): the value still follows. */
const LINKING = new Set(['is', 'was', 'are', 'were', 'equals', 'set', 'to', 'of', 'be']);

const MASK = /<\*>|<[A-Z][A-Z_]*>/g;
const REDACTED = /\S*\*{3}\S*|\[REDACTED[^\]]*\]/gi;
const VALUE = '\u0001';

/**
 * The message's content words, one list per sentence (or line), in order. Masked values and
 * redaction markers are skipped, and so is whatever follows a secret-like key.
 */
export function messageWords(template: string, trace: boolean): string[][] {
  const prepared = expandContractions(template).replace(REDACTED, ` ${VALUE} `).replace(MASK, ` ${VALUE} `);
  // In a trace the message lines say what went wrong; the indented frame lines only where.
  const lines = prepared.split('\n');
  const ordered = trace ? [...lines.filter((l) => !/^\s/.test(l)), ...lines.filter((l) => /^\s/.test(l))] : lines;
  const sentences: string[][] = [];
  for (const line of ordered) {
    for (const sentence of line.split(/(?<=[.!?])\s+(?=[A-Z\u0001])/)) {
      sentences.push(sentenceWords(sentence, trace));
    }
  }
  return sentences;
}

function sentenceWords(sentence: string, trace: boolean): string[] {
  const out: string[] = [];
  let afterKey = false;
  let couldBeforeNot = false;
  let afterValue = false;
  for (const chunk of sentence.split(/\s+/).filter(Boolean)) {
    // `key=value` and `key: value` are two tokens; a comma or full stop ends what a key can own.
    const parts = chunk.split(/[=:]+/).filter((p) => p.length > 0);
    const assigns = /[=:]$/.test(chunk);
    parts.forEach((part, i) => {
      const assigned = i < parts.length - 1 || assigns;
      if (part.includes(VALUE)) {
        afterKey = false;
        afterValue = true;
        return;
      }
      const words = splitWords(part);
      const key = isSecretKey(words, assigned);
      if (afterKey && words.length > 0 && words.every((w) => LINKING.has(w))) return;
      if (afterKey) {
        afterKey = key; // `Authorization: Bearer xyz`: the value follows the second key
        if (!words.every((w) => KEY_DESCRIBERS.has(w))) return;
      }
      for (const w of words) {
        if (w === 'not' && couldBeforeNot) out.push('could');
        couldBeforeNot = w === 'could';
        // `failed 3 times`: a count's unit says nothing once the count is masked.
        const unit = afterValue && (w === 'time' || w === 'times');
        afterValue = false;
        if (unit || FILLER.has(w) || (trace && TRACE_FILLER.has(w)) || looksLikeValue(w)) continue;
        out.push(w);
      }
      if (key) afterKey = true;
    });
    if (/[,.;!?)\]}]$/.test(chunk)) afterKey = false;
  }
  return out;
}

/**
 * `password`, `api_key`, `apiKey`: a key whose value may follow. Assigned (`AccessKeyId=…`,
 * `JWT_PRIVATE_KEY: …`), any key word in it counts, unless it names an error type (`KeyError:`).
 */
function isSecretKey(words: string[], assigned: boolean): boolean {
  const last = words[words.length - 1];
  if (last === undefined) return false;
  if (SECRET_KEYS.has(last) || SECRET_KEYS.has(words.join(''))) return true;
  return assigned && last !== 'error' && last !== 'exception' && words.some((w) => SECRET_KEYS.has(w));
}

function expandContractions(text: string): string {
  return text
    .replace(/\bcan['’]t\b/gi, 'cannot')
    .replace(/\bwon['’]t\b/gi, 'will not')
    .replace(/\b([a-z]+)n['’]t\b/gi, '$1 not');
}

/** Words of a name, component or service, without filler or values. */
export function plainWords(text: string): string[] {
  return splitWords(text).filter((w) => !FILLER.has(w) && !looksLikeValue(w));
}
