// Frames say where an error was raised, not which: two certificate errors that come up through the
// same frames of Node's TLS socket are two problems, and one call site failing with two errno codes
// is two problems; the same error through those frames, printed by two Node versions, stays one.
import { stackSignature } from '../../../src/classify/stack-signature.js';
import { clusterIds } from '../../support/cluster-ids.js';

const tlsTrace = (message: string): string => [
  message,
  '    at TLSSocket.onConnectSecure (node:_tls_wrap:1530:34)',
  '    at TLSSocket.emit (node:events:390:28)',
  '    at TLSSocket._finishInit (node:_tls_wrap:944:8)',
].join('\n');

const connectTrace = (code: string): string => [
  `Error: connect ${code} 10.0.0.5:5432`,
  '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1494:16)',
].join('\n');

describe('a stack trace is the error its message names, not only its frames', () => {
  it('reads the identity into the signature', () => {
    expect(stackSignature(tlsTrace('Error: certificate has expired'))?.identity).toContain('CERT_HAS_EXPIRED');
    expect(stackSignature(tlsTrace('Error: self signed certificate'))?.identity).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    // A message with no such vocabulary keeps the signature it had.
    expect(stackSignature(tlsTrace('Error: something odd happened'))?.identity).toBeUndefined();
  });

  it('two certificate errors through the same frames are two problems', () => {
    const [a, b] = clusterIds([
      [tlsTrace('Error: certificate has expired')],
      [tlsTrace('Error: self signed certificate')],
    ]);
    expect(a).toHaveLength(1);
    expect(a).not.toEqual(b);
  });

  it('one call site failing with two codes is two problems; one code twice is one', () => {
    const [a, b] = clusterIds([
      [connectTrace('ECONNREFUSED'), connectTrace('ECONNREFUSED')],
      [connectTrace('ETIMEDOUT')],
    ]);
    expect(a).toHaveLength(1);
    expect(a).not.toEqual(b);
  });
});
