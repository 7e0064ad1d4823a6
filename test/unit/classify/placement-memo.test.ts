// The classifier's memo (Classifier.add's third argument): what it derives from a message's text is
// kept on an object the caller hands back with every entry of that message. The clusters, ids,
// templates and handles are the same with it as without it, also when one memo object comes with
// entries that differ in what a placement depends on besides the text (service, kind, error type,
// severity, piece, request): it is then derived again, never reused.
import { readFileSync } from 'node:fs';
import { createClassifier } from '../../../src/classify/index.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';
import { isPieceEntry, reassembleAll } from '../../../src/source/reassemble.js';

function entriesOf(path: string): Entry[] {
  const raws = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as RawEntry);
  return reassembleAll(raws).flatMap(({ raw, piece }) => {
    const entry = normalizeEntry(raw);
    if ('skip' in entry) return [];
    if (piece || isPieceEntry(raw)) entry.piece = true;
    return [entry];
  });
}

function classify(entries: Entry[], memoOf?: (entry: Entry, i: number) => object) {
  const c = createClassifier();
  const handles = entries.map((e, i) => c.add(e, undefined, memoOf?.(e, i)));
  return { clusters: c.clusters(), resolved: handles.map((h) => c.resolve(h)) };
}

const T0 = Date.UTC(2025, 8, 11, 10, 0, 0);
const at = (text: string, over: Partial<Entry> = {}): Entry => ({ time: T0, severity: 'ERROR', service: 'api', revision: 'api-1', kind: 'text', text, ...over });

describe('the classifier memo', () => {
  it.each(['examples/cloud-run-backend-day.jsonl', 'test/fixtures/logs/multi-service.jsonl'])('%s: the same clusters with a memo per text', (file) => {
    const entries = entriesOf(file);
    const memos = new Map<string, object>();
    const memoOf = (e: Entry) => {
      let memo = memos.get(e.text);
      if (memo === undefined) memos.set(e.text, (memo = {}));
      return memo;
    };
    expect(memos.size).toBe(0);
    const withMemo = classify(entries, memoOf);
    expect(memos.size).toBeLessThan(entries.length);
    expect(withMemo).toEqual(classify(entries));
  });

  it('derives again when an entry of the same text differs in what its placement depends on', () => {
    const trace = 'Traceback (most recent call last):\n  File "/app/pay.py", line 9, in charge\nValueError: card 4242 declined';
    const entries: Entry[] = [
      at('payment 17 declined by gateway'),
      at('payment 17 declined by gateway', { service: 'shop' }),
      at('payment 17 declined by gateway', { errorType: 'CardError' }),
      at('payment 17 declined by gateway', { severity: 'INFO' }),
      at('payment 17 declined by gateway', { severity: 'DEFAULT' }),
      at('payment 17 declined by gateway', { piece: true }),
      at('payment 17 declined by gateway', { kind: 'stack' }),
      at('GET /api/users/17 503', { kind: 'request', request: { method: 'GET', path: '/api/users/17', status: 503 } }),
      at('GET /api/users/17 503', { kind: 'request', request: { method: 'GET', path: '/api/orders/17', status: 503 } }),
      at(trace, { kind: 'stack' }),
      at(trace, { kind: 'stack', service: 'shop' }),
      at(trace, { kind: 'stack', piece: true }),
      at(trace, { kind: 'text' }),
    ];
    // One memo object for every entry, whatever its text: only the fields compared may reuse it.
    const one = {};
    for (const order of [entries, [...entries].reverse()]) {
      const sameText = order.filter((e) => e.text === order[0]!.text);
      expect(classify(sameText, () => one)).toEqual(classify(sameText));
    }
    const byText = new Map<string, object>();
    const memoOf = (e: Entry) => byText.get(e.text) ?? byText.set(e.text, {}).get(e.text)!;
    expect(classify(entries, memoOf)).toEqual(classify(entries));
    expect(classify([...entries].reverse(), memoOf)).toEqual(classify([...entries].reverse()));
  });
});
