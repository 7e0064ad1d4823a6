import { TextMemo, forgetTextMemos } from '../../../src/normalize/text-memo.js';

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
});
