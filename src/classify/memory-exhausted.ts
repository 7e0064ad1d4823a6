// A runtime that runs out of a kind of memory fails the allocation that happened to come next: the JVM
// throws `java.lang.OutOfMemoryError: Java heap space` from whatever `new` it was in, V8 aborts in
// whatever function asked for the last bytes, Go's runtime dies in `mallocgc`, the BEAM in `eheap_alloc`.
// The frames, and the line the error was caught and logged under (Netty's `An exceptionCaught() event
// was fired, and it reached at the tail of the pipeline`, a selector loop's `Unexpected exception`, a
// servlet container's report), say where the last allocation was, not what filled the memory; so they
// make no other problem of it (error-identity.ts, namesOperation, no context). Which memory ran out is
// the problem: the JVM's heap, its metaspace, direct buffers and native threads are each another limit,
// another fix.
//
// Each runtime's words, in every version's wording:
// - the JVM's `OutOfMemoryError` by its detail: `Java heap space`, `GC overhead limit exceeded`,
//   `Metaspace`, `PermGen space` (before Java 8, the same limit), `Compressed class space`, `Direct buffer
//   memory`, `Requested array size exceeds VM limit`, and a thread the OS would not start: `unable to
//   create new native thread` (to JDK 11), `unable to create native thread: possibly out of memory or
//   process/resource limits reached` (JDK 12 on);
// - Netty's own pool of direct memory: `OutOfDirectMemoryError: failed to allocate … of direct memory`;
// - V8: `FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory`, `… Ineffective
//   mark-compacts near heap limit …`, `CALL_AND_RETRY_LAST Allocation failed …` (older), and the last
//   garbage collections it prints above that (`… allocation failure; scavenge might not succeed`);
// - Go: `fatal error: runtime: out of memory`, on Windows `runtime: VirtualAlloc of … failed … fatal
//   error: out of memory`;
// - the BEAM: `eheap_alloc: Cannot allocate … bytes of memory (of type "heap")` (`old_heap` too);
// - .NET: `System.OutOfMemoryException`; Ruby: `NoMemoryError: failed to allocate memory`.
// Read from the message part of a template (masked values); every pattern linear.

const LIMITS: ReadonlyArray<readonly [key: string, pattern: RegExp]> = [
  ['jvm-heap', /OutOfMemoryError: (?:Java heap space|GC overhead limit exceeded)\b/],
  ['jvm-metaspace', /OutOfMemoryError: (?:Metaspace|PermGen space|Compressed class space)\b/],
  ['jvm-direct-buffer', /OutOfMemoryError: Direct buffer memory\b/],
  ['jvm-native-thread', /OutOfMemoryError: unable to create (?:new )?native thread\b/],
  ['jvm-array-size', /OutOfMemoryError: Requested array size exceeds VM limit\b/],
  ['netty-direct-memory', /\bOutOfDirectMemoryError: failed to allocate\b/],
  ['v8-heap', /\bAllocation failed - (?:JavaScript heap out of memory|process out of memory)\b|\ballocation failure;? (?:scavenge might not succeed|GC in old space requested)\b/],
  ['go-runtime', /(?:^|\s)fatal error: (?:runtime: )?out of memory\b/],
  ['beam-heap', /\beheap_alloc: Cannot allocate\b/],
  ['dotnet', /\bSystem\.OutOfMemoryException\b/],
  ['ruby', /\bNoMemoryError: failed to allocate memory\b/],
];

/** Characters of a message looked at: the error opens it, or follows a logger's or a wrapper's line. */
const HEAD_CHARS = 2000;

/** The memory a message reports a runtime ran out of, as a key; null when it reports none. */
export function memoryExhausted(head: string): string | null {
  const text = head.length > HEAD_CHARS ? head.slice(0, HEAD_CHARS) : head;
  for (const [key, pattern] of LIMITS) if (pattern.test(text)) return `out-of-memory\u0001${key}`;
  return null;
}
