import { describe, expect, it } from '@jest/globals';
import { TRUNCATED_MARKER, boundText } from '../../../src/normalize/bound-text.js';

describe('boundText', () => {
  it.each([
    ['plain text', 'connect ECONNREFUSED 10.0.0.3:6379', 'connect ECONNREFUSED 10.0.0.3:6379'],
    ['tabs and newlines stay', 'a\tb\nc', 'a\tb\nc'],
    ['CRLF and a lone CR become LF', 'a\r\nb\rc', 'a\nb\nc'],
    ['NUL, a lone ESC and DEL go', 'a\u0000b\u001bc\u007f', 'abc'],
    ['a colour goes whole, not only its ESC', 'a\u001b[31mb\u001b[0m c', 'ab c'],
    ['bold, 256 and true colours, erase-line', '\u001b[1;38;5;196mE\u001b[38;2;255;0;0mR\u001b[2KR\u001b[m', 'ERR'],
    ['a terminal hyperlink keeps its text', 'see \u001b]8;;https://x.test/a\u001b\\docs\u001b]8;;\u001b\\ now', 'see docs now'],
    ['the 8-bit CSI', 'a\u009b31mb', 'ab'],
    ['a bracket that is no escape stays', 'list[31m] ok', 'list[31m] ok'],
    ['C1 controls and bidi marks go', 'a\u0085b\u200ec\u202ed\u2066e', 'abcde'],
    ['a surrogate pair stays', 'ok 😀 done', 'ok 😀 done'],
    ['a lone high surrogate becomes U+FFFD', 'a\ud83db', 'a\ufffdb'],
    ['a lone low surrogate becomes U+FFFD', 'a\ude00b', 'a\ufffdb'],
    ['non-Latin text stays', 'ошибка: 接続できません', 'ошибка: 接続できません'],
  ])('%s', (_name, input, expected) => {
    expect(boundText(input)).toBe(expected);
  });

  it('cuts a long text, marked, without splitting a surrogate pair', () => {
    const out = boundText('x'.repeat(20) + '😀'.repeat(10), 30);
    expect(out.length).toBeLessThanOrEqual(30);
    expect(out.endsWith(TRUNCATED_MARKER)).toBe(true);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
