import { parseSweepParams } from '../../../src/entry/sweep-params.js';
import { ConfigError } from '../../../src/shared/errors.js';

describe('parseSweepParams', () => {
  it.each([
    [{}, {}],
    [{ window: '6h' }, { window: '6h' }],
    [{ window: '90M' }, { window: '90m' }],
    [{ service: 'backend' }, { services: ['backend'] }],
    [{ service: ['a', 'b-2'] }, { services: ['a', 'b-2'] }],
    [{ service: 'a,b' }, { services: ['a', 'b'] }],
    [{ dryRun: true }, { dryRun: true }],
    [{ dryRun: 'false' }, { dryRun: false }],
    [{ dryRun: '1' }, { dryRun: true }],
    [{ now: '2025-09-12T00:00:00Z' }, { now: '2025-09-12T00:00:00Z' }],
    [{ now: '2025-09-12T00:00:00.5+02:00' }, { now: '2025-09-12T00:00:00.5+02:00' }],
  ])('%j -> %j', (input, expected) => {
    expect(parseSweepParams(input)).toEqual(expected);
  });

  it.each([
    [{ window: 'forever' }, 'window'],
    [{ window: '0h' }, 'window'],
    [{ window: 6 }, 'window'],
    [{ service: '' }, 'service'],
    [{ service: 'Bad Name' }, 'service'],
    [{ service: 'a" OR severity>=DEFAULT' }, 'service'],
    [{ service: [] }, 'service'],
    [{ dryRun: 'maybe' }, 'dryRun'],
    [{ now: 'yesterday' }, 'now'],
    [{ now: '2025-13-45T00:00:00Z' }, 'now'],
  ])('%j is rejected naming %s', (input, key) => {
    expect(() => parseSweepParams(input)).toThrow(ConfigError);
    try {
      parseSweepParams(input);
    } catch (error) {
      expect((error as ConfigError).key).toBe(key);
    }
  });
});
