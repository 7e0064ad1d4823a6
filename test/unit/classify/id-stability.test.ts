// Ids must derive from content: the gardener has no database, and an id that moved would file a
// duplicate issue. Each property states one way the same problem can show up differently.
import fc from 'fast-check';
import { createClassifier } from '../../../src/classify/index.js';
import type { Entry } from '../../../src/shared/types.js';
import { goTrace, javaTrace, nodeTrace, pythonTrace } from './stack-fixtures.js';

/** Values a template generalises over: identifiers, never plain words (see the report on those). */
const ident = fc.stringMatching(/^[a-z]{1,6}[-_.][a-z0-9]{1,6}$/);
const num = fc.integer({ min: 0, max: 1_000_000 });

interface Variant {
  problem: string;
  entry: Entry;
}

const base = { severity: 'ERROR' as const, service: 'api', revision: 'api-1', time: 0 };
const text = (t: string): Omit<Entry, 'time'> & { time: number } => ({ ...base, kind: 'text', text: t });

/** One generator per problem; every value it draws is a variant of the same problem. */
const PROBLEMS: Record<string, fc.Arbitrary<Entry>> = {
  worker: fc.tuple(ident, num).map(([v, n]) => text(`worker ${v} stopped after ${n} retries`)),
  payment: fc.tuple(num, ident).map(([n, v]) => text(`payment ${n} declined by gateway ${v}.example.com`)),
  cache: fc.tuple(ident, num, ident).map(([k, n, r]) => text(`cache miss for key ${k}:${n} in region ${r}`)),
  session: ident.map((v) => text(`Session access failed (middleware not installed?): ${v}`)),
  structured: fc.tuple(num, ident).map(([n, v]) => ({ ...text(`field amount must be positive, got ${n} for ${v}`), errorType: 'ValidationError' })),
  python: num.map((n) => ({ ...base, kind: 'stack' as const, text: pythonTrace(n) })),
  node: fc.tuple(ident, fc.integer({ min: 1, max: 900 })).map(([v, l]) => ({ ...base, kind: 'stack' as const, text: nodeTrace(v, l) })),
  java: num.map((n) => ({ ...base, kind: 'stack' as const, text: javaTrace(n) })),
  go: fc.tuple(num, num).map(([i, g]) => ({ ...base, kind: 'stack' as const, text: goTrace(i, g) })),
  request: num.map((n) => ({
    ...base, kind: 'request' as const, text: `GET /threads/${n} 404`, request: { method: 'GET', path: `/threads/${n}`, status: 404 },
  })),
};
const NAMES = Object.keys(PROBLEMS);

const variantsOf = (problem: string, min = 1): fc.Arbitrary<Variant[]> =>
  fc.array((PROBLEMS[problem] as fc.Arbitrary<Entry>).map((entry) => ({ problem, entry })), { minLength: min, maxLength: 12 });

/** Several problems, several variants each, with times spread over a day. */
const workload = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: NAMES.length })
  .chain((names) => fc.tuple(...names.map((n) => variantsOf(n))))
  .map((lists) => lists.flat())
  .chain((vs) => fc.tuple(fc.constant(vs), fc.array(fc.integer({ min: 0, max: 86_400_000 }), { minLength: vs.length, maxLength: vs.length })))
  .map(([vs, times]) => vs.map((v, i) => ({ ...v, entry: { ...v.entry, time: times[i] as number } })));

/** Problem -> the one id all its entries got (fails the property if a problem got two). */
function idsByProblem(variants: readonly Variant[]): Map<string, string> {
  const c = createClassifier();
  const handles = variants.map((v) => c.add(v.entry));
  const out = new Map<string, string>();
  handles.forEach((h, i) => {
    const problem = (variants[i] as Variant).problem;
    const id = c.resolve(h).id;
    const seen = out.get(problem);
    if (seen !== undefined && seen !== id) throw new Error(`${problem} split into ${seen} and ${id}`);
    out.set(problem, id);
  });
  const distinct = new Set(out.values());
  if (distinct.size !== out.size) throw new Error('two problems share an id');
  return out;
}

describe('cluster id stability', () => {
  it('is the same whatever the order of arrival', () => {
    fc.assert(
      fc.property(
        workload.chain((vs) => fc.tuple(fc.constant(vs), fc.shuffledSubarray(vs, { minLength: vs.length, maxLength: vs.length }))),
        ([vs, shuffled]) => {
          expect(idsByProblem(shuffled)).toEqual(idsByProblem(vs));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is the same when a problem is split across two runs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES).chain((p) => fc.tuple(variantsOf(p), variantsOf(p))),
        ([first, second]) => {
          const a = idsByProblem(first);
          expect(idsByProblem(second)).toEqual(a);
          expect(idsByProblem([...first, ...second])).toEqual(a);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is the same when a problem is mixed with other problems', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES).chain((p) => fc.tuple(fc.constant(p), variantsOf(p), workload)),
        ([problem, alone, others]) => {
          const mixed = [...others.filter((o) => o.problem !== problem), ...alone];
          const shuffled = mixed.map((v, i) => ({ v, k: (i * 7919) % mixed.length })).sort((x, y) => x.k - y.k).map((x) => x.v);
          expect(idsByProblem(shuffled).get(problem)).toBe(idsByProblem(alone).get(problem));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is the same after the template generalises as new variants arrive', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES).chain((p) => variantsOf(p, 2)),
        (variants) => {
          const c = createClassifier();
          const first = c.add((variants[0] as Variant).entry);
          const before = c.resolve(first);
          for (const v of variants.slice(1)) c.add(v.entry);
          const after = c.resolve(first);
          expect(after.id).toBe(before.id);
          expect(c.clusters()).toHaveLength(1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('generalises the template itself (the id stays while the text changes)', () => {
    const c = createClassifier();
    const h = c.add(text('worker w-a stopped after 3 retries'));
    const before = c.resolve(h);
    c.add(text('worker q_7 stopped after 5 retries'));
    const after = c.resolve(h);
    expect(before.template).toBe('worker w-a stopped after <NUM> retry');
    expect(after.template).toBe('worker <*> stopped after <NUM> retry');
    expect(after.id).toBe(before.id);
  });
});
