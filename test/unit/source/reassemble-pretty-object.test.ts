// pino-pretty's record: its header line, then the properties its message does not show, four spaces
// in, an error's stack under `"stack":`. Written in one write, stored by Cloud Run as one entry per line:
// one record again, in either order, read as pino's JSON record with the same error is read.
import { extractMessage } from '../../../src/normalize/extract-message.js';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, pieces, texts } from '../../support/cloud-run-lines.js';

const { line, split } = cloudRunLines('stdout');
const OTHER = 'ff00aa11bb22cc33dd';

const stack = ['Error: connect ECONNREFUSED 10.8.0.17:6379', '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)'];

const pretty = (level: string, msg: string, url: string) => [
  `[01:48:26.733] ${level} (1 on localhost): ${msg}`,
  '    req: {',
  '      "id": "1796348906733:localhost:1:gpueahlt:2792",',
  '      "method": "get",',
  `      "url": "${url}"`,
  '    }',
  '    err: {',
  '      "type": "Error",',
  '      "message": "connect ECONNREFUSED 10.8.0.17:6379",',
  '      "stack":',
  ...stack.map((l) => `          ${l}`),
  '      "errno": -111,',
  '      "code": "ECONNREFUSED"',
  '    }',
  '    responseTime: 12',
].join('\n');

describe("pino-pretty's properties under their header", () => {
  it('are one record with the header, another instance\'s line in between, in either order', () => {
    const record = pretty('ERROR', 'request error', '/v1/profile');
    const lines = split(record, 0);
    const mixed = [...lines.slice(0, 3), line('GET /healthz 200', 9, OTHER), ...lines.slice(3)];
    expect(texts(reassembleAll(mixed))).toEqual([record, 'GET /healthz 200']);
    expect(pieces(reassembleAll(mixed))).toEqual([false, false]);
    expect(texts(reassembleAll([...mixed].reverse()))).toEqual([record, 'GET /healthz 200']);
  });

  it('end at a line of no property (the next record of the writer stays apart)', () => {
    const record = pretty('ERROR', 'request error', '/v1/profile');
    const next = '[01:48:26.734]  WARN (1 on localhost): upstream slow';
    expect(texts(reassembleAll(split(`${record}\n${next}`, 0)))).toEqual([record, next]);
  });
});

describe("pino-pretty's record read as pino's JSON record", () => {
  it('reads the error it carries, as the JSON form with the same err does', () => {
    const json = { level: 50, msg: 'request error', err: { type: 'Error', message: 'connect ECONNREFUSED 10.8.0.17:6379', stack: stack.join('\n') } };
    const fromJson = extractMessage({ jsonPayload: json });
    expect(fromJson?.text).toContain('ECONNREFUSED');
    expect(extractMessage({ textPayload: pretty('ERROR', 'request error', '/v1/profile') })).toEqual(fromJson);
  });

  it("drops pino-pretty's `(pid on host):` from the message", () => {
    const text = '[01:48:26.734]  WARN (1 on localhost): upstream slow\n    upstream: {\n      "name": "billing",\n      "ms": 2100\n    }';
    expect(extractMessage({ textPayload: text })?.text).toBe('upstream slow');
  });

  it('reads a header alone (a record with no property to show) by its message, as with properties', () => {
    // pino-pretty's README: `[1522431328992] INFO (42 on foo): hello world`; the host differs per container.
    expect(extractMessage({ textPayload: '[1522431328992] INFO (42 on foo): hello world' })?.text).toBe('hello world');
    const alone = '[01:48:26.734]  WARN (1 on gateway-7f9c4-x2x8k): upstream slow';
    const withProps = '[01:48:26.734]  WARN (1 on gateway-7f9c4-q9z7p): upstream slow\n    upstream: {\n      "name": "billing"\n    }';
    expect(extractMessage({ textPayload: alone })).toEqual(extractMessage({ textPayload: withProps }));
    expect(extractMessage({ textPayload: 'INFO [1522431328992] (42 on foo): hello world' })?.text).toBe('hello world');
  });

  it('leaves a header over lines that are no properties as text', () => {
    const text = '[01:48:26.734] ERROR (1 on localhost): request error\n    at handler (/app/x.js:1:2)';
    expect(extractMessage({ textPayload: text })?.text).toBe(text);
  });
});

// Pasted in pinojs/pino-http#61: pino-http's request log at INFO (pino-pretty before v7 padded the level
// to five), the request's headers one object deeper, the error pino-http made under `err`.
const INFO_RECORD = [
  '[1553698996235] INFO  (52887 on MacBook-Pro): request errored',
  '    req: {',
  '      "id": 1,',
  '      "method": "GET",',
  '      "url": "/foo",',
  '      "headers": {',
  '        "host": "localhost:4000",',
  '        "user-agent": "curl/7.54.0",',
  '        "accept": "*/*"',
  '      },',
  '      "remoteAddress": "::1",',
  '      "remotePort": 64724',
  '    }',
  '    res: {',
  '      "statusCode": 500,',
  '      "headers": {',
  '        "x-powered-by": "Express",',
  '        "content-type": "text/html; charset=utf-8",',
  '        "content-length": "139339",',
  '        "etag": "W/\\"2204b-wKSbSPj2LUqOYJm+RUU9W+R5pJQ\\""',
  '      }',
  '    }',
  '    err: {',
  '      "type": "Error",',
  '      "message": "failed with status code 500",',
  '      "stack":',
  '          Error: failed with status code 500',
  '              at ServerResponse.onResFinished (/app/node_modules/pino-http/logger.js:48:33)',
  '    }',
].join('\n');

// fastify's request log through pino-pretty 10+ (time of day, no hostname), a scalar property first.
const COMPLETED = [
  '[01:10:16.852] INFO (13036): request completed',
  '    reqId: "req-1"',
  '    res: {',
  '      "statusCode": 404',
  '    }',
  '    responseTime: 10.429299999959767',
].join('\n');

describe("pino-pretty's record at a routine level (INFO, DEBUG)", () => {
  it('is one record with its properties, however long, another instance\'s lines in between, in either order', () => {
    const lines = split(INFO_RECORD, 0);
    const mixed = [...lines.slice(0, 5), line('GET /healthz 200', 30, OTHER), ...lines.slice(5, 20), line('GET /healthz 200', 150, OTHER), ...lines.slice(20)];
    expect(texts(reassembleAll(mixed))).toEqual([INFO_RECORD, 'GET /healthz 200', 'GET /healthz 200']);
    expect(pieces(reassembleAll(mixed))).toEqual([false, false, false]);
    expect(texts(reassembleAll([...mixed].reverse()))).toEqual([INFO_RECORD, 'GET /healthz 200', 'GET /healthz 200']);
  });

  it('stays apart from the error record before it and after it', () => {
    const error = pretty('ERROR', 'request error', '/v1/profile');
    const after = pretty('ERROR', 'request error', '/v1/orders');
    const entries = [...split(error, 0), ...split(COMPLETED, 2000), ...split(after, 4000)];
    expect(texts(reassembleAll(entries))).toEqual([error, COMPLETED, after]);
    expect(texts(reassembleAll([...entries].reverse()))).toEqual([after, COMPLETED, error]);
  });

  it('stays apart from the error record written right before it, within the same millisecond', () => {
    const error = pretty('ERROR', 'request error', '/v1/profile');
    const entries = [...split(error, 0), ...split(COMPLETED, 200)];
    expect(texts(reassembleAll(entries))).toEqual([error, COMPLETED]);
    expect(texts(reassembleAll([...entries].reverse()))).toEqual([COMPLETED, error]);
  });

  it('interleaved line by line with another instance\'s record of the same shape, each is one record', () => {
    const mine = split(COMPLETED, 0);
    const theirs = split(COMPLETED.replace('req-1', 'req-9'), 3, OTHER);
    const mixed = mine.flatMap((l, i) => [l, theirs[i]!]);
    expect(texts(reassembleAll(mixed))).toEqual([COMPLETED, COMPLETED.replace('req-1', 'req-9')]);
  });

  it('a header alone is a record of its own, no piece', () => {
    const alone = '[01:10:11.665] INFO (13036): Server listening at http://0.0.0.0:3000';
    const entries = [line(alone, 0), line('GET /healthz 200', 5000)];
    expect(texts(reassembleAll(entries))).toEqual([alone, 'GET /healthz 200']);
    expect(pieces(reassembleAll(entries))).toEqual([false, false]);
  });
});

describe("pino-pretty's error logged as the record itself", () => {
  // Pasted in pinojs/express-pino-logger#7: `req.log.error(err)`, the stack four spaces in, its frames eight.
  const KABOOM = [
    '[2016-11-27T14:26:52.803Z] ERROR (5491 on MacBook-Pro-di-Matteo.local): kaboom',
    '    Error: kaboom',
    '        at /Users/matteo/Repositories/express-pino-logger/example.js:14:8',
    '        at Layer.handle [as handle_request] (/Users/matteo/Repositories/express-pino-logger/node_modules/express/lib/router/layer.js:95:5)',
  ].join('\n');

  it('is one record: the header, the stack and its frames', () => {
    expect(texts(reassembleAll(split(KABOOM, 0)))).toEqual([KABOOM]);
    expect(texts(reassembleAll([...split(KABOOM, 0)].reverse()))).toEqual([KABOOM]);
  });
});
