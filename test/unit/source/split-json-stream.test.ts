import fc from 'fast-check';
import { splitJsonStream, type Piece } from '../../../src/source/split-json-stream.js';

async function split(chunks: Array<string | Buffer>, maxBytes = 1_000_000): Promise<Piece[]> {
  async function* gen() {
    for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  }
  const out: Piece[] = [];
  for await (const batch of splitJsonStream(gen(), maxBytes)) out.push(...batch);
  // A piece parsed on the way (an indented array element) holds what JSON.parse makes of its text.
  return out.map((piece) => {
    if (!('value' in piece)) return piece;
    expect(piece.value).toEqual(JSON.parse(piece.json));
    return { json: piece.json };
  });
}

async function parsedOnTheWay(text: string): Promise<number> {
  let parsed = 0;
  async function* gen() {
    yield Buffer.from(text);
  }
  for await (const batch of splitJsonStream(gen(), 1_000_000)) for (const piece of batch) if ('value' in piece) parsed++;
  return parsed;
}

// Every input is also fed one byte per chunk (splitting multi-byte characters) and in chunks of a
// few bytes: splits must not depend on chunk boundaries.
const bytewise = (text: string) => [...Buffer.from(text)].map((b) => Buffer.from([b]));
const cutEvery = (text: string, n: number) => {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += n) out.push(bytes.subarray(i, i + n));
  return out;
};

describe('splitJsonStream', () => {
  const cases: Array<{ name: string; input: string; expected: Piece[] }> = [
    { name: 'JSONL', input: '{"a":1}\n{"b":2}\n', expected: [{ json: '{"a":1}' }, { json: '{"b":2}' }] },
    { name: 'JSONL without final newline, blank and CRLF lines', input: '{"a":1}\r\n\n  \n{"b":2}', expected: [{ json: '{"a":1}\r' }, { json: '{"b":2}' }] },
    { name: 'CRLF throughout, blank CRLF lines', input: '{"a":1}\r\n\r\n{"b":2}\r\n', expected: [{ json: '{"a":1}\r' }, { json: '{"b":2}\r' }] },
    { name: 'blank lines and whitespace before the first entry', input: '\n\n \t\n{"a":1}\n\n\n', expected: [{ json: '{"a":1}' }] },
    { name: 'a byte order mark before JSONL', input: '\ufeff{"a":1}\n{"b":2}\n', expected: [{ json: '{"a":1}' }, { json: '{"b":2}' }] },
    { name: 'a byte order mark before an array', input: '\ufeff[{"a":1}]', expected: [{ json: '{"a":1}' }] },
    { name: 'multi-byte characters kept whole', input: '{"m":"é ✓ 😀 ]}\\""}\n{"n":"中文"}\n', expected: [{ json: '{"m":"é ✓ 😀 ]}\\""}' }, { json: '{"n":"中文"}' }] },
    { name: 'malformed line kept as text for the parser to reject', input: '{"a":\n{"b":2}\n', expected: [{ json: '{"a":' }, { json: '{"b":2}' }] },
    { name: 'a line that does not start with a brace', input: '{"a":0}\n  {"a":1}\n[1]\nnot json\n', expected: [{ json: '{"a":0}' }, { json: '  {"a":1}' }, { json: '[1]' }, { json: 'not json' }] },
    {
      name: 'pretty-printed gcloud array',
      input: '[\n  {\n    "textPayload": "x ] } {",\n    "n": [1, 2]\n  },\n  {\n    "b": "\\"quoted\\" ]"\n  }\n]\n',
      expected: [{ json: '{\n    "textPayload": "x ] } {",\n    "n": [1, 2]\n  }' }, { json: '{\n    "b": "\\"quoted\\" ]"\n  }' }],
    },
    {
      name: 'an indented array whose nested object closes at the element\'s indent',
      input: '[\n  {\n    "a": {\n  },\n    "b": 1\n  },\n  {\n    "c": 2\n  }\n]',
      expected: [{ json: '{\n    "a": {\n  },\n    "b": 1\n  }' }, { json: '{\n    "c": 2\n  }' }],
    },
    {
      name: 'one element per line after an indented start',
      input: '[\n  {"a": 1},\n  {"b": "\\n  }"},\n  {"c": 3}\n]',
      expected: [{ json: '{"a": 1}' }, { json: '{"b": "\\n  }"}' }, { json: '{"c": 3}' }],
    },
    {
      name: 'an indented element then a malformed one',
      input: '[\n  {\n    "a": 1\n  },\n  {\n    "b": \n  },\n  {\n    "c": 3\n  }\n]',
      expected: [{ json: '{\n    "a": 1\n  }' }, { json: '{\n    "b": \n  }' }, { json: '{\n    "c": 3\n  }' }],
    },
    {
      name: 'CRLF and a deeper indent',
      input: '[\r\n    {\r\n      "a": [1, {"x": "}"}]\r\n    },\r\n    {\r\n      "b": 2\r\n    }\r\n]',
      expected: [{ json: '{\r\n      "a": [1, {"x": "}"}]\r\n    }' }, { json: '{\r\n      "b": 2\r\n    }' }],
    },
    { name: 'escaped backslashes before a closing quote', input: '[{"a":"x\\\\"},{"b":"\\\\\\""}]', expected: [{ json: '{"a":"x\\\\"}' }, { json: '{"b":"\\\\\\""}' }] },
    { name: 'empty array', input: '[]', expected: [] },
    { name: 'empty input', input: '', expected: [] },
    { name: 'blank input', input: ' \n\r\n', expected: [] },
    { name: 'scalars in an array are separate elements', input: '[1, "x", {"a":1}]', expected: [{ json: '1' }, { json: '"x"' }, { json: '{"a":1}' }] },
    { name: 'truncated array', input: '[{"a":1}, {"b":', expected: [{ json: '{"a":1}' }, { skip: 'truncated JSON array' }] },
    { name: 'leading whitespace before the array', input: '\n\n  [{"a":1}]', expected: [{ json: '{"a":1}' }] },
    { name: 'what follows the array is not read', input: '[{"a":1}]\n{"b":2}\n', expected: [{ json: '{"a":1}' }] },
  ];

  it.each(cases)('$name', async ({ input, expected }) => {
    expect(await split([input])).toEqual(expected);
    expect(await split(bytewise(input))).toEqual(expected);
    expect(await split(cutEvery(input, 3))).toEqual(expected);
  });

  it('parses the elements of an indented array on the way, and no JSONL line', async () => {
    const values = [{ a: 1, b: { c: [1, 2, { d: '}' }] } }, { e: 'x\n  }' }, { f: null }];
    expect(await parsedOnTheWay(JSON.stringify(values, null, 2))).toBe(3);
    expect(await parsedOnTheWay(values.map((v) => JSON.stringify(v)).join('\n'))).toBe(0);
  });

  it('drops an oversize JSONL line and keeps the next ones', async () => {
    const big = `{"m":"${'x'.repeat(5000)}"}`;
    expect(await split([big.slice(0, 3000), big.slice(3000) + '\n{"a":1}\n'], 1000)).toEqual([{ skip: 'entry too large' }, { json: '{"a":1}' }]);
    expect(await split([big + '\n{"a":1}\n'], 1000)).toEqual([{ skip: 'entry too large' }, { json: '{"a":1}' }]);
    expect(await split(cutEvery(`{"a":0}\n${big}\n{"a":1}`, 7), 1000)).toEqual([{ json: '{"a":0}' }, { skip: 'entry too large' }, { json: '{"a":1}' }]);
  });

  it('keeps a huge line under the limit whole, across many chunks', async () => {
    const huge = `{"m":"${'é'.repeat(300_000)}"}`;
    const pieces = await split(cutEvery(`${huge}\n{"a":1}\n`, 65_536), 4 * 1024 * 1024);
    expect(pieces).toEqual([{ json: huge }, { json: '{"a":1}' }]);
  });

  it('drops an oversize array element and keeps the next ones', async () => {
    const input = `[{"m":"${'x'.repeat(5000)}"},{"a":1}]`;
    expect(await split([input], 1000)).toEqual([{ skip: 'entry too large' }, { json: '{"a":1}' }]);
    expect(await split(cutEvery(input, 100), 1000)).toEqual([{ skip: 'entry too large' }, { json: '{"a":1}' }]);
  });

  // Any list of LogEntry-like values, written as JSONL or as gcloud's indented array, in any chunking,
  // comes back as exactly those values.
  const value = fc.dictionary(
    fc.string({ unit: fc.constantFrom('a', 'b', '"', '\\', '{', '}', '[', ']', ',', ' ', 'é', '😀', '\n', '\r') , maxLength: 12 }),
    fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 })),
    { maxKeys: 5 },
  );
  it('reads back what was written, whatever the chunking (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(value, { maxLength: 8 }), fc.integer({ min: 1, max: 40 }), async (values, cut) => {
      const jsonl = values.map((v) => JSON.stringify(v)).join('\n') + '\n';
      const array = JSON.stringify(values, null, 2);
      for (const text of [jsonl, array]) {
        const pieces = await split(cutEvery(text, cut));
        expect(pieces.map((p) => ('json' in p ? JSON.parse(p.json) : p))).toEqual(values);
      }
    }), { numRuns: 300 });
  });
});
