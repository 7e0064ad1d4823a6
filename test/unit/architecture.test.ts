// The flow stays one-way and the pure stages stay pure: no SDK, no file system, no env, no clock.
// (The entry points are the only code that reads env, argv and the clock.)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const PURE = ['normalize', 'classify', 'plan', 'render', 'report'];
const FORBIDDEN: Array<[RegExp, string]> = [
  [/from '(node:)?(fs|http|https|net|child_process)(\/promises)?'/, 'I/O module'],
  [/from '@google-cloud\//, 'Google Cloud SDK'],
  [/from '@octokit\//, 'Octokit'],
  [/from 'pino'/, 'logger'],
  [/\bprocess\./, 'process'],
  [/Date\.now\(|new Date\(\)/, 'the clock'],
  [/from '\.\.\/(entry|github|source)\//, 'an edge module'],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

describe('architecture', () => {
  it.each(PURE.flatMap((stage) => files(join('src', stage))))('%s is pure', (file) => {
    const text = readFileSync(file, 'utf8');
    for (const [pattern, what] of FORBIDDEN) {
      expect({ file, uses: pattern.test(text) ? what : null }).toEqual({ file, uses: null });
    }
  });

  it('only src/entry reads the environment', () => {
    const offenders = files('src').filter((f) => !f.startsWith(join('src', 'entry')) && /process\.env/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
