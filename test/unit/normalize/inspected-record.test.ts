// A message with its metadata inspected after it (Temporal's DefaultLogger, temporalio/sdk-typescript#1473:
// `ISO [LEVEL] msg {` then util.inspect's properties and a nested error's stack) reads as its JSON twin: the
// message, then the error the metadata carries. Records without an error in their metadata keep their text.
import { describe, expect, it } from '@jest/globals';
import { inspectedRecord } from '../../../src/normalize/inspected-record.js';
import { extractMessage } from '../../../src/normalize/extract-message.js';
import { jsonMessage } from '../../../src/normalize/json-message.js';

const ACTIVITY = [
  '2026-12-10T00:02:15.754Z [WARN] Activity failed {',
  '  isLocal: false,',
  '  attempt: 2,',
  "  namespace: 'default',",
  "  activityType: 'syncInvoiceToXero',",
  "  taskQueue: 'billing',",
  '  durationMs: 7230,',
  '  error: Error: Xero API responded 503 Service Unavailable',
  '        at syncInvoiceToXero (/app/lib/activities/xero.js:44:11)',
  '        at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  '}',
].join('\n');

describe('inspected metadata after a message', () => {
  it('reads the message and the error it carries, as the JSON record with the same fields reads', () => {
    const record = inspectedRecord(ACTIVITY);
    expect(record).toEqual({
      msg: 'Activity failed',
      error: 'Error: Xero API responded 503 Service Unavailable\n    at syncInvoiceToXero (/app/lib/activities/xero.js:44:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    });
    const json = jsonMessage({
      message: 'Activity failed', attempt: 2, activityType: 'syncInvoiceToXero',
      error: 'Error: Xero API responded 503 Service Unavailable\n    at syncInvoiceToXero (/app/lib/activities/xero.js:44:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    });
    expect(extractMessage({ textPayload: ACTIVITY })?.text).toBe(json?.text);
  });

  it('an error with properties of its own (a system error) keeps its first lines', () => {
    const text = [
      '2026-12-10T00:03:40.762Z [WARN] Activity failed {',
      '  attempt: 8,',
      '  error: Error: getaddrinfo EAI_AGAIN smtp.sendgrid.net',
      '        at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:109:26) {',
      '    errno: -3001,',
      "    code: 'EAI_AGAIN'",
      '  }',
      '}',
    ].join('\n');
    const error = inspectedRecord(text)?.error as string;
    expect(error.split('\n').slice(0, 2)).toEqual(['Error: getaddrinfo EAI_AGAIN smtp.sendgrid.net', '    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:109:26) {']);
  });

  it.each([
    ['metadata with no error', "2026-12-10T00:05:36.075Z [INFO] invoice synced {\n  invoiceId: 'INV-67619',\n  lines: 5,\n  errors: 0\n}"],
    ['no log header with a level', "Activity failed {\n  attempt: 2,\n  error: Error: boom\n}"],
    ['an object that is the message itself', "2026-12-10T00:05:36.075Z [ERROR] {\n  error: Error: boom\n}"],
    ['a JavaScript block, not properties', '2026-12-10T00:05:36.075Z [ERROR] function f() {\n  return 1;\n}'],
    ['one line', '2026-12-10T00:05:36.075Z [WARN] Activity failed {'],
  ])('leaves alone %s', (_name, text) => {
    expect(inspectedRecord(text)).toBeNull();
  });
});
