// One problem per runtime: the same words logged by two runtimes in one service are two problems, and
// a part's id derives from its group's id and its runtime alone, never from which runtime logged most.
import { createClassifier, runtimePartId } from '../../../src/classify/index.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';
import type { Entry } from '../../../src/shared/types.js';

const T0 = Date.parse('2026-03-10T10:00:00Z');

function read(text: string, at = 0): Entry {
  const entry = normalizeEntry({
    timestamp: new Date(T0 + at * 1000).toISOString(),
    severity: 'ERROR',
    textPayload: text,
    resource: { type: 'cloud_run_revision', labels: { service_name: 'accounts', revision_name: 'accounts-00001-abc' } },
  });
  if ('skip' in entry) throw new Error(`skipped: ${entry.skip}`);
  return entry;
}

const PYTHON = (n: number) => `psycopg2.errors.UniqueViolation: duplicate key value violates unique constraint "users_email_key" DETAIL: Key (email)=(u${n}@example.com) already exists.`;
const NODE = (n: number) => `error: duplicate key value violates unique constraint "users_email_key" DETAIL: Key (email)=(u${n}@example.com) already exists.\n    at Parser.parseErrorMessage (/app/node_modules/pg-protocol/dist/parser.js:287:98)\n    at Socket.<anonymous> (/app/node_modules/pg/lib/connection.js:117:12)`;
const BARE = (n: number) => `duplicate key value violates unique constraint "users_email_key" DETAIL: Key (email)=(u${n}@example.com) already exists.`;

/** id -> count, and each text's id. */
function classify(texts: readonly string[]) {
  const c = createClassifier();
  const handles = texts.map((t, i) => c.add(read(t, i)));
  const ids = handles.map((h) => c.resolve(h).id);
  return { c, ids, counts: new Map(c.clusters().map((k) => [k.id, k.count])) };
}

const times = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i));

describe('a group cut by runtime', () => {
  it("keeps two runtimes' texts of one server error apart", () => {
    const { ids } = classify([...times(3, PYTHON), ...times(3, NODE)]);
    expect(new Set(ids.slice(0, 3)).size).toBe(1);
    expect(new Set(ids.slice(3)).size).toBe(1);
    expect(ids[0]).not.toBe(ids[3]);
  });

  it('gives each part the same id whichever runtime logged most', () => {
    const pythonMost = classify([...times(5, PYTHON), ...times(1, NODE)]);
    const nodeMost = classify([...times(1, PYTHON), ...times(5, NODE)]);
    expect(nodeMost.ids[0]).toBe(pythonMost.ids[0]);
    expect(nodeMost.ids[5]).toBe(pythonMost.ids[5]);
  });

  it('keeps the id of a group of one runtime, which no part of a cut group takes', () => {
    // Bare texts are the one runtime's: one problem, under the id the group always had.
    const pythonAlone = classify([...times(2, PYTHON), ...times(2, BARE)]);
    expect(pythonAlone.ids[3]).toBe(pythonAlone.ids[0]);
    expect(pythonAlone.counts.get(pythonAlone.ids[0] as string)).toBe(4);
    // An issue filed under it never receives another runtime's messages by id, whichever logged most.
    for (const mixed of [classify([...times(5, PYTHON), ...times(1, NODE)]), classify([...times(1, PYTHON), ...times(5, NODE)])]) {
      expect(mixed.ids).not.toContain(pythonAlone.ids[0]);
    }
  });

  it("names the runtime in a part's id: one runtime's messages never take another's", () => {
    const python = classify(times(3, PYTHON));
    const node = classify(times(3, NODE));
    expect(python.ids[0]).not.toBe(node.ids[0]);
  });

  it('keeps texts naming no runtime apart when two runtimes share the group, under an id of their own', () => {
    const { ids } = classify([...times(2, PYTHON), ...times(2, NODE), ...times(2, BARE)]);
    const { ids: flipped } = classify([...times(1, PYTHON), ...times(4, NODE), ...times(3, BARE)]);
    expect(ids[5]).toBe(ids[4]);
    expect(new Set([ids[0], ids[2], ids[4]]).size).toBe(3);
    expect([flipped[0], flipped[1], flipped[5]]).toEqual([ids[0], ids[2], ids[4]]);
    // Not the id one runtime's problem had alone: an issue filed for it never receives the bare texts by id.
    const { ids: before } = classify(times(3, BARE).map((t, i) => (i < 2 ? PYTHON(i) : t)));
    expect(ids[4]).not.toBe(before[0]);
  });

  it('keeps the id of a group whose texts name no runtime, whatever else is in the window', () => {
    const { ids } = classify(times(3, BARE));
    const { ids: withOthers } = classify([...times(3, BARE), 'Memory limit of 512 MiB exceeded with 530 MiB used.', ...times(2, (i) => `dial tcp 10.0.0.${i}:6379: connect: connection refused`)]);
    expect(withOthers[0]).toBe(ids[0]);
  });

  it("locates a sample in its runtime's part", () => {
    const { c, ids } = classify([...times(2, PYTHON), ...times(2, NODE)]);
    expect(c.locate(read(PYTHON(9)))).toBe(ids[0]);
    expect(c.locate(read(NODE(9)))).toBe(ids[2]);
  });
});
