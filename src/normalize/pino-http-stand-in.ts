// pino-http's record of a request answered 5xx that no error was handed to carries an error pino-http
// makes up, `new Error('failed with status code ' + statusCode)`, whose stack is pino-http's own: its
// first frame is onResFinished in pino-http/logger.js, then Node's http internals (pinojs/pino-http#61,
// iamolegga/nestjs-pino#416). Those frames say nothing of what failed, and read as a stack trace they
// make the record look like the failure itself: an error record of its own beside the one the
// application logged, where it is that request's access record (access-status.ts). Its type and
// message stay; the frames go.
import { isRecord } from './is-record.js';

/** RegExp source: the words of the stand-in's message, before its status. */
export const STAND_IN_WORDS = 'failed with status code';
/** RegExp source: the stand-in's first frame, pino-http's own, as the line after its first. */
export const STAND_IN_FIRST_FRAME = '[ \\t]{1,16}at [^\\n]{0,200}?(?:onResFinished|pino-http)';

const STAND_IN_MESSAGE = new RegExp(`^${STAND_IN_WORDS} [1-5]\\d\\d$`);
const STAND_IN_FRAME = new RegExp(`^Error: ${STAND_IN_WORDS} [1-5]\\d\\d\\n${STAND_IN_FIRST_FRAME}`);

/** The payload with the stand-in error's stack left out, or the payload itself when it has none. */
export function withoutStandInStack(payload: Record<string, unknown>): Record<string, unknown> {
  const err = payload.err;
  if (!isRecord(err) || typeof err.message !== 'string' || typeof err.stack !== 'string') return payload;
  if (!STAND_IN_MESSAGE.test(err.message) || !STAND_IN_FRAME.test(err.stack.slice(0, 400))) return payload;
  const { stack: _stack, ...rest } = err;
  return { ...payload, err: rest };
}
