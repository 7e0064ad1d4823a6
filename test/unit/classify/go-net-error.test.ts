// A Go network error (net.OpError) is its operation, its network and its error: the addresses, the
// system call Go names or not, a DNS lookup's host and Windows' wording of the same error are not;
// two operations, two errors, a lookup and a connect, and Node's or Python's wording stay apart.
// Templates are as the masker leaves them.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { goNetError } from '../../../src/classify/go-net-error.js';
import { tokenize } from '../../../src/normalize/mask.js';

const key = (template: string): string | null => errorIdentity(template)?.key ?? null;

describe('goNetError: a network call Go failed', () => {
  it.each([
    ['dial tcp: i/o timeout', [
      'Error: dial tcp <IP>: i/o timeout',
      'dial tcp <IP>: ConnectEx tcp: i/o timeout',
      'dial tcp <IP>:<NUM>: i/o timeout',
    ]],
    ['dial tcp: connection refused, Unix and Windows', [
      'dial tcp <IP>: connect: connection refused',
      'dial tcp <IP>: connectex: No connection could be made because the target machine actively refused it.',
      'dial tcp [::1]:<NUM>: connect: connection refused',
    ]],
    ['write tcp: broken pipe, with and without its system call', [
      'write tcp <IP>: broken pipe',
      'write tcp <*> write: broken pipe',
      'write tcp <IP>-><IP>: write: broken pipe',
    ]],
    ['listen tcp: a lookup that found no host', [
      'listen tcp: lookup <*> no such host',
      'listen tcp: lookup localhost: no such host',
    ]],
    ['dial tcp: refused, Go before 1.10 (getsockopt) and after, a tag after it', [
      'Database setting is not correct: dial tcp <IP>: getsockopt: connection refused',
      'dial tcp <IP>: connect: connection refused #fatal',
      'dial tcp <IP>: connect: connection refused',
    ]],
    ['accept: too many open files, Linux accept4 and the retry clause', [
      'Accept error: accept tcp [::]:<NUM>: accept4: too many open files; retrying in <NUM>',
      'http: Accept error: accept tcp <*> accept: too many open files; retrying in <NUM>',
    ]],
    ['listen tcp: a nil address', ['Can\'t start:listen tcp <nil>:<NUM>: address already in use', 'listen tcp :<NUM>: bind: address already in use']],
    ['read unix: a socket path', [
      'Received error on connection read unix konnectivity-server.socket->@: use of closed network connection.',
      'read unix @->/var/run/app.sock: use of closed network connection',
    ]],
    ['an HTTP client\'s dial, Go before 1.14 and after, inside a JSON string', [
      'Get <URL>: dial tcp <IP>: getsockopt: connection refused',
      '"Error making request to <URL>: Get \\"https:<ID>": dial tcp <IP>: connect: connection refused"',
      'Post "<QUOTED>": dial tcp <IP>: connect: connection refused',
    ]],
    ['pgx\'s dial, v4 and v5', [
      'failed to initialize database, got error failed to connect to `host=db user=postgres database=postgres`: dial error (dial tcp <IP>: connect: connection refused)',
      'failed to connect to `user=postgres database=postgres`: <IP> (localhost): dial error: dial tcp <IP>: connect: connection refused',
    ]],
    ['a gRPC channel\'s dial, with and without the colon', [
      'transport: Error while dialing dial tcp <IP>: connect: connection refused',
      'connection error: desc = "transport: Error while dialing: dial tcp <IP>: connect: connection refused"',
    ]],
    ['a read glued to its caller\'s words', ['copy error,read tcp <IP>-><IP>: use of closed network connection', 'read tcp <IP>-><IP>: use of closed network connection']],
    ['read tcp: reset, Unix and Windows', [
      'read tcp <IP>-><IP>: read: connection reset by peer',
      'read tcp <IP>-><IP>: wsarecv: An existing connection was forcibly closed by the remote host.',
    ]],
  ])('%s', (_name, templates) => {
    const keys = templates.map(key);
    expect(keys[0]).not.toBeNull();
    for (const k of keys) expect(k).toBe(keys[0]);
  });

  it.each([
    ['dial and listen', 'dial tcp: lookup <*> no such host', 'listen tcp: lookup <*> no such host'],
    ['a lookup and a connect', 'dial tcp: lookup <*> no such host', 'dial tcp <IP>: connect: connection refused'],
    ['two errors of one call', 'dial tcp <IP>: i/o timeout', 'dial tcp <IP>: connect: connection refused'],
    ['read and write', 'read tcp <IP>-><IP>: read: connection reset by peer', 'write tcp <IP>-><IP>: write: connection reset by peer'],
    ['an HTTP client\'s dial and a driver\'s', 'Get <URL>: dial tcp <IP>: connect: connection refused', 'dial tcp <IP>: connect: connection refused'],
    ['a gRPC channel\'s dial and a driver\'s', 'transport: Error while dialing dial tcp <IP>: connect: connection refused', 'dial tcp <IP>: connect: connection refused'],
    ['pgx\'s dial and an HTTP client\'s', 'failed to connect to `host=db`: dial error: dial tcp <IP>: connect: connection refused', 'Get <URL>: dial tcp <IP>: connect: connection refused'],
    ['tcp and udp', 'dial udp <IP>: connect: connection refused', 'dial tcp <IP>: connect: connection refused'],
  ])('keeps apart %s', (_name, a, b) => {
    expect(key(a)).not.toBeNull();
    expect(key(b)).not.toBeNull();
    expect(key(a)).not.toBe(key(b));
  });

  it.each([
    ["Node's errno", 'Error: connect ECONNREFUSED <IP>'],
    ["Python's errno", 'ConnectionRefusedError: [Errno <NUM>] Connection refused'],
    ['a sentence with the words', 'could not read tcp settings from the file'],
    ['an operation with no error after it', 'dial tcp <IP>:'],
  ])('reads no Go network error in %s', (_name, template) => {
    expect(goNetError(tokenize(template))).toBeNull();
  });

  it('names the failing call, and keeps what was logged before it as context', () => {
    const identity = errorIdentity('Error listening to TCP on localhost:<NUM>: listen tcp: lookup localhost: no such host');
    expect(identity?.namesOperation).toBe(true);
    expect(identity?.context).not.toBe('');
  });
});
