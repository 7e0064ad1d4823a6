// PHP prints an uncaught exception as its class, its message and where it was thrown, in a shape that
// changed with PHP 7 and that the error display and error_log each open differently:
//   PHP 5: `PHP Fatal error:  Uncaught exception 'Predis\Connection\ConnectionException' with message
//          'Connection refused [tcp://127.0.0.1:6379]' in /app/vendor/…/AbstractConnection.php:155`
//   PHP 7: `Fatal error: Uncaught Predis\Connection\ConnectionException: Connection refused
//          [tcp://127.0.0.1:6379] in /app/vendor/…/AbstractConnection.php:155 Stack trace: #0 …`
// and Exception::__toString (what a logger prints for the object) as PHP 5's without `Uncaught`. Which
// PHP printed it, and the file and line it was thrown at (a vendor path, a version's line number), say
// nothing of what failed: each reads as the class and message that frameworks and error trackers print
// (`Predis\Connection\ConnectionException: Connection refused [tcp://…]`). The stack trace a title
// runs on into (` Stack trace: #0 …`) goes with the place.

/** A PHP class: namespace segments joined by backslashes (doubled when a JSON string held them). */
const PHP_CLASS = String.raw`\\{0,2}[A-Za-z_][A-Za-z0-9_]{0,80}(?:\\{1,2}[A-Za-z_][A-Za-z0-9_]{0,80}){0,12}`;
/** Where PHP says it was thrown: a file (absolute, a Windows drive, or cut short by `...`) and its line. */
const THROWN_AT = String.raw` in (?:\/|[A-Za-z]:\\|\.{3}[\\/])[^\n]{0,400}?:\d{1,7}\b[^\n]*$`;
const OPENING = String.raw`(^|\s)(?:Fatal error:\s{1,4})?`;

// PHP 5 and __toString: the message is quoted; a title may end at the quote, before the place, and a
// message of several lines (a response body) closes its quote on a later line.
const PHP5_SHAPE = new RegExp(String.raw`${OPENING}(?:Uncaught |Next )?[Ee]xception '(${PHP_CLASS})' with message '(?:([^\n]{0,2000}?)'(?:${THROWN_AT}|\s*$)|([^'\n]{0,2000})$)`);
// PHP 7: the class is a namespaced name or one of PHP's own (`TypeError`, `PDOException`); the place
// ends the line, or a later line when the message runs over several.
const PHP7_SHAPE = new RegExp(String.raw`${OPENING}Uncaught (${PHP_CLASS}): (?:([^\n]{1,2000}?)${THROWN_AT}|([^\n]{1,2000})$)`);
const PHP7_CLASS = /\\|(?:Error|Exception)$/;
const NAMESPACED = /[A-Za-z0-9_]\\{1,2}[A-Za-z_]/;

const readClass = (name: string): string => name.replace(/^\\+/, '').replace(/\\\\/g, '\\');

/** The line with PHP's uncaught-exception shape read as `Class: message`; the line itself otherwise. */
export function phpExceptionLine(line: string): string {
  if (line.indexOf('xception') < 0 && line.indexOf('Uncaught ') < 0) return line;
  const old = PHP5_SHAPE.exec(line);
  if (old !== null) return `${line.slice(0, old.index)}${old[1]}${readClass(old[2]!)}: ${old[3] ?? old[4]!}`;
  const now = PHP7_SHAPE.exec(line);
  // Without the place, only a namespaced class is PHP's: `Uncaught Error: …` is also a browser's line.
  if (now !== null && (now[3] !== undefined ? PHP7_CLASS : NAMESPACED).test(now[2]!)) return `${line.slice(0, now.index)}${now[1]}${readClass(now[2]!)}: ${now[3] ?? now[4]!}`;
  return line;
}
