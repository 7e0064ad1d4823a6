// Hostile text costs milliseconds: 1 MB messages built to make backtracking regexes explode go
// through masking and classification. Prints the time per message; nothing here asserts time.
import { createClassifier } from '../src/classify/index.js';
import { maskMessage } from '../src/normalize/mask.js';
import type { Entry } from '../src/shared/types.js';
import { timeWork } from './lib/time-work.js';

const MB = 1024 * 1024;

const cases: Array<[string, string]> = [
  ['one 1 MB token of digits and dots', '1.'.repeat(MB / 2)],
  ['1 MB of "a@" (email bait)', 'a@'.repeat(MB / 2)],
  ['1 MB of "0:" (IPv6 / time bait)', '0:'.repeat(MB / 2)],
  ['1 MB of "x=" (key=value bait)', 'x='.repeat(MB / 2)],
  ['1 MB of short words', 'aaaa '.repeat(MB / 5)],
  ['1 MB of quotes', '"a \''.repeat(MB / 4)],
  ['1 MB of "/a" (path bait)', '/a'.repeat(MB / 2)],
  ['1 MB of tabs and newlines', '\t\n'.repeat(MB / 2)],
  ['1 MB stack-trace bait', 'Traceback (most recent call last):\n  File "'.repeat(MB / 44) + '\n'],
  ['1 MB of "    at (" lines', '    at ((((((\n'.repeat(MB / 14)],
];

console.log('case'.padEnd(40), 'mask ms'.padStart(9), 'classify ms'.padStart(12));
for (const [name, text] of cases) {
  const entry = (kind: Entry['kind']): Entry => ({ time: 0, severity: 'ERROR', service: 's', revision: 'r', kind, text });
  const maskMs = timeWork(() => void maskMessage(text));
  const classifyMs = timeWork(() => {
    const c = createClassifier();
    c.resolve(c.add(entry('text')));
    c.resolve(c.add(entry('stack')));
    c.clusters();
  });
  console.log(name.padEnd(40), maskMs.toFixed(2).padStart(9), classifyMs.toFixed(2).padStart(12));
}
