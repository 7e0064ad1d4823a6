import { ConfigError } from '../../src/shared/errors.js';

/** Runs `fn`, which must throw a ConfigError, and returns the key it names. */
export function configErrorKey(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).key;
  }
  throw new Error('expected a ConfigError');
}
