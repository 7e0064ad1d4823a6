// A certificate check Node failed is its code, printed as the code or as its description, bare, in an
// error object, under npm's or a logger's line prefix, with the host names it did not match; two codes,
// a client's own class, another language's OpenSSL wording and a description that goes on into
// another message stay apart. Templates are as the masker leaves them.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { nodeTlsCode, tlsCodeWords } from '../../../src/classify/node-tls-code.js';
import { tokenize } from '../../../src/normalize/mask.js';

const key = (template: string): string | null => errorIdentity(template)?.key ?? null;

describe('nodeTlsCode: a certificate check named by its code or its description', () => {
  it.each([
    ['SELF_SIGNED_CERT_IN_CHAIN', [
      'Error: SELF_SIGNED_CERT_IN_CHAIN',
      'Error: self signed certificate in certificate chain',
      'Error: self-signed certificate in certificate chain',
      'npm ERR! Error: SELF_SIGNED_CERT_IN_CHAIN npm ERR! at SecurePair.<anonymous> (tls.js:<NUM>:<NUM>)',
      '<NUM> verbose stack Error: self signed certificate in certificate chain <NUM> verbose stack at Error (native)',
    ]],
    ['CERT_HAS_EXPIRED', [
      'Error: certificate has expired',
      'Error: CERT_HAS_EXPIRED',
      "{ [Error: certificate has expired] code: '<QUOTED>' }",
      'Error: certificate has expired\n    at TLSSocket.onConnectSecure (node:_tls_wrap:<NUM>:<NUM>)',
    ]],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', [
      'Error: self signed certificate',
      'Error: DEPTH_ZERO_SELF_SIGNED_CERT',
      "Error: self signed certificate code: '<QUOTED>",
    ]],
    ['ERR_TLS_CERT_ALTNAME_INVALID', [
      "Hostname/IP does not match certificate's altnames: Host: <HOST>. is not in the cert's altnames: DNS:<HOST>",
      "Error: Hostname/IP does not match certificate's altnames: Host:<HOST>. is not in the cert's altnames: DNS:<HOST>",
      "[ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: IP: <IP> is not in the cert's list: at Object.checkServerIdentity (tls.js:<NUM>:<NUM>)",
      "Error: Hostname/IP doesn't match certificate's altnames: Host: <HOST>. is not in the cert's altnames: DNS:<HOST>",
    ]],
  ])('%s', (_code, templates) => {
    const keys = templates.map(key);
    expect(keys[0]).not.toBeNull();
    for (const k of keys) expect(k).toBe(keys[0]);
  });

  it.each([
    ['in chain and self signed', 'Error: self signed certificate in certificate chain', 'Error: self signed certificate'],
    ['expired and not yet valid', 'Error: certificate has expired', 'Error: certificate is not yet valid'],
    ['the first certificate and the local issuer', 'Error: unable to verify the first certificate', 'Error: unable to get local issuer certificate'],
    ["Node's error and a client's own class", 'Error: self signed certificate', 'AxiosError: self signed certificate'],
  ])('keeps apart %s', (_name, a, b) => {
    expect(key(a)).not.toBeNull();
    expect(key(b)).not.toBeNull();
    expect(key(a)).not.toBe(key(b));
  });

  it.each([
    ["Python's OpenSSL wording", 'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:<NUM>)'],
    ["Ruby's OpenSSL wording", 'OpenSSL::SSL::SSLError: SSL_connect returned=<NUM> errno=<NUM> state=error: certificate verify failed (unable to get local issuer certificate)'],
    ["Go's x509 wording", 'x509: certificate has expired or is not yet valid: current time <TIME> is after <TIME>'],
    ['a description in the middle of a sentence', 'the server said its certificate has expired'],
  ])('reads no Node certificate code in %s', (_name, template) => {
    expect(nodeTlsCode(tokenize(template))).toBeNull();
  });

  it('is no identity when the message goes on after the description', () => {
    expect(key('Error: certificate has expired, retrying the upload of the nightly export to the archive bucket')).toBeNull();
  });

  it("gives each code its descriptions' words and its own name", () => {
    expect(tlsCodeWords('CERT_HAS_EXPIRED')).toEqual(['certificate', 'has', 'expired', 'cert_has_expired']);
    expect(tlsCodeWords('ERR_TLS_CERT_ALTNAME_INVALID')).toContain("cert's");
  });
});

describe('errorIdentity: a line prefix repeated on the frames is no caller', () => {
  it('reads npm\'s and a logger\'s line prefix as no context, and a caller\'s line as one', () => {
    expect(errorIdentity('npm ERR! Error: SELF_SIGNED_CERT_IN_CHAIN npm ERR! at SecurePair.<anonymous> (tls.js:<NUM>:<NUM>)')?.context).toBe('');
    expect(errorIdentity('app | Error: connect ECONNREFUSED <IP> app | at TCPConnectWrap.afterConnect [as oncomplete] (net.js:<NUM>:<NUM>)')?.context).toBe('');
    expect(errorIdentity('[ioredis] Unhandled error event: Error: connect ECONNREFUSED <IP>')?.context).toBe('ioredis');
  });
});
