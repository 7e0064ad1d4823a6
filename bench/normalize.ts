// What normalization costs: entries per second over the example day, and the time one hostile
// 1 MB message takes (cut to 64 KiB, cleaned, redacted). Prints figures; asserts nothing.
import { readFileSync } from 'node:fs';
import { boundText, normalizeEntry, redact } from '../src/normalize/index.js';
import type { RawEntry } from '../src/shared/types.js';
import { timeWork } from './lib/time-work.js';

const MB = 1024 * 1024;

const examplePath = new URL('../../examples/cloud-run-backend-day.jsonl', import.meta.url);
const raws = readFileSync(examplePath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as RawEntry);
const dayMs = timeWork(() => raws.forEach((raw) => normalizeEntry(raw)), 10);
console.log(`example day: ${raws.length} entries in ${dayMs.toFixed(1)} ms = ${Math.round((raws.length / dayMs) * 1000)} entries/s`);

const timestamp = '2025-09-11T23:16:22Z';
const cases: Array<[string, string]> = [
  ["'a' x 100000 + '!'", 'a'.repeat(100_000) + '!'],
  ['1 MB of "@"', '@'.repeat(MB)],
  ['1 MB of "="', '='.repeat(MB)],
  ['1 MB of "."', '.'.repeat(MB)],
  ['1 MB of word chars, then @x.com', 'a'.repeat(MB) + '@x.com'],
  ['1 MB of "a@"', 'a@'.repeat(MB / 2)],
  ['1 MB of "aaaa.aaaa@aaaa."', 'aaaa.aaaa@aaaa.'.repeat(MB / 15)],
  ['1 MB of "%40"', '%40'.repeat(MB / 3)],
  ['1 MB of "password="', 'password='.repeat(MB / 9)],
  ['1 MB of "password=\\""', 'password="'.repeat(MB / 10)],
  ['1 MB of "secret: "', 'secret: '.repeat(MB / 8)],
  ['1 MB of "key <30 chars>"', ('key ' + 'aB3'.repeat(10) + ' ').repeat(MB / 35)],
  ['1 MB of "Authorization: "', 'Authorization: '.repeat(MB / 15)],
  ['1 MB of "Bearer "', 'Bearer '.repeat(MB / 7)],
  ['1 MB of PEM headers', '-----BEGIN PRIVATE KEY-----'.repeat(MB / 27)],
  ['PEM header + 1 MB base64', '-----BEGIN PRIVATE KEY-----' + 'A'.repeat(MB)],
  ['1 MB of "a://a:"', 'a://' + 'a:'.repeat(MB / 2)],
  ['1 MB of "eyJaaaaaaaaaaaa."', 'eyJaaaaaaaaaaaa.'.repeat(MB / 16)],
  ['1 MB of "  at "', '  at '.repeat(MB / 5)],
  ['1 MB with NUL bytes', 'ab\u0000'.repeat(MB / 3)],
  ['1 MB of emoji and "@"', '🚨@'.repeat(MB / 3)],
  ['1 MB of "josé.núñez@"', 'josé.núñez@'.repeat(MB / 11)],
];

console.log('\n' + 'case'.padEnd(36), 'normalizeEntry ms'.padStart(18), 'redact(64 KiB) ms'.padStart(18));
for (const [name, text] of cases) {
  const entryMs = timeWork(() => void normalizeEntry({ timestamp, textPayload: text }));
  // Cut text ends in a non-Latin-1 marker, which makes it a two-byte string: the slower case for regexes.
  const bounded = boundText(text);
  const redactMs = timeWork(() => void redact(bounded));
  console.log(name.padEnd(36), entryMs.toFixed(2).padStart(18), redactMs.toFixed(2).padStart(18));
}
