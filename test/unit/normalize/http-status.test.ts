// An error status is the error where the text announces it (after `with status code`, before its
// reason phrase, before requests' `Client Error`): the masker keeps a 4xx as it is and a 5xx as its
// class; anywhere else a number is a value. PDO's server error number after its SQLSTATE class is
// kept too. End to end, two client error statuses are two problems, a 4xx is not a 5xx, one status
// printed bare or under a logger's line is one, and 5xx statuses of one client stay one problem.
import { announcedHttpStatus, keptCodes } from '../../../src/normalize/http-status.js';
import { maskMessage, tokenize } from '../../../src/normalize/mask.js';
import { clusterIds } from '../../support/cluster-ids.js';

describe('announcedHttpStatus: a status the text says is one', () => {
  it.each([
    ['AxiosError: Request failed with status code 429', '429'],
    ['Client error: `GET https://api.example.net/x` resulted in a `404 Not Found` response', '404'],
    ['HttpRequestException: Response status code does not indicate success: 401 (Unauthorized).', '401'],
    ['HTTP status client error (404 Not Found) for url (https://api.example.net/)', '404'],
    ['requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://api.example.net/', '403'],
    ['upstream answered 429 Too Many Requests', '429'],
    ['GET /v1/items failed: 405 Method Not Allowed', '405'],
    ['HTTP/1.1 406 Not Acceptable from https://api.example.net/', '406'],
    ['request rejected (413 Request Entity Too Large)', '413'],
    ['request rejected (413 Payload Too Large)', '413'],
    ['proxy said 408 Request Timeout', '408'],
    ["SQLSTATE[42S02]: Base table or view not found: 1146 Table 'app.users' doesn't exist", '1146'],
  ])('%s', (text, status) => {
    expect(maskMessage(text)).toContain(status);
    expect(keptCodes(maskMessage(text).split(' '))).toBe(status);
  });

  it.each([
    // A proxy's report of what the target answered, with no client's error shape: a value.
    'Proxy server cannot establish a connection with the target, status code 403',
    // A success or a redirect is no error; a count, a port, a size are values.
    'Request failed with status code 200',
    // PDO's libpq status after its class is one digit, no server error number.
    'SQLSTATE[23505]: Unique violation: 7 ERROR: duplicate key value violates unique constraint',
    'upstream answered 302 Found',
    'retried 404 times',
    'listening on port 500',
    // A number before a word a reason phrase starts with is a value unless the phrase goes on: an
    // order numbered 406 is not `406 Not Acceptable`.
    'java.lang.IllegalStateException: order 406 not payable',
    'job 404 not started after 3 attempts',
    'retry 429 too soon for client a-1',
    'batch 400 bad checksum',
    'worker 503 service stopped',
  ])('%s', (text) => {
    const tokens = tokenize(text);
    expect(tokens.some((_t, i) => announcedHttpStatus(tokens, i) !== null)).toBe(false);
    expect(keptCodes(maskMessage(text).split(' '))).toBe('');
  });
});

describe('a server error status is kept as its class', () => {
  it.each([
    'AxiosError: Request failed with status code 503',
    'HTTP status server error (502 Bad Gateway) for url (https://api.example.net/)',
    'requests.exceptions.HTTPError: 500 Server Error: Internal Server Error for url: https://api.example.net/',
    'upstream answered 504 Gateway Time-out',
    'upstream answered 501 Not Implemented',
  ])('%s', (text) => {
    expect(maskMessage(text)).toContain('5xx');
    expect(keptCodes(maskMessage(text).split(' '))).toBe('');
  });
});

describe('an HTTP client error status, end to end', () => {
  it('two statuses of one client are two problems; one status printed several ways is one', () => {
    const [a, b] = clusterIds([
      [
        'AxiosError: Request failed with status code 429',
        '[Sentry] AxiosError: Request failed with status code 429',
      ],
      [
        'AxiosError: Request failed with status code 401',
        '[Sentry] AxiosError: Request failed with status code 401',
      ],
    ]);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(a).not.toEqual(b);
  });

  it('5xx statuses of one client are one problem, apart from a 4xx', () => {
    const [a, b] = clusterIds([
      [
        'AxiosError: Request failed with status code 502',
        'AxiosError: Request failed with status code 503',
        'AxiosError: Request failed with status code 504',
      ],
      ['AxiosError: Request failed with status code 429'],
    ]);
    expect(a).toHaveLength(1);
    expect(a).not.toEqual(b);
  });

  it("two server error numbers under one SQLSTATE class are two problems", () => {
    const [a, b] = clusterIds([
      ["SQLSTATE[42S02]: Base table or view not found: 1146 Table 'app.users' doesn't exist", "SQLSTATE[42S02]: Base table or view not found: 1146 Table 'shop.orders' doesn't exist"],
      ["SQLSTATE[42S02]: Base table or view not found: 1932 Table 'app.users' doesn't exist in engine"],
    ]);
    expect(a).toHaveLength(1);
    expect(a).not.toEqual(b);
  });

  it('the same trace of two statuses is two problems', () => {
    const trace = (status: string): string => [
      `AxiosError: Request failed with status code ${status}`,
      '    at settle (/app/node_modules/axios/dist/node/axios.cjs:1966:12)',
      '    at IncomingMessage.handleStreamEnd (/app/node_modules/axios/dist/node/axios.cjs:3065:11)',
      '    at IncomingMessage.emit (node:events:529:35)',
    ].join('\n');
    const [a, b] = clusterIds([[trace('401')], [trace('403')]]);
    expect(a).not.toEqual(b);
  });
});
