// Google's APIs refuse a call to a service its project has not enabled with one sentence, whichever API
// and client library: `Vertex AI API has not been used in project 72… before or it is disabled. Enable it
// by visiting … then retry.` (the SERVICE_DISABLED ErrorInfo; its `serviceTitle` is the name). The
// service is the remote endpoint called, a value like its URL: the problem is an API left disabled, and
// the masked sentence reads the same for `People API`, `Gemini for Google Cloud API` or `Google Sheets API`.

/** The sentence after the service's title. */
const AFTER_TITLE = ['API', 'has', 'not', 'been', 'used'];
/** A title runs over at most this many words before `API`. */
const MAX_TITLE_WORDS = 8;
// A word of a title: capitalised or a number (`Cloud`, `AI`, `BigQuery`, `V2`), perhaps opening a quote.
const TITLE_WORD = /^["'`([]?[A-Z0-9][\w.&+-]{0,40}$/;
// Lower-case words inside a title (`Gemini for Google Cloud API`, `Identity and Access Management (IAM) API`).
const TITLE_JOINER = new Set(['for', 'and', 'of', 'on', '(IAM)']);

/**
 * The tokens of the service's title in `raw` (from, to: to exclusive, `API` not included), or null when
 * no SERVICE_DISABLED sentence is there.
 */
export function disabledServiceTitle(raw: readonly string[]): [number, number] | null {
  let at = raw.indexOf('API');
  while (at >= 0 && !AFTER_TITLE.every((w, k) => raw[at + k] === w)) at = raw.indexOf('API', at + 1);
  if (at < 1) return null;
  let from = at;
  while (from > 0 && at - from < MAX_TITLE_WORDS) {
    const word = raw[from - 1] as string;
    if (!TITLE_WORD.test(word) && !TITLE_JOINER.has(word)) break;
    from--;
    // A word that opens a quote is the title's first.
    if (/^["'`([]/.test(word)) break;
  }
  // A joiner never starts a title; a title is one word or more.
  while (from < at && TITLE_JOINER.has(raw[from] as string)) from++;
  return from < at ? [from, at] : null;
}
