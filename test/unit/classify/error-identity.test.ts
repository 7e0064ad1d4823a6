// An errno code with its call and a gRPC status name one error whatever prefix, wrapper or trailing
// fields it was printed with; two calls, two codes, two statuses, two details, two clients' classes
// and two languages' spellings stay apart. Templates are as the masker leaves them.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { mergeByCore, type CoreGroup } from '../../../src/classify/core-merge.js';

const key = (template: string): string | null => errorIdentity(template)?.key ?? null;

function sameIdentity(templates: readonly string[]): void {
  const keys = templates.map(key);
  expect(keys[0]).not.toBeNull();
  for (const k of keys) expect(k).toBe(keys[0]);
}

describe('errorIdentity: a system error named by its call and code', () => {
  it.each([
    ['listen EADDRINUSE', [
      'Error: listen EADDRINUSE: address already in use <IP>',
      'Error: listen EADDRINUSE <IP>',
      "{ Error: listen EADDRINUSE <IP> errno: '<QUOTED>',",
      'Error: listen EADDRINUSE',
      'Error: listen EADDRINUSE <IP>\n    at Server.setupListenHandle [as _listen2] (net.js:<NUM>:<NUM>)',
      'events.js:<NUM> throw er; // Unhandled \'error\' event ^ Error: listen EADDRINUSE <IP>',
    ]],
    ['connect ECONNREFUSED', [
      'Error: connect ECONNREFUSED <IP>',
      'connect ECONNREFUSED <IP>\nat TCPConnectWrap.afterConnect [as oncomplete] (net.js:<NUM>:<NUM>)',
      "Error: connect ECONNREFUSED <IP> at TCPConnectWrap.afterConnect [as oncomplete] <*> { errno: <*> code: '<QUOTED>', syscall: '<QUOTED>', address: '<QUOTED>', port: <NUM> }",
      '[<NUM>] ERROR (ext): ERROR: Error opening connection connect ECONNREFUSED <IP>,',
      '[ioredis] Unhandled error event: Error: connect ECONNREFUSED <IP>',
      'Error: Redis connection to <IP> failed - connect ECONNREFUSED',
    ]],
    ['read ECONNRESET', [
      'Error: read ECONNRESET',
      'Error processing sentence: Error: read ECONNRESET at TCP.onStreamRead (internal/stream_base_commons.js:<NUM>:<NUM>)',
      "<NUM>|game | Error: read ECONNRESET <NUM>|game | at exports._errnoException (util.js:<NUM>:<NUM>)",
    ]],
    ['open EMFILE, either order', [
      "Error: EMFILE: too many open files, open '<QUOTED>'",
      "uncaughtException: EMFILE: too many open files, open '<PATH>'",
      'EMFILE: too many open files, open',
    ]],
  ])('%s', (_name, templates) => sameIdentity(templates));

  it('keeps two calls or two codes apart', () => {
    const keys = [
      'Error: listen EADDRINUSE <IP>',
      'Error: connect EADDRINUSE <IP>',
      'Error: connect ECONNREFUSED <IP>',
      'Error: connect ETIMEDOUT <IP>',
      'Error: read ECONNRESET',
      'Error: write ECONNRESET',
      'Error: getaddrinfo ENOTFOUND <HOST>',
      'Error: getaddrinfo EAI_AGAIN <HOST>',
    ].map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps a specific client class apart from a bare socket error, and two classes apart', () => {
    const bare = key('Error: connect ECONNREFUSED <IP>');
    const mongoose = key('MongooseServerSelectionError: connect ECONNREFUSED <IP>');
    expect(mongoose).not.toBe(bare);
    expect(key('UnhandledPromiseRejectionWarning: MongooseServerSelectionError: connect ECONNREFUSED <IP>')).toBe(mongoose);
    expect(key('Error: MongooseServerSelectionError: connect ECONNREFUSED <IP>')).toBe(mongoose);
    expect(key('MongoServerSelectionError: connect ECONNREFUSED <IP>')).not.toBe(mongoose);
    expect(key('ConnectionRefusedError [SequelizeConnectionRefusedError]: connect ECONNREFUSED <IP>')).not.toBe(bare);
  });

  it('reads nothing when words after the code say more than the code', () => {
    expect(key('Error: connect ECONNREFUSED <IP> while syncing the order ledger')).toBeNull();
    expect(key('Error: listen EADDRINUSE: address already in use <IP>; retrying on another port')).toBeNull();
    // A code without its call names no operation.
    expect(key('Error: Error in server response: ENOTFOUND')).toBeNull();
    expect(key('ECONNREFUSED')).toBeNull();
  });

  it('says that a call and code name the operation', () => {
    expect(errorIdentity('Error: listen EADDRINUSE <IP>')?.namesOperation).toBe(true);
    expect(errorIdentity('rpc error: code = Unavailable desc = transport is closing')?.namesOperation).toBe(false);
  });
});

describe('errorIdentity: a gRPC status in each language\'s spelling', () => {
  it.each([
    ['Go, any prefix', [
      'rpc error: code = DeadlineExceeded desc = context deadline exceeded',
      'ERRO[<TIME>] register error:rpc error: code = DeadlineExceeded desc = context deadline exceeded',
      'HasCollection.[false] ,err:[rpc error: code = DeadlineExceeded desc = context deadline exceeded',
      '{"level":"error","msg":"put value error: rpc error: code = DeadlineExceeded desc = context deadline exceeded","time":"<TIME>"}',
    ]],
    ['Python, grpc and api_core', [
      'google.api_core.exceptions.DeadlineExceeded: <NUM> Deadline Exceeded',
      '<*> <NUM> Deadline Exceeded',
      'google.api_core.exceptions.RetryError: Deadline of <NUM> exceeded while calling target function, last exception: <NUM> Deadline Exceeded',
      'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with: status = StatusCode.DEADLINE_EXCEEDED details = "Deadline Exceeded" debug_error_string = "<QUOTED>">',
    ]],
    ['Node', [
      'Error: 4 DEADLINE_EXCEEDED: Deadline exceeded',
      '(node:<NUM>) UnhandledPromiseRejectionWarning: Error: 4 DEADLINE_EXCEEDED: Deadline exceeded',
    ]],
    ['Java', [
      'io.grpc.StatusRuntimeException: UNAVAILABLE: io exception',
      'java.io.IOException: io.grpc.StatusRuntimeException: UNAVAILABLE: io exception',
      'Status{code=UNAVAILABLE, description=io exception, cause=io.grpc.netty.shaded.io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: <IP>}',
      'io.grpc.StatusRuntimeException: UNAVAILABLE: io exception: Caused by: io.grpc.netty.shaded.io.netty.channel.ConnectTimeoutException: connection timed out: <IP>',
    ]],
  ])('%s', (_name, templates) => sameIdentity(templates));

  it('keeps two statuses apart, and one status with two details', () => {
    const keys = [
      'rpc error: code = DeadlineExceeded desc = context deadline exceeded',
      'rpc error: code = Unavailable desc = transport is closing',
      'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing dial tcp <IP>: connect: connection refused"',
      'rpc error: code = NotFound desc = Resource not found (resource=<*>).',
      'Error: 14 UNAVAILABLE: No connection established',
      'Error: 4 DEADLINE_EXCEEDED: Deadline exceeded',
      'io.grpc.StatusRuntimeException: UNAVAILABLE: io exception',
      'io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded after <NUM>',
    ].map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps one status apart across languages: each is its own client\'s problem', () => {
    const keys = [
      'rpc error: code = DeadlineExceeded desc = context deadline exceeded',
      'google.api_core.exceptions.DeadlineExceeded: <NUM> Deadline Exceeded',
      'Error: 4 DEADLINE_EXCEEDED: Deadline exceeded',
      'io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded',
    ].map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads the status of the RPC before a socket error it carries', () => {
    const withCause = key('Error: 14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED <IP>');
    expect(withCause).not.toBe(key('Error: connect ECONNREFUSED <IP>'));
    expect(withCause).not.toBeNull();
  });

  it('reads nothing from a status name that is no status, or a message in words that names none', () => {
    expect(key('rpc error: code = Whatever desc = something')).toBeNull();
    expect(key('HTTP <NUM> Bad Gateway')).toBeNull();
    expect(key('request failed: <NUM> Not Acceptable')).toBeNull();
  });
});

describe('mergeByCore with identities', () => {
  const g = (id: string, template: string, over: Partial<CoreGroup> = {}): CoreGroup => ({ id, template, problem: true, ...over });
  const rootOf = (groups: CoreGroup[], id: string): string => mergeByCore(groups).get(id) ?? id;

  it('joins surfaces of one identity, including a trace raised through the application\'s frames', () => {
    const groups = [
      g('a', 'Error: listen EADDRINUSE: address already in use <IP>'),
      g('b', "{ Error: listen EADDRINUSE <IP> errno: '<QUOTED>',"),
      g('c', 'Error: listen EADDRINUSE', { frames: ['net.js:Server._listen2', 'app.js:start'] }),
    ];
    expect(rootOf(groups, 'b')).toBe(rootOf(groups, 'a'));
    expect(rootOf(groups, 'c')).toBe(rootOf(groups, 'a'));
  });

  it('keeps a status raised through the application\'s frames where it is: a status names no call', () => {
    const groups = [
      g('a', 'rpc error: code = Unavailable desc = transport is closing'),
      g('b', 'rpc error: code = Unavailable desc = transport is closing', { frames: ['main.go:fetchQuota'] }),
      g('c', 'fetch failed: rpc error: code = Unavailable desc = transport is closing'),
    ];
    expect(rootOf(groups, 'c')).toBe(rootOf(groups, 'a'));
    expect(rootOf(groups, 'b')).toBe('b');
  });

  it('keeps routine lines out, and two identities apart', () => {
    const groups = [
      g('a', 'Error: connect ECONNREFUSED <IP>'),
      g('b', 'retrying: connect ECONNREFUSED <IP>', { problem: false }),
      g('c', 'Error: connect ETIMEDOUT <IP>'),
      g('d', 'MongooseServerSelectionError: connect ECONNREFUSED <IP>'),
    ];
    const moved = mergeByCore(groups);
    expect(moved.get('b')).toBeUndefined();
    expect(moved.get('c')).toBeUndefined();
    expect(moved.get('d')).toBeUndefined();
  });

  it('does not depend on the order of the groups', () => {
    const groups = [
      g('x1', 'Error: read ECONNRESET'),
      g('x2', 'Error processing sentence: Error: read ECONNRESET'),
      g('x3', '<NUM>|game | Error: read ECONNRESET'),
      g('x4', 'Error: write ECONNRESET'),
    ];
    const roots = (list: CoreGroup[]) => Object.fromEntries(list.map((x) => [x.id, rootOf(list, x.id)]));
    expect(roots([...groups].reverse())).toEqual(roots(groups));
    expect(rootOf(groups, 'x4')).toBe('x4');
  });
});

describe('errorIdentity: the line an error was logged under', () => {
  const context = (template: string): string | undefined => errorIdentity(template)?.context;

  it('is the words before the identity, without the process\'s own report words', () => {
    expect(context('Error: connect ECONNREFUSED <IP>')).toBe('');
    expect(context('[ioredis] Unhandled error event: Error: connect ECONNREFUSED <IP>')).toBe('ioredis');
    expect(context('(node:<NUM>) UnhandledPromiseRejectionWarning: Error: 4 DEADLINE_EXCEEDED: Deadline exceeded')).toBe('');
    expect(context('Error: Redis connection to <IP> failed - connect ECONNREFUSED')).toBe('redis connection to failed');
  });

  it('is none behind a wrapper that hands over to its cause', () => {
    expect(context('google.api_core.exceptions.RetryError: Deadline of <NUM> exceeded while calling target function, last exception: <NUM> Deadline Exceeded')).toBe('');
    expect(context('grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with: status = StatusCode.DEADLINE_EXCEEDED details = "Deadline Exceeded">')).toBe('');
    expect(context('GoogleGenerativeAIError: Error embedding content: <NUM> Deadline Exceeded')).toBe('embedding content');
  });

  it('reads a host printed twice, and a frame without a file, as no words of the message', () => {
    const bare = key('Error: getaddrinfo ENOTFOUND <HOST>');
    expect(key('Error: getaddrinfo ENOTFOUND mvbkmkjplos mvbkmkjplos:<NUM>')).toBe(bare);
    expect(key('Error: getaddrinfo ENOTFOUND <HOST> <HOST> at errnoException (dns.js:<NUM>:<NUM>)')).toBe(bare);
    expect(key('Error: getaddrinfo ENOTFOUND db cache:<NUM>')).toBeNull();
  });
});

describe('mergeByCore: callers told apart by the line they logged', () => {
  const g = (id: string, template: string): CoreGroup => ({ id, template, problem: true });

  it('joins the bare error to the only line that printed it, and no line to another', () => {
    const one = mergeByCore([g('a', 'Error: connect ECONNREFUSED <IP>'), g('b', '[ioredis] Unhandled error event: Error: connect ECONNREFUSED <IP>')]);
    expect(one.get('b')).toBe('a');
    const two = mergeByCore([
      g('a', 'Error: connect ECONNREFUSED <IP>'),
      g('b', '[ioredis] Unhandled error event: Error: connect ECONNREFUSED <IP>'),
      g('c', 'Unexpected error on idle client: Error: connect ECONNREFUSED <IP>'),
      g('d', '[ioredis] Unhandled error event: Error: connect ECONNREFUSED <IP> { errno: <NUM> }'),
    ]);
    expect(two.get('b')).toBeUndefined();
    expect(two.get('c')).toBeUndefined();
    expect(two.get('d')).toBe('b');
  });
});

describe('errorIdentity: Python OS errors and Java TLS alerts', () => {
  it('reads Python\'s errno description, whatever class or wrapper prints it', () => {
    sameIdentity([
      'OSError: [Errno <NUM>] Address already in use',
      'socket.error: [Errno <NUM>] Address already in use',
      'OSError: [Errno <NUM>] Address already in use File "<QUOTED>", line <NUM>, in run',
    ]);
    sameIdentity([
      "OSError: [Errno <NUM>] No space left on device: '<PATH>'",
      'OSError: [Errno <NUM>] No space left on device',
    ]);
    expect(key('ConnectionRefusedError: [Errno <NUM>] Connection refused')).not.toBe(key('OSError: [Errno <NUM>] Address already in use'));
    // A description followed by more than values says more than the system call.
    expect(key('pymongo.errors.ServerSelectionTimeoutError: localhost:<NUM>: [Errno <NUM>] Connection refused, Timeout: <NUM>, Topology Description: <*>')).toBeNull();
  });

  it('keeps the client that printed an errno as the line it was logged under', () => {
    const requests = errorIdentity("requests.exceptions.ConnectionError: HTTPConnectionPool(host='<HOST>', port=<NUM>): Max retries exceeded with url: <PATH> (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at <HEX>>: Failed to establish a new connection: [Errno <NUM>] Connection refused'))");
    const celery = errorIdentity('consumer: Cannot connect to amqp://guest:**@<HOST>:<NUM>//: [Errno <NUM>] Connection refused.');
    expect(requests?.key).toBe(celery?.key);
    expect(requests?.context).not.toBe(celery?.context);
    expect(requests?.context).not.toBe('');
  });

  it('reads a TLS alert through any Java class, and keeps two alerts apart', () => {
    sameIdentity([
      'javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure',
      'java.net.ConnectException: Received fatal alert: handshake_failure',
      'Exception in thread "main" cn.hutool.core.io.IORuntimeException: SSLHandshakeException: Received fatal alert: handshake_failure',
      '[<TIME>] [Craft Scheduler Thread - <ID>]: javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure [<TIME>] [Craft Scheduler Thread - <ID>]:',
    ]);
    expect(errorIdentity('Exception in thread "main" cn.hutool.core.io.IORuntimeException: SSLHandshakeException: Received fatal alert: handshake_failure')?.context).toBe('');
    expect(key('javax.net.ssl.SSLHandshakeException: Received fatal alert: certificate_unknown')).not.toBe(key('javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure'));
    expect(key('javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure while talking to the ledger')).toBeNull();
  });
});
