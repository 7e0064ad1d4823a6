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

  it('leaves a header over lines that are no properties as text', () => {
    const text = '[01:48:26.734] ERROR (1 on localhost): request error\n    at handler (/app/x.js:1:2)';
    expect(extractMessage({ textPayload: text })?.text).toBe(text);
  });
});
