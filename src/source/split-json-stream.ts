// Splits a text stream into JSON texts without holding the file in memory: the elements of a
// top-level JSON array (gcloud logging read --format=json, pretty-printed over many lines), or one
// value per line (JSONL). An element larger than `maxBytes` is dropped and reported, not buffered.

export type Piece = { json: string } | { skip: string };

const OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93;
const QUOTE = 34, BACKSLASH = 92, COMMA = 44;

export async function* splitJsonStream(chunks: AsyncIterable<string>, maxBytes: number): AsyncGenerator<Piece> {
  const iterator = chunks[Symbol.asyncIterator]();
  // Find the first non-blank character to tell the two formats apart.
  let head = '';
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    head += next.value;
    if (head.trimStart().length > 0) break;
  }
  const rest: AsyncIterable<string> = { [Symbol.asyncIterator]: () => iterator };
  if (head.trimStart().startsWith('[')) yield* splitArray(head, rest, maxBytes);
  else yield* splitLines(head, rest, maxBytes);
}

async function* splitLines(head: string, rest: AsyncIterable<string>, maxBytes: number): AsyncGenerator<Piece> {
  let buffer = head;
  let dropping = false;
  const flush = function* (final: boolean): Generator<Piece> {
    let from = 0;
    for (;;) {
      const at = buffer.indexOf('\n', from);
      if (at < 0) break;
      const line = buffer.slice(from, at);
      from = at + 1;
      if (dropping) {
        dropping = false;
        continue;
      }
      if (line.trim()) yield { json: line };
    }
    buffer = buffer.slice(from);
    if (final && buffer.trim() && !dropping) yield { json: buffer };
    else if (!final && buffer.length > maxBytes) {
      if (!dropping) yield { skip: 'entry too large' };
      dropping = true;
      buffer = '';
    }
  };
  yield* flush(false);
  for await (const chunk of rest) {
    buffer += chunk;
    yield* flush(false);
  }
  yield* flush(true);
}

async function* splitArray(head: string, rest: AsyncIterable<string>, maxBytes: number): AsyncGenerator<Piece> {
  // State across chunks: are we inside an element, how deeply nested, inside a string literal.
  let inElement = false, nest = 0, inString = false, escaped = false, opened = false, closed = false;
  let parts: string[] = [];
  let size = 0, tooLarge = false;

  const keep = (part: string): void => {
    size += part.length;
    if (size > maxBytes) tooLarge = true;
    if (!tooLarge) parts.push(part);
  };
  const finish = (): Piece => {
    const piece: Piece = tooLarge ? { skip: 'entry too large' } : { json: parts.join('') };
    parts = [];
    size = 0;
    tooLarge = false;
    inElement = false;
    return piece;
  };

  function* scan(text: string): Generator<Piece> {
    let start = inElement ? 0 : -1;
    for (let i = 0; i < text.length && !closed; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (!opened) {
        if (c === OPEN_BRACKET) opened = true;
        continue;
      }
      if (!inElement) {
        if (c <= 32 || c === COMMA) continue;
        if (c === CLOSE_BRACKET) {
          closed = true;
          continue;
        }
        inElement = true;
        nest = 0;
        start = i;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) nest++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (nest === 0) {
          // The array's own closing bracket right after a scalar element.
          keep(text.slice(start, i));
          yield finish();
          closed = true;
          continue;
        }
        nest--;
        if (nest === 0) {
          keep(text.slice(start, i + 1));
          yield finish();
          start = -1;
        }
      } else if (c === COMMA && nest === 0) {
        keep(text.slice(start, i));
        yield finish();
        start = -1;
      }
    }
    if (inElement && start >= 0) keep(text.slice(start));
  }

  yield* scan(head);
  for await (const chunk of rest) {
    if (closed) break;
    yield* scan(chunk);
  }
  if (!closed) {
    if (inElement) finish();
    yield { skip: 'truncated JSON array' };
  }
}
