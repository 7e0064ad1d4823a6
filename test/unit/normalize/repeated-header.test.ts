// A formatter that repeats its header on every line of a record (vLLM's NewLineFormatter, Python logging's
// MultiLineFormatter recipes) prints the traceback the plain formatter prints once under one header: both
// read as one text, whole or split one line per entry by Cloud Run and joined again. vLLM's header as its
// logger writes it (`%(levelname)s %(asctime)s [%(filename)s:%(lineno)d] %(message)s`, `%m-%d %H:%M:%S`;
// before 0.7 without the brackets), and the prefix its front process and Ray's driver put before each
// line of a worker's output, are headers.
import { describe, expect, it } from '@jest/globals';
import { normalizeEntry, processPrefix, stripLogHeader } from '../../../src/normalize/index.js';
import { withoutRepeatedHeader } from '../../../src/normalize/repeated-header.js';
import { textSeverity } from '../../../src/normalize/text-severity.js';
import { reassembleAll } from '../../../src/source/reassemble.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';
import { cloudRunLines } from '../../support/cloud-run-lines.js';

const { line } = cloudRunLines('stderr');

const TRACE = [
  'Error in preprocessing prompt inputs',
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/dist-packages/vllm/entrypoints/openai/serving_chat.py", line 196, in create_chat_completion',
  '    ) = await self._preprocess_chat(',
  '  File "/usr/local/lib/python3.12/dist-packages/vllm/entrypoints/openai/serving_engine.py", line 262, in _validate_input',
  '    raise ValueError(',
  "ValueError: This model's maximum context length is 8192 tokens. However, you requested 8312 tokens (7800 in the messages, 512 in the completion).",
];
const every = (header: string) => TRACE.map((l) => header + l).join('\n');
const once = (header: string) => header + TRACE.join('\n');

function text(raw: RawEntry): string {
  const e = normalizeEntry(raw) as Entry;
  return e.text;
}

describe('a header repeated on every line of a record', () => {
  it.each([
    ['vLLM 0.8', 'ERROR 12-07 10:20:32 [serving_chat.py:200] '],
    ['vLLM 0.6', 'ERROR 12-07 01:06:38 serving_chat.py:200] '],
    ['a worker behind its process prefix', '(VllmWorkerProcess pid=1234) ERROR 12-07 10:20:32 [serving_chat.py:200] '],
    ['Python logging', '2026-12-07 10:20:32,123 - vllm.entrypoints - ERROR - '],
  ])('%s: reads as the record printed with the header once', (_n, header) => {
    expect(withoutRepeatedHeader(every(header))).toBe(once(header));
    expect(text(line(every(header), 0))).toBe(text(line(once(header), 0)));
    expect(textSeverity(every(header))).toBe('ERROR');
  });

  it.each([['one write', 7], ['a call per line', 2000]])('split one line per entry (%s), joins in both time orders and reads as the whole record', (_n, apart) => {
    const header = 'ERROR 12-07 10:20:32 [serving_chat.py:200] ';
    const entries = every(header).split('\n').map((l, i) => line(l, i * apart));
    for (const input of [entries, [...entries].reverse()]) {
      const joined = reassembleAll(input);
      expect(joined).toHaveLength(1);
      expect(text(joined[0]!.raw)).toBe(text(line(once(header), 0)));
    }
  });

  it('reads a sample a past release stored, its first copy of the header read off and cut at the bound, as the record', () => {
    const header = 'ERROR 12-07 10:20:32 [serving_chat.py:200] ';
    const stored = `12-07 10:20:32 [serving_chat.py:200] ${TRACE[0]}\n${TRACE.slice(1, 4).map((l) => header + l).join('\n')}\nERROR 12-07 10:2`;
    expect(withoutRepeatedHeader(stored)).toBe(`12-07 10:20:32 [serving_chat.py:200] ${TRACE.slice(0, 4).join('\n')}`);
  });

  it('leaves lines with another header, or none, as they are', () => {
    const two = 'ERROR 12-07 10:20:32 [a.py:1] first\nERROR 12-07 10:20:33 [a.py:1] second';
    expect(withoutRepeatedHeader(two)).toBe(two);
    const plain = 'ERROR 12-07 10:20:32 [a.py:1] failed\nTraceback (most recent call last):\n  File "x.py", line 1, in f';
    expect(withoutRepeatedHeader(plain)).toBe(plain);
    const noLevel = 'Order 12 failed\nOrder 12 failed again';
    expect(withoutRepeatedHeader(noLevel)).toBe(noLevel);
    expect(withoutRepeatedHeader('ERROR 12-07 10:20:32 [a.py:1] one line')).toBe('ERROR 12-07 10:20:32 [a.py:1] one line');
  });

  it("reads vLLM's header and the worker prefixes", () => {
    expect(stripLogHeader('WARNING 12-07 10:19:26 [scheduler.py:1560] Sequence group 4 is preempted')).toEqual({ rest: 'Sequence group 4 is preempted', level: 'WARNING' });
    expect(stripLogHeader('INFO 12-07 00:09:51 engine.py:275] Added request chatcmpl-a8.')).toEqual({ rest: 'Added request chatcmpl-a8.', level: 'INFO' });
    expect(stripLogHeader('(EngineCore_0 pid=87) ERROR 12-07 10:20:32 [core.py:586] EngineCore failed to start.').rest).toBe('EngineCore failed to start.');
    expect(processPrefix('(RayTrainWorker pid=1234, ip=10.0.0.5) Traceback (most recent call last):')).toEqual({ length: 39, name: 'RayTrainWorker pid=1234' });
    expect(processPrefix('(pid=88) hello')).toEqual({ length: 9, name: ' pid=88' });
    // A message in parentheses is no prefix.
    expect(processPrefix('(no pid here) hello')).toBeNull();
    expect(stripLogHeader('12-07 is the date we ship').rest).toBe('12-07 is the date we ship');
  });
});
