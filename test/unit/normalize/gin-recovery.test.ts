// gin's Recovery record is read without the request dump debug mode prints under its head.
import { withoutRecoveredRequest } from '../../../src/normalize/gin-recovery.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';

// antoniomika/sish#19, as pasted (gin 1.3, debug mode; the paste lost the CR line ends).
const SISH = [
  '2019/09/01 20:35:22 [Recovery] 2019/09/01 - 20:35:22 panic recovered:',
  'GET /include/Orbitron700.woff HTTP/2.0',
  'Host: bule40.ip2.io',
  'Accept: */*',
  'Accept-Encoding: gzip, deflate, br',
  'Origin: https://bule40.ip2.io',
  'Referer: https://bule40.ip2.io/include/base.css',
  'User-Agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/76.0.3809.100 Safari/537.36',
  'X-Forwarded-Proto: https',
  '',
  'net/http: abort Handler',
  '/root/go/src/net/http/httputil/reverseproxy.go:309 (0x8300a3f)',
  '\t(*ReverseProxy).ServeHTTP: panic(http.ErrAbortHandler)',
].join('\n');

// gin 1.10's format as recovery.go writes it: the dump's CRLFs, its empty line, then gin's newline.
const HEAD = '\n\n\u001b[31m2026/12/04 05:30:26 [Recovery] 2026/12/04 - 05:30:26 panic recovered:\n';
const VALUE = 'runtime error: invalid memory address or nil pointer dereference\n/usr/local/go/src/runtime/panic.go:262 (0x47a8f8)\n\tpanicmem: panic(memoryError)\n/src/api/share.go:33 (0xa3c1f4)\n\t(*API).share: link := a.links[req.ID].URL\n\u001b[0m';
const DUMP = 'POST /v1/share HTTP/1.1\r\nHost: api.example.run.app\r\nAccept: */*\r\nAuthorization: *\r\nContent-Length: 73\r\nTraceparent: 00-20f26037aa36ddaec68a7a8ba9207388-727b2bd49103bfb6-01\r\n\r\n\n';

describe('withoutRecoveredRequest', () => {
  it('drops the dumped request, keeping the head and the panic', () => {
    expect(withoutRecoveredRequest(SISH)).toBe(`${SISH.split('\n')[0]}\nnet/http: abort Handler\n${SISH.split('\n').slice(11).join('\n')}`);
    expect(withoutRecoveredRequest(HEAD + DUMP + VALUE)).toBe(HEAD + VALUE);
  });

  it('reads the record printed one line per entry and joined, its empty lines lost', () => {
    const joined = `panic recovered:\n${DUMP.replace(/\r\n\r\n\n$/, '\r\n')}${VALUE}`;
    expect(withoutRecoveredRequest(joined)).toBe(`panic recovered:\n${VALUE}`);
  });

  it('makes debug and release mode one text', () => {
    const read = (text: string): string => {
      const entry = normalizeEntry({ timestamp: '2026-12-04T05:30:26Z', textPayload: text, resource: { type: 'cloud_run_revision', labels: { service_name: 'api' } } });
      if ('skip' in entry) throw new Error(entry.skip);
      return entry.text;
    };
    expect(read(HEAD + DUMP + VALUE)).toBe(read(HEAD + VALUE));
  });

  it.each([
    ['release mode: no dump', HEAD + VALUE],
    ['a value that looks like a header line', `${HEAD}Database: unreachable\n/src/db.go:9 (0x1)`],
    ['a request line with no header after it', `${HEAD}GET /x HTTP/1.1\nruntime error: boom`],
    ['no head of gin\'s', `request failed:\n${DUMP}${VALUE}`],
    ['a head too far into the text', `${'x'.repeat(500)} [Recovery] 2026/12/04 - 05:30:26 panic recovered:\n${DUMP}${VALUE}`],
  ])('leaves %s alone', (_why, text) => {
    expect(withoutRecoveredRequest(text)).toBe(text);
  });
});
