import { TextMemo, fingerprint, forgetTextMemos } from '../../../src/normalize/text-memo.js';

describe('TextMemo', () => {
  it('remembers answers, null included', () => {
    const memo = new TextMemo<string | null>(10, 1000);
    memo.set('a', 'A');
    memo.set('b', null);
    expect(memo.get('a')).toBe('A');
    expect(memo.get('b')).toBeNull();
    expect(memo.get('c')).toBeUndefined();
  });

  it('keeps what repeats through a stream of one-off keys', () => {
    const memo = new TextMemo<number>(4, 1000);
    memo.set('hot', 1);
    for (let i = 0; i < 100; i++) {
      // The repeated key is asked for between one-off keys, as a recurring failure is between requests.
      expect(memo.get('hot')).toBe(1);
      memo.set(`once-${i}`, i);
    }
    expect(memo.get('once-0')).toBeUndefined(); // long gone
    expect(memo.get('once-99')).toBe(99);
  });

  it('holds at most two generations of entries and of characters', () => {
    const memo = new TextMemo<number>(3, 1000);
    for (let i = 0; i < 7; i++) memo.set(`k${i}`, i);
    // k6 alone in the newest generation, k3-k5 in the older one, k0-k2 dropped.
    expect([0, 1, 2].map((i) => memo.get(`k${i}`))).toEqual([undefined, undefined, undefined]);
    expect(memo.get('k6')).toBe(6);
    expect(memo.get('k3')).toBe(3);
    const chars = new TextMemo<number>(1000, 100);
    for (let i = 0; i < 30; i++) chars.set(`${i}`.padStart(10, 'x'), i); // 10 characters each
    expect(chars.get('0'.padStart(10, 'x'))).toBeUndefined();
    expect(chars.get('29'.padStart(10, 'x'))).toBe(29);
  });

  it('never keeps a key longer than a tenth of its character budget', () => {
    const memo = new TextMemo<number>(10, 100);
    memo.set('y'.repeat(11), 1);
    expect(memo.get('y'.repeat(11))).toBeUndefined();
    memo.set('y'.repeat(10), 2);
    expect(memo.get('y'.repeat(10))).toBe(2);
  });

  it('forgets everything when asked', () => {
    const memo = new TextMemo<number>(2, 1000);
    for (let i = 0; i < 3; i++) memo.set(`k${i}`, i);
    forgetTextMemos();
    expect([0, 1, 2].map((i) => memo.get(`k${i}`))).toEqual([undefined, undefined, undefined]);
  });

  it('remembers a long text the second time it is seen, a short one at once', () => {
    const memo = new TextMemo<number>(10, 100_000);
    const long = 'Session access failed (middleware not installed?): SessionMiddleware must be installed';
    memo.set(long, 1);
    expect(memo.get(long)).toBeUndefined(); // seen once: only noted
    memo.set(long, 1);
    expect(memo.get(long)).toBe(1);
    memo.set('Connection refused', 2);
    expect(memo.get('Connection refused')).toBe(2);
  });

  it('notes at most four generations of long texts seen once, then starts over', () => {
    const memo = new TextMemo<number>(2, 100_000);
    const text = (i: number) => `job ${String(i).padStart(16, '0')} failed after 25.347s: rpc error: code = DeadlineExceeded`;
    memo.set(text(0), 0);
    for (let i = 1; i <= 8; i++) memo.set(text(i), i); // the notes fill up (8) and are cleared
    memo.set(text(0), 0);
    expect(memo.get(text(0))).toBeUndefined(); // its first sighting was forgotten with the rest
    memo.set(text(0), 0);
    expect(memo.get(text(0))).toBe(0);
  });
});

describe('fingerprint', () => {
  const base = 'AUTHENTICATION TOKEN DETECTED: Token used 0.395s ago (threshold: 1.0s) hash=7f8807eca1e0d07c';
  it.each([
    ['a hash at the end', base.replace('7f8807eca1e0d07c', '7f8807eca1e0d07d')],
    ['a longer count', base.replace('0.395s', '10.395s')],
    ['another text of the same length', 'x'.repeat(base.length)],
  ])('tells texts apart that differ by %s', (_name, other) => {
    expect(fingerprint(other)).not.toBe(fingerprint(base));
  });

  it('is the same for the same text, however it was built, and a small integer', () => {
    const copy = ['AUTHENTICATION TOKEN DETECTED:', base.slice(31)].join(' ');
    expect(copy).toBe(base);
    expect(fingerprint(copy)).toBe(fingerprint(base));
    for (const text of [base, '', 'a', 'x'.repeat(100_000)]) {
      const f = fingerprint(text);
      expect(Number.isInteger(f) && f >= 0 && f < 2 ** 30).toBe(true);
    }
  });
});
