import { splitJsonStream, type Piece } from '../../../src/source/split-json-stream.js';

async function split(chunks: string[], maxBytes = 1_000_000): Promise<Piece[]> {
  async function* gen() {
    yield* chunks;
  }
  const out: Piece[] = [];
  for await (const piece of splitJsonStream(gen(), maxBytes)) out.push(piece);
  return out;
}

// Every input is also fed one character per chunk: splits must not depend on chunk boundaries.
const charwise = (text: string) => [...text];

describe('splitJsonStream', () => {
  const cases: Array<{ name: string; input: string; expected: Piece[] }> = [
    { name: 'JSONL', input: '{"a":1}\n{"b":2}\n', expected: [{ json: '{"a":1}' }, { json: '{"b":2}' }] },
    { name: 'JSONL without final newline, blank and CRLF lines', input: '{"a":1}\r\n\n  \n{"b":2}', expected: [{ json: '{"a":1}\r' }, { json: '{"b":2}' }] },
    { name: 'malformed line kept as text for the parser to reject', input: '{"a":\n{"b":2}\n', expected: [{ json: '{"a":' }, { json: '{"b":2}' }] },
    {
      name: 'pretty-printed gcloud array',
      input: '[\n  {\n    "textPayload": "x ] } {",\n    "n": [1, 2]\n  },\n  {\n    "b": "\\"quoted\\" ]"\n  }\n]\n',
      expected: [{ json: '{\n    "textPayload": "x ] } {",\n    "n": [1, 2]\n  }' }, { json: '{\n    "b": "\\"quoted\\" ]"\n  }' }],
    },
    { name: 'empty array', input: '[]', expected: [] },
    { name: 'scalars in an array are separate elements', input: '[1, "x", {"a":1}]', expected: [{ json: '1' }, { json: '"x"' }, { json: '{"a":1}' }] },
    { name: 'truncated array', input: '[{"a":1}, {"b":', expected: [{ json: '{"a":1}' }, { skip: 'truncated JSON array' }] },
    { name: 'leading whitespace before the array', input: '\n\n  [{"a":1}]', expected: [{ json: '{"a":1}' }] },
  ];

  it.each(cases)('$name', async ({ input, expected }) => {
    expect(await split([input])).toEqual(expected);
    expect(await split(charwise(input))).toEqual(expected);
  });

  it('drops an oversize JSONL line and keeps the next ones', async () => {
    const big = `{"m":"${'x'.repeat(5000)}"}`;
    expect(await split([big.slice(0, 3000), big.slice(3000) + '\n{"a":1}\n'], 1000)).toEqual([{ skip: 'entry too large' }, { json: '{"a":1}' }]);
  });

  it('drops an oversize array element and keeps the next ones', async () => {
    const input = `[{"m":"${'x'.repeat(5000)}"},{"a":1}]`;
    expect(await split([input], 1000)).toEqual([{ skip: 'entry too large' }, { json: '{"a":1}' }]);
  });
});
