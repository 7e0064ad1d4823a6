// Which failure an access record goes with when its instance had several pending (request-owners.ts):
// the one that names its request (path or trace), never one that names another path; in the span of a
// request that names nothing, the failure written then when only one problem's were.
import { describe, expect, it } from '@jest/globals';
import { requestKey, requestOwners, STAY, type RequestColumns } from '../../../src/classify/request-owners.js';

interface Row { group: number; time: number; writer?: number; access?: boolean; piece?: boolean; path?: string; trace?: number; took?: number }

function columns(rows: readonly Row[]): RequestColumns {
  return {
    group: rows.map((r) => r.group),
    times: rows.map((r) => r.time),
    writers: rows.map((r) => r.writer ?? 0),
    accesses: rows.map((r) => (r.access ? 1 : 0)),
    pieces: rows.map((r) => (r.piece ? 1 : 0)),
    paths: rows.map((r) => requestKey(r.path ?? null)),
    traces: rows.map((r) => r.trace ?? 0),
    tooks: rows.map((r) => r.took ?? -1),
  };
}

/** Groups 0 and 1 are failures; 9 is the access records' group: a failure outranks an access record. */
const outranksOf = (rows: readonly Row[]) => (o: number, s: number): boolean => rows[o]!.group !== 9 && rows[s]!.group === 9;
const none = (rows: readonly Row[]): number[] => rows.map(() => -1);

describe('an access record goes with the failure that names its request', () => {
  it("the failure naming its path, over another request's written nearer (two requests failing at once)", () => {
    const rows: Row[] = [
      { group: 0, time: 0, path: '/login' }, // Exception on /login [POST]
      { group: 1, time: 3, path: '/forms/2050/submit' }, // HTTP Request to /forms/2050/submit failed
      { group: 9, time: 5, access: true, path: '/login' },
    ];
    const owners = requestOwners(columns(rows), outranksOf(rows), [-1, -1, 1]);
    expect(owners[2]).toBe(0);
    expect(owners[0]).toBe(-1);
  });

  it('the same trace, over a nearer failure of another trace', () => {
    const rows: Row[] = [
      { group: 0, time: 0, trace: 11 },
      { group: 1, time: 2, trace: 22 },
      { group: 9, time: 4, access: true, trace: 11 },
    ];
    expect(requestOwners(columns(rows), outranksOf(rows), [-1, -1, 1])[2]).toBe(0);
  });

  it("another trace id does not tell another request: a closing record is written after its request's activity ended", () => {
    // ASP.NET Core's `An unhandled exception has occurred while executing the request.` (TraceId 0003…,
    // RequestPath /invoices/78950/pay), then Serilog's `HTTP "POST" "/invoices/78950/pay" responded 500
    // in 167.4082 ms` 1 ms later with TraceId 1935…: the companion rule's nearest stands, never STAY.
    const rows: Row[] = [
      { group: 0, time: 0, trace: 3 },
      { group: 9, time: 1, access: true, path: '/invoices/78950/pay', trace: 19, took: 167.4082 },
    ];
    expect(requestOwners(columns(rows), outranksOf(rows), [-1, 0])[1]).toBe(0);
    // Without a latency to bound its request, the rule's nearest decides: no say here, and no STAY.
    const bare: Row[] = [rows[0]!, { ...rows[1]!, took: undefined }];
    expect(requestOwners(columns(bare), outranksOf(bare), [-1, 0])[1]).toBe(-1);
    // Near-miss: a failure naming another path, written beside it, is still another request's.
    const other: Row[] = [{ group: 0, time: 0, trace: 3, path: '/login' }, rows[1]!];
    expect(requestOwners(columns(other), outranksOf(other), [-1, 0])[1]).toBe(STAY);
    // And one trace id still tells one request over a nearer failure carrying no trace.
    const traced: Row[] = [{ group: 0, time: 0, trace: 19 }, { group: 1, time: 1 }, { group: 9, time: 2, access: true, trace: 19 }];
    expect(requestOwners(columns(traced), outranksOf(traced), [-1, -1, 1])[2]).toBe(0);
  });

  it('in the span of a request that says how long it took, the one problem written then', () => {
    // ASP.NET Core's `Request finished … 30012ms` 7 ms after the exception handler's record.
    const rows: Row[] = [
      { group: 0, time: 0 },
      { group: 9, time: 7, access: true, path: '/merchants/81/statements', took: 30012 },
    ];
    expect(requestOwners(columns(rows), outranksOf(rows), none(rows))[1]).toBe(0);
    // Two problems' failures in its span, neither naming it: nothing tells which, the rule's nearest stands.
    const two: Row[] = [{ group: 1, time: -900 }, ...rows];
    expect(requestOwners(columns(two), outranksOf(two), none(two))[2]).toBe(-1);
  });

  it('a failure written before the request began is none of its own, whatever it names', () => {
    const rows: Row[] = [
      { group: 0, time: 0, path: '/login' },
      { group: 9, time: 5000, access: true, path: '/login', took: 28 },
    ];
    expect(requestOwners(columns(rows), outranksOf(rows), none(rows))[1]).toBe(-1);
  });

  it('stays in its own group when the failure written beside it names another request and none names its own', () => {
    const rows: Row[] = [
      { group: 1, time: 0, path: '/products/BTS-7596' },
      { group: 9, time: 2, access: true, path: '/products' },
    ];
    expect(requestOwners(columns(rows), outranksOf(rows), [-1, 0])[1]).toBe(STAY);
    // The rule's choice for an entry written beside nothing (where its group's others went), or on
    // another instance, is not vetoed: the record named no one there.
    const far: Row[] = [{ ...rows[0]!, time: -200 }, rows[1]!];
    expect(requestOwners(columns(far), outranksOf(far), [-1, 0])[1]).toBe(-1);
    const elsewhere: Row[] = [{ ...rows[0]!, writer: 1 }, rows[1]!];
    expect(requestOwners(columns(elsewhere), outranksOf(elsewhere), [-1, 0])[1]).toBe(-1);
  });

  it('names nothing, says no time: no say (the nearest stands)', () => {
    const rows: Row[] = [
      { group: 0, time: 0 },
      { group: 9, time: 3, access: true },
    ];
    expect(requestOwners(columns(rows), outranksOf(rows), [-1, 0])[1]).toBe(-1);
  });

  it('never with a piece of a trace, another access record, another instance, or an entry that does not outrank it', () => {
    const rows: Row[] = [
      { group: 0, time: 0, path: '/x', piece: true },
      { group: 9, time: 1, access: true, path: '/x' },
      { group: 0, time: 2, path: '/x', writer: 1 },
      { group: 9, time: 5, access: true, path: '/x' },
    ];
    const owners = requestOwners(columns(rows), outranksOf(rows), none(rows));
    expect(owners[1]).toBe(-1);
    expect(owners[3]).toBe(-1);
  });

  it('a record with no instance to tell is left to the rule', () => {
    const rows: Row[] = [
      { group: 0, time: 0, path: '/x' },
      { group: 9, time: 1, access: true, path: '/x', writer: -1 },
    ];
    expect(requestOwners(columns(rows), outranksOf(rows), none(rows))[1]).toBe(-1);
  });
});
