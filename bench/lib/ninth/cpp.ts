// C++ service: TensorFlow Serving 2.15 (TensorFlow's `2026-12-04 10:00:00.123456: W file:line] msg`
// prefix) on the morning revision, 2.18 after, whose Abseil logging prints `W0000 00:00:<epoch>.<us>
// <tid> basename:line] msg` before InitializeLog; the C++ runtime's `terminate called ...` on stderr.
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { abslTime, tfTime } from './clock.js';

/** `file` is the path TensorFlow prints; Abseil prints its basename. */
function tf(ctx: Ctx, level: 'I' | 'W' | 'E', file: string, line: number, msg: string): Write {
  if (ctx.rev === 0) return { stream: 'stderr', text: `${tfTime(ctx.t)}: ${level} ${file}:${line}] ${msg}` };
  const base = file.slice(file.lastIndexOf('/') + 1);
  return { stream: 'stderr', text: `${level}${abslTime(ctx.t)}${String(ctx.rng.int(1, 400)).padStart(8)} ${base}:${line}] ${msg}` };
}

const allocWarning: Family = {
  name: 'models-tfserving:allocation-exceeds-free-memory', level: 'WARNING', perDay: [100, 260],
  emit: (ctx) => [tf(ctx, 'W', 'external/org_tensorflow/tensorflow/core/framework/cpu_allocator_impl.cc', 83, `Allocation of ${ctx.rng.pick([268435456, 536870912, 1073741824, 805306368])} exceeds 10% of free system memory.`)],
};

const castFailed: Family = {
  name: 'models-tfserving:cast-string-to-float', level: 'WARNING', perDay: [10, 30],
  emit: (ctx) => [tf(ctx, 'W', 'external/org_tensorflow/tensorflow/core/framework/op_kernel.cc', 1828, `OP_REQUIRES failed at cast_op.cc:122 : UNIMPLEMENTED: Cast string to float is not supported`)],
};

const loadFailed: Family = {
  name: 'models-tfserving:servable-load-op-not-registered', level: 'ERROR', perDay: [2, 8],
  emit: (ctx) => {
    const v = ctx.rng.int(3, 12);
    return [tf(ctx, 'E', 'tensorflow_serving/util/retrier.cc', 40, `Loading servable: {name: ranker version: ${v}} failed: NOT_FOUND: Op type not registered 'SentencepieceOp' in binary running on localhost. Make sure the Op and Kernel are registered in the binary running in this process. Note that if you are loading a saved graph which used ops from tf.contrib (e.g. \`tf.contrib.resampler\`), accessing should be done before importing the graph, as contrib ops are lazily registered when the module is first accessed.`)];
  },
};

const badAlloc: Family = {
  name: 'models-tfserving:terminate-bad-alloc', level: 'CRITICAL', perDay: [1, 4],
  emit: (ctx) => [
    { stream: 'stderr', text: "terminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc" },
    { stream: 'varlog/system', severity: 'ERROR', text: `Uncaught signal: 6, pid=${ctx.rng.int(1, 40)}, tid=${ctx.rng.int(40, 400)}, fault_addr=0.`, as: { family: 'models-tfserving:uncaught-signal-6', level: 'ERROR' } },
  ],
};

const loaded: Family = {
  name: 'noise:models-tfserving:loaded', level: 'INFO', perDay: [100, 200],
  emit: (ctx) => [ctx.rng.chance(0.5)
    ? tf(ctx, 'I', 'tensorflow_serving/core/loader_harness.cc', 95, `Successfully loaded servable version {name: ranker version: ${ctx.rng.int(3, 12)}}`)
    : tf(ctx, 'I', 'tensorflow_serving/model_servers/server_core.cc', 486, `Polling model config: 2 models, 0 errors`)],
};

const batches: Family = {
  name: 'noise:models-tfserving:batch-stats', level: 'INFO', perDay: [200, 400],
  emit: (ctx) => [tf(ctx, 'I', 'tensorflow_serving/batching/batching_session.cc', 211, `batch stats: size=${ctx.rng.int(1, 64)} queue_ms=${ctx.rng.int(0, 40)} failed=0`)],
};

export const modelsTfserving: ServiceDef = {
  name: 'models-tfserving', stack: 'TensorFlow Serving 2.15 then 2.18 (C++), Abseil logging', splitRate: 0.7,
  families: [allocWarning, castFailed, loadFailed, badAlloc, loaded, batches],
};
