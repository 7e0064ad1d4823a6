// go-grpc-middleware's logging interceptors close every call with one record whatever became of it:
// v1 (logrus, zap) `finished unary call with code X` with `error`, v2 `finished call` with `grpc.code`
// and `grpc.error` (its reporter: `fields.AppendUnique(Fields{"grpc.error", fmt.Sprintf("%v", err)})`,
// then `Log(ctx, level, "finished call", fields...)`). The call's error is what the record is about, so
// the same failure reads as one text in both releases, and two failures as two.
import { jsonMessage } from '../../../src/normalize/json-message.js';

const ABORTED = 'rpc error: code = Aborted desc = reserve SKU-13911: rpc error: code = Aborted desc = Too much contention on these documents. Please try again.';

describe("a gRPC logging interceptor's record of a finished call", () => {
  it('reads as its error, in v1 and in v2', () => {
    const v1 = jsonMessage({ error: ABORTED, 'grpc.code': 'Aborted', 'grpc.method': 'Reserve', 'grpc.service': 'inventory.v1.InventoryService', level: 'warning', msg: 'finished unary call with code Aborted', 'span.kind': 'server', system: 'grpc' });
    const v2 = jsonMessage({ message: 'finished call', protocol: 'grpc', 'grpc.component': 'server', 'grpc.service': 'inventory.v1.InventoryService', 'grpc.method': 'Reserve', 'grpc.method_type': 'unary', 'grpc.code': 'Aborted', 'grpc.error': ABORTED, 'grpc.time_ms': '361.739' });
    expect(v1?.text).toBe(ABORTED);
    expect(v2?.text).toBe(ABORTED);
  });

  it('reads a client call and a streaming call so too', () => {
    const client = jsonMessage({ msg: 'finished client unary call with code Unavailable', error: 'rpc error: code = Unavailable desc = connection error' });
    const stream = jsonMessage({ msg: 'finished streaming call with code Internal', error: 'rpc error: code = Internal desc = stream terminated by RST_STREAM' });
    expect(client?.text).toBe('rpc error: code = Unavailable desc = connection error');
    expect(stream?.text).toBe('rpc error: code = Internal desc = stream terminated by RST_STREAM');
  });

  it('keeps its words when no error is named (a call that finished OK), and an application\'s own words always', () => {
    expect(jsonMessage({ message: 'finished call', 'grpc.code': 'OK', 'grpc.method': 'GetStock' })?.text).toBe('finished call');
    expect(jsonMessage({ msg: 'reserve failed', error: ABORTED })?.text).toContain('reserve failed');
    expect(jsonMessage({ msg: 'finished call to partner API', error: 'timeout' })?.text).toContain('finished call to partner API');
  });
});
