// An error object printed as a value (Python's repr, an Elixir error struct) reads as the line the
// runtime prints for that error, so the two ways of logging one error are one problem.
import { errorReprLine } from '../../../src/classify/error-repr.js';
import { clusterIds } from '../../support/cluster-ids.js';

describe('errorReprLine', () => {
  it.each([
    ['a Python 2 repr with its trailing comma and escaped newline', "OperationalError('server closed the connection unexpectedly\\n',)", 'OperationalError: server closed the connection unexpectedly'],
    ['a repr after a caller line', 'Unrecoverable error: ReadOnlyError("You can\'t write against a read only replica.")', "Unrecoverable error: ReadOnlyError: You can't write against a read only replica."],
    ['a qualified class', "worker died: psycopg2.errors.UndefinedTable('relation \"orders\" does not exist')", 'worker died: psycopg2.errors.UndefinedTable: relation "orders" does not exist'],
    ['an Elixir error tuple', '{:error, %HTTPoison.Error{id: nil, reason: :econnrefused}}', '** (HTTPoison.Error) econnrefused'],
    ['an Elixir error struct cut before its last brace', 'request failed: {:error, %Mint.TransportError{reason: :closed}', 'request failed: ** (Mint.TransportError) closed'],
    ['an Elixir exception line ending in an atom', '** (HTTPoison.Error) :nxdomain', '** (HTTPoison.Error) nxdomain'],
  ])('%s', (_name, line, read) => {
    expect(errorReprLine(line)).toBe(read);
  });

  it.each([
    ['a call in the middle of a line', "called get_user('42') then gave up"],
    ['a repr of several arguments', "SSLEOFError(8, 'EOF occurred in violation of protocol')"],
    ['a one-word name', "Retry('later')"],
    ['a struct that is no error', 'cache miss for %User{id: 7, reason: :expired}'],
    ['an exception line with words', '** (DBConnection.ConnectionError) tcp recv: closed'],
  ])('leaves %s', (_name, line) => {
    expect(errorReprLine(line)).toBe(line);
  });
});

describe('an error printed as an object and as its line', () => {
  it('is one problem; two errors printed alike stay two', () => {
    const [pg, redis] = clusterIds([
      [
        "psycopg2.OperationalError: SSL SYSCALL error: EOF detected",
        "job 812 failed: OperationalError('SSL SYSCALL error: EOF detected\\n',)",
        'OperationalError: SSL SYSCALL error: EOF detected',
      ],
      [
        "redis.exceptions.ReadOnlyError: You can't write against a read only replica.",
        'Unrecoverable error: ReadOnlyError("You can\'t write against a read only replica.")',
      ],
    ]);
    expect(pg).toHaveLength(1);
    expect(redis).toHaveLength(1);
    expect(pg![0]).not.toBe(redis![0]);
  });

  it('joins an Elixir error tuple to the exception line, whatever the reason atom is written with', () => {
    const [timeout, refused] = clusterIds([
      ['{:error, %Mint.TransportError{reason: :timeout}}', '** (Mint.TransportError) timeout', '{:error, %Mint.TransportError{reason: :timeout}}'],
      ['{:error, %Mint.TransportError{reason: :econnrefused}}', '** (Mint.TransportError) econnrefused'],
    ]);
    expect(timeout).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(timeout![0]).not.toBe(refused![0]);
  });
});
