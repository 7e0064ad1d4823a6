// Logs say the same things over and over: the same words, often the same whole message. A pure
// function of a text can remember its answers. Bounded by entries and by the characters held, and
// it simply starts over when full, so hostile input with endlessly distinct text costs no more
// memory than this and at most one extra Map look-up per call.

const everyMemo = new Set<{ clear(): void }>();

/** Forgets every remembered answer: benchmarks time the work itself, not a look-up. */
export function forgetTextMemos(): void {
  for (const memo of everyMemo) memo.clear();
}

export class TextMemo<V> {
  private readonly map = new Map<string, V>();
  private chars = 0;

  /**
   * @param maxEntries  answers kept before starting over
   * @param maxChars    characters of keys kept before starting over (a key longer than a tenth
   *                    of this is never kept: one huge message must not flush the rest)
   */
  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {
    everyMemo.add(this);
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    if (key.length * 10 > this.maxChars) return;
    if (this.map.size >= this.maxEntries || this.chars + key.length > this.maxChars) this.clear();
    this.map.set(key, value);
    this.chars += key.length;
  }

  clear(): void {
    this.map.clear();
    this.chars = 0;
  }
}
