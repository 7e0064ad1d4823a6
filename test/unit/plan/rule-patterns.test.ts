// ReDoS: a config rule's pattern runs in time linear in the text. The reproduction: a pattern with
// nested quantifiers made a 30-character line take 51 s (×3.7 every 2 characters) on a backtracking engine.
// The lines below are long enough that a backtracking engine would not finish them in years (2^60 steps
// and more), so a test that finishes at all proves the engine linear; no clock is read, so a slow or
// busy machine cannot fail it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { loadSettings } from '../../../src/config/load-settings.js';
import { ConfigError } from '../../../src/shared/errors.js';
import { findRule } from '../../../src/plan/rules.js';
import type { Rule } from '../../../src/config/schema.js';

const netra = readFileSync('config/examples/netra-backend-staging.yaml', 'utf8');
const rule = (match: string): Rule => ({ match, priority: 'P1' }) as Rule;

describe('rule patterns run in linear time', () => {
  it.each([
    ['(a+)+$', 'a'.repeat(60) + '!'],
    ['(a|aa)+$', 'a'.repeat(90) + '!'],
    ['(x+x+)+y', 'x'.repeat(5000)],
    ['^(\\w+\\s?)*$', 'word '.repeat(1000) + '!'],
  ])('%s on a hostile line finishes', (match, line) => {
    expect(findRule([rule(match)], { template: line, samples: [line] })).toBeUndefined();
  });

  it('still matches as a case-insensitive search', () => {
    const hit = rule('race condition detected');
    expect(findRule([rule('nope'), hit], { template: 'WebSocket RACE CONDITION DETECTED at <*>', samples: [] })).toBe(hit);
    expect(findRule([rule('token used \\d+')], { template: 'x', samples: ['Token used 3 times'] })).toBeDefined();
  });
});

describe('patterns the engine cannot run are refused at load, naming the key', () => {
  it.each([
    ['lookahead', 'foo(?=bar)', /lookaround or a backreference/],
    ['backreference', '(a)\\1', /lookaround or a backreference/],
    ['bad syntax', '(unclosed', /not a valid RE2 regular expression/],
  ])('%s', (_name, match, reason) => {
    const text = netra.replace("match: 'RACE CONDITION DETECTED'", `match: '${match}'`);
    expect(text).not.toBe(netra);
    let error: unknown;
    try {
      loadSettings(text, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe('rules[0].match');
    expect((error as Error).message).toMatch(reason);
  });
});
