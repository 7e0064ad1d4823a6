// A certificate check rustls failed is its variant, whichever release spelt it: webpki's
// `WebPKIError(CertExpired)`, 0.20's `InvalidCertificateData("invalid peer certificate: …")`, 0.21's
// `invalid peer certificate: Expired`, 0.23's described `certificate expired: verification time …`,
// inside std's `Custom { kind: InvalidData, … }` and reqwest's connect errors. Two variants, the
// peer's alert and other stacks' certificate wording stay apart. Templates are as the masker leaves them.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { rustlsCertError } from '../../../src/classify/rustls-cert-error.js';

const key = (template: string): string | null => errorIdentity(template)?.key ?? null;

describe('rustls certificate errors: one variant, every release\'s spelling', () => {
  it.each([
    ['Expired', [
      // rustls/rustls#235
      'TLS error: WebPKIError(CertExpired)',
      // quinn-rs/quinn#23 (printed as `RESULT: Err(…)`)
      'Err(Tls(WebPKIError(CertExpired)))',
      // poem-web/poem#290
      'Custom { kind: InvalidData, error: InvalidCertificateData("invalid peer certificate: CertExpired") }',
      // atuinsh/atuin#1470
      'Error: error sending request for url (<URL>): error trying to connect: invalid peer certificate: Expired Caused by: <NUM>: error trying to connect: invalid peer certificate: Expired <NUM>: invalid peer certificate: Expired Location: <PATH>',
      // ducaale/xh#413
      'error sending request for url (<URL>) Caused by: <NUM>: client error (Connect) <NUM>: invalid peer certificate: certificate expired: verification time <NUM> (UNIX), but certificate is not valid after <NUM> (<NUM> seconds ago)',
    ]],
    ['NotValidForName', [
      // rustls/rustls#1131
      'Error = Tls(Io(Custom { kind: InvalidData, error: InvalidCertificateData("invalid peer certificate: CertNotValidForName") }))',
      // rustls/rustls#322
      'WebPKIError(CertNotValidForName)',
      // rustls/tokio-rustls#98
      'Error: Custom { kind: InvalidData, error: InvalidCertificate(NotValidForName) }',
      // denoland/deno#20074
      'error sending request for url (<URL>): error trying to connect: invalid peer certificate: NotValidForName',
      // pypi/support#7666
      'invalid peer certificate: certificate not valid for name "<QUOTED>"; certificate is only valid for DnsName("<QUOTED>"), DnsName("*.hosts.fastly.net") or DnsName("*.fastly.com")',
    ]],
    ['UnknownIssuer', [
      // lettre/lettre#395
      'Io(Custom { kind: InvalidData, error: WebPKIError(UnknownIssuer) })',
      // iotaledger/firefly#7816
      'ClientError: `error sending request for url (<URL>): error trying to connect: invalid peer certificate contents: invalid peer certificate: UnknownIssuer`',
      // openobserve/openobserve#3901
      'error sending request for url (<URL>): error trying to connect: invalid peer certificate: UnknownIssuer',
      // htrefil/rkvm#64
      'invalid peer certificate: UnknownIssuer',
    ]],
  ])('%s', (variant, templates) => {
    for (const t of templates) expect(rustlsCertError(t)?.variant).toBe(variant);
    const identities = templates.map(errorIdentity);
    for (const identity of identities) {
      expect(identity?.key).toBe(key(templates[0] as string));
      // The wrappers it came up through are no caller's line: one problem, not one per wrapper.
      expect(identity?.context).toBe('');
    }
  });

  it('keeps the line a caller logged it under', () => {
    // tuic-protocol/tuic#243
    const identity = errorIdentity('unable to relay TCP stream: the cryptographic handshake failed: error <NUM>: invalid peer certificate: NotValidForName');
    expect(identity?.key).toBe(key('WebPKIError(CertNotValidForName)'));
    expect(identity?.context).toContain('relay');
  });

  it.each([
    ['expired and not valid for the name', 'invalid peer certificate: Expired', 'invalid peer certificate: NotValidForName'],
    ['an unknown issuer and a bad signature', 'WebPKIError(UnknownIssuer)', 'InvalidCertificate(BadSignature)'],
    ['not valid yet and expired', 'invalid peer certificate: certificate not valid yet: verification time <NUM> (UNIX), but certificate is not valid before <NUM>', 'invalid peer certificate: certificate expired: verification time <NUM> (UNIX), but certificate is not valid after <NUM>'],
  ])('keeps apart %s', (_name, a, b) => {
    expect(key(a)).not.toBeNull();
    expect(key(a)).not.toBe(key(b));
  });

  it.each([
    // bytebeamio/rumqtt#323: the peer's alert about our certificate, not our check of theirs.
    ['a received alert', 'Network(Io(Custom { kind: InvalidData, error: AlertReceived(CertificateExpired) }))'],
    ['a session that expired', 'Error: session Expired'],
    ["Node's wording", 'Error: certificate has expired'],
    ["Go's x509 wording", 'x509: certificate has expired or is not yet valid: current time <TIME> is after <TIME>'],
    ['an unknown variant', 'invalid peer certificate: Other(OtherError(UnsupportedCertVersion))'],
  ])('reads no rustls certificate error in %s', (_name, template) => {
    expect(rustlsCertError(template)).toBeNull();
  });

  it('says nothing when more follows than the error\'s own detail', () => {
    expect(errorIdentity('invalid peer certificate: UnknownIssuer while syncing the billing ledger')?.key ?? '').not.toMatch(/^rustls-cert/);
  });
});
