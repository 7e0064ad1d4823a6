// A record that is only pieces of a trace goes, entry by entry, with the error its instance wrote
// beside it (classify/piece-owners.ts, through the companion ledger), never a problem of its own.
import { describe, expect, it } from '@jest/globals';
import { PIECE_MS } from '../../../src/classify/piece-owners.js';
import { CompanionLedger } from '../../../src/classify/companions.js';
import type { Entry } from '../../../src/shared/types.js';
import { Groups as SharedGroups } from './companion-groups.js';

const T0 = Date.parse('2026-12-08T10:00:00Z');

// Hyperf's skeleton handler: `error(sprintf('%s[%s] in %s', msg, line, file))`, then `error(getTraceAsString())`.
const GONE_AWAY = 'SQLSTATE[HY000]: General error: 2006 MySQL server has gone away[1095] in /opt/www/vendor/hyperf/database/src/Connection.php';
const TAX_TIMEOUT = 'cURL error 28: Operation timed out after 5004 milliseconds with 0 bytes received[210] in /opt/www/vendor/guzzlehttp/guzzle/src/Handler/CurlFactory.php';
// The group the classifier made of the trace strings: keyed on the top frame, which both errors pass through.
const TRACE = '#0 /opt/www/vendor/hyperf/database/src/Connection.php(1060): Hyperf\\Database\\Connection->runQueryCallback(…)';
const OTHER_TRACE = 'java.lang.IllegalStateException: pool closed\n\tat com.acme.Pool.get(Pool.java:12)';
const ACCESS = 'GET /orders/1 500';

/** A classifier stand-in (companion-groups.ts) that knows the trace strings' group for a group of pieces. */
class Groups extends SharedGroups {
  constructor() {
    super(T0, { service: 'api-hyperf', revision: 'api-hyperf-00012-abc', method: 'GET', path: '/orders/1' });
    this.pieces.add(TRACE);
  }

  sizes(): Array<[string, number]> {
    return this.clusters().map((c) => [c.id, c.count]);
  }
}

describe('pieces of a trace', () => {
  it("go with the message their instance logged just before them, and their group is no problem of its own", () => {
    const g = new Groups();
    const written = Array.from({ length: 5 }, (_, i) => [g.add(GONE_AWAY, i * 60_000), g.add(TRACE, i * 60_000 + 2)]);
    for (const [, trace] of written) expect(g.placed(trace!)).toBe(GONE_AWAY);
    expect(g.sizes()).toEqual([[GONE_AWAY, 10]]);
    expect(g.ledger.absorbed(g)).toEqual(new Map([[TRACE, GONE_AWAY]]));
  });

  it('of one frame group go each with its own error: the group of two errors is split between them', () => {
    const g = new Groups();
    const a = g.add(GONE_AWAY, 0);
    const pa = g.add(TRACE, 1);
    const b = g.add(TAX_TIMEOUT, 30_000);
    const pb = g.add(TRACE, 30_003);
    expect([g.placed(pa), g.placed(pb)]).toEqual([g.placed(a), g.placed(b)]);
    expect(g.sizes()).toEqual([[GONE_AWAY, 2], [TAX_TIMEOUT, 2]]);
    expect(g.ledger.absorbed(g).size).toBe(0);
  });

  it('go with the error of their own instance, not with one another instance wrote nearer', () => {
    const g = new Groups();
    g.add(GONE_AWAY, 0, { writer: 'instance-1' });
    g.add(TAX_TIMEOUT, 1, { writer: 'instance-2' });
    const piece = g.add(TRACE, 2, { writer: 'instance-2' });
    expect(g.placed(piece)).toBe(TAX_TIMEOUT);
  });

  it('written after the message (or before it) go with the nearer of two', () => {
    const g = new Groups();
    g.add(GONE_AWAY, 0);
    const piece = g.add(TRACE, 60);
    g.add(TAX_TIMEOUT, 70);
    expect(g.placed(piece)).toBe(TAX_TIMEOUT);
  });

  it(`stay where they are with no error of their instance within ${PIECE_MS} ms`, () => {
    const g = new Groups();
    g.add(GONE_AWAY, 0);
    const piece = g.add(TRACE, PIECE_MS + 1);
    g.add(GONE_AWAY, 0, { writer: 'instance-2' });
    expect(g.placed(piece)).toBe(TRACE);
    expect(g.sizes()).toEqual([[GONE_AWAY, 2], [TRACE, 1]]);
  });

  it("never go with a trace that holds none of their lines (another failure's), but with a message beside it", () => {
    const g = new Groups();
    // (Both traces at one level: the companion rule moves neither.)
    const alone = g.add(OTHER_TRACE, 0, { stack: true });
    const piece = g.add(TRACE, 1, { stack: true });
    expect(g.placed(piece)).toBe(TRACE);
    expect(g.placed(alone)).toBe(OTHER_TRACE);
    g.add(GONE_AWAY, 40);
    const next = g.add(TRACE, 30_001, { stack: true });
    g.add(OTHER_TRACE, 30_000, { stack: true });
    g.add(GONE_AWAY, 30_050);
    expect(g.placed(next)).toBe(GONE_AWAY);
  });

  it('go with a trace whose records hold their lines before a message nearer to them', () => {
    const g = new Groups();
    g.holding.add(`${OTHER_TRACE} ${TRACE}`);
    g.add(OTHER_TRACE, 0, { stack: true });
    const piece = g.add(TRACE, 20);
    g.add(GONE_AWAY, 21);
    expect(g.placed(piece)).toBe(OTHER_TRACE);
  });

  it("take the access line of their request on to their error, and keep a record beside them where it is", () => {
    const g = new Groups();
    for (let i = 0; i < 5; i++) {
      g.add(GONE_AWAY, i * 60_000);
      g.add(TRACE, i * 60_000 + 1, { stack: true });
      g.add(ACCESS, i * 60_000 + 3, { access: true });
    }
    expect(g.sizes()).toEqual([[GONE_AWAY, 15]]);
  });

  it('already among whole records of their problem stay with them', () => {
    const g = new Groups();
    // The classifier put the piece in the group of whole traces that hold its lines (piece-join.ts).
    g.pieces.add(OTHER_TRACE);
    g.pieces.delete(TRACE);
    g.add(TRACE, 0, { stack: true });
    g.add(TRACE, 30_000, { stack: true });
    g.pieces.add(TRACE);
    const piece = g.add(TRACE, 60_001, { stack: true });
    g.add(GONE_AWAY, 60_000);
    expect(g.placed(piece)).toBe(TRACE);
  });

  it('need an instance to tell: with none, they stay', () => {
    const ledger = new CompanionLedger((entry) => entry.text === TRACE);
    const entry = (text: string, at: number): Entry => ({ time: T0 + at, severity: 'ERROR', service: 'api-hyperf', revision: 'api-hyperf-00012-abc', kind: 'text', text });
    ledger.note(0, entry(GONE_AWAY, 0));
    const piece = ledger.note(1, entry(TRACE, 1));
    const resolver = { resolve: (h: number) => ({ id: h === 0 ? GONE_AWAY : TRACE, template: '' }) };
    expect(ledger.placed(piece, resolver).id).toBe(TRACE);
  });
});
