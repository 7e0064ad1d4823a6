import { progressReporter } from '../../../src/entry/progress.js';
import { Capture } from '../../support/capture.js';

describe('progressReporter', () => {
  it('is quiet for a short sweep, then writes a line every few seconds to the stream it is given', () => {
    let now = 0;
    const err = new Capture();
    const report = progressReporter(err, () => now);
    report({ phase: 'read', entries: 5000 });
    now = 2000;
    report({ phase: 'read', entries: 10000 });
    expect(err.text).toBe('');
    now = 3500;
    report({ phase: 'read', entries: 15000 });
    now = 4000;
    report({ phase: 'read', entries: 20000 });
    now = 7000;
    report({ phase: 'github', entries: 21000, problems: 42 });
    now = 10500;
    report({ phase: 'apply', writes: 3, planned: 7 });
    expect(err.text).toBe([
      'log-gardener: 15000 entries read so far',
      'log-gardener: 21000 entries, 42 problems; reading GitHub issues',
      'log-gardener: GitHub writes: 3 of 7',
      '',
    ].join('\n'));
  });

  it('says how many entries a read that finds few has looked at', () => {
    let now = 0;
    const err = new Capture();
    const report = progressReporter(err, () => now);
    report({ phase: 'read', entries: 0, scanned: 0 });
    now = 3000;
    report({ phase: 'read', entries: 12, scanned: 40000 });
    now = 6000;
    report({ phase: 'read', entries: 5000, scanned: 5000 });
    expect(err.text).toBe('log-gardener: 12 entries read so far (40000 looked at)\nlog-gardener: 5000 entries read so far\n');
  });
});
