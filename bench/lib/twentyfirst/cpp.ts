// The C++ service: llama.cpp's llama-server on a Cloud Run GPU (one L4), a Qwen2.5 7B GGUF from a
// Cloud Storage volume, the OpenAI-compatible API.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { sinceStart } from './clock.js';
import { exitLine, fam } from './shared.js';

// llama-server's log writes each message with its own call on stderr: `srv  func: msg`, `slot func: id
// N | task M | msg`, no time and no level on the morning build (b4380). The build rolled out later
// runs with LLAMA_LOG_PREFIX=1 and LLAMA_LOG_TIMESTAMPS=1: `M.SS.mmm.uuu L ` (time since the process
// started, a level letter I/W/E/D) before each line; it also words the context error with token counts.
const LL = 'llm-llamacpp';
function lines(rng: Prng, t: number, rev: 0 | 1, xs: ReadonlyArray<readonly [string, string]>, as?: Write['as']): Write[] {
  const started = t - rng.int(60_000_000, 3_000_000_000);
  let at = t;
  return xs.map(([lvl, msg]) => {
    const text = rev === 0 ? msg : `${sinceStart(at, started)} ${lvl} ${msg}`;
    at += rng.int(100, 4000);
    return as ? { stream: 'stderr', text, as } : { stream: 'stderr', text };
  });
}
const req = (path: string, status: number): readonly [string, string] => ['I', `srv  log_server_r: request: POST ${path} 127.0.0.1 ${status}`];
export const llmLlamacpp: ServiceDef = {
  name: LL, stack: 'llama.cpp llama-server b4380 then b4600 (C++, CUDA 12.4) on one L4 GPU, Qwen2.5-7B-Instruct Q4_K_M GGUF on a Cloud Storage volume', splitRate: 0.5,
  families: [
    // The error for the task, then the request line with its status: one failed request.
    fam(`${LL}:context-exceeded`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
      const task = rng.int(10, 90000);
      const n = rng.int(4200, 12000);
      return lines(rng, t, rev, [
        ['E', `srv    send_error: task id = ${task}, error: ${rev === 0 ? 'the request exceeds the available context size, try increasing it' : `request (${n} tokens) exceeds the available context size (4096 tokens), try increasing it`}`],
        req('/v1/chat/completions', 400),
      ]);
    }),
    fam(`${LL}:invalid-batch`, 'ERROR', [6, 18], ({ rng, t, rev }) => {
      const task = rng.int(10, 90000);
      const x = rng.int(1000, 4000);
      return lines(rng, t, rev, [
        ['E', `init: the tokens of sequence ${rng.int(0, 3)} in the input batch have inconsistent sequence positions:`],
        ['E', ` - the last position stored in the memory module of the context (i.e. the KV cache) for sequence 0 is X = ${x}`],
        ['E', ` - the tokens for sequence 0 in the input batch have a starting position of Y = ${x + rng.int(2, 900)}`],
        ['E', ' it is required that the sequence positions remain consecutive: Y = X + 1'],
        ['E', 'decode: failed to initialize batch'],
        ['E', 'llama_decode: failed to decode, ret = -1'],
        ['E', 'srv  update_slots: Invalid input batch. i = 0, n_batch = 2048, ret = -1'],
        ['E', `srv    send_error: task id = ${task}, error: Invalid input batch.`],
        req('/v1/chat/completions', 500),
      ]);
    }),
    // A second model on the same GPU (the rollout's larger context) does not fit: the server exits.
    fam(`${LL}:cuda-oom-load`, 'ERROR', [2, 6], ({ rng, t, rev }) => [
      ...lines(rng, t, rev, [
        ['E', `ggml_backend_cuda_buffer_type_alloc_buffer: allocating ${rng.pick(['4460.44', '7168.00'])} MiB on device 0: cudaMalloc failed: out of memory`],
        ['E', 'llama_model_load: error loading model: unable to allocate CUDA0 buffer'],
        ['E', 'llama_load_model_from_file: failed to load model'],
        ['E', "common_init_from_params: failed to load model '/models/qwen2.5-7b-instruct-q4_k_m.gguf'"],
        ['E', "srv    load_model: failed to load model, '/models/qwen2.5-7b-instruct-q4_k_m.gguf'"],
        ['E', 'main: exiting due to model loading error'],
      ]),
      exitLine(LL, 1),
    ]),
    fam(`noise:${LL}:served`, 'INFO', [180, 300], ({ rng, t, rev }) => {
      const task = rng.int(10, 90000);
      const slot = rng.int(0, 3);
      return lines(rng, t, rev, [
        ['I', `slot launch_slot_: id  ${slot} | task ${task} | processing task`],
        ['I', `slot      release: id  ${slot} | task ${task} | stop processing: n_past = ${rng.int(100, 4000)}, truncated = 0`],
        req('/v1/chat/completions', 200),
        ['I', 'srv  update_slots: all slots are idle'],
      ]);
    }),
  ],
};
