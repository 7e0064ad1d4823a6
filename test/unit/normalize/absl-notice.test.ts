// Abseil's pre-initialisation notice over the record it precedes is read as that record.
import { withoutAbslNotice } from '../../../src/normalize/absl-notice.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';

// As pasted: cognizant-ai-lab/neuro-san#447 (gRPC's Abseil), abseil/abseil-py#103 (absl-py).
const GRPC = 'WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\nI0000 00:00:1755105215.125037 123527212 fork_posix.cc:71] Other threads are currently calling into gRPC, skipping fork() handlers';
const ABSL_PY = 'WARNING: Logging before flag parsing goes to stderr.\nW0517 21:08:20.576859 25769803792 log.py:4] Worrying Stuff';
const CUINIT = 'E0000 00:00:1796395512.010952       1 cuda_driver.cc:152] failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)';

describe('withoutAbslNotice', () => {
  it('reads the record under the notice', () => {
    expect(withoutAbslNotice(GRPC)).toBe(GRPC.slice(GRPC.indexOf('\n') + 1));
    expect(withoutAbslNotice(ABSL_PY)).toBe('W0517 21:08:20.576859 25769803792 log.py:4] Worrying Stuff');
    expect(withoutAbslNotice(`WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\r\n${CUINIT}`)).toBe(CUINIT);
  });

  it('makes the record one text with the same record written without it', () => {
    const text = (t: string): string => {
      const entry = normalizeEntry({ timestamp: '2026-12-04T14:45:12Z', textPayload: t, resource: { type: 'cloud_run_revision', labels: { service_name: 'jobs' } } });
      if ('skip' in entry) throw new Error(entry.skip);
      return entry.text;
    };
    expect(text(`WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n${CUINIT}`)).toBe(text(CUINIT));
  });

  it.each([
    ['the notice alone', 'WARNING: All log messages before absl::InitializeLog() is called are written to STDERR'],
    ['the notice and nothing after it', 'WARNING: Logging before flag parsing goes to stderr.\n  \n'],
    ['another warning', 'WARNING: All log messages before noon are written to STDERR\nE0000 00:00:1 x.cc:1] boom'],
    ['the notice inside a line', 'note: WARNING: Logging before flag parsing goes to stderr.\nW0517 21:08:20.576859 1 log.py:4] x'],
  ])('leaves %s', (_why, t) => {
    expect(withoutAbslNotice(t)).toBe(t);
  });
});
