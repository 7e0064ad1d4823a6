// TorchServe: the Java frontend's log4j2 `%d{ISO8601} [%-5p] %t %c - %m%n` on stdout, with the Python
// worker's stdout and stderr relayed line by line as `MODEL_LOG` records at INFO (each its own write).
// The rollout moves the model from version 1.0 to 2.0, which changes every worker thread's name.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { log4jIso } from './clock.js';
import { fam } from './shared.js';

const TS = 'ml-torchserve';
const W = (rev: 0 | 1, n: number): string => `W-${9000 + n}-resnet_${rev === 0 ? '1.0' : '2.0'}`;
const l4 = (t: number, level: string, thread: string, logger: string, msg: string): string => `${log4jIso(t)} [${level.padEnd(5)}] ${thread} ${logger} - ${msg}`;
const PY = '/home/venv/lib/python3.10/site-packages';

function relayed(t: number, thread: string, lines: readonly string[]): Write[] {
  return lines.map((line, i) => ({ stream: 'stdout', text: l4(t + i * 7, 'INFO', `${thread}-stdout`, 'MODEL_LOG', line) }));
}
const inferTb = (rng: Prng): string[] => [
  'Invoking custom service failed.',
  'Traceback (most recent call last):',
  `  File "${PY}/ts/service.py", line 134, in predict`,
  '    ret = self._entry_point(input_batch, self.context)',
  `  File "${PY}/ts/torch_handler/base_handler.py", line 432, in handle`,
  '    output = self.inference(data_preprocess)',
  `  File "${PY}/torch/nn/modules/conv.py", line 549, in _conv_forward`,
  '    return F.conv2d(',
  `RuntimeError: Given groups=1, weight of size [64, 3, 7, 7], expected input[${rng.int(1, 8)}, 4, 224, 224] to have 3 channels, but got 4 channels instead`,
];
export const mlTorchserve: ServiceDef = {
  name: TS, stack: 'TorchServe 0.12 (Java 17 frontend, Python 3.10 workers), PyTorch 2.4, a ResNet-50 image classifier on CPU', splitRate: 0.7,
  families: [
    fam(`${TS}:predict-4-channels`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
      const th = W(rev, rng.int(0, 3));
      return [
        ...relayed(t, th, inferTb(rng)),
        { stream: 'stdout', text: l4(t + 90, 'INFO', th, 'ACCESS_LOG', `/169.254.1.1:${rng.int(20000, 60000)} "POST /predictions/resnet HTTP/1.1" 503 ${rng.int(20, 200)}`), as: { family: `${TS}:predictions-503`, level: 'ERROR' } },
      ];
    }, 0.2),
    fam(`${TS}:worker-load-timeout`, 'ERROR', [3, 8], ({ rng, t, rev }) => {
      const th = W(rev, rng.int(0, 3));
      return [
        { stream: 'stdout', text: [
          l4(t, 'ERROR', th, 'org.pytorch.serve.wlm.WorkerThread', 'Backend worker error'),
          'org.pytorch.serve.wlm.WorkerInitializationException: Backend worker did not respond in given time',
          '\tat org.pytorch.serve.wlm.WorkerThread.run(WorkerThread.java:242) [model-server.jar:?]',
          '\tat java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:539) [?:?]',
          '\tat java.util.concurrent.FutureTask.run(FutureTask.java:264) [?:?]',
          '\tat java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136) [?:?]',
          '\tat java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635) [?:?]',
          '\tat java.lang.Thread.run(Thread.java:840) [?:?]',
        ].join('\n') },
        { stream: 'stdout', text: l4(t + 40, 'WARN', th, 'org.pytorch.serve.wlm.BatchAggregator', 'Load model failed: resnet, error: Worker died.') },
        { stream: 'stdout', text: l4(t + 60, 'INFO', th, 'org.pytorch.serve.wlm.WorkerThread', `Retry worker: ${th.slice(2, 6)} in 1 seconds.`), as: { family: `noise:${TS}:retry`, level: 'INFO' } },
      ];
    }),
    fam(`${TS}:model-store-missing`, 'ERROR', [1, 3], ({ t }) => [
      { stream: 'stdout', text: [
        l4(t, 'WARN', 'main', 'org.pytorch.serve.ModelServer', 'Failed to load model: resnet.mar'),
        'org.pytorch.serve.archive.model.ModelNotFoundException: Model not found at: resnet.mar',
        '\tat org.pytorch.serve.archive.model.ModelArchive.downloadModel(ModelArchive.java:103) ~[model-server.jar:?]',
        '\tat org.pytorch.serve.wlm.ModelManager.createModelArchive(ModelManager.java:185) ~[model-server.jar:?]',
        '\tat org.pytorch.serve.wlm.ModelManager.registerModel(ModelManager.java:143) ~[model-server.jar:?]',
        '\tat org.pytorch.serve.ModelServer.initModelStore(ModelServer.java:254) [model-server.jar:?]',
        '\tat org.pytorch.serve.ModelServer.startRESTserver(ModelServer.java:399) [model-server.jar:?]',
        '\tat org.pytorch.serve.ModelServer.main(ModelServer.java:124) [model-server.jar:?]',
      ].join('\n') },
    ]),
    fam(`${TS}:queue-full`, 'WARNING', [40, 100], ({ rng, t, rev }) => [{ stream: 'stdout', text: l4(t, 'WARN', `epollEventLoopGroup-3-${rng.int(1, 4)}`, 'org.pytorch.serve.wlm.WorkLoadManager', `Job queue for model resnet_${rev === 0 ? '1.0' : '2.0'} is full`) }]),
    fam(`noise:${TS}:worker-info`, 'INFO', [550, 850], ({ rng, t, rev }) => {
      const th = W(rev, rng.int(0, 3));
      return [{ stream: 'stdout', text: rng.pick([
        l4(t, 'INFO', th, 'org.pytorch.serve.wlm.WorkerThread', `Backend response time: ${rng.int(20, 400)}`),
        l4(t, 'INFO', `${th}-stdout`, 'MODEL_METRICS', `HandlerTime.Milliseconds:${rng.fixed(10, 300, 2)}|#ModelName:resnet,Level:Model|#type:GAUGE|#hostname:localhost,${Math.floor(t / 1e6)},${rng.uuid()}, pattern=[METRICS]`),
        l4(t, 'INFO', th, 'ACCESS_LOG', `/169.254.1.1:${rng.int(20000, 60000)} "POST /predictions/resnet HTTP/1.1" 200 ${rng.int(20, 400)}`),
      ]) }];
    }),
  ],
};

