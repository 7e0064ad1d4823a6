// Rust's TLS stack (rustls, and the webpki crate it verifies certificates with) names a failed
// certificate check by an enum variant, and each release spelt the same variant another way:
//   rustls <= 0.19   `WebPKIError(CertExpired)`, `TLS error: WebPKIError(UnknownIssuer)`
//   rustls 0.20      `InvalidCertificateData("invalid peer certificate: CertNotValidForName")`, shown as
//                    `invalid peer certificate contents: invalid peer certificate: UnknownIssuer`
//   rustls 0.21-0.22 `InvalidCertificate(NotValidForName)`, shown as `invalid peer certificate: Expired`
//   rustls 0.23      `invalid peer certificate: certificate expired: verification time … but certificate
//                    is not valid after …`, `… certificate not valid for name "…"; certificate is only
//                    valid for DnsName("…")`, and `InvalidCertificate(ExpiredContext { … })`
// under whatever the caller wraps it in: std's `Custom { kind: InvalidData, error: … }`, hyper's and
// reqwest's `error sending request for url (…): error trying to connect: …`, anyhow's `Caused by:` list.
// The variant is the error (an expired certificate is one problem however the release printed it);
// the names and times after it are its detail. Only the variant inside rustls' own words is read: a
// bare `Expired` or `UnknownIssuer` elsewhere says nothing of a certificate.

/** A certificate error found in a message: its variant, and where its rustls words start and end (offsets). */
export interface RustlsCertError {
  variant: string;
  start: number;
  end: number;
}

// Each variant under its names across releases (webpki's `Cert…` names first; rustls 0.23's `…Context`
// variants carry the same check with its values).
const VARIANTS: Readonly<Record<string, string>> = {
  certexpired: 'Expired', expired: 'Expired', expiredcontext: 'Expired',
  certnotvalidyet: 'NotValidYet', notvalidyet: 'NotValidYet', notvalidyetcontext: 'NotValidYet',
  certnotvalidforname: 'NotValidForName', notvalidforname: 'NotValidForName', notvalidfornamecontext: 'NotValidForName',
  unknownissuer: 'UnknownIssuer',
  badsignature: 'BadSignature', invalidsignatureforpublickey: 'BadSignature',
  badder: 'BadEncoding', badencoding: 'BadEncoding',
  certrevoked: 'Revoked', revoked: 'Revoked',
  unhandledcriticalextension: 'UnhandledCriticalExtension',
  invalidpurpose: 'InvalidPurpose', invalidpurposecontext: 'InvalidPurpose',
};

// rustls 0.23's descriptions of the variants it prints with their values.
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'certificate expired': 'Expired',
  'certificate not valid yet': 'NotValidYet',
  'certificate not valid for name': 'NotValidForName',
};

// The variant inside rustls' or webpki's words: after `invalid peer certificate:` (once or twice, with
// 0.20's `contents`), or as the argument of `WebPKIError(`, `InvalidCertificate(`,
// `InvalidCertificateData("`. No quantifier nests: each alternative is a fixed phrase.
const NAMED = /(?:\binvalid peer certificate(?: contents)?: (?:invalid peer certificate: )?|\b(?:WebPKIError|InvalidCertificate)\(|\bInvalidCertificateData\("(?:invalid peer certificate: )?)([A-Za-z]{5,40})\b/g;
const DESCRIBED = /\binvalid peer certificate: (certificate expired|certificate not valid yet|certificate not valid for name)\b/g;

/** The last certificate error a message names in rustls' or webpki's words; null for none. */
export function rustlsCertError(text: string): RustlsCertError | null {
  if (!text.includes('ertificate') && !text.includes('WebPKIError')) return null;
  let found: RustlsCertError | null = null;
  for (const m of text.matchAll(NAMED)) {
    const variant = VARIANTS[(m[1] as string).toLowerCase()];
    if (variant !== undefined && (found === null || (m.index as number) > found.start)) {
      found = { variant, start: m.index as number, end: (m.index as number) + m[0].length };
    }
  }
  for (const m of text.matchAll(DESCRIBED)) {
    const variant = DESCRIPTIONS[m[1] as string] as string;
    if (found === null || (m.index as number) > found.start) found = { variant, start: m.index as number, end: (m.index as number) + m[0].length };
  }
  return found;
}

// Words that may follow the variant without saying anything new: its detail in rustls 0.23 (the names
// a certificate held, the verification time), the wrappers' closing words, anyhow's `Location:`.
const DETAIL_WORDS = new Set([
  'certificate', 'not', 'valid', 'for', 'name', 'is', 'only', 'dnsname', 'ipaddress', 'or', 'after', 'before',
  'verification', 'time', 'unix', 'but', 'seconds', 'ago', 'yet', 'expired', 'expected', 'presented', 'location',
  'invalid', 'peer', 'contents',
]);

// Words of the wrappers every caller's error passes through on its way up (std's `io::Error` Debug,
// rustls' own enum, a `Result`'s `Err(…)`, hyper's and reqwest's connect errors, anyhow's cause list,
// a `TLS error:` line): they say where the error travelled, not which caller logged it.
const WRAPPER_WORDS = new Set([
  'error', 'tls', 'io', 'custom', 'kind', 'invaliddata', 'sending', 'request', 'for', 'url', 'trying', 'to',
  'connect', 'client', 'caused', 'by', 'err', ...DETAIL_WORDS,
]);

// Values the masker left (`<QUOTED>`, `<NUM>`) and quoted names (`DnsName("badssl.com")`) are no words.
const VALUES = /<[A-Z*]+>|"[^"\n]{0,300}"/g;
const words = (text: string): string[] => text.replace(VALUES, ' ').toLowerCase().match(/[a-z]+/g) ?? [];
// rustls 0.23 lists the names a certificate held after these words: every one a value.
const PRESENTED_NAMES = /\bcertificate is only valid for\b[^\n]*/g;

/** What a rustls certificate error says: its key, and the caller's words it was logged under ('' for none). */
export interface RustlsCertIdentity {
  key: string;
  context: string;
}

/**
 * The certificate error a message ends with, in rustls' or webpki's words, or null when the message
 * has none or says more after it than the error's own detail and the words before it.
 */
export function rustlsCertIdentity(head: string): RustlsCertIdentity | null {
  const found = rustlsCertError(head);
  if (found === null) return null;
  const before = words(head.slice(0, found.start));
  const allowed = new Set([...DETAIL_WORDS, ...before]);
  if (!words(head.slice(found.end).replace(PRESENTED_NAMES, ' ')).every((w) => allowed.has(w))) return null;
  // A class name (`TypeError`, `RuntimeError`) and the variant's own names, said before in a cause
  // chain, are no caller's words either.
  const context = before.filter((w) => !WRAPPER_WORDS.has(w) && !w.endsWith('error') && VARIANTS[w] === undefined);
  return { key: `rustls-cert\u0001${found.variant}`, context: context.join(' ') };
}
