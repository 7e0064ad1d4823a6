// Node names a failed certificate check by an OpenSSL code and prints either the code
// (`Error: SELF_SIGNED_CERT_IN_CHAIN`, Node 0.10's `Error: CERT_HAS_EXPIRED`, `[ERR_TLS_CERT_ALTNAME_INVALID]:`)
// or its description (`Error: self signed certificate in certificate chain`, `Error: certificate has
// expired`), with the code again in the error object's `code:` field, which the masker hides. The
// code is the error: the description is the same code spelt out, and what follows it (the host and
// names a certificate did not match, the object's fields) is its detail.
//
// Only Node's spelling is read: the description opening the message or right after an error class
// (`Error:`, `AxiosError:`, `[Error:`), or the code itself. OpenSSL's words in another language's message (Python's `certificate
// verify failed: unable to get local issuer certificate (_ssl.c:1123)`, Ruby's `… (unable to get local
// issuer certificate)`) come after that language's own words and are not read as Node's.

/** A certificate code found in a message: its key, where it starts (a token index) and its words. */
export interface TlsCode {
  code: string;
  start: number;
  /** Where its description or code ends: the words after it must only restate it. */
  end: number;
}

// Node's (OpenSSL's) description of each code, in the wordings Node versions printed.
const DESCRIPTIONS: ReadonlyArray<readonly [string, string]> = [
  ['self signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'],
  ['self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'],
  ['self signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  ['self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  ['unable to verify the first certificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  ['unable to get local issuer certificate', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'],
  ['unable to get issuer certificate', 'UNABLE_TO_GET_ISSUER_CERT'],
  ['certificate has expired', 'CERT_HAS_EXPIRED'],
  ['certificate is not yet valid', 'CERT_NOT_YET_VALID'],
  ['certificate signature failure', 'CERT_SIGNATURE_FAILURE'],
  ['certificate revoked', 'CERT_REVOKED'],
  ["hostname/ip does not match certificate's altnames", 'ERR_TLS_CERT_ALTNAME_INVALID'],
  ["hostname/ip doesn't match certificate's altnames", 'ERR_TLS_CERT_ALTNAME_INVALID'],
];

const CODES = new Set(DESCRIPTIONS.map(([, code]) => code));

// What Node prints after a host name check failed: which host or address was not in which names.
const ALTNAME_DETAIL = ['host', 'ip', 'is', 'not', 'in', 'the', "cert's", 'altnames', 'list', 'dns', 'reason'];

/** The words that only restate a code: its descriptions, its own detail, the code itself. */
export function tlsCodeWords(code: string): string[] {
  const words = DESCRIPTIONS.filter(([, c]) => c === code).flatMap(([d]) => d.split(' '));
  return [...words, ...(code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? ALTNAME_DETAIL : []), code.toLowerCase()];
}

const clean = (token: string): string => token.replace(/^[([{"'`]+/, '').replace(/[)\]}"'`,;:.!?]+$/, '');

// An error class right before the description: Node's own `Error:` or a client's (`AxiosError:`).
const ERROR_CLASS = /^[[{]*(?:[A-Za-z_$][\w$.]*)?Error:$/;

/** The certificate code a message names in Node's spelling, searched from its end; null for none. */
export function nodeTlsCode(tokens: readonly string[]): TlsCode | null {
  const lower = tokens.map((t) => clean(t).toLowerCase());
  for (let i = tokens.length - 1; i >= 0; i--) {
    const code = clean(tokens[i] as string);
    if (CODES.has(code)) return { code, start: i, end: i + 1 };
    // The description opens the message or follows an error class.
    if (i > 0 && !ERROR_CLASS.test(tokens[i - 1] as string)) continue;
    for (const [description, named] of DESCRIPTIONS) {
      const words = description.split(' ');
      if (words.every((w, k) => lower[i + k] === w)) return { code: named, start: Math.max(0, i - 1), end: i + words.length };
    }
  }
  return null;
}
