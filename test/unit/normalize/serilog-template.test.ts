// Serilog's message templates rendered as Serilog renders them (its MessageTemplate parser and the
// default rendering that CLEF's `@m` and a `{Message}` output template hold).
import { describe, expect, it } from '@jest/globals';
import { renderSerilogTemplate } from '../../../src/normalize/serilog-template.js';

describe('renderSerilogTemplate', () => {
  it.each([
    ['a string is quoted', 'Hello, {User}', { User: 'nblumhardt' }, [], 'Hello, "nblumhardt"'],
    ['a number is bare', 'Retrying after {DelayMs}ms (attempt {Attempt} of {Max})', { DelayMs: 250, Attempt: 2, Max: 5 }, [], 'Retrying after 250ms (attempt 2 of 5)'],
    ['a decimal keeps its digits', 'Took {Elapsed} s', { Elapsed: 0.25 }, [], 'Took 0.25 s'],
    ['a boolean as .NET prints it', 'Cache hit: {Hit}', { Hit: true }, [], 'Cache hit: True'],
    ['null', 'User {User} signed in', { User: null }, [], 'User null signed in'],
    ['a quote inside a string is escaped', 'Bad name {Name}', { Name: 'a"b' }, [], 'Bad name "a\\"b"'],
    ['a backslash is not', 'Path {Path}', { Path: 'C:\\temp' }, [], 'Path "C:\\temp"'],
    ['`:l` prints a string bare', 'Hello, {User:l}', { User: 'ann' }, [], 'Hello, ann'],
    ['a format takes its rendering from @r', 'The {Item} cost ${Amount:0.00}', { Item: 'apple', Amount: 3.2 }, ['3.20'], 'The "apple" cost $3.20'],
    ['renderings follow the formatted holes only', '{A} {B:000} {C} {D:x}', { A: 1, B: 7, C: 2, D: 255 }, ['007', 'ff'], '1 007 2 ff'],
    ['a format without a rendering falls back to the value', 'Amount {Amount:0.00}', { Amount: 3 }, [], 'Amount 3'],
    ['a missing property prints as written', 'Order {OrderId} for {Customer}', { OrderId: 7 }, [], 'Order 7 for {Customer}'],
    ['doubled braces are literal', 'Set {{x}} to {Value}', { Value: 1 }, [], 'Set {x} to 1'],
    ['a lone closing brace is text', 'odd } brace {N}', { N: 1 }, [], 'odd } brace 1'],
    ['an unclosed hole is text', 'open {brace', {}, [], 'open {brace'],
    ['a hole with a space is text', 'not {a hole}', {}, [], 'not {a hole}'],
    ['positional holes', '{0} failed after {1} tries', { 0: 'sync', 1: 3 }, [], '"sync" failed after 3 tries'],
    ['alignment pads', '[{Level,-5}] {Count,4}', { Level: 'x', Count: 12 }, [], '["x"  ]   12'],
    ['a destructured object', 'Got {@Point}', { Point: { X: 1, Y: 'two' } }, [], 'Got { X: 1, Y: "two" }'],
    ['its type tag', 'Got {@Point}', { Point: { $type: 'Point', X: 1 } }, [], 'Got Point { X: 1 }'],
    ['a sequence', 'Ids {Ids}', { Ids: [1, 2, 3] }, [], 'Ids [1, 2, 3]'],
    // CLEF stores a stringified value as the string ToString() gave.
    ['a stringified value is quoted', 'Got {$Point}', { Point: 'Point { X = 1 }' }, [], 'Got "Point { X = 1 }"'],
    ['no holes at all', 'Host terminated unexpectedly', {}, [], 'Host terminated unexpectedly'],
  ])('%s', (_name, template, properties, renderings, expected) => {
    expect(renderSerilogTemplate(template, properties as Record<string, unknown>, renderings)).toBe(expected);
  });

  it('bounds its work on hostile templates', () => {
    const template = '{A}'.repeat(10_000);
    const out = renderSerilogTemplate(template, { A: 1 });
    expect(out.length).toBeLessThan(5_000);
    expect(out.startsWith('1111')).toBe(true);
  });
});
