// A logfmt record on one line reads as its JSON twin reads (json-message.ts): Grafana's
// `[log.console] format` moved from logfmt to JSON at a rollout, structlog's LogfmtRenderer beside its
// JSONRenderer, slog's TextHandler beside its JSONHandler. Lines that are no logger's record stay as
// they are.
import { describe, expect, it } from '@jest/globals';
import { normalizeEntry } from '../../../src/normalize/index.js';

const T = '2026-12-05T10:00:00Z';
const textOf = (line: string): string | undefined => {
  const entry = normalizeEntry({ timestamp: T, textPayload: line });
  return 'text' in entry ? entry.text : undefined;
};
const jsonTextOf = (payload: string): string | undefined => {
  const entry = normalizeEntry({ timestamp: T, jsonPayload: JSON.parse(payload) as Record<string, unknown> });
  return 'text' in entry ? entry.text : undefined;
};

describe('a logfmt record on one line', () => {
  it.each([
    ['Grafana (logger first, go-kit logfmt)', 'logger=context userId=3 orgId=1 uname=ann t=2026-12-05T10:00:00.123Z level=error msg="Request Completed" method=POST path=/api/ds/query status=500 remote_addr=10.0.0.1 time_ms=30 duration=30ms size=120 referer= handler=/api/ds/query status_source=server',
      '{"logger":"context","userId":3,"orgId":1,"uname":"ann","t":"2026-12-05T10:00:00.123Z","level":"error","msg":"Request Completed","method":"POST","path":"/api/ds/query","status":500}'],
    ['structlog\'s LogfmtRenderer (event, level last)', 'event="webhook signature invalid" logger=app.webhooks provider=stripe event_id=evt_1 tolerance_s=300 level=warning',
      '{"event":"webhook signature invalid","logger":"app.webhooks","provider":"stripe","event_id":"evt_1","tolerance_s":300,"level":"warning"}'],
    ['go-kit with an error', 'level=error caller=store.go:88 msg="query failed" err="pq: canceling statement due to statement timeout"',
      '{"level":"error","caller":"store.go:88","msg":"query failed","err":"pq: canceling statement due to statement timeout"}'],
  ])('%s reads as its JSON twin', (_what, logfmt, json) => {
    expect(textOf(logfmt)).toBe(jsonTextOf(json));
    expect(textOf(logfmt)).not.toContain('=');
  });

  it.each([
    ['no message', 'keys=120 took=3s shard=eu-1'],
    ['two pairs only', 'msg="cache warmed" keys=120'],
    ['chatter that merely has pairs', 'health ok, error_count=0 msg=fine level=info'],
    ['text after the pairs', 'msg="x" status=500 shard=2 and then some words'],
  ])('leaves a line with %s as it is', (_what, line) => {
    expect(textOf(line)).toBe(line);
  });
});
