// tslog's pretty header (v4's default `prettyLogTemplate`, `{{yyyy}}.{{mm}}.{{dd}} {{hh}}:{{MM}}:{{ss}}:{{ms}}\t
// {{logLevelName}}\t{{filePathWithLine}}{{nameWithDelimiterPrefix}}\t`, and the shorter templates people set
// from it, `{{hh}}:{{MM}}:{{ss}}:{{ms}}\t{{logLevelName}}\t`): its milliseconds come after a colon, not a dot.
import { describe, expect, test } from '@jest/globals';
import { stripLogHeader } from '../../../src/normalize/log-header.js';

const cases: Array<[string, string, string, string]> = [
  // [what, line, level, message]
  ['the default template', '2026.12.05 10:00:00:123\tERROR\t/dist/routes/upload.js:42\tUpload failed', 'ERROR', 'Upload failed'],
  ['the default template, a warning', '2026.12.05 10:00:00:007\tWARN\t/dist/index.js:7\tpool exhausted, 10 in use', 'WARN', 'pool exhausted, 10 in use'],
  ['a logger name in brackets (`\\t[{{name}}]\\t`)', '2024.03.01 08:15:02:940\tERROR\t[WEB]\trender failed', 'ERROR', 'render failed'],
  ['the time alone (`{{hh}}:{{MM}}:{{ss}}:{{ms}}\\t{{logLevelName}}\\t`)', '08:15:02:940\tERROR\tqueue stalled', 'ERROR', 'queue stalled'],
];

describe('tslog pretty headers', () => {
  test.each(cases)('%s', (_what, line, level, message) => {
    const got = stripLogHeader(line);
    expect(got.level).toBe(level);
    expect(got.rest).toBe(message);
  });

  test('a dotted version and a clock with a fourth colon-separated field of other widths stay message', () => {
    expect(stripLogHeader('2026.12.05 release notes').rest).toBe('2026.12.05 release notes');
    expect(stripLogHeader('10:00:00:1234 ticks elapsed').rest).toBe('10:00:00:1234 ticks elapsed');
  });
});
