// pino-http's made-up error for a 5xx no error was handed to: its type and message stay, its own frames go.
import { withoutStandInStack } from '../../../src/normalize/pino-http-stand-in.js';
import { jsonMessage } from '../../../src/normalize/json-message.js';

// As pinojs/pino-http#61 and iamolegga/nestjs-pino#416 show it: first frame onResFinished in pino-http.
const STAND_IN = {
  type: 'Error', message: 'failed with status code 500',
  stack: 'Error: failed with status code 500\n    at ServerResponse.onResFinished (/Users/shahaf/Source/muil/muil/node_modules/pino-http/logger.js:73:38)\n    at ServerResponse.clsBind (/Users/shahaf/Source/muil/muil/node_modules/cls-hooked/context.js:172:17)\n    at ServerResponse.emit (node:events:388:22)',
};
const record = (err: Record<string, unknown>): Record<string, unknown> => ({
  level: 50, time: 1797294991855, req: { id: 7, method: 'POST', url: '/orders' }, res: { statusCode: 500 }, err, responseTime: 12, msg: 'request errored',
});

describe('withoutStandInStack', () => {
  it("leaves pino-http's frames out, and the record reads as its message and the status", () => {
    expect(withoutStandInStack(record(STAND_IN)).err).toEqual({ type: 'Error', message: 'failed with status code 500' });
    expect(jsonMessage(record(STAND_IN))?.text).toBe('request errored\nfailed with status code 500');
  });

  it.each([
    // the error the request failed with, handed to pino-http (res.err): its stack says what failed
    ['a real error', { type: 'TypeError', message: "Cannot read properties of undefined (reading 'currency')", stack: "TypeError: Cannot read properties of undefined (reading 'currency')\n    at QuotesService.price (/app/dist/src/quotes/quotes.service.js:31:42)" }],
    // the same words thrown by the application
    ['the same words from the application', { type: 'Error', message: 'failed with status code 502', stack: 'Error: failed with status code 502\n    at PartnerClient.fetch (/app/dist/partner.js:40:11)' }],
    // axios' error for a 500 it was answered
    ['axios', { name: 'AxiosError', message: 'Request failed with status code 500', stack: 'AxiosError: Request failed with status code 500\n    at settle (/app/node_modules/axios/dist/node/axios.cjs:2019:12)' }],
  ])('leaves %s as it is', (_name, err) => {
    const payload = record(err);
    expect(withoutStandInStack(payload)).toBe(payload);
  });
});
