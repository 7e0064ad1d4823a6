// A signal's number after the word `signal` is the failure's kind (signal-number.ts): the masker reads
// it as the signal's name, so a segmentation fault and an interrupt reported by one platform line are
// two problems, while the same signal under other pids stays one.
import { maskMessage } from '../../../src/normalize/mask.js';
import { clusterIds } from '../../support/cluster-ids.js';

describe('a signal number the text announces', () => {
  it.each([
    ['Uncaught signal: 11, pid=9, tid=9, fault_addr=68283313160192.', 'SIGSEGV'],
    ['Uncaught signal: 2, pid=14, tid=14, fault_addr=0.', 'SIGINT'],
    ['DAMN ! worker 3 (pid: 4121) died, killed by signal 9 :( trying respawn ...', 'SIGKILL'],
    ['WARNING: [pool www] child 79687 exited on signal 6 (SIGABRT) after 157.966758 seconds from start', 'SIGABRT'],
  ])('%s', (text, name) => {
    expect(maskMessage(text)).toContain(name);
  });

  it('stays a value elsewhere, and where systems number the signal differently', () => {
    expect(maskMessage('retrying in 11 seconds')).not.toContain('SIG');
    expect(maskMessage('worker exited on signal 10')).not.toContain('SIG');
    expect(maskMessage('signal 11 received')).toContain('SIGSEGV');
  });
});

describe('uncaught signals, end to end', () => {
  it('two signals are two problems; one signal under other pids is one', () => {
    const [segv, interrupt] = clusterIds([
      ['Uncaught signal: 11, pid=9, tid=9, fault_addr=68283313160192.', 'Uncaught signal: 11, pid=1, tid=1, fault_addr=0.'],
      ['Uncaught signal: 2, pid=14, tid=14, fault_addr=0.'],
    ]);
    expect(segv).toHaveLength(1);
    expect(interrupt).toHaveLength(1);
    expect(segv).not.toEqual(interrupt);
  });
});
