// The reassembly tests' common check: a record Cloud Run split into one entry per line comes back as
// one entry, whichever way the input runs and with another instance's lines among its own.
import { reassembleAll } from '../../src/source/reassemble.js';
import type { RawEntry } from '../../src/shared/types.js';
import { cloudRunLines, noBlank, pieces, texts } from './cloud-run-lines.js';

const { line, split } = cloudRunLines('stderr');
const OTHER_INSTANCE = 'b7e1d0c4a9f2e8d5c1';

/** `record`'s lines 7 µs apart from `start` on stderr, another instance's `other` lines among them (3 µs later each). */
export function withOtherInstance(record: string, start: number, other: readonly string[]): RawEntry[] {
  const own = split(record, start);
  const theirs = other.map((text, i) => line(text, start + 3 + i * 14, OTHER_INSTANCE));
  return [...own, ...theirs].sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
}

/** The record, split, comes back whole (without its blank lines) and no piece, in both time orders, among `otherLines`. */
export function expectWhole(record: string, otherLines: readonly string[]): void {
  const whole = noBlank(record);
  expect(texts(reassembleAll(split(record, 0)))).toEqual([whole]);
  expect(texts(reassembleAll(split(record, 0).reverse()))).toEqual([whole]);
  const mixed = reassembleAll(withOtherInstance(record, 0, otherLines));
  expect(texts(mixed).filter((t) => t === whole)).toEqual([whole]);
  expect(texts(mixed)).toHaveLength(1 + otherLines.length);
  const mixedBack = reassembleAll(withOtherInstance(record, 0, otherLines).reverse());
  expect(texts(mixedBack).filter((t) => t === whole)).toEqual([whole]);
  expect(texts(mixedBack)).toHaveLength(1 + otherLines.length);
  expect(pieces(reassembleAll(split(record, 0)))).toEqual([false]);
}
