// A runtime out of a kind of memory is one problem wherever the last allocation failed and whatever line
// caught it; each kind of memory stays apart, and words that only mention memory read none. Lines as
// people pasted them.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { memoryExhausted } from '../../../src/classify/memory-exhausted.js';
import { createClassifier } from '../../../src/classify/index.js';
import { maskTokens } from '../../../src/normalize/mask.js';
import type { Entry } from '../../../src/shared/types.js';

const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
  time: Date.UTC(2025, 8, 11, 10, 0, 0), severity: 'ERROR', service: 'api', revision: 'api-001', kind: 'text', text, ...over,
});

const key = (line: string): string | null => errorIdentity(maskTokens(line).join(' '))?.key ?? null;

describe('memoryExhausted: one key per kind of memory, whatever caught it', () => {
  it.each([
    ['the JVM\'s direct buffers, under each line that caught them', [
      'io.netty.handler.codec.DecoderException: java.lang.OutOfMemoryError: Direct buffer memory',
      'Unexpected exception in the selector loop. java.lang.OutOfMemoryError: Direct buffer memory',
      'An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception. java.lang.OutOfMemoryError: Direct buffer memory',
    ]],
    ['a native thread the OS would not start, before and after JDK 12 reworded it', [
      'Error occurred during initialization of VM: java.lang.OutOfMemoryError: unable to create new native thread',
      'Exception in thread "main" java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached',
    ]],
    ['the JVM\'s class metadata, before and after Java 8', [
      'java.lang.OutOfMemoryError: Metaspace',
      'OUT # java.lang.OutOfMemoryError: Metaspace',
      'java.lang.OutOfMemoryError: PermGen space',
    ]],
    ['V8\'s heap, in each line of its crash output', [
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
      'FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory',
      'FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - JavaScript heap out of memory',
      '[3521:0x4b2b9c0]    41529 ms: Mark-Compact 2041.2 (2054.4) -> 2040.4 (2054.4) MB, 1630.5 / 0.0 ms  (average mu = 0.085, current mu = 0.004) allocation failure; scavenge might not succeed',
    ]],
    ['Go\'s runtime, on Linux and on Windows', [
      'fatal error: runtime: out of memory',
      'runtime: VirtualAlloc of 8192 bytes failed with errno=1455 fatal error: out of memory',
    ]],
    ['the BEAM\'s heaps', [
      // emqx/emqx#1493, processone/ejabberd#175
      'eheap_alloc: Cannot allocate 441485240 bytes of memory (of type "heap").',
      'Slogan: eheap_alloc: Cannot allocate 4454408120 bytes of memory (of type "old_heap").',
    ]],
  ])('%s', (_name, lines) => {
    const keys = lines.map(key);
    expect(keys[0]).not.toBeNull();
    for (const k of keys) expect(k).toBe(keys[0]);
  });

  it('keeps kinds of memory and runtimes apart', () => {
    const keys = [
      'java.lang.OutOfMemoryError: Java heap space',
      'java.lang.OutOfMemoryError: Metaspace',
      'java.lang.OutOfMemoryError: Direct buffer memory',
      'java.lang.OutOfMemoryError: unable to create new native thread',
      'io.netty.util.internal.OutOfDirectMemoryError: failed to allocate 16777216 byte(s) of direct memory (used: 251658240, max: 259522560)',
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
      'fatal error: runtime: out of memory',
      "System.OutOfMemoryException: Exception of type 'System.OutOfMemoryException' was thrown.",
      'NoMemoryError: failed to allocate memory',
    ].map(key);
    expect(keys.every((k) => k?.startsWith('out-of-memory\u0001'))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names no caller: the identity names the operation, with no context', () => {
    expect(errorIdentity(maskTokens('Unexpected exception in the selector loop. java.lang.OutOfMemoryError: Direct buffer memory').join(' ')))
      .toEqual({ key: 'out-of-memory\u0001jvm-direct-buffer', namesOperation: true, keysTraces: false, context: '' });
  });

  it('reads nothing from words that only mention memory', () => {
    for (const line of [
      'heap usage at 91%, above the alert threshold',
      'Memory limit of 512 MiB exceeded with 530 MiB used. Consider increasing the memory limit',
      "OOM command not allowed when used memory > 'maxmemory'.",
      'the cache is out of memory budget, evicting 3 entries',
      'allocation failure in pool "default"',
    ]) expect(memoryExhausted(maskTokens(line).join(' '))).toBeNull();
  });

  it('reads a long line in one pass', () => {
    expect(memoryExhausted(`${'OutOfMemoryError: '.repeat(10_000)}x`)).toBeNull();
    expect(memoryExhausted(`${'allocation failure '.repeat(10_000)}`)).toBeNull();
  });
});

describe('the heap running out at two places is one cluster', () => {
  const trace = (method: string): string => [
    'java.lang.OutOfMemoryError: Java heap space',
    '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)',
    `\tat com.acme.reports.ReportBuilder.${method}(ReportBuilder.java:88)`,
    '\tat com.acme.reports.ReportController.export(ReportController.java:41)',
  ].join('\n');
  const other = trace('addRow').replace('java.lang.OutOfMemoryError: Java heap space', 'java.lang.IllegalStateException: report closed');

  it('joins the places, and keeps another error at one of them apart', () => {
    const c = createClassifier();
    const handles = [trace('addRow'), trace('render'), other].map((text) => c.add(entry(text, { kind: 'stack' })));
    const ids = handles.map((h) => c.resolve(h).id);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});
