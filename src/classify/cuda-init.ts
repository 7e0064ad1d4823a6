// TensorFlow (its stream executor, later XLA's) reports that the CUDA driver could not be initialized
// as `failed call to cuInit: <status>`, and the status is printed in the words of the release that
// printed it: `CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected` (the driver's error name and
// description, TF 2.15 and earlier), `UNKNOWN ERROR (303)` (a code the driver had no name for), or,
// wrapped in an absl status since TF 2.16, `INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR
// (303)` (tensorflow/tensorflow#41937, #32623, mljar/mljar-supervised#107 as people pasted them). What
// failed is the same call on the same machine: the process gets no GPU and falls back to the CPU, and
// a rollout to another release must not file it again. The failing call is the identity
// (error-identity.ts, namesOperation); what follows it must be only such a status.

/** A cuInit failure found in a message: its key and the token it starts at. */
export interface CudaInitFailure {
  key: string;
  start: number;
}

const FIRST_WORD = 'failed';
// The status after `failed call to cuInit: `, in each release's spelling, and nothing after it.
// Alternatives start with distinct words; each repeat is bounded.
const STATUS = /^(?:INTERNAL: CUDA error: Failed call to cuInit: )?(?:CUDA_ERROR_[A-Z_]{1,60}(?:: [A-Za-z][A-Za-z -]{0,120})?|UNKNOWN ERROR \((?:\d{1,6}|<NUM>)\))\s*$/;
const CALL = 'failed call to cuInit:';
/** Tokens of the call's own words. */
const CALL_TOKENS = 4;

/** The cuInit failure a message reports (see above), or null when it reports none or says more. */
export function cudaInitFailure(tokens: readonly string[]): CudaInitFailure | null {
  for (let i = 0; i + CALL_TOKENS <= tokens.length; i++) {
    if (tokens[i] !== FIRST_WORD || tokens.slice(i, i + CALL_TOKENS).join(' ') !== CALL) continue;
    const rest = tokens.slice(i + CALL_TOKENS).join(' ');
    if (rest.length > 400 || !STATUS.test(rest)) return null;
    return { key: 'cuda-init\u0001cuInit', start: i };
  }
  return null;
}
