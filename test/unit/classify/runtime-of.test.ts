// The runtime a message names, read off its shape as each runtime documents its output; a bare server
// text names none.
import { MAX_RUNTIME_CHARS, runtimeOf } from '../../../src/classify/runtime-of.js';

const cases: Array<{ name: string; text: string; runtime: string | null }> = [
  { name: 'a Python traceback', text: 'Traceback (most recent call last):\n  File "/app/db.py", line 12, in save\n    cur.execute(q)\npsycopg2.errors.UniqueViolation: duplicate key value violates unique constraint "users_email_key"', runtime: 'python' },
  { name: "SQLAlchemy's wrapped module error", text: '(psycopg2.OperationalError) connection to server at "10.0.0.5", port 5432 failed: Connection refused', runtime: 'python' },
  { name: "psycopg2's errors module", text: 'psycopg2.errors.UniqueViolation: duplicate key value violates unique constraint "users_email_key"', runtime: 'python' },
  { name: "a module's private class", text: 'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:', runtime: 'python' },
  { name: "OSError's errno", text: 'ConnectionRefusedError: [Errno 111] Connection refused', runtime: 'python' },
  { name: 'a Node system error', text: 'Error: connect ECONNREFUSED 127.0.0.1:5432', runtime: 'node' },
  { name: 'a V8 frame', text: 'error: duplicate key value violates unique constraint "users_email_key"\n    at Parser.parseErrorMessage (/app/node_modules/pg-protocol/dist/parser.js:287:98)', runtime: 'node' },
  { name: "Node's warning prefix", text: '(node:3524) UnhandledPromiseRejectionWarning: Unhandled promise rejection.', runtime: 'node' },
  { name: "V8's plain object in a Node message", text: "[UnhandledPromiseRejection: The promise rejected with the reason \"#<Object>\".] {\n  code: 'ERR_UNHANDLED_REJECTION'\n}", runtime: 'node' },
  { name: 'a JVM trace', text: 'io.grpc.StatusRuntimeException: PERMISSION_DENIED: Missing or insufficient permissions.\n\tat io.grpc.Status.asRuntimeException(Status.java:533)', runtime: 'java' },
  { name: "a package's exception without frames", text: 'redis.clients.jedis.exceptions.JedisConnectionException: Could not get a resource from the pool', runtime: 'java' },
  { name: "Go's net error", text: 'dial tcp 10.0.0.5:5432: connect: connection refused', runtime: 'go' },
  { name: "gRPC-Go's status line", text: 'rpc error: code = PermissionDenied desc = Missing or insufficient permissions.', runtime: 'go' },
  { name: 'a Ruby constant', text: 'PG::UniqueViolation: ERROR:  duplicate key value violates unique constraint "users_email_key"', runtime: 'ruby' },
  { name: 'a .NET type', text: 'System.Net.Http.HttpRequestException: Connection refused (db:5432)', runtime: 'dotnet' },
  { name: 'a PHP namespaced class', text: 'Illuminate\\Database\\QueryException: SQLSTATE[23000]: Integrity constraint violation', runtime: 'php' },
  { name: 'a Windows path is no PHP namespace', text: 'Error: Cannot find module C:\\Users\\Dev\\app\\index.js:12:3', runtime: 'node' },
  { name: 'a Rust crate path', text: 'Error: hyper::Error(Connect, ConnectError("tcp connect error", Os { code: 111, kind: ConnectionRefused }))', runtime: 'rust' },
  { name: "Elixir's raise", text: '** (Postgrex.Error) ERROR 23505 (unique_violation) duplicate key value violates unique constraint "users_email_key"', runtime: 'elixir' },
  { name: 'a frame reformatted by another tool names its file', text: 'Error: Request failed with status code 502\n  File "/app/node_modules/axios/lib/core/createError.js", line 16, in createError', runtime: 'node' },
  { name: 'a bare server text', text: 'ERROR: duplicate key value violates unique constraint "users_email_key"', runtime: null },
  { name: 'a platform message', text: 'Memory limit of 512 MiB exceeded with 530 MiB used.', runtime: null },
];

describe('runtimeOf', () => {
  it.each(cases)('$name: $runtime', ({ text, runtime }) => {
    expect(runtimeOf(text)).toBe(runtime);
  });

  it('reads the start of the text only, as a sample cut at the state block bound does', () => {
    const text = `${'x '.repeat(MAX_RUNTIME_CHARS)}\n    at f (/app/index.js:1:2)`;
    expect(runtimeOf(text)).toBeNull();
  });

  it('stays linear on long hostile lines', () => {
    const text = `${'a.'.repeat(50_000)}${'A::'.repeat(20_000)}${'\\'.repeat(20_000)}`;
    expect(runtimeOf(text)).toBe(runtimeOf(text.slice(0, MAX_RUNTIME_CHARS)));
  });
});
