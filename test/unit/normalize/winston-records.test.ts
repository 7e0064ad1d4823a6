// winston's records as its formats print them (logform: `simple()` is `${level}: ${message} ` then the
// other fields as one line of JSON; `json()` the whole record as JSON), and the exception info winston
// builds for an error (`exceptions.getAllInfo(err)`: `message` `uncaughtException: …` with the stack,
// `stack` the stack (a string since winston 3, its lines as a list before), `trace` frame objects, `error`
// the Error, which JSON.stringify prints `{}`). express-winston's errorLogger logs that info as `meta` under
// the default message `middlewareError` (bithavoc/express-winston#134, #236). The problem is the error the
// meta carries: the record printed by `simple()` and by `json()` is one problem, and two errors behind the
// same default message are two.
import { describe, expect, it } from '@jest/globals';
import { extractMessage } from '../../../src/normalize/extract-message.js';
import { winstonSimpleRecord } from '../../../src/normalize/winston-simple-record.js';

const STRIPE = [
  'StripeConnectionError: An error occurred with our connection to Stripe. Request was retried 2 times.',
  '    at /app/node_modules/stripe/cjs/RequestSender.js:401:41',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
  '    at async CheckoutService.charge (/app/src/checkout/service.js:58:20)',
].join('\n');
const MONGO = [
  'MongooseError: Operation `products.findOne()` buffering timed out after 10000ms',
  '    at Timeout.<anonymous> (/app/node_modules/mongoose/lib/drivers/node-mongodb-native/collection.js:185:23)',
  '    at listOnTimeout (node:internal/timers:594:17)',
  '    at process.processTimers (node:internal/timers:529:7)',
].join('\n');
// express-winston #236's meta, the Error printed by JSON.stringify as `{}`.
const BADDDDD = 'Error: baddddd\n    at index.js:126:9\n    at Layer.handle [as handle_request] (layer.js:95:5)\n    at next (route.js:137:13)';

/** winston's exception info as express-winston logs it; `lines`: winston 2's stack, a list of its lines. */
function meta(stack: string, lines: boolean, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const head = stack.slice(0, stack.indexOf('\n'));
  return {
    date: 'Thu Dec 10 2026 14:44:10 GMT+0000 (Coordinated Universal Time)', error: {}, exception: true, level: 'error',
    message: `uncaughtException: ${head.slice(head.indexOf(': ') + 2)}\n${stack}`,
    os: { loadavg: [0.12, 0.3, 0.4], uptime: 3029658 },
    process: { argv: ['/usr/local/bin/node', '/app/server.js'], cwd: '/app', pid: 1, version: 'v22.12.0' },
    req: { url: '/api/checkout/x', method: 'POST', headers: { host: 'shop.example' } },
    stack: lines ? stack.split('\n') : stack,
    trace: [{ column: 41, file: '/app/node_modules/stripe/cjs/RequestSender.js', function: null, line: 401, method: null, native: false }],
    ...extra,
  };
}

const simple = (level: string, message: string, rest: Record<string, unknown>): string => `${level}: ${message} ${JSON.stringify(rest)}`;
const textOf = (entry: Record<string, unknown>): string | undefined => extractMessage(entry)?.text;

describe("winston's simple() line read as its record", () => {
  it('reads the level, the message and the fields after it', () => {
    expect(winstonSimpleRecord('error: price sync failed {"error":"boom","stack":"Error: boom\\n    at x (/app/a.js:1:1)"}')).toEqual({
      level: 'error', message: 'price sync failed', error: 'boom', stack: 'Error: boom\n    at x (/app/a.js:1:1)',
    });
    // logform's padLevels pads the message after the colon.
    expect(winstonSimpleRecord('warn:  Stripe webhook rejected {"eventId":null}')).toEqual({ level: 'warn', message: 'Stripe webhook rejected', eventId: null });
  });

  it('is no record without the JSON after the message, or when what follows is no JSON object', () => {
    expect(winstonSimpleRecord('error: middlewareError')).toBeNull();
    expect(winstonSimpleRecord('error: bad input {not json}')).toBeNull();
    expect(winstonSimpleRecord('error: list [1,2]')).toBeNull();
    // Another logger's level word, not winston's lower-case npm level.
    expect(winstonSimpleRecord('ERROR: boom {"a":1}')).toBeNull();
    expect(winstonSimpleRecord('fatal: boom {"a":1}')).toBeNull();
    // A line of another program that ends in braces of its own.
    expect(winstonSimpleRecord('error: template {{name}} unknown')).toBeNull();
  });

  it('the message may itself hold braces: the JSON is the object that ends the line', () => {
    expect(winstonSimpleRecord('error: bad body {id} for {"x":1} {"code":"E_BODY"}')).toEqual({ level: 'error', message: 'bad body {id} for {"x":1}', code: 'E_BODY' });
  });
});

describe("express-winston's errorLogger record (winston's exception info as meta)", () => {
  it('names the error its meta carries, under simple() and json() alike', () => {
    for (const lines of [true, false]) {
      const m = meta(STRIPE, lines);
      const asText = textOf({ textPayload: simple('error', 'middlewareError', { meta: m }) });
      const asJson = textOf({ jsonPayload: { level: 'error', message: 'middlewareError', meta: m, timestamp: '2026-12-10T14:44:10.123Z' } });
      expect(asJson).toContain('StripeConnectionError: An error occurred with our connection to Stripe.');
      expect(asJson).toContain('at async CheckoutService.charge');
      expect(asText).toBe(asJson);
    }
  });

  it('keeps two errors behind the one default message apart', () => {
    const a = textOf({ jsonPayload: { level: 'error', message: 'middlewareError', meta: meta(STRIPE, true) } });
    const b = textOf({ jsonPayload: { level: 'error', message: 'middlewareError', meta: meta(MONGO, true) } });
    expect(a).not.toBe(b);
    expect(b).toContain('buffering timed out after 10000ms');
  });

  it("reads the issue's pasted meta (winston 3's string stack) as the error it carries", () => {
    const m = { error: {}, level: 'error', message: `uncaughtException: baddddd\n${BADDDDD}`, exception: true, date: 'Tue Mar 03 2020 12:27:20 GMT+0400 (Gulf Standard Time)', stack: BADDDDD };
    expect(textOf({ jsonPayload: { level: 'error', message: 'middlewareError', meta: m } })).toContain('Error: baddddd\n    at index.js:126:9');
  });

  it('a list under a stack key that is no stack trace stays data', () => {
    const text = textOf({ jsonPayload: { level: 'error', message: 'deploy blocked', meta: { stack: ['web', 'worker'] } } });
    expect(text).toBe('deploy blocked');
  });

  it('a simple() line with no error in its fields keeps its text (the fields are context: problem-text.ts)', () => {
    const line = 'info: order 12345678 placed {"items":3,"paymentErrors":0}';
    expect(textOf({ textPayload: line })).toBe(line);
    expect(textOf({ jsonPayload: { level: 'info', message: 'order 12345678 placed', items: 3, paymentErrors: 0 } })).toBe('order 12345678 placed');
  });
});
