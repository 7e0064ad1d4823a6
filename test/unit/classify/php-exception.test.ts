// PHP's uncaught exception, as PHP 5 and PHP 7 print it and as Exception::__toString does, reads as the
// class and message frameworks print; where it was thrown and the trace a title runs on into go.
import { phpExceptionLine } from '../../../src/classify/php-exception.js';
import { clusterIds } from '../../support/cluster-ids.js';

const REFUSED = 'Predis\\Connection\\ConnectionException: Connection refused [tcp://10.0.0.7:6379]';

describe('phpExceptionLine', () => {
  it.each([
    ['PHP 5, with the place', "Fatal error: Uncaught exception 'Predis\\Connection\\ConnectionException' with message 'Connection refused [tcp://10.0.0.7:6379]' in /srv/app/vendor/predis/predis/src/Connection/AbstractConnection.php:155", REFUSED],
    ['PHP 5, a title ending at the quote', "Uncaught exception 'Predis\\Connection\\ConnectionException' with message 'Connection refused [tcp://10.0.0.7:6379]'", REFUSED],
    ['__toString, a message running on to the next line', "Exception 'Predis\\Connection\\ConnectionException' with message 'Connection refused [tcp://10.0.0.7:6379]", REFUSED],
    ['PHP 7, with the trace on the same line', 'Fatal error: Uncaught Predis\\Connection\\ConnectionException: Connection refused [tcp://10.0.0.7:6379] in /srv/app/vendor/predis/predis/src/Connection/AbstractConnection.php:155 Stack trace: #0 /srv/app/vendor/x.php(12): f()', REFUSED],
    ['PHP 7, a Windows path', 'Uncaught PDOException: SQLSTATE[HY000] [2002] Connection refused in C:\\xampp\\htdocs\\db.php:14', 'PDOException: SQLSTATE[HY000] [2002] Connection refused'],
    ['PHP 7, a message running on to the next line', 'Uncaught GuzzleHttp\\Exception\\ClientException: Client error: `GET https://api.example.org/user` resulted in a `401 Unauthorized` response:', 'GuzzleHttp\\Exception\\ClientException: Client error: `GET https://api.example.org/user` resulted in a `401 Unauthorized` response:'],
    ['a class whose backslashes a JSON string doubled', "Uncaught exception 'GuzzleHttp\\\\Exception\\\\ConnectException' with message 'cURL error 6: Could not resolve host: api'", 'GuzzleHttp\\Exception\\ConnectException: cURL error 6: Could not resolve host: api'],
  ])('%s', (_name, line, read) => {
    expect(phpExceptionLine(line)).toBe(read);
  });

  it.each([
    ['a sentence about an exception', 'Uncaught exceptions are reported to the tracker'],
    ['an uncaught JavaScript error with no place', 'Uncaught Error: Connection terminated unexpectedly'],
    ['a word before a colon', 'Uncaught something: went wrong in the loop'],
  ])('leaves %s', (_name, line) => {
    expect(phpExceptionLine(line)).toBe(line);
  });
});

describe('one PHP exception in PHP 5 and PHP 7 shapes', () => {
  it('is one problem with the framework\'s line; another message of the class stays apart', () => {
    const [refused, timeout] = clusterIds([
      [
        "PHP Fatal error:  Uncaught exception 'Predis\\Connection\\ConnectionException' with message 'Connection refused [tcp://10.0.0.7:6379]' in /srv/app/vendor/predis/predis/src/Connection/AbstractConnection.php:155",
        'Fatal error: Uncaught Predis\\Connection\\ConnectionException: Connection refused [tcp://10.0.4.2:6379] in /var/www/vendor/predis/predis/src/Connection/AbstractConnection.php:168 Stack trace: #0 /var/www/vendor/x.php(12): f()',
        REFUSED,
      ],
      [
        "PHP Fatal error:  Uncaught exception 'Predis\\Connection\\ConnectionException' with message 'Operation timed out [tcp://10.0.0.7:6379]' in /srv/app/vendor/predis/predis/src/Connection/AbstractConnection.php:155",
        'Predis\\Connection\\ConnectionException: Operation timed out [tcp://10.0.0.7:6379]',
      ],
    ]);
    expect(refused).toHaveLength(1);
    expect(timeout).toHaveLength(1);
    expect(refused![0]).not.toBe(timeout![0]);
  });
});
