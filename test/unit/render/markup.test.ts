// Markup from logs: whatever a log line says lands as text. No image, link, HTML or @mention
// becomes live, no #123 reference links, and invisible or reordering characters are gone.
import { describe, expect, it } from '@jest/globals';
import { renderRelated, renderStateBlock, parseStateBlock, plainText, stripInvisible, tableCode } from '../../../src/render/index.js';
import { codeBlock, inlineCode } from '../../../src/render/markdown.js';
import type { IssueState } from '../../../src/shared/types.js';

const hostile = '![x](https://evil.example/p.png) <img src=x onerror=alert(1)> [click](https://evil.example) @octocat @acme/oncall #123 | cell';

describe('log text in prose', () => {
  it('escapes markup and breaks mentions, references and links', () => {
    const out = plainText(hostile);
    expect(out).not.toMatch(/(?<!\\)[<>[\]!]/);
    expect(out).not.toMatch(/@[A-Za-z]/);
    expect(out).not.toMatch(/#[0-9]/);
    expect(out).not.toContain('https://');
    expect(out).toContain('\\<img');
  });

  it('the Related section writes an exception type as text, not HTML', () => {
    const out = renderRelated([{ number: 7, why: 'same exception Oops<details>; shares @admin, #99' }])!;
    expect(out).toContain('- #7: same exception Oops\\<details\\>');
    expect(out).not.toContain('<details>');
    expect(out).not.toMatch(/@admin|#99/);
    expect(renderRelated([{ number: 12, why: 'same component auth' }])).toBe('**Related issues**\n- #12: same component auth');
  });
});

describe('log text in code', () => {
  it('a worklog table cell is one code span with its separators escaped', () => {
    const cell = tableCode(hostile, 200);
    expect(cell.startsWith('`') && cell.endsWith('`')).toBe(true);
    expect(cell).not.toMatch(/(?<!\\)\|/);
    expect(tableCode('line one\nline two', 200)).toBe('`line one`');
    expect(tableCode('x'.repeat(50), 10)).toBe('`xxxxxxxxx…`');
  });

  it('strips zero-width characters and bidi controls from code and prose', () => {
    const sneaky = 'invoice\u202Egnp.exe\u200B done\uFEFF\u2066';
    expect(stripInvisible(sneaky)).toBe('invoicegnp.exe done');
    expect(inlineCode(sneaky)).toBe('`invoicegnp.exe done`');
    expect(codeBlock(sneaky)).toBe('```text\ninvoicegnp.exe done\n```');
    expect(plainText(sneaky)).toBe('invoicegnp.exe done');
  });

  it('still breaks the hidden-comment markers', () => {
    expect(codeBlock('a --> b <!-- c')).toBe('```text\na --\u200b> b <\u200b!-- c\n```');
  });
});

describe('the state block', () => {
  const state: IssueState = {
    version: 1, clusterId: 'c1', aliases: [], template: 'denied for @acme/oncall in #123 <*>', totalCount: 3,
    lastWindowCount: 3, firstSeen: '2025-09-11T00:00:00.000Z', lastSeen: '2025-09-11T01:00:00.000Z',
    windowEnd: '2025-09-11T02:00:00.000Z', priority: 'P2', samples: ['denied for @acme/oncall in #123 x1'], kind: 'text',
  };

  it('keeps no @ or # in clear, and reads back what it wrote', () => {
    const block = renderStateBlock(state);
    expect(block).not.toMatch(/[@#]/);
    expect(parseStateBlock(`body\n\n${block}`)).toEqual(state);
  });

  it('still parses a block written before the escaping', () => {
    const old = `<!-- log-gardener:state ${JSON.stringify(state)} -->`;
    expect(old).toContain('@acme/oncall');
    expect(parseStateBlock(old)).toEqual(state);
  });
});

describe('titles hold only words that cannot be secrets', () => {
  it.each([
    ['login failed: password is sunflower for admin user', 'sunflower'],
    ['config DB_PASS lemondrizzlecake loaded', 'lemondrizzlecake'],
    ['smtp SMTP_PASS: treacletart rejected by relay', 'treacletart'],
    ['api token set to quincejelly for worker', 'quincejelly'],
  ])('%s', async (template, secret) => {
    const { shortNameFor } = await import('../../../src/render/index.js');
    const name = shortNameFor({ template, kind: 'text', samples: [template] } as never);
    expect(name).not.toContain(secret);
    expect(name.length).toBeGreaterThan(0);
  });
});

describe('a state block from an older release', () => {
  it('is read redacted by today\'s rules, so the next write heals it', () => {
    const old = {
      version: 1, clusterId: 'c1', aliases: [], template: 'config DB_PASS=lemondrizzlecake for <*>', totalCount: 3,
      lastWindowCount: 3, firstSeen: '2025-09-11T00:00:00.000Z', lastSeen: '2025-09-11T01:00:00.000Z',
      windowEnd: '2025-09-11T02:00:00.000Z', priority: 'P2', samples: ['invite bounced for priya.nair&#64;cornell.edu'],
    };
    const parsed = parseStateBlock(`<!-- log-gardener:state ${JSON.stringify(old)} -->`)!;
    expect(parsed.clusterId).toBe('c1');
    expect(JSON.stringify(parsed)).not.toMatch(/lemondrizzlecake|priya\.nair/);
    expect(parsed.samples).toEqual(['invite bounced for ***&#64;cornell.edu']);
  });
});
