// Logs say the same things over and over: the same words, often the same whole message. A pure
// function of a text can remember its answers. Bounded by entries and by the characters held, in two
// generations: when the newer one is full it becomes the older one and the one before is dropped, and
// an answer found in the older one moves back to the newer. What keeps repeating (the same failure
// every few seconds) so survives a stream of one-off texts (each with its own request id), which a
// memo that simply started over would forget with them. Hostile input with endlessly distinct text
// costs no more memory than two generations and at most two Map look-ups per call.
//
// Most long texts are seen once (a message with its own id); remembering one costs a copy of it, a
// second hash of the copy and a slot that pushes out an answer that repeats. A long text is only
// remembered the second time it is seen: the first time only a fingerprint of it is noted (its length
// and some of its characters, a small integer). Two texts that share a fingerprint are at worst both
// remembered, as they all were before; a text seen again always finds its fingerprint, unless the
// fingerprints were forgotten in between (bounded like the answers), when it waits one more sighting.
// Answers are what they would be without the memo, so what it keeps changes the time, never a result.

const everyMemo = new Set<{ clear(): void }>();

/** Forgets every remembered answer: benchmarks time the work itself, not a look-up. */
export function forgetTextMemos(): void {
  for (const memo of everyMemo) memo.clear();
}

/** Texts shorter than this are remembered the first time: they cost little to copy and hash. */
const ADMIT_AT_ONCE_BELOW = 48;

/**
 * The length and up to 136 characters of a text (one in every n/128, and the last eight, where
 * ids and counts often sit) as a small integer: the same for the same text, different for most texts
 * that differ in an id, a count or a time.
 */
export function fingerprint(text: string): number {
  const n = text.length;
  let h = n;
  const step = (n >> 7) + 1;
  for (let at = 0; at < n; at += step) h = Math.imul(h ^ text.charCodeAt(at), 0x01000193);
  for (let at = Math.max(0, n - 8); at < n; at++) h = Math.imul(h ^ text.charCodeAt(at), 0x01000193);
  return h & 0x3fffffff;
}

export class TextMemo<V> {
  private current = new Map<string, V>();
  private older = new Map<string, V>();
  private chars = 0;
  /** Fingerprints of the long texts seen once and not remembered yet. */
  private sighted = new Set<number>();

  /**
   * @param maxEntries  answers kept per generation
   * @param maxChars    characters of keys kept per generation (a key longer than a tenth of this is
   *                    never kept: one huge message must not flush the rest)
   */
  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {
    everyMemo.add(this);
  }

  get(key: string): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined || this.older.size === 0) return value;
    const old = this.older.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, value: V): void {
    if (key.length * 10 > this.maxChars) return;
    if (key.length >= ADMIT_AT_ONCE_BELOW) {
      const seen = fingerprint(key);
      if (!this.sighted.has(seen)) {
        if (this.sighted.size >= 4 * this.maxEntries) this.sighted.clear();
        this.sighted.add(seen);
        return;
      }
    }
    key = detached(key);
    if (this.current.size >= this.maxEntries || this.chars + key.length > this.maxChars) {
      this.older = this.current;
      this.current = new Map();
      this.chars = 0;
    }
    this.current.set(key, value);
    this.chars += key.length;
  }

  clear(): void {
    this.current.clear();
    this.older.clear();
    this.sighted.clear();
    this.chars = 0;
  }
}

/**
 * A copy of `text` that holds on to nothing else. A string cut from a longer one (a line of a
 * trace, a token of a message) may keep the whole of the longer one in memory for as long as it
 * is kept; a memo keeps its keys for a long time. Joined to a character and cut again, it is
 * copied out on its own.
 */
export function detached(text: string): string {
  return (' ' + text).slice(1);
}
