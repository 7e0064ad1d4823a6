// A client's error names the status the server answered. A 4xx is the client's own fault and each
// says a different one: a 401 (credentials), a 403 (permission), a 404 (the thing called is not
// there) and a 429 (rate limited) are different problems, as `Request failed with status code 401`
// and `… 429` are. Masking every number would make them one. A status is read where the text itself
// says it is one, in the shapes clients print it:
// - after `with status code` (`Request failed with status code 401`), and
// - followed by its reason phrase, the HTTP standard's name for it (`` resulted in a `404 Not Found`
//   response ``, `does not indicate success: 404 (Not Found).`, `HTTP status client error (404 Not
//   Found)`), or by the class requests names (`404 Client Error: Not Found for url`).
// A 4xx is kept as it is. A 5xx says the server or its upstream failed, and which one comes back for
// one outage (500, 502, 503, 504) depends on the proxies on the way: it is kept as its class, `5xx`,
// which still tells it from a 4xx. A number in any other place (`status code 403` in a proxy's report
// of what the target answered, a count, a port) stays a value.
//
// PDO prints a database error as `SQLSTATE[42S02]: Base table or view not found: 1146 Table '…'
// doesn't exist`: the SQLSTATE, its class's name, then the server's own error number and message. A
// class holds several errors (MySQL's 1146 `Table … doesn't exist` and 1932 `… doesn't exist in
// engine` are both 42S02): the number names the one that happened, and is kept too.

// Each error status's reason phrase, lower case, in the wordings servers and clients use. A status
// is read before its phrase's first two words (its only word for a one-word phrase): the first alone
// would read `order 406 not payable` as `406 Not Acceptable`, and `404`'s, `406`'s and `501`'s all
// start with `not`.
const REASON_PHRASES: Readonly<Record<string, readonly string[]>> = {
  '400': ['bad request'], '401': ['unauthorized'], '402': ['payment required'], '403': ['forbidden'],
  '404': ['not found'], '405': ['method not'], '406': ['not acceptable'], '407': ['proxy authentication'],
  '408': ['request timeout', 'request time-out'], '409': ['conflict'], '410': ['gone'], '411': ['length required'],
  '412': ['precondition failed'], '413': ['payload too', 'request entity', 'content too'],
  '414': ['uri too', 'request-uri too'], '415': ['unsupported media'], '416': ['range not', 'requested range'],
  '417': ['expectation failed'], '421': ['misdirected request'], '422': ['unprocessable entity', 'unprocessable content'],
  '423': ['locked'], '424': ['failed dependency'], '425': ['too early'], '426': ['upgrade required'],
  '428': ['precondition required'], '429': ['too many'], '431': ['request header'], '451': ['unavailable for'],
  '500': ['internal server'], '501': ['not implemented'], '502': ['bad gateway'], '503': ['service unavailable'],
  '504': ['gateway timeout', 'gateway time-out'], '505': ['http version'], '507': ['insufficient storage'],
  '508': ['loop detected'], '511': ['network authentication'],
};

/** What masking keeps of a 5xx status: its class. */
export const SERVER_ERROR_CLASS = '5xx';

const OPENERS = /^[([{"'`]+/;
const CLOSERS = /[)\]}"'`,;:.!?]+$/;
const word = (token: string | undefined): string => (token ?? '').replace(OPENERS, '').replace(CLOSERS, '').toLowerCase();

/**
 * What masking keeps of the status at raw token i when the text announces it as one (see above): a
 * 4xx itself, a 5xx's class; null otherwise. Called only for tokens that mask to a number.
 */
export function announcedHttpStatus(raw: readonly string[], i: number): string | null {
  const status = announced(raw, i);
  return status === null ? null : status[0] === '5' ? SERVER_ERROR_CLASS : status;
}

function announced(raw: readonly string[], i: number): string | null {
  const status = word(raw[i]);
  if (status.length !== 3 || (status[0] !== '4' && status[0] !== '5')) return null;
  const reasons = REASON_PHRASES[status];
  if (reasons === undefined) return null;
  if (word(raw[i - 1]) === 'code' && word(raw[i - 2]) === 'status' && word(raw[i - 3]) === 'with') return status;
  const next = word(raw[i + 1]);
  const two = `${next} ${word(raw[i + 2])}`;
  if (reasons.some((r) => r === next || r === two)) return status;
  if ((next === 'client' || next === 'server') && word(raw[i + 2]) === 'error') return status;
  return null;
}

/** How far back PDO's `SQLSTATE[…]:` may stand from its error number (the class's name between). */
const SQLSTATE_LOOKBACK = 8;

/** True when raw token i is the server's error number in PDO's `SQLSTATE[…]: class: NNNN …`. */
export function announcedServerErrorNumber(raw: readonly string[], i: number): boolean {
  if (word(raw[i]).length !== 4 || !(raw[i - 1] ?? '').endsWith(':')) return false;
  for (let j = i - 1; j >= 0 && j >= i - SQLSTATE_LOOKBACK; j--) {
    // `SQLSTATE[42S02]:`, or `SQLSTATE [42S02]:` once a header reader spaced it.
    if ((raw[j] as string).replace(OPENERS, '').startsWith('SQLSTATE')) return true;
  }
  return false;
}

/** A code masking kept: three digits (a client error status) or four (a server's error number). */
export const KEPT_CODE = /^[0-9]{3,4}$/;

/**
 * The codes kept in masked tokens, joined (`429`), '' for none. Masking leaves no other bare number,
 * so a token that is one was announced as above. A 5xx class is not among them: a message that
 * names one may still meet the same message whose status was not announced.
 */
export function keptCodes(tokens: readonly string[]): string {
  let out = '';
  for (const token of tokens) {
    if (token.length < 3 || token.length > 8) continue;
    const code = word(token);
    if (KEPT_CODE.test(code)) out += out === '' ? code : ` ${code}`;
  }
  return out;
}
