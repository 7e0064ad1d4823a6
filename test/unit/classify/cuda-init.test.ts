// TensorFlow's report that cuInit failed is one problem whatever release printed its status; a message
// that says more after the status, or only mentions the call, reads none. Lines as people pasted them.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { createClassifier } from '../../../src/classify/index.js';
import { maskTokens } from '../../../src/normalize/mask.js';
import type { Entry } from '../../../src/shared/types.js';

const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
  time: Date.UTC(2026, 11, 4, 10, 0, 0), severity: 'ERROR', service: 'scoring', revision: 'scoring-001', kind: 'text', text, ...over,
});

const key = (line: string): string | null => errorIdentity(maskTokens(line).join(' '))?.key ?? null;

describe('errorIdentity: TensorFlow failing to initialize CUDA', () => {
  it('reads every release\'s spelling of the status as one failure', () => {
    const keys = [
      // tensorflow/tensorflow#41937, #32623 (the driver's error name and description)
      'failed call to cuInit: CUDA_ERROR_UNKNOWN: unknown error',
      'failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected',
      // mljar/mljar-supervised#107 (a code the driver had no name for)
      'failed call to cuInit: UNKNOWN ERROR (303)',
      // TF 2.16 and later, the status wrapped in absl's
      'failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)',
    ].map(key);
    expect(keys[0]).not.toBeNull();
    expect(new Set(keys).size).toBe(1);
  });

  it.each([
    'failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected; retrying with device 1 after reload of module foo',
    'the job failed call to cuInit: it said nothing',
    'failed call to cuDevicePrimaryCtxRetain: CUDA_ERROR_OUT_OF_MEMORY: out of memory',
    'kernel launch failed',
  ])('%j reads none of it', (line) => {
    expect(key(line) ?? '').not.toContain('cuda-init');
  });

  it('joins the two releases\' records in the classifier', () => {
    const c = createClassifier();
    const handles = [
      '2026-12-04 00:04:52.392525: E external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:274] failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected',
      'E0000 00:00:1796398251.036336       1 cuda_driver.cc:152] failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)',
      'E0000 00:00:1796398251.036336       1 cuda_driver.cc:152] failed call to cuDevicePrimaryCtxRetain: CUDA_ERROR_OUT_OF_MEMORY: out of memory',
    ].map((text) => c.add(entry(text)));
    const ids = handles.map((h) => c.resolve(h).id);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});
