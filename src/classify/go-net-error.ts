// Go's net package names a failed network call as `{op} {net} {addresses}: {error}` (net.OpError):
// `dial tcp 10.0.0.5:5432: connect: connection refused`, `listen tcp: lookup localhost: no such host`,
// `write tcp 1.2.3.4:8080->5.6.7.8:51516: write: broken pipe`, `dial tcp 10.0.0.5:443: i/o timeout`.
// The operation, the network and the error are the error; the addresses are values, and so is the
// system call Go names or not depending on its version (`write: broken pipe` / `broken pipe`) and
// Windows' spelling of the same error (`connectex: No connection could be made because the target
// machine actively refused it.`, `ConnectEx tcp: i/o timeout`, `wsarecv: An existing connection was
// forcibly closed by the remote host.`). Go before 1.10 named the call that reported a refused
// connect `getsockopt:` (`dial tcp 127.0.0.1:5432: getsockopt: connection refused`), Linux's accept
// `accept4:`; a nil address prints as `<nil>` (`listen tcp <nil>:8080: …`) and a unix socket's as its
// path. Only the error's own words count: what a caller appends (`; retrying in 5ms`, a `#fatal` tag)
// does not. An HTTP client's call (net/url's `Get "https://…": ` in front) is another operation than a
// database driver's dial of the same kind, and so are a gRPC channel's and pgx's: the key says so.

/** A Go network error found in a message: its key and where it starts (a token index). */
export interface GoNetError {
  key: string;
  start: number;
}

const OPS = new Set(['dial', 'listen', 'read', 'write', 'accept']);
const NETWORK = /^(?:tcp|tcp4|tcp6|udp|udp4|udp6|unix|unixgram|ip|ip4|ip6):?$/;
// An address, a pair of them (`a->b`), or what the masker made of them: masks, digits, hex, dots,
// colons and brackets, with a digit or a mask among them.
const MASK = /<[A-Z*]+>/g;
const isAddress = (token: string): boolean => {
  const rest = token.replace(MASK, '').replace(/<nil>/g, '');
  return /^[\d.:a-fA-F%[\]>-]*$/.test(rest) && (rest !== token || /\d/.test(rest));
};
// The system call Go names before the error, Windows' included (`ConnectEx tcp:`).
const SYSCALL = /^(?:connect|getsockopt|write|read|accept|accept4|connectex|wsarecv|wsasend|wsarecvfrom|ConnectEx|socket|bind):$/i;

// Windows' words for the errors Unix names shortly.
const WINDOWS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^no connection could be made because the target machine actively refused it\.?$/, 'connection refused'],
  [/^an existing connection was forcibly closed by the remote host\.?$/, 'connection reset by peer'],
  [/^a connection attempt failed because the connected party did not properly respond after a period of time.*$/, 'i/o timeout'],
];

const clean = (token: string): string => token.replace(/^[([{"'`]+/, '').replace(/[)\]}"'`,;.!?]+$/, '');

/** The error's words: up to a clause a caller appends after `;` or a tag (`#fatal`). */
function errorWords(tokens: readonly string[]): string {
  const words: string[] = [];
  for (const token of tokens) {
    if (token.startsWith('#')) break;
    words.push(clean(token));
    if (token.endsWith(';')) break;
  }
  return words.join(' ').trim();
}

// net/url's Error: the HTTP method as Go titles it (`Get`, `Post`), then the URL (quoted since Go
// 1.14, masked, escaped inside a JSON string, or cut by a wildcard) and a colon.
const METHOD = /^["'\\]*(?:Get|Post|Put|Patch|Delete|Head|Options)$/;

/**
 * The layer a client package wraps its dial in, right before it, naming whose call the dial was, and
 * where that layer starts: net/url's `Get "…": ` (an HTTP client), grpc-go's `transport: Error while
 * dialing[:] ` (a gRPC channel), pgx's `failed to connect to `…`: dial error: ` (a Postgres session).
 * Without one the dial is a driver's or the application's own.
 */
function callerLayer(tokens: readonly string[], i: number): { name: string; start: number } | null {
  const [method, url] = [tokens[i - 2], tokens[i - 1]];
  if (method !== undefined && url !== undefined && METHOD.test(method) && (url.endsWith(':') || url === '<*>')) return { name: 'http client', start: i - 2 };
  if (i >= 4 && clean(tokens[i - 4] as string) === 'transport:' && tokens[i - 3] === 'Error' && tokens[i - 2] === 'while' && /^dialing:?$/.test(tokens[i - 1] as string)) {
    return { name: 'grpc transport', start: i - 4 };
  }
  if (tokens[i - 2] === 'dial' && /^error:?$/.test(tokens[i - 1] ?? '')) {
    let start = i - 2;
    for (let j = 0; j + 3 < i - 2; j++) {
      if (tokens[j] === 'failed' && tokens[j + 1] === 'to' && tokens[j + 2] === 'connect' && tokens[j + 3] === 'to') {
        start = j;
        break;
      }
    }
    return { name: 'pgx connect', start };
  }
  return null;
}

/** The Go network error a message ends with, or null. */
export function goNetError(tokens: readonly string[]): GoNetError | null {
  for (let i = tokens.length - 2; i >= 0; i--) {
    // An application may glue its prefix to the operation (`error:dial tcp …`, `copy error,read tcp …`).
    const op = clean(tokens[i] as string).replace(/^.*[:,]/, '');
    if (!OPS.has(op) || !NETWORK.test(clean(tokens[i + 1] as string))) continue;
    const network = clean(tokens[i + 1] as string).replace(/:$/, '');
    let at = i + 2;
    let lookup = false;
    if (clean(tokens[at] ?? '') === 'lookup') {
      lookup = true;
      at += 2;
    }
    const addresses = at;
    while (at < tokens.length && isAddress(clean(tokens[at] as string))) at++;
    // A unix socket's address is its path, one token.
    if (at === addresses && network.startsWith('unix') && (tokens[at] ?? '').endsWith(':')) at++;
    // The network ends with a colon (`dial tcp: …`), or the addresses do (`dial tcp 1.2.3.4:5432: …`;
    // a wildcard may have taken the colon in).
    const last = at > addresses ? (tokens[at - 1] as string) : '';
    if (!(tokens[i + 1] as string).endsWith(':') && !last.endsWith(':') && last !== '<*>') continue;
    for (;;) {
      if (SYSCALL.test(tokens[at] ?? '')) at++;
      else if (/^ConnectEx$/i.test(tokens[at] ?? '') && tokens[at + 1] === 'tcp:') at += 2;
      else break;
    }
    if (at >= tokens.length) return null;
    let error = errorWords(tokens.slice(at)).toLowerCase();
    for (const [windows, unix] of WINDOWS) if (windows.test(error)) error = unix;
    if (error === '') return null;
    const caller = callerLayer(tokens, i);
    return { key: `go-net\u0001${op} ${network}${lookup ? ' lookup' : ''}\u0001${error}${caller === null ? '' : `\u0001${caller.name}`}`, start: caller?.start ?? i };
  }
  return null;
}
