// nest-winston's `nestLike` console line read back as the record winston wrote, so the same record
// printed by it and by winston's JSON format is one text.
import { describe, expect, it } from '@jest/globals';
import { extractMessage } from '../../../src/normalize/extract-message.js';
import { nestLikeRecord } from '../../../src/normalize/nest-like-record.js';

const STACK = 'AxiosError: Request failed with status code 502\n    at settle (/app/node_modules/axios/dist/node/axios.cjs:2019:12)\n    at async PaymentsService.capture (/app/dist/payments/payments.service.js:41:13)';
const meta = JSON.stringify({ stack: [STACK] });

describe('nestLikeRecord', () => {
  it.each([
    // nest-winston 1.10's printf: `[app] pid.padEnd(6) - ` + timestamp + level.toUpperCase().padStart(7) + ` [context]` + ` message` + ` - meta` + ` ms`.
    ['an error with its stack', `[Api] 1      - 12/9/2026, 10:00:00 AM   ERROR [PaymentsService] Capture failed for payment pay_1: Request failed with status code 502 - ${meta} +9ms`,
      { level: 'error', context: 'PaymentsService', message: 'Capture failed for payment pay_1: Request failed with status code 502', stack: [STACK] }],
    ['a warning with fields', '[Api] 1      - 12/9/2026, 1:14:36 PM    WARN [InventoryService] Reservation for order 4273071 took 2886ms - {"budgetMs":1000} +3ms',
      { level: 'warn', context: 'InventoryService', message: 'Reservation for order 4273071 took 2886ms', budgetMs: 1000 }],
    ['info shown as LOG, no timestamp, a long pid', '[NestWinston] 123456 -     LOG [NestApplication] Nest application successfully started - {"port":8080} +2s',
      { level: 'info', context: 'NestApplication', message: 'Nest application successfully started', port: 8080 }],
    ['no context', '[Api] 7      - 2026-12-09T10:00:00.000Z   ERROR Unhandled rejection - {"code":"ECONNRESET"} +1m',
      { level: 'error', message: 'Unhandled rejection', code: 'ECONNRESET' }],
    ['colours (colors: true)', `\x1b[31m[Api] 1      - \x1b[39m12/9/2026, 10:00:00 AM \x1b[31m  ERROR\x1b[39m \x1b[33m[ExceptionsHandler]\x1b[39m \x1b[31mboom\x1b[39m - ${meta} \x1b[33m+9ms\x1b[39m`,
      { level: 'error', context: 'ExceptionsHandler', message: 'boom', stack: [STACK] }],
    ['a message that says " - " itself', '[Api] 1      - 12/9/2026, 10:00:00 AM   ERROR [Jobs] sync - step 2 failed - {"attempt":3} +5ms',
      { level: 'error', context: 'Jobs', message: 'sync - step 2 failed', attempt: 3 }],
  ])('reads %s', (_, line, record) => {
    expect(nestLikeRecord(line)).toEqual(record);
  });

  it.each([
    ["Nest's own ConsoleLogger line (no meta, the trace on lines under it)", '[Nest] 87109  - 08/29/2023, 9:41:15 PM   ERROR [ExceptionsHandler] No metadata for "Board" was found.\nEntityMetadataNotFoundError: No metadata for "Board" was found.\n    at DataSource.getMetadata (/app/node_modules/typeorm/data-source/DataSource.js:286:19)'],
    ["Nest's own ConsoleLogger line alone (its header is read as one)", '[Nest] 87109  - 08/29/2023, 9:41:15 PM   ERROR [ExceptionsHandler] No metadata for "Board" was found. +2ms'],
    ['a bracketed prefix with no pid', '[Api] ERROR [PaymentsService] Capture failed - {"a":1}'],
    ['no level word', '[Api] 1      - 12/9/2026, 10:00:00 AM   [PaymentsService] Capture failed - {"a":1} +9ms'],
    ['fields that are no JSON object', '[Api] 1      - 12/9/2026, 10:00:00 AM   ERROR [Jobs] failed - {not json} +5ms'],
    ['a JSON array after the message', '[Api] 1      - 12/9/2026, 10:00:00 AM   ERROR [Jobs] failed - [1,2] +5ms'],
  ])('leaves %s alone', (_, text) => {
    expect(nestLikeRecord(text)).toBeNull();
  });

  it('reads as winston\'s JSON record of the same call', () => {
    const line = `[Api] 1      - 12/9/2026, 10:00:00 AM   ERROR [ExceptionsHandler] Request failed with status code 502 - ${meta} +9ms`;
    const json = { context: 'ExceptionsHandler', level: 'error', message: 'Request failed with status code 502', stack: [STACK], timestamp: '2026-12-09T10:00:00.000Z' };
    expect(extractMessage({ textPayload: line })?.text).toBe(extractMessage({ jsonPayload: json })?.text);
  });
});
