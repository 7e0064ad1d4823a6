import { newRunId, traceFields } from '../../../src/entry/request-context.js';
import { createSweepLock } from '../../../src/entry/sweep-lock.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const FIELD = 'logging.googleapis.com/trace';

describe('traceFields', () => {
  test.each([
    { name: 'X-Cloud-Trace-Context with span and option', headers: { 'x-cloud-trace-context': `${TRACE}/1234;o=1` }, expected: { [FIELD]: `projects/demo/traces/${TRACE}` } },
    { name: 'X-Cloud-Trace-Context, id only', headers: { 'x-cloud-trace-context': TRACE.toUpperCase() }, expected: { [FIELD]: `projects/demo/traces/${TRACE}` } },
    { name: 'W3C traceparent', headers: { traceparent: `00-${TRACE}-00f067aa0ba902b7-01` }, expected: { [FIELD]: `projects/demo/traces/${TRACE}` } },
    { name: 'Cloud header preferred over traceparent', headers: { 'x-cloud-trace-context': `${TRACE}/1`, traceparent: `00-${'a'.repeat(32)}-00f067aa0ba902b7-01` }, expected: { [FIELD]: `projects/demo/traces/${TRACE}` } },
    { name: 'all-zero traceparent is invalid', headers: { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }, expected: {} },
    { name: 'garbage', headers: { 'x-cloud-trace-context': 'nope' }, expected: {} },
    { name: 'no header', headers: {}, expected: {} },
  ])('$name', ({ headers, expected }) => {
    expect(traceFields(headers, 'demo')).toEqual(expected);
  });

  test('no project, no trace field (it must name one)', () => {
    expect(traceFields({ 'x-cloud-trace-context': TRACE }, undefined)).toEqual({});
  });
});

describe('newRunId', () => {
  test('sortable time prefix and a random suffix', () => {
    expect(newRunId(Date.parse('2025-09-12T01:02:03Z'))).toMatch(/^20250912T010203-[0-9a-f]{6}$/);
  });
});

describe('createSweepLock', () => {
  test('one holder at a time; release is idempotent', () => {
    const lock = createSweepLock();
    const release = lock.tryAcquire();
    expect(release).not.toBeNull();
    expect(lock.busy).toBe(true);
    expect(lock.tryAcquire()).toBeNull();
    release!();
    release!();
    expect(lock.busy).toBe(false);
    const again = lock.tryAcquire();
    expect(again).not.toBeNull();
    expect(lock.tryAcquire()).toBeNull();
  });
});
