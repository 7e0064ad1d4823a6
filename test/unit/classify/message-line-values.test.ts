// A piece's first line is compared with the kept records' first lines bar the values it names.
import { sameBarValues } from '../../../src/classify/message-line-values.js';
import { joinPieces, type PieceGroup } from '../../../src/classify/piece-join.js';
import { lineKey } from '../../../src/classify/record-lines.js';

const key = (line: string): string => lineKey(line) as string;

describe('sameBarValues', () => {
  it.each([
    // Stripe's object ids as people paste them (mozilla/subhub#332, drastik/com.drastikbydesign.stripe#49).
    ['Request req_fF3sb9JkiNGkbd: No such customer: ch_1FYh1KEOSeHhIAfQY32wfWhV', 'Request req_Q2mx7LpWnaRt0K: No such customer: cus_4cZVRZAFBY0NUj'],
    // A tenant's slug, with and without a digit in it; a message id redacted in one record.
    ['delivery of message 3936831573024392 to t_uk7upo failed (attempt 1)', 'delivery of message 2208278052508831 to t_hisbqg failed (attempt 3)'],
    ['delivery of message [REDACTED] to t_hisbqg failed (attempt 3)', 'delivery of message 1940661795437336 to t_fo3xer failed (attempt 5)'],
    ["could not load invoice 'INV-2291' for account acct_77", "could not load invoice 'INV-0107' for account acct_3"],
  ])('%j and %j are one line', (a, b) => {
    expect(sameBarValues(key(a), key(b))).toBe(true);
  });

  it.each([
    // A word that differs is another line, whatever the values do.
    ['delivery of message 3936831573024392 to t_uk7upo failed (attempt 1)', 'delivery of message 3936831573024392 to t_uk7upo refused (attempt 1)'],
    // Two names in the code (two Dash callbacks that log alike), not two values.
    ['callback update_revenue failed', 'callback update_map failed'],
    ['2026-12-04 10:01:50,920 ERROR dashboard.errors callback update_revenue failed', '2026-12-04 19:27:26,491 ERROR dashboard.errors callback update_map failed'],
    // More words, or fewer.
    ['delivery of message 39 to t_uk7upo failed', 'delivery of message 39 to t_uk7upo failed again'],
    // Too few words the same to say it is the same sentence.
    ['user_a t_b acct_c x', 'user_d t_e acct_f x'],
    ['No such customer: cus_4cZVRZAFBY0NUj', 'No such price: price_1MoBy5LkdIwHu7ixZhnattbh'],
  ])('%j and %j are two lines', (a, b) => {
    expect(sameBarValues(key(a), key(b))).toBe(false);
  });

  it('reads a very long line at bounded cost', () => {
    const long = `failed for ${'t_a1 '.repeat(20_000)}`;
    expect(sameBarValues(key(long), key(long.replace('failed', 'passed')))).toBe(false);
  });
});

const group = (id: string, lines: string[], over: Partial<PieceGroup> = {}): PieceGroup => ({
  id, piece: false, count: 10, services: new Set(['relay']), lines: new Set(lines.map(key)), ...over,
});
const piece = (id: string, lines: string[]): PieceGroup => group(id, lines, { piece: true, count: 1 });

describe('joinPieces, a first line that names other values', () => {
  // Python's logging.exception: the message, then the traceback, cut short before its exception line.
  const frames = [
    'Traceback (most recent call last):',
    '  File "/app/main.py", line 61, in push',
    '    deliver(tenant, payload)',
    '  File "/app/relay/deliver.py", line 34, in deliver',
    '    resp.raise_for_status()',
  ];
  const whole = [
    'delivery of message 6139134548604489 to t_dvn1o2 failed (attempt 1)', ...frames,
    '  File "/usr/local/lib/python3.12/site-packages/requests/models.py", line 1024, in raise_for_status',
    '    raise HTTPError(http_error_msg, response=self)',
    'requests.exceptions.HTTPError: 502 Server Error: Bad Gateway for url: https://hooks.example/v1/tenants/t_dvn1o2/events',
  ];

  it('joins the record whose first line is the same bar its values and whose frames hold the rest', () => {
    const out = joinPieces([group('bad-gateway', whole), piece('p', ['delivery of message 3621113179251552 to t_hisbqg failed (attempt 3)', ...frames])]);
    expect(out.get('p')).toBe('bad-gateway');
  });

  it('joins none when two records could hold it (the same frames, another exception)', () => {
    const timeout = [...whole.slice(0, -1), 'requests.exceptions.ReadTimeout: HTTPSConnectionPool(host=\'hooks.example\', port=443): Read timed out.'];
    const out = joinPieces([group('bad-gateway', whole), group('timeout', timeout), piece('p', ['delivery of message 36 to t_hisbqg failed (attempt 3)', ...frames])]);
    expect(out.size).toBe(0);
  });

  it('joins none when a word of the first line differs, or too little else vouches for it', () => {
    expect(joinPieces([group('bad-gateway', whole), piece('p', ['delivery of message 36 to t_hisbqg refused (attempt 3)', ...frames])]).size).toBe(0);
    expect(joinPieces([group('bad-gateway', whole), piece('p', ['delivery of message 36 to t_hisbqg failed (attempt 3)', 'Traceback (most recent call last):'])]).size).toBe(0);
  });
});
