import { isMask, maskMessage, maskToken, tokenize, MAX_TEMPLATE_TOKENS } from '../../../src/normalize/mask.js';

describe('maskMessage', () => {
  it.each([
    ['numbers and durations', 'Request took 250ms for user 42', 'Request took <NUM> for user <NUM>'],
    ['a number and its unit are one value', 'Connected to 10.0.0.12:5432 in 1.5 s', 'Connected to <IP> in <NUM>'],
    ['a value restated in brackets', 'sent 18846 bytes (18.4 KB) ok', 'sent <NUM> ok'],
    ['comparison prefix', 'lifetime <1 sec', 'lifetime <NUM>'],
    // A count agrees with its noun: BigQuery's PutMultiError says `1 row insertion failed` and `6 row insertions
    // failed`, SQLAlchemy's StaleDataError `expected to update 1 row(s)`: the noun is one word however many.
    ['a noun after a count reads singular', 'insert events: 6 row insertions failed', 'insert events: <NUM> row insertion failed'],
    ['…as it is printed for one', 'insert events: 1 row insertion failed', 'insert events: <NUM> row insertion failed'],
    ['…right after the count', 'order rejected: 2 lines invalid', 'order rejected: <NUM> line invalid'],
    ['…of a noun in -ies and -es', 'gave up after 3 retries, 4 matches, 2 processes', 'gave up after <NUM> retry, <NUM> match, <NUM> process'],
    ['…and one written with (s)', "expected to update 1 row(s); 0 were matched.", 'expected to update <NUM> row; <NUM> were matched.'],
    // lettuce-io/lettuce-core: `Command timed out after 1 minute(s)`.
    ['a unit hedged with (s) is one value with its count', 'Command timed out after 1 minute(s)', 'Command timed out after <NUM>'],
    ['a word that only ends in s is no plural', 'found 1 class, 2 status, 3 is', 'found <NUM> class, <NUM> status, <NUM> is'],
    ['a word not after a count keeps its s', 'rows were skipped for 3 users', 'rows were skipped for <NUM> user'],
    ['a count then a value is left as it is', 'retry 3 /var/lib/items', 'retry <NUM> <PATH>'],
    ['UUID', 'trace 7f3a9c2e-1b4d-4c8e-9f00-123456789abc done', 'trace <UUID> done'],
    ['hex', 'value 0x7ffd1234 at deadbeef42', 'value <HEX> at <HEX>'],
    ['IPv4 with port, IPv6', 'from 10.1.2.3:443 and fe80::1ff:fe23:4567:890a', 'from <IP> and <IP>'],
    ['host names', 'lookup db.internal.example.com: no such host', 'lookup <HOST>: no such host'],
    ['code names stay', 'java.lang.NullPointerException thrown', 'java.lang.NullPointerException thrown'],
    ['paths', 'open /var/lib/app/42/data.db failed', 'open <PATH> failed'],
    ['URLs', 'uploaded to https://storage.example.com/b/o?x=1', 'uploaded to <URL>'],
    ['redacted emails', 'mail from ***@example.com bounced', 'mail from <EMAIL> bounced'],
    ['a redacted address in any script', 'to ***@例子.公司 failed', 'to <EMAIL> failed'],
    ['an address with a port', 'connect ***@db.example.com:5432', 'connect <EMAIL>'],
    ["a JVM frame's module and version are no address", 'at java.base@17.0.13/java.lang.Thread.run(Thread.java:833)', 'at <ID>(Thread.java:<NUM>)'],
    ['a package and its version are no address', 'installing lodash@4.17.21 failed', 'installing <ID> failed'],
    ['quoted values keep their quotes', `Unknown column 'foo' in "list"`, `Unknown column '<QUOTED>' in "<QUOTED>"`],
    ['key=value keeps the key', 'uid=0 euid=0 tty=ssh rhost=10.0.0.1', 'uid=<NUM> euid=<NUM> tty=ssh rhost=<IP>'],
    ['a key keeps a timestamp whole', 'time=2025-10-07T13:02:11.532Z level=WARN', 'time=<DATE> level=WARN'],
    ['a quoted value of several words is one value', 'slow query sql="SELECT id FROM t WHERE a = 1" rows=3', 'slow query sql="<QUOTED>" rows=<NUM>'],
    ['…with escaped quotes inside', 'q="say \\"hi there\\" now", n=1', 'q="<QUOTED>", n=<NUM>'],
    ['…in single quotes', "tag='View Lock' uid=7", "tag='<QUOTED>' uid=<NUM>"],
    ['…in JSON-escaped quotes', 'k=\\"a b\\" c', 'k=\\"<QUOTED>\\" c'],
    ['a quoted name of several words is one value', "font 'Noto Sans Arabic' not found, falling back to 'DejaVu Sans'.", "font '<QUOTED>' not found, falling back to '<QUOTED>'."],
    ['…in double quotes and brackets', 'queue ("Cloud SQL Proxy") stalled', 'queue ("<QUOTED>") stalled'],
    ['a quoted phrase of lower-case words says what happened', 'write failed: "disk full" on volume', 'write failed: "disk full" on volume'],
    // louislam/uptime-kuma#4502 and #6586: a monitor's number, then the name its user gave it.
    ['a name after its number is a value, in any case', "Monitor #92 'DBBackup - mealie': Pending: No heartbeat in the time window", "Monitor <ID> '<QUOTED>': Pending: No heartbeat in the time window"],
    ['…also of lower-case words', "Monitor #23 'wan dns': Failing: timeout", "Monitor <ID> '<QUOTED>': Failing: timeout"],
    ['a lower-case phrase after a word, not a number, still says what happened', "step 'disk full' reached", "step 'disk full' reached"],
    // The Sheets API's A1 notation: a sheet name with spaces or brackets is written in single quotes.
    ['a name in sentence case after a preposition is one value', "read of 'Returns log' throttled, retrying in 8s", "read of '<QUOTED>' throttled, retrying in <NUM>"],
    ['…with a word in brackets', "read of 'Stock (EU)' throttled (APIError: [429]: Quota exceeded)", "read of '<QUOTED>' throttled (APIError: [<NUM>]: Quota exceeded)"],
    ['…as the one-word name beside it is', "read of 'Refunds' throttled, retrying in 2s", "read of '<QUOTED>' throttled, retrying in <NUM>"],
    ['…after for, in, from, on, into', 'no rows for "Orders (archived) 2025" in "Team drive"', 'no rows for "<QUOTED>" in "<QUOTED>"'],
    ['a sentence-case phrase after a word that is no preposition says what happened', "token rejected with message 'Expired token'", "token rejected with message 'Expired token'"],
    ['…and a lower-case phrase after a preposition too', "Unknown column 'x' in 'field list'", "Unknown column '<QUOTED>' in 'field list'"],
    ["…and Rust's panic message after `at`", "thread 'main' panicked at 'Failed to bind socket', src/main.rs:9:5", "thread '<QUOTED>' panicked at 'Failed to bind socket', src/main.rs:<NUM>:<NUM>"],
    ['…and a phrase that runs on with a colon', "failed on 'Connection refused: connect'", "failed on 'Connection refused: connect'"],
    ["a field's quoted value is what happened, capitals or not", 'status = StatusCode.DEADLINE_EXCEEDED details = "Deadline Exceeded"', 'status = StatusCode.DEADLINE_EXCEEDED details = "Deadline Exceeded"'],
    ['a quote that does not close soon is no value', "it's 'Not Closed Here at all", "it's 'Not Closed Here at all"],
    ['a message or error key keeps its words', 'msg="slow query" err="dial tcp: connection refused"', 'msg="slow query" err="dial tcp: connection refused"'],
    ['an unclosed quote is left to its words', 'x="a b c', 'x="a b c'],
    ['packed key=value pairs', 'ready=true,policy=3,mode=false', 'ready=<BOOL>,policy=<NUM>,mode=<BOOL>'],
    ['identifiers with digits', 'block blk_-160899 of attempt_14_0002_m_3', 'block <ID> of <ID>'],
    ['a word with a version digit stays', 'open through proxy SOCKS5 over ipv4', 'open through proxy SOCKS5 over ipv4'],
    ['dates and times', 'at Fri Jun 17 07:07:00 2005', 'at <DATE> <DATE> <NUM> <TIME> <NUM>'],
    ['ISO timestamps', 'started at 2024-05-01T10:00:00.123Z', 'started at <DATE>'],
    ['a month name that is a word stays', 'you may retry', 'you may retry'],
    ['whitespace runs collapse', ' a \t b\n\nc ', 'a b c'],
    ['plain words stay', 'Session access failed (middleware not installed?)', 'Session access failed (middleware not installed?)'],
    ['a word with closing punctuation stays', 'Error: refused, giving up.', 'Error: refused, giving up.'],
    ['true and false in any case, punctuation kept', 'retry=TRUE cached: False, ok True.', 'retry=<BOOL> cached: <BOOL>, ok <BOOL>.'],
    ['a word ending in an opener is not a plain word', 'call( truex falsey', 'call( truex falsey'],
  ])('%s', (_name, input, expected) => {
    expect(maskMessage(input)).toBe(expected);
  });

  it('bounds the tokens it looks at', () => {
    const long = Array.from({ length: 5000 }, (_, i) => `w${i % 7 === 0 ? 'x' : 'y'}`).join(' ');
    expect(tokenize(long)).toHaveLength(MAX_TEMPLATE_TOKENS);
  });

  it('turns a giant token into one wildcard', () => {
    expect(maskToken('a'.repeat(10_000))).toBe('<*>');
  });

  it('is idempotent', () => {
    const once = maskMessage('GET /users/42 from 10.0.0.1 took 5ms uid=7');
    expect(maskMessage(once)).toBe(once);
  });

  it.each([['<*>', true], ['<NUM>', true], ['<num>', false], ['x<NUM>', false]])('isMask(%s) = %s', (t, m) => {
    expect(isMask(t)).toBe(m);
  });
});
