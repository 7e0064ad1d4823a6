// A record's first line is what its code logged with the trace (`logger.exception("delivery of message
// %s to %s failed", msg_id, tenant)`), and the values it names are the record's own: a tenant slug
// (`t_hisbqg`), an order code, a redacted id. The line keys (record-lines.ts) set numbers and hex ids
// aside, not such values, so a piece cut from one of these records (its trace cut short before the
// exception line) holds a first line no kept record holds, and its frames alone cannot place it.
// Two first lines that differ only in such values are the same line of the same code.

/** Most words compared: a first line longer than this is compared as it is. */
const MAX_WORDS = 40;

// A value in a line, as a logger's arguments print: a word with a digit in it (`t_uk0upo`, `ord0f0k`;
// the key has set every digit to 0), a quoted word, or a redaction's mark (`[REDACTED]`, `<redacted>`).
// A word of letters and underscores alone is a name in the code (`update_revenue`, `update_map`: two
// callbacks), save beside a value of the same kind: the same prefix before its underscore (`t_hisbqg`
// beside `t_uk0upo`, `cus_…`), as ids drawn at random sometimes come out with no digit.
// Each test is one pass over a word of bounded length.
const DIGIT = /\d/;
const QUOTED = /^(?:'[^'\s]*'|"[^"\s]*"|`[^`\s]*`)[,.:;)]?$/;
const REDACTION = /^(?:\[[A-Z]{3,20}\]|<[a-z]{3,20}>)[,.:;)]?$/;
const MAX_VALUE = 120;

function isValue(word: string): boolean {
  return word.length <= MAX_VALUE && (DIGIT.test(word) || QUOTED.test(word) || REDACTION.test(word));
}

/** The part of an id before its underscore (`t_`, `cus_`), or null. */
function idPrefix(word: string): string | null {
  const at = word.indexOf('_');
  return at > 0 && at <= 8 && /^[A-Za-z]+$/.test(word.slice(0, at)) ? word.slice(0, at + 1) : null;
}

/** Two words that are each a value, or one a value and the other an id of the same prefix. */
function bothValues(x: string, y: string): boolean {
  const vx = isValue(x);
  const vy = isValue(y);
  if (vx && vy) return true;
  if (!vx && !vy) return false;
  const p = idPrefix(x);
  return p !== null && p === idPrefix(y) && x.length <= MAX_VALUE && y.length <= MAX_VALUE;
}

/**
 * Whether two line keys (lineKey) say the same thing bar the values they name: as many words, each
 * word the same or a value in both lines, at least three words the same that are words (letters), and
 * more words the same than not. `failed` and `refused` are two lines; `t_hisbqg` and `t_uk0upo` are one.
 */
export function sameBarValues(a: string, b: string): boolean {
  if (a === b) return true;
  const wa = a.split(' ');
  const wb = b.split(' ');
  if (wa.length !== wb.length || wa.length > MAX_WORDS) return false;
  let same = 0;
  let words = 0;
  for (let i = 0; i < wa.length; i++) {
    const x = wa[i] as string;
    const y = wb[i] as string;
    if (x === y) {
      same++;
      if (/[A-Za-z]{2}/.test(x)) words++;
    } else if (!bothValues(x, y)) {
      return false;
    }
  }
  return words >= 3 && same * 2 > wa.length;
}
