// Go wraps an error once per function it passes through (`fmt.Errorf("load user: %w", err)`), so a
// failure prints as `ctx: ctx: root`, and the root is a text fixed in the source of the package that
// failed: net/http's `net/http: request canceled (Client.Timeout exceeded while reading body)`,
// database/sql's `sql: Scan error on column index 2, name "x": …`, encoding/json's `json: unsupported
// type: T`. That root names the failing operation and its error; the layers in front of it (an
// application's `upload request: `, a logger's `[WRN] [uuid] `, `panic: `, a JSON field holding the
// chain) are wrappers, and so is net/url's `Get "https://…": `, which only says an HTTP client made
// the call. A fixed text reworded between Go (or package) releases is one text: each entry below
// lists the spellings its package printed, and its name is what they share.
//
// Only texts a package fixes are read here: a bare `EOF`, `unexpected EOF` or `context deadline
// exceeded` names no operation and is not a root of its own (an operation's layer in front of it
// must say which: go-sql-driver/mysql's `packets.go:36: unexpected EOF`). Network errors (`dial tcp
// …: connect: connection refused`) are go-net-error.ts's, whose key keeps the client's layer in front
// (net/url's, grpc-go's, pgx's): a refused dial to an HTTP API and one to a database are two operations.
import { coreWords } from './core-words.js';

interface FixedText {
  /** The spellings, on a masked head (`<NUM>`, `<QUOTED>`, `<ID>`…); matched at a word start. */
  text: RegExp;
  /** The root's name, from the match: equal for every spelling of one error. */
  name: (m: RegExpExecArray) => string;
}

// A value the masker may have left whole or masked: `[]uint8` is `[<ID>`, `*string` stays.
const typeName = (t: string | undefined): string => (t ?? '').replace(/^\*/, '').replace(/^(?:<nil>|NULL)$/, 'nil').toLowerCase();

const FIXED: readonly FixedText[] = [
  // net/http's client timeout, by the phase it hit: Go 1.3–1.22 `net/http: request canceled (…)`,
  // Go 1.23+ `context deadline exceeded (…)`, and Go 1.14+'s reading-body wording.
  {
    text: /(?:net\/http: request canceled(?: while waiting for connection)?|context deadline exceeded) \(Client\.Timeout exceeded while awaiting headers\)/g,
    name: () => 'http client timeout awaiting headers',
  },
  {
    text: /(?:net\/http: request canceled|context deadline exceeded) \(Client\.Timeout (?:exceeded|or context cancellation) while reading body\)/g,
    name: () => 'http client timeout reading body',
  },
  // net/http's HTTP/1 transport reading a reply that is no HTTP/1 (an HTTP/2-only server, a TLS port):
  // `net/http: HTTP/1.x transport connection broken: malformed HTTP response "\x00…"`.
  {
    text: /net\/http: (?:HTTP\/1\.x|<ID>) transport connection broken: ([A-Za-z][A-Za-z ]*[A-Za-z])/g,
    name: (m) => `http1 transport broken ${coreWords(m[1] as string).join(' ')}`,
  },
  // net/http's client given a URL with no scheme it serves: `unsupported protocol scheme ""`.
  { text: /unsupported protocol scheme (?:"[^"\s]*"|<QUOTED>)/g, name: () => 'http unsupported protocol scheme' },
  // golang.org/x/net/http2's stream reset by the peer: `stream error: stream ID 3; INTERNAL_ERROR`.
  {
    text: /stream error: stream ID (?:<NUM>|\d+); ([A-Z_]+)(?:; received from peer)?/g,
    name: (m) => `http2 stream error ${(m[1] as string).toLowerCase()}`,
  },
  // net/http's HTTP/2 transport, its connection gone after the body was sent (a GOAWAY, a reset): the
  // cause in brackets varies, the refusal to retry is the error.
  {
    text: /http2: Transport: cannot retry err \[.*\] after Request\.Body was written(?:; define Request\.GetBody to avoid this error)?/g,
    name: () => 'http2 cannot retry after body written',
  },
  // encoding/json's UnsupportedTypeError: the type is the error (`map[interface {}]interface {}` is
  // YAML's map handed to JSON).
  {
    text: /json: unsupported type: ((?:chan |func)?(?:[^\s",\\]|\s(?=\{\}))+)/g,
    // A template may have lost the type's last `{}`: the braces say nothing the words do not.
    name: (m) => `json unsupported type ${(m[1] as string).replace(/\s*\{\}/g, '')}`,
  },
  // database/sql's convertAssign failing on one column: the wrapper named the column from Go 1.11
  // (`, name "x"`), and the cause was `unsupported driver -> Scan pair: A -> B` before Go 1.8,
  // `unsupported Scan, storing driver.Value type A into type B` since, and `converting NULL to string
  // is unsupported` for a NULL met by a kind it cannot take. The source and target types are the error.
  {
    text: /sql: Scan error on column index (?:<NUM>|\d+)(?:, name \S+)?: (?:unsupported driver -> Scan pair: ([^\s"\\]+) -> ([^\s"\\]+)|unsupported Scan, storing driver\.Value type ([^\s"\\]+) into type ([^\s"\\]+)|converting (NULL) to ([^\s"\\]+) is unsupported)/g,
    name: (m) => `sql scan ${typeName(m[1] ?? m[3] ?? m[5])} into ${typeName(m[2] ?? m[4] ?? m[6])}`,
  },
  // database/sql's driver.ErrBadConn and its registry's panic (the driver's name is a value).
  { text: /driver: bad connection/g, name: () => 'sql driver bad connection' },
  { text: /sql: Register called twice for driver \S+/g, name: () => 'sql register called twice' },
  // go-sql-driver/mysql's own log lines name the file that read the packet: `packets.go:36: unexpected
  // EOF`; ErrBusyBuffer read `Busy buffer. Commands out of sync. Did you run multiple statements at
  // once?` before it was `busy buffer`.
  { text: /packets\.go:(?:<NUM>|\d+): unexpected EOF/g, name: () => 'mysql packets unexpected eof' },
  {
    text: /packets\.go:(?:<NUM>|\d+): (?:busy buffer|Busy buffer\. Commands out of sync\. Did you run multiple statements at once\?)/g,
    name: () => 'mysql busy buffer',
  },
  // crypto/x509's HostnameError and its refusal of a certificate naming its host only in the Common
  // Name (Go 1.15: `…, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0`,
  // Go 1.17: `…, use SANs instead`).
  { text: /(?:x509|<ID>): certificate is valid for .*, not \S+/g, name: () => 'x509 certificate valid for other names' },
  {
    text: /(?:x509|<ID>): certificate relies on legacy Common Name field, use SANs(?: instead| or temporarily enable Common Name matching with(?: \S+)?)?/g,
    name: () => 'x509 certificate legacy common name',
  },
  // Shopify/sarama's KError: `kafka server: ` and the broker's error code in words.
  { text: /kafka server: ([^:]+?)\.?$/g, name: (m) => `sarama ${coreWords(m[1] as string).join(' ')}` },
  // golang-jwt: an expired token (v3/v4 `token is expired by 1h2m`, v5 `token has invalid claims:
  // token is expired`) and a key of the wrong type for the method (v3 `key is invalid or of invalid
  // type`, v4 `key is of invalid type`).
  // A bare `token is expired` is anyone's sentence: only golang-jwt's two spellings are read.
  { text: /token has invalid claims: token is expired|token is expired by \S+/g, name: () => 'jwt token expired' },
  { text: /key is (?:invalid or )?of invalid type/g, name: () => 'jwt key of invalid type' },
  // grpc-go's codec failing a message: protobuf-go's `string field contains invalid UTF-8`, the older
  // golang/protobuf's `proto: invalid UTF-8 string`.
  {
    text: /grpc: error while marshaling: (?:string field contains invalid (?:UTF-8|<ID>)|proto: invalid (?:UTF-8|<ID>) string)/g,
    name: () => 'grpc marshal invalid utf-8',
  },
];

// A goroutine dump after a panic is frames, not the message.
const GOROUTINE = /\sgoroutine (?:<NUM>|\d+) \[/;

/** A root found: its name, and where it starts in the head (an offset). */
export interface GoChainRoot {
  name: string;
  start: number;
}

/** The text a Go chain roots in, when the head ends with one of the fixed texts above (values aside). */
export function goChainRoot(head: string): GoChainRoot | null {
  const cut = GOROUTINE.exec(head);
  const text = cut === null ? head : head.slice(0, cut.index);
  let found: { m: RegExpExecArray; fixed: FixedText } | null = null;
  for (const fixed of FIXED) {
    fixed.text.lastIndex = 0;
    for (let m = fixed.text.exec(text); m !== null; m = fixed.text.exec(text)) {
      // At a word's start: `xtoken is expired` is another text.
      if (m.index > 0 && /[A-Za-z0-9_]/.test(text[m.index - 1] as string)) continue;
      if (found === null || m.index + m[0].length > found.m.index + found.m[0].length) found = { m, fixed };
    }
  }
  if (found === null) return null;
  const end = found.m.index + found.m[0].length;
  // The root closes the chain: what follows says nothing more than values and closers.
  if (coreWords(text.slice(end)).length > 0) return null;
  return { name: found.fixed.name(found.m), start: found.m.index };
}

/** The name of a fixed Go text a detail is (a gRPC status's `desc = …`), or null. */
export function goFixedText(detail: string): string | null {
  return goChainRoot(detail)?.name ?? null;
}
