// Go's net package names a failed network call as `{op} {net} {addresses}: {error}` (net.OpError):
// `dial tcp 10.0.0.5:5432: connect: connection refused`, `listen tcp: lookup localhost: no such host`,
// `write tcp 1.2.3.4:8080->5.6.7.8:51516: write: broken pipe`, `dial tcp 10.0.0.5:443: i/o timeout`.
// The operation, the network and the error are the error; the addresses are values, and so is the
// system call Go names or not depending on its version (`write: broken pipe` / `broken pipe`) and
// Windows' spelling of the same error (`connectex: No connection could be made because the target
// machine actively refused it.`, `ConnectEx tcp: i/o timeout`, `wsarecv: An existing connection was
// forcibly closed by the remote host.`).

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
  const rest = token.replace(MASK, '');
  return /^[\d.:a-fA-F%[\]>-]*$/.test(rest) && (rest !== token || /\d/.test(rest));
};
// The system call Go names before the error, Windows' included (`ConnectEx tcp:`).
const SYSCALL = /^(?:connect|write|read|accept|connectex|wsarecv|wsasend|wsarecvfrom|ConnectEx|socket|bind):$/i;

// Windows' words for the errors Unix names shortly.
const WINDOWS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^no connection could be made because the target machine actively refused it\.?$/, 'connection refused'],
  [/^an existing connection was forcibly closed by the remote host\.?$/, 'connection reset by peer'],
  [/^a connection attempt failed because the connected party did not properly respond after a period of time.*$/, 'i/o timeout'],
];

const clean = (token: string): string => token.replace(/^[([{"'`]+/, '').replace(/[)\]}"'`,;.!?]+$/, '');

/** The Go network error a message ends with, or null. */
export function goNetError(tokens: readonly string[]): GoNetError | null {
  for (let i = tokens.length - 2; i >= 0; i--) {
    const op = clean(tokens[i] as string);
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
    let error = tokens.slice(at).map(clean).join(' ').toLowerCase().trim();
    for (const [windows, unix] of WINDOWS) if (windows.test(error)) error = unix;
    if (error === '') return null;
    return { key: `go-net\u0001${op} ${network}${lookup ? ' lookup' : ''}\u0001${error}`, start: i };
  }
  return null;
}
