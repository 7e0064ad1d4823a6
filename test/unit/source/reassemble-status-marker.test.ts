// A line a CLI's status marker opens (Next.js prints ` ⨯ ` after one space) heads its record: it is
// no indented continuation, and the record it heads is whole. A V8 trace whose last frame a write cut
// short is a piece of the record the whole traces make.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { lineKind, isPieceLine } from '../../../src/source/trace-lines.js';
import { readMessage } from '../../../src/normalize/normalize-entry.js';
import { textSeverity } from '../../../src/normalize/text-severity.js';
import { cloudRunLines, noBlank, pieces, texts } from '../../support/cloud-run-lines.js';

const { line, split } = cloudRunLines('stderr');

// Next.js 15 standalone: a server component's fetch that failed, as `next start` prints it.
const FETCH_FAILED = [
  ' ⨯ TypeError: fetch failed',
  '    at node:internal/deps/undici/undici:13510:13',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
  '    at async getProduct (/app/.next/server/chunks/412.js:1:9918)',
  '    at async Page (/app/.next/server/app/products/[slug]/page.js:1:5598) {',
  "  digest: '3403043135',",
  '  [cause]: Error: connect ETIMEDOUT 10.8.4.20:443',
  '      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1615:16) {',
  '    errno: -110,',
  "    code: 'ETIMEDOUT',",
  "    syscall: 'connect',",
  "    address: '10.8.4.20',",
  '    port: 443',
  '  }',
  '}',
].join('\n');

describe('a line a status marker opens', () => {
  it.each([[' ⨯ TypeError: fetch failed'], ['✖ build failed'], [' ⚠ Unsupported metadata viewport'], ['  ❌ webhook rejected']])('%s names a problem and is no piece', (l) => {
    expect(lineKind(l)).toBe('head');
    expect(isPieceLine(l)).toBe(false);
  });

  it('with a message of no problem, is a plain line', () => {
    expect(lineKind(' ✓ Ready in 814ms')).toBe('plain');
    expect(lineKind(' ○ Compiling /products/[slug] ...')).toBe('plain');
  });

  it("Next's error and its frames, split: one whole record in either order", () => {
    expect(texts(reassembleAll(split(FETCH_FAILED, 0)))).toEqual([noBlank(FETCH_FAILED)]);
    expect(texts(reassembleAll(split(FETCH_FAILED, 0).reverse()))).toEqual([noBlank(FETCH_FAILED)]);
    expect(pieces(reassembleAll(split(FETCH_FAILED, 0)))).toEqual([false]);
    expect(pieces(reassembleAll([line(FETCH_FAILED, 0)]))).toEqual([false]);
  });

  it('is read without its marker, at the level the marker says', () => {
    expect(readMessage(FETCH_FAILED)?.text.startsWith('TypeError: fetch failed\n    at node:internal')).toBe(true);
    expect(readMessage(FETCH_FAILED)?.kind).toBe('stack');
    expect(readMessage(' ⨯ unhandledRejection: Error: getaddrinfo ENOTFOUND analytics.internal')?.text).toBe('unhandledRejection: Error: getaddrinfo ENOTFOUND analytics.internal');
    expect(textSeverity(FETCH_FAILED)).toBe('ERROR');
  });

  it('the frames without their marked head are still a piece', () => {
    const orphan = FETCH_FAILED.split('\n').slice(1).join('\n');
    expect(pieces(reassembleAll(split(orphan, 0)))).toEqual([true]);
  });
});

describe('a V8 trace cut in its last frame', () => {
  const head = FETCH_FAILED.split('\n').slice(0, 2);
  it.each([
    ['cut inside a bare place', [' ⨯ TypeError: fetch failed', '    at node:internal/deps/undici']],
    ['cut inside a function name', [...head, '    at proc']],
    ['cut inside the parentheses', [...head, '    at process.processTicksAndRejections (node:internal/process/task_queues:105']],
  ])('written in one entry (%s) is a piece', (_name, lines) => {
    expect(pieces(reassembleAll([line(lines.join('\n'), 0)]))).toEqual([true]);
  });

  it.each([
    ['ending at a bare place', head],
    ['ending in parentheses', [...head, '    at async Promise.all (index 0)']],
    ['ending at an anonymous frame', [...head, '    at new Promise (<anonymous>)']],
  ])('whole (%s) is no piece', (_name, lines) => {
    expect(pieces(reassembleAll([line(lines.join('\n'), 0)]))).toEqual([false]);
  });
});

describe('a line that points to the documentation of the message above it', () => {
  // Next.js 15 (vercel/next.js, errors/failed-to-find-server-action.mdx): the link follows the message.
  const ACTION = [
    'Error: Failed to find Server Action "7bd1670350a44aab9c63879f12b1f2e0beee6d96". This request might be from an older or newer deployment.',
    'Read more: https://nextjs.org/docs/messages/failed-to-find-server-action',
  ].join('\n');

  it('split: one record in either order, whole', () => {
    expect(texts(reassembleAll(split(ACTION, 0)))).toEqual([ACTION]);
    expect(texts(reassembleAll(split(ACTION, 0).reverse()))).toEqual([ACTION]);
    expect(pieces(reassembleAll(split(ACTION, 0)))).toEqual([false]);
  });

  it('alone is a piece of the record that holds it', () => {
    expect(pieces(reassembleAll([line(ACTION.split('\n')[1]!, 0)]))).toEqual([true]);
    expect(isPieceLine('For more information, see https://aka.ms/dotnet-warnings/SYSLIB0014')).toBe(true);
  });

  it('under a line that names no error, or with words after the link, is a line of its own', () => {
    const lines = ['cart synced for 3 users', 'Read more: https://example.com/docs/cart'];
    expect(texts(reassembleAll(split(lines.join('\n'), 0)))).toEqual(lines);
    expect(isPieceLine('See https://example.com for our new pricing plans')).toBe(false);
  });
});
