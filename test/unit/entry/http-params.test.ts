import { readHttpParams } from '../../../src/entry/http-params.js';
import { configErrorKey } from '../../support/config-error-key.js';

describe('readHttpParams', () => {
  test.each([
    { name: 'nothing at all', input: {}, expected: {} },
    { name: 'empty POST body (buffer)', input: { query: {}, body: Buffer.alloc(0) }, expected: {} },
    { name: 'empty POST body (text)', input: { body: '' }, expected: {} },
    { name: 'query only', input: { query: { window: '6h', dryRun: 'true' } }, expected: { window: '6h', dryRun: true } },
    { name: 'body wins over query', input: { query: { window: '1h', dryRun: '0' }, body: { window: '2d', dryRun: true } }, expected: { window: '2d', dryRun: true } },
    { name: 'query keeps what the body does not set', input: { query: { now: '2025-09-12T00:00:00Z' }, body: { window: '90m' } }, expected: { window: '90m', now: '2025-09-12T00:00:00Z' } },
    { name: 'repeated service in the query', input: { query: { service: ['a', 'b'] } }, expected: { services: ['a', 'b'] } },
    { name: 'service list in the body', input: { body: { service: ['a', 'b'] } }, expected: { services: ['a', 'b'] } },
    { name: 'dryRun as 1 / false', input: { query: { dryRun: '1' }, body: { dryRun: false } }, expected: { dryRun: false } },
  ])('$name', ({ input, expected }) => {
    expect(readHttpParams(input)).toEqual(expected);
  });

  test.each([
    { name: 'unknown query parameter', input: { query: { dryrun: 'true' } }, key: 'dryrun' },
    { name: 'unknown body key', input: { body: { windw: '6h' } }, key: 'windw' },
    { name: 'array body', input: { body: ['6h'] }, key: 'body' },
    { name: 'non-JSON text body', input: { body: 'window=6h' }, key: 'body' },
    { name: 'non-empty raw body', input: { body: Buffer.from('x') }, key: 'body' },
    { name: 'bad window', input: { query: { window: '6 hours' } }, key: 'window' },
    { name: 'bad dryRun', input: { body: { dryRun: 'perhaps' } }, key: 'dryRun' },
    { name: 'bad now', input: { body: { now: '12/09/2025' } }, key: 'now' },
    { name: 'bad service', input: { body: { service: 'Not A Service' } }, key: 'service' },
  ])('refuses $name, naming $key', ({ input, key }) => {
    expect(configErrorKey(() => readHttpParams(input))).toBe(key);
  });
});
