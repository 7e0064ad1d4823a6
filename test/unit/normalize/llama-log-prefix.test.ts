// llama.cpp's common log (common/log.cpp) prints, with `--log-prefix --log-timestamps` (LLAMA_LOG_PREFIX,
// LLAMA_LOG_TIMESTAMPS), the time since the process started as `M.SS.mmm.uuu` and the level's letter
// before a message: the lines below as pasted in spiritbuun/buun-llama-cpp#57 (llama-server with both
// on); without them (ggml-org/llama.cpp#17316) a line states no level.
import { describe, expect, it } from '@jest/globals';
import { stripLogHeader } from '../../../src/normalize/log-header.js';
import { severityTextPattern, textSeverity } from '../../../src/normalize/text-severity.js';


describe("llama.cpp's log prefix", () => {
  it.each([
    ['0.44.777.484 E decode: failed to initialize batch', 'ERROR', 'decode: failed to initialize batch'],
    ['0.44.777.485 E llama_decode: failed to decode, ret = -1', 'ERROR', 'llama_decode: failed to decode, ret = -1'],
    ['0.44.777.485 W draft: llama_decode returned -1', 'WARNING', 'draft: llama_decode returned -1'],
    ['0.44.834.612 I srv  update_slots:   verify ubatch: 4 tok, 57.1ms (14.28ms/tok)', 'INFO', 'srv  update_slots:   verify ubatch: 4 tok, 57.1ms (14.28ms/tok)'],
    ['0.44.889.119 E init: the tokens of sequence 0 in the input batch have inconsistent sequence positions:', 'ERROR', 'init: the tokens of sequence 0 in the input batch have inconsistent sequence positions:'],
    ['125.03.001.250 D slot update_slots: id  0 | task 12 | n_past = 40', 'DEBUG', 'slot update_slots: id  0 | task 12 | n_past = 40'],
  ])('%s reads as %s', (line, severity, message) => {
    expect(textSeverity(line)).toBe(severity);
    expect(stripLogHeader(line).rest).toBe(message);
  });

  it('the same message with and without the prefix reads as one text', () => {
    const bare = 'srv    send_error: task id = 317, error: Invalid input batch.';
    expect(stripLogHeader(`42.59.821.841 E ${bare}`).rest).toBe(stripLogHeader(bare).rest);
  });

  it('is kept by the server-side pattern at the floors its letter reaches', () => {
    const notice = new RegExp(severityTextPattern('NOTICE').replace('(?i)', ''), 'i');
    expect(notice.test('0.44.777.484 E decode: failed to initialize batch')).toBe(true);
    expect(notice.test('0.44.777.485 W draft: llama_decode returned -1')).toBe(true);
  });

  it('leaves lines that only look alike as they are', () => {
    // A version number, an address, a time with no letter after it: no prefix.
    expect(stripLogHeader('1.2.3.4 E x').rest).toBe('1.2.3.4 E x');
    expect(textSeverity('10.0.0.12 E-mail sent')).toBeNull();
    expect(stripLogHeader('0.44.777.484 decode: failed to initialize batch').level).toBeUndefined();
    expect(stripLogHeader('0.44.777.484 X not a level').rest).toBe('0.44.777.484 X not a level');
    // Without the prefix, a line states no level of its own.
    expect(textSeverity('srv  log_server_r: request: POST /v1/chat/completions 127.0.0.1 200')).toBeNull();
  });
});
