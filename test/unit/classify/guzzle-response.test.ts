// Guzzle's failed response, as Guzzle 5 and Guzzle 6+ word it, with and without the body summary it
// appends, reads as one wording without the request called; the status and the side stay.
import { withGuzzleWording } from '../../../src/classify/guzzle-response.js';
import { problemText } from '../../../src/classify/problem-text.js';
import { clusterIds } from '../../support/cluster-ids.js';

const READ_401 = 'Client error: resulted in a `401 Unauthorized` response';

describe('withGuzzleWording', () => {
  it.each([
    ['Guzzle 6, no body', 'Client error: `GET https://api.example.org/user` resulted in a `401 Unauthorized` response', READ_401],
    ['Guzzle 6, a body on the line', 'Client error: `POST https://login.example.org/oauth2/token` resulted in a `401 Unauthorized` response: {"error":"invalid_client","error_description":"Invalid client secret provi (truncated...)', READ_401],
    ['Guzzle 5', 'Client error response [url] https://api.example.org/rest/v4/foo/ [status code] 401 [reason phrase] Unauthorized', READ_401],
    ['Guzzle 5, the server\'s words after the phrase', 'Client error response [url] https://api.example.org/rest/v4/foo/ [status code] 401 [reason phrase] Unauthorized : Invalid signature', READ_401],
    ['a server error', 'Server error: `GET https://api.example.org/v1/orders` resulted in a `503 Service Unavailable` response: upstream connect error', 'Server error: resulted in a `503 Service Unavailable` response'],
  ])('%s', (_name, line, read) => {
    expect(withGuzzleWording(line, '')).toEqual([read, '']);
  });

  it('sets aside the body summary on the lines after `response:`, up to the trace', () => {
    const rest = '\n{\n  "message": "Bad credentials"\n}\n in /srv/app/vendor/guzzlehttp/guzzle/src/Exception/RequestException.php:113';
    expect(withGuzzleWording('Client error: `GET https://api.example.org/user` resulted in a `401 Unauthorized` response:', rest))
      .toEqual([READ_401, '\n in /srv/app/vendor/guzzlehttp/guzzle/src/Exception/RequestException.php:113']);
  });

  it('reads the wording on a line after a title', () => {
    expect(withGuzzleWording('GuzzleHttp\\Exception\\ClientException in GET /v1/rates', '\nClient error: `GET https://rates.example.org/x` resulted in a `404 Not Found` response:\n<!DOCTYPE html> (truncated...)'))
      .toEqual(['GuzzleHttp\\Exception\\ClientException in GET /v1/rates', '\nClient error: resulted in a `404 Not Found` response']);
  });

  it.each([
    ['another client\'s status', 'Request failed with status code 401'],
    ['words about a client error', 'Client error: the form was sent twice'],
  ])('leaves %s', (_name, line) => {
    expect(withGuzzleWording(line, '\nnext line')).toEqual([line, '\nnext line']);
  });

  it('is read in a PHP 5 uncaught exception', () => {
    expect(problemText("Fatal error: Uncaught exception 'GuzzleHttp\\Exception\\ClientException' with message 'Client error: `GET https://api.example.org/users?email=a%40b.c` resulted in a `404 Not Found` response: {\"type\":\"error.list\"} ' in /srv/app/vendor/guzzlehttp/guzzle/src/Exception/RequestException.php:107"))
      .toBe('GuzzleHttp\\Exception\\ClientException: Client error: resulted in a `404 Not Found` response');
  });
});

describe('one Guzzle status from two versions and several endpoints', () => {
  it('is one problem; another status stays apart', () => {
    const [unauthorized, notFound] = clusterIds([
      [
        'PHP Fatal error:  Uncaught GuzzleHttp\\Exception\\ClientException: Client error: `GET https://api.example.org/user` resulted in a `401 Unauthorized` response:\n{\n  "message": "Bad credentials"\n}',
        'Fatal error: Uncaught GuzzleHttp\\Exception\\ClientException: Client error: `POST https://login.example.net/oauth2/token` resulted in a `401 Unauthorized` response: {"error":"invalid_client"} in /srv/app/vendor/guzzlehttp/guzzle/src/Exception/RequestException.php:113 Stack trace: #0 /srv/app/vendor/x.php(12): f()',
        "Fatal error: Uncaught exception 'GuzzleHttp\\Exception\\ClientException' with message 'Client error response [url] http://rets.example.com/GetObject [status code] 401 [reason phrase] Unauthorized' in /srv/app/vendor/guzzlehttp/guzzle/src/Exception/RequestException.php:89",
      ],
      [
        'Fatal error: Uncaught GuzzleHttp\\Exception\\ClientException: Client error: `GET https://api.example.org/user/7` resulted in a `404 Not Found` response: {"message":"Not Found"} in /srv/app/vendor/guzzlehttp/guzzle/src/Exception/RequestException.php:113',
      ],
    ]);
    expect(unauthorized).toHaveLength(1);
    expect(notFound).toHaveLength(1);
    expect(unauthorized![0]).not.toBe(notFound![0]);
  });
});
