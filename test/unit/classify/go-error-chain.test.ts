// A Go error chain rooted in a text a package fixes is that root, whatever layers, logger header or
// JSON field wrap it and whichever release spelled it; two roots, or one root's two values that are
// the error (a JSON type, a scanned column's types), stay apart, and a text that names no operation
// (`EOF`) is no root. Lines are real ones from public bug reports, masked as the masker masks them.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { goChainRoot } from '../../../src/classify/go-error-chain.js';
import { maskMessage } from '../../../src/normalize/mask.js';

const identity = (line: string) => errorIdentity(maskMessage(line));
const key = (line: string): string | null => identity(line)?.key ?? null;

describe('goChainRoot: the fixed text a Go error chain roots in', () => {
  it.each([
    ['net/http client timeout reading body, Go before and after 1.23', [
      '2018/01/28 05:14:05 net/http: request canceled (Client.Timeout exceeded while reading body)',
      'Status: 200 OK\n\tErrors: net/http: request canceled (Client.Timeout exceeded while reading body)',
      'ERROR: error downloading latest Viceroy release: failed to download release asset: context deadline exceeded (Client.Timeout or context cancellation while reading body).',
      // client-go's reader under klog's header, and Go 1.17's spelling.
      'E0113 01:47:27.690555 50 request.go:1058] Unexpected error when reading response body: net/http: request canceled (Client.Timeout or context cancellation while reading body)',
    ]],
    ['net/http client timeout awaiting headers, under url.Error and an application prefix', [
      'Error for HTTP request to https://api.example.net/v1: Get https://api.example.net/v1: net/http: request canceled (Client.Timeout exceeded while awaiting headers)',
      'Get "https://api.example.net/v1": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      'net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
    ]],
    ['HTTP/1 transport reading an HTTP/2 reply, three loggers', [
      '[DBG] Failed \'https://www.cloudflare.com\': GET https://www.cloudflare.com giving up after 1 attempts: Get "https://www.cloudflare.com": net/http: HTTP/1.x transport connection broken: malformed HTTP response "\\x00\\x00\\x12\\x04"',
      'time=2024-01-16T06:21:11.289Z level=ERROR msg="upload request" error="Get \\"https://mydomain.online/cw2\\": net/http: HTTP/1.x transport connection broken: malformed HTTP response \\"\\\\x00\\\\x00\\""',
      '[WRN] [c027dc71-857c-4298-affc-231355ebd25d] Could not execute step: [:RUNTIME] got err while executing xxx <- GET xxxx giving up after 2 attempts: Get "xxxx": net/http: HTTP/1.x transport connection broken: malformed HTTP response "\\x00\\x00"',
      // The kubelet's probe meeting a server that writes no status line.
      'Readiness probe failed: Get "http://172.17.0.4:80/healthcheck": net/http: HTTP/1.x transport connection broken: malformed HTTP response "OK"',
    ]],
    ['unsupported protocol scheme, bare and wrapped', [
      'Get "/PrismGateway/services/rest/v2.0/storage_containers/?": unsupported protocol scheme ""',
      '2019/08/08 17:02:32 main.go:118: Get yes/api/v4/user: unsupported protocol scheme ""',
      '17:28:44.22 [CRIT] error retrieving inbox for \'author\': Post git.rnj_stash_security_check: unsupported protocol scheme ""',
    ]],
    ['encoding/json unsupported type, in a panic, a JSON field and a template call', [
      'panic: json: unsupported type: map[interface {}]interface {}\n\ngoroutine 1 [running]:\nmain.main()',
      '{"message": "marshal a top level argument as JSON: json: unsupported type: map[interface {}]interface {}", "data_file": "pkgs/registry.yaml"}',
      'V (map):Failed to parse standard input: template: -:4:34: executing "-" at <mustToJson>: error calling mustToJson: json: unsupported type: map[interface {}]interface {}',
    ]],
    ['database/sql scanning MySQL bytes into a time, Go 1.7, 1.8 and 1.11+', [
      'sql: Scan error on column index 5: unsupported driver -> Scan pair: []uint8 -> *time.Time',
      'ERROR: sql: Scan error on column index 2: unsupported Scan, storing driver.Value type []uint8 into type *time.Time',
      '2020-12-16T14:38:11.113+0800    ERROR   collector.NetworkChaos  failed to find experiment       {"UID": "bd9c51e7-2941-4f63-be74-163be547591f", "error": "sql: Scan error on column index 1, name \\"created_at\\": unsupported Scan, storing driver.Value type []uint8 into type *time.Time"}',
    ]],
    ['database/sql scanning NULL into a string, both of convertAssign\'s texts', [
      'sql: Scan error on column index 3, name "description": converting NULL to string is unsupported',
      'Could not process database: sql: Scan error on column index 0: unsupported Scan, storing driver.Value type <nil> into type *string',
    ]],
    ['go-sql-driver/mysql busy buffer, old and new', [
      '[mysql] 2017/03/02 10:11:12 packets.go:446: busy buffer',
      'packets.go:417: Busy buffer. Commands out of sync. Did you run multiple statements at once?',
    ]],
    ['x509 certificate for other names', [
      'failed to verify certificate: x509: certificate is valid for *.example.net, not api.example.org',
      'error posting stat to stathat: Post https://api.stathat.com/ez: x509: certificate is valid for Common Name (eg, YOUR name), not api.stathat.com',
    ]],
    ['x509 legacy Common Name, Go 1.15 and 1.17', [
      'Get "https://registry.local/v2/": x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0',
      'Encountered fatal error: Post [...] x509: certificate relies on legacy Common Name field, use SANs instead',
    ]],
    ['sarama broker error, bare, logged and in a panic', [
      'panic: kafka server: In the middle of a leadership election, there is currently no leader for this partition and hence it is unavailable for writes.',
      'Cannot get leader of topic test partition 0: kafka server: In the middle of a leadership election, there is currently no leader for this partition and hence it is unavailable for writes.',
    ]],
    ['golang-jwt expired token, v4 and v5', [
      'token is expired by 1h2m3s',
      'Errored refreshing token due to: token is expired by 2h0m1s',
      'token has invalid claims: token is expired',
    ]],
    ['x/net/http2 refusing to retry a sent body, whatever cut the connection', [
      'http2: Transport: cannot retry err [http2: Transport received Server\'s graceful shutdown GOAWAY] after Request.Body was written; define Request.GetBody to avoid this error',
      'Post "https://api.example.net/v1/ingest": http2: Transport: cannot retry err [stream error: stream ID 5; PROTOCOL_ERROR; received from peer] after Request.Body was written; define Request.GetBody to avoid this error',
    ]],
    ['encoding/json unsupported type, its last braces lost by a template', [
      'error calling mustToJson: json: unsupported type: map[interface {}]interface {}',
      'error calling mustToJson: json: unsupported type: map[interface {}]interface',
    ]],
    ['golang-jwt key of invalid type, v3 and v4', ['key is invalid or of invalid type', 'key is of invalid type']],
    ['database/sql registering a driver twice (the driver is a value)', [
      'panic: sql: Register called twice for driver postgres',
      'panic: sql: Register called twice for driver pgx',
    ]],
  ])('%s', (_name, lines) => {
    const found = lines.map(identity);
    expect(found[0]?.key).toMatch(/^go-root\u0001/);
    for (const f of found) {
      expect(f?.key).toBe(found[0]?.key);
      expect(f?.context).toBe('');
    }
  });

  it.each([
    ['reading the body and awaiting headers',
      'net/http: request canceled (Client.Timeout exceeded while reading body)',
      'net/http: request canceled (Client.Timeout exceeded while awaiting headers)'],
    ['two unsupported JSON types',
      'json: unsupported type: map[interface {}]interface {}',
      'json: unsupported type: chan int'],
    ['two scans of other types',
      'sql: Scan error on column index 2: unsupported Scan, storing driver.Value type []uint8 into type *time.Time',
      'sql: Scan error on column index 2: unsupported Scan, storing driver.Value type <nil> into type *string'],
    ['two HTTP/2 stream resets',
      'stream error: stream ID 3; INTERNAL_ERROR',
      'stream error: stream ID 3; PROTOCOL_ERROR'],
    ['two reasons the HTTP/1 transport broke',
      'Get "http://10.0.0.5:8080/health": net/http: HTTP/1.x transport connection broken: malformed HTTP response "OK"',
      'Get "http://10.0.0.5:8080/health": net/http: HTTP/1.x transport connection broken: unexpected EOF'],
    ['an expired token and a key of the wrong type', 'token is expired by 1h2m3s', 'key is of invalid type'],
    ['the mysql driver\'s busy buffer and its unexpected EOF',
      '[mysql] 2017/03/02 10:11:12 packets.go:446: busy buffer',
      '[mysql] 2017/03/02 10:11:12 packets.go:36: unexpected EOF'],
  ])('keeps apart %s', (_name, a, b) => {
    expect(key(a)).not.toBeNull();
    expect(key(b)).not.toBeNull();
    expect(key(a)).not.toBe(key(b));
  });

  it.each([
    ['a bare EOF', 'EOF'],
    ['a bare unexpected EOF', 'unexpected EOF'],
    ['a bare context deadline', 'failed to fetch: context deadline exceeded'],
    ['a root followed by words of its own', 'sql: Scan error on column index 2: converting NULL to string is unsupported while loading the dashboard'],
    ['the words inside another word', 'ytoken is expired by 1h'],
    ['a sentence that is no golang-jwt text', 'Access denied: JWT token is expired'],
  ])('reads no root in %s', (_name, line) => {
    expect(goChainRoot(maskMessage(line))).toBeNull();
  });
});

describe('gRPC-Go status whose detail is a fixed Go text', () => {
  it('is one problem across protobuf releases and wrappers', () => {
    const a = identity('ERROR failed to list memos error="rpc error: code = Internal desc = grpc: error while marshaling: string field contains invalid UTF-8"');
    const b = identity('2018-10-30T17:57:41.695721+00:00 Could not communicate with VA: rpc error: code = Internal desc = grpc: error while marshaling: proto: invalid UTF-8 string');
    expect(a?.key).toBe(b?.key);
    expect(a?.context).toBe('');
    expect(b?.context).toBe('');
  });

  it('keeps a status with a free detail under its caller\'s line', () => {
    const a = identity('fetch quota failed: rpc error: code = Unavailable desc = transport is closing');
    const b = identity('grpc call failed: rpc error: code = Unavailable desc = transport is closing');
    expect(a?.key).toBe(b?.key);
    expect(a?.context).not.toBe(b?.context);
  });
});
