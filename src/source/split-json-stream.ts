// Splits a byte stream into JSON texts without holding the file in memory: the elements of a
// top-level JSON array (gcloud logging read --format=json, pretty-printed over many lines), or one
// value per line (JSONL). An element larger than `maxBytes` is dropped and reported, not buffered.
//
// It works on bytes, not on decoded text: a line is found with a native search for the newline byte
// and decoded once, on its own, straight into the string JSON.parse reads (no decoded chunk, no
// buffer of text concatenated and sliced). Pieces come in batches, one per slice of a chunk read, so
// that the reader pays one asynchronous step per 64 KB rather than one per entry. UTF-8 never uses the bytes
// of `"`, `\`, brackets, braces, commas or newlines inside a multi-byte character, so scanning bytes
// finds the same boundaries as scanning characters.

/** `value`, when set, is JSON.parse(json), already done (see ArraySplitter's indented elements). */
export type Piece = { json: string; value?: unknown } | { skip: string };

const OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93;
const QUOTE = 34, BACKSLASH = 92, COMMA = 44, NEWLINE = 10, RETURN = 13, SPACE = 32, TAB = 9;
const BOM = [0xef, 0xbb, 0xbf];

const FEED_BYTES = 64 * 1024;

/** The bytes that matter inside an array element: quotes, brackets, braces, commas. */
const STRUCTURAL = new Uint8Array(256);
for (const byte of [QUOTE, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COMMA]) STRUCTURAL[byte] = 1;

export async function* splitJsonStream(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Piece[]> {
  const iterator = chunks[Symbol.asyncIterator]();
  // Find the first non-blank byte (after a byte order mark) to tell the two formats apart.
  let head: Buffer = Buffer.alloc(0);
  let start = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    head = head.length === 0 ? Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength) : Buffer.concat([head, next.value]);
    start = firstNonBlank(head);
    if (start < head.length && !startsLikeBom(head)) break;
  }
  const rest: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => iterator };
  const first = head.subarray(start);
  const array = first[0] === OPEN_BRACKET;
  const splitter = array ? new ArraySplitter(maxBytes) : new LineSplitter(maxBytes);
  // Fed a slice at a time (FEED_BYTES), so that a batch's texts (and an array's elements, which may
  // come parsed) are read while they are young, not kept for a whole chunk: what is alive at a
  // young-generation collection is copied by it.
  const batch: Piece[] = [];
  for (let at = 0; at < first.length; at += FEED_BYTES) {
    splitter.push(first.subarray(at, at + FEED_BYTES), batch);
    if (batch.length > 0) yield batch.splice(0);
  }
  for await (const chunk of rest) {
    for (let at = 0; at < chunk.length; at += FEED_BYTES) {
      splitter.push(chunk.subarray(at, at + FEED_BYTES), batch);
      if (batch.length > 0) yield batch.splice(0);
    }
  }
  splitter.end(batch);
  if (batch.length > 0) yield batch;
}

function firstNonBlank(bytes: Uint8Array): number {
  let i = bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? 3 : 0;
  while (i < bytes.length && isBlank(bytes[i]!)) i++;
  return i;
}

/** The first bytes of a byte order mark, whose rest is still to come. */
const startsLikeBom = (bytes: Uint8Array): boolean => bytes.length < BOM.length && bytes.every((b, i) => b === BOM[i]);

const isBlank = (byte: number): boolean => byte === SPACE || byte === NEWLINE || byte === RETURN || byte === TAB;

const decode = (bytes: Buffer, from: number, to: number): string => bytes.toString('utf8', from, to);

/** One JSON value per line; blank lines are passed over, a CR before the newline is left to JSON.parse. */
class LineSplitter {
  /** The start of a line whose end is in a later chunk (copied: the chunk itself is not kept). */
  private carry: Buffer[] = [];
  private carried = 0;
  /** Past maxBytes: the rest of the line is dropped, up to its newline. */
  private dropping = false;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Uint8Array, out: Piece[]): void {
    let from = 0;
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carried > 0 || this.dropping) {
      const at = buffer.indexOf(NEWLINE);
      if (at < 0) {
        this.hold(buffer, 0, out);
        return;
      }
      this.hold(buffer.subarray(0, at), 0, out);
      if (!this.dropping) this.emit(Buffer.concat(this.carry, this.carried), 0, this.carried, out);
      this.reset();
      from = at + 1;
    }
    for (;;) {
      const at = buffer.indexOf(NEWLINE, from);
      if (at < 0) break;
      this.emit(buffer, from, at, out);
      from = at + 1;
    }
    if (from < buffer.length) this.hold(buffer, from, out);
  }

  end(out: Piece[]): void {
    if (this.carried > 0 && !this.dropping) this.emit(Buffer.concat(this.carry, this.carried), 0, this.carried, out);
    this.reset();
  }

  private hold(buffer: Buffer, from: number, out: Piece[]): void {
    if (this.dropping) return;
    const size = buffer.length - from;
    if (this.carried + size > this.maxBytes) {
      out.push({ skip: 'entry too large' });
      this.dropping = true;
      this.carry = [];
      this.carried = 0;
      return;
    }
    this.carry.push(Buffer.from(buffer.subarray(from)));
    this.carried += size;
  }

  private reset(): void {
    this.carry = [];
    this.carried = 0;
    this.dropping = false;
  }

  private emit(buffer: Buffer, from: number, to: number, out: Piece[]): void {
    if (to - from > this.maxBytes) {
      out.push({ skip: 'entry too large' });
      return;
    }
    // Most lines start with their object's brace; anything else is checked for being blank.
    if (buffer[from] !== OPEN_BRACE) {
      let i = from;
      while (i < to && isBlank(buffer[i]!)) i++;
      if (i === to) return;
    }
    out.push({ json: decode(buffer, from, to) });
  }
}

/** `\n`, `indent` spaces and `}`: how an indented array element that opened a line closes. */
const CLOSINGS = Array.from({ length: 17 }, (_, indent) => Buffer.from(`\n${' '.repeat(indent)}}`));

/**
 * The elements of one top-level JSON array, however it is laid out over lines.
 *
 * An array as gcloud prints it is indented: an element that opens a line closes on the first line
 * holding only its closing brace at the same indent (a newline is never inside a string, and what
 * the element holds is indented deeper). Such an element is found with one native search instead of
 * a look at each of its bytes, and parsed on the spot: JSON.parse takes a text only when it is one
 * whole value, so a text that parses, from an opening brace to a closing one, ends exactly where the
 * byte scan would end it. Anything else (no such line in the chunk, a text that does not parse) goes
 * to the byte scan; an array laid out otherwise stops being searched after a few misses.
 */
class ArraySplitter {
  /** Whether indented elements are still looked for; a few misses in a row, or one that did not parse, end it. */
  private indented = true;
  private misses = 0;
  // State across chunks: inside the array, inside an element and how deeply nested, inside a string.
  private opened = false;
  private closed = false;
  private inElement = false;
  private nest = 0;
  private inString = false;
  private escaped = false;
  private parts: Buffer[] = [];
  private size = 0;
  private tooLarge = false;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Uint8Array, out: Piece[]): void {
    if (this.closed) return;
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const n = bytes.length;
    // The state lives in locals while the chunk is scanned (this loop sees every byte outside strings).
    let nest = this.nest;
    let start = this.inElement ? 0 : -1;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        i = this.skipString(bytes, i);
        continue;
      }
      if (!this.opened) {
        if (bytes[i] === OPEN_BRACKET) this.opened = true;
        i++;
        continue;
      }
      if (!this.inElement) {
        const c = bytes[i]!;
        if (c <= SPACE || c === COMMA) {
          i++;
          continue;
        }
        if (c === CLOSE_BRACKET) {
          this.closed = true;
          return;
        }
        if (c === OPEN_BRACE && this.indented) {
          const end = this.indentedElement(bytes, i, out);
          if (end > 0) {
            i = end;
            continue;
          }
        }
        this.inElement = true;
        nest = 0;
        start = i;
      }
      // Inside an element: pass over what cannot change the structure (whitespace, names' colons,
      // digits, literals) without looking at it twice.
      while (i < n && !STRUCTURAL[bytes[i]!]) i++;
      if (i === n) break;
      const c = bytes[i]!;
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) nest++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (nest === 0) {
          // The array's own closing bracket right after a scalar element.
          this.keep(bytes, start, i);
          out.push(this.finish());
          this.closed = true;
          this.nest = 0;
          return;
        }
        nest--;
        if (nest === 0) {
          this.keep(bytes, start, i + 1);
          out.push(this.finish());
          start = -1;
        }
      } else if (nest === 0) {
        // A comma between scalar elements.
        this.keep(bytes, start, i);
        out.push(this.finish());
        start = -1;
      }
      i++;
    }
    this.nest = nest;
    if (this.inElement && start >= 0) this.keep(bytes, start, n, true);
  }

  /**
   * An element opening at `from` on a line of its own indent, closed by a line of the same indent in
   * this chunk, parsed: pushed, and where to go on. 0 when it is not one (the byte scan takes it).
   */
  private indentedElement(bytes: Buffer, from: number, out: Piece[]): number {
    let lineStart = from;
    while (lineStart > 0 && bytes[lineStart - 1] === SPACE) lineStart--;
    const indent = from - lineStart;
    if (lineStart === 0 || bytes[lineStart - 1] !== NEWLINE || indent >= CLOSINGS.length) return 0;
    const close = bytes.indexOf(CLOSINGS[indent]!, from);
    const to = close < 0 ? -1 : close + indent + 2;
    if (close < 0 || to - from > this.maxBytes) {
      // No closing line in this chunk: once per chunk for the element it cuts, every time for an
      // array laid out otherwise.
      if (++this.misses > 2) this.indented = false;
      return 0;
    }
    const json = decode(bytes, from, to);
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      this.indented = false;
      return 0;
    }
    this.misses = 0;
    out.push({ json, value });
    return to;
  }

  end(out: Piece[]): void {
    if (this.closed) return;
    if (this.inElement) this.finish();
    out.push({ skip: 'truncated JSON array' });
  }

  /**
   * From inside a string literal to just past its closing quote (or the chunk's end): where to go on.
   * A plain loop: most strings are a few bytes long, shorter than a native search's call costs.
   */
  private skipString(bytes: Buffer, from: number): number {
    const n = bytes.length;
    let escaped = this.escaped;
    for (let i = from; i < n; i++) {
      const c = bytes[i];
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) {
        this.inString = false;
        this.escaped = false;
        return i + 1;
      }
    }
    this.escaped = escaped;
    return n;
  }

  private keep(bytes: Buffer, from: number, to: number, copy = false): void {
    this.size += to - from;
    if (this.size > this.maxBytes) this.tooLarge = true;
    if (!this.tooLarge) this.parts.push(copy ? Buffer.from(bytes.subarray(from, to)) : bytes.subarray(from, to));
  }

  private finish(): Piece {
    const whole = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    const piece: Piece = this.tooLarge ? { skip: 'entry too large' } : { json: decode(whole, 0, whole.length) };
    this.parts = [];
    this.size = 0;
    this.tooLarge = false;
    this.inElement = false;
    return piece;
  }
}
