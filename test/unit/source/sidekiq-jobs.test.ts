// Sidekiq's default error handler writes a failed job as three records (the context as JSON,
// `Class: message`, the backtrace), through the Pretty or the JSON formatter: joined back as one
// record per job, in either time order, and never with another job's or another thread's records.
import { createJoiner, reassembleAll, type Joined } from '../../../src/source/reassemble.js';
import type { RawEntry } from '../../../src/shared/types.js';
import { createClassifier } from '../../../src/classify/index.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import { cloudRunLines } from '../../support/cloud-run-lines.js';

const { line } = cloudRunLines('stdout');
const GEMS = '/usr/local/bundle/ruby/3.3.0/gems';
const TIME = '2026-03-10T10:00:00.000Z';

interface Job { cls: string; jid: string; tid: string; error: string; frames: string[]; wrapped?: string }
const SMTP: Job = {
  cls: 'InvoiceMailerJob', jid: '9c07f1a4d68f7ea5eaf5a627', tid: 'sdlq20',
  error: 'Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>',
  frames: ["/usr/local/lib/ruby/3.3.0/net/protocol.rb:229:in `rbuf_fill'", `${GEMS}/net-smtp-0.5.0/lib/net/smtp.rb:1020:in \`recv_response'`, "/app/app/jobs/invoice_mailer_job.rb:9:in `perform'"],
};
const TEMPLATE: Job = {
  cls: 'DunningMailerJob', jid: '0c3e930288b4a077ddb05f5c', tid: 'zatc12',
  error: 'ActionView::MissingTemplate: Missing template dunning_mailer/reminder with {locale: [:de], formats: [:html]}. Searched in: * "/app/app/views"',
  frames: [`${GEMS}/actionview-7.1.3/lib/action_view/path_set.rb:41:in \`find'`, "/app/app/jobs/dunning_mailer_job.rb:12:in `perform'"],
};
const contextOf = (job: Job) => JSON.stringify({ context: 'Job raised exception', job: { retry: true, queue: 'mailers', args: [42], class: job.wrapped ?? job.cls, ...(job.wrapped ? { wrapped: job.cls } : {}), jid: job.jid } });

/** The three records through the Pretty formatter; `inJob`: the header names the job (class=, jid=). */
function pretty(job: Job, start: number, inJob = true): RawEntry[] {
  const header = `${TIME} pid=1 tid=${job.tid}${inJob ? ` class=${job.cls} jid=${job.jid}` : ''} WARN: `;
  return [contextOf(job), job.error, job.frames.join('\n')].map((msg, i) => line(header + msg, start + i * 300));
}
/** The backtrace record split by Cloud Run, one entry per line. */
function prettySplit(job: Job, start: number): RawEntry[] {
  const [context, error, backtrace] = pretty(job, start);
  const lines = (backtrace!.textPayload as string).split('\n');
  return [context!, error!, ...lines.map((t, i) => line(t, start + 600 + i * 7))];
}
function json(job: Job, start: number): RawEntry[] {
  return [contextOf(job), job.error, job.frames.join('\n')].map((msg, i) => ({
    ...line('', start + i * 300), textPayload: undefined,
    jsonPayload: { ts: TIME, pid: 1, tid: job.tid, lvl: 'WARN', msg, ctx: { class: job.cls, jid: job.jid } },
  }));
}
const messageOf = (j: Joined) => (typeof j.raw.textPayload === 'string' ? j.raw.textPayload : (j.raw.jsonPayload as { msg: string }).msg);
const sorted = (out: Joined[]) => [...out].sort((a, b) => a.members[0]! - b.members[0]!);

describe('a failed Sidekiq job\'s records', () => {
  const whole = `Job raised exception, class=InvoiceMailerJob\n${SMTP.error}\n${SMTP.frames.join('\n')}`;

  it.each([
    ['Pretty', pretty(SMTP, 0)],
    ['Pretty, its backtrace split into lines', prettySplit(SMTP, 0)],
    ['JSON', json(SMTP, 0)],
  ])('%s: one record of every entry, the job, the error, the frames', (_name, entries) => {
    for (const input of [entries, [...entries].reverse()]) {
      const out = reassembleAll(input);
      expect(out).toHaveLength(1);
      expect(out[0]!.members).toEqual(entries.map((_, i) => i));
      expect(messageOf(out[0]!).endsWith(whole)).toBe(true);
    }
  });

  it('the Pretty record keeps Sidekiq\'s header (its level) on its first line', () => {
    expect(messageOf(reassembleAll(pretty(SMTP, 0))[0]!)).toBe(`${TIME} pid=1 tid=sdlq20 class=InvoiceMailerJob jid=9c07f1a4d68f7ea5eaf5a627 WARN: ${whole}`);
  });

  it('the joiner a batch reader drives in step joins them too', () => {
    const joiner = createJoiner();
    const out: Joined[] = [];
    for (const raw of prettySplit(SMTP, 0)) joiner.push(raw, out);
    joiner.end(out);
    expect(out).toHaveLength(1);
    expect(messageOf(out[0]!).endsWith(whole)).toBe(true);
  });

  it('logged outside the job\'s context (no class= or jid= in the header): joined by its thread', () => {
    expect(reassembleAll(pretty(SMTP, 0, false))).toHaveLength(1);
  });

  it('an ActiveJob\'s own class, not the adapter\'s wrapper', () => {
    const out = reassembleAll(pretty({ ...SMTP, wrapped: 'ActiveJob::QueueAdapters::SidekiqAdapter::JobWrapper' }, 0));
    expect(messageOf(out[0]!)).toContain('Job raised exception, class=InvoiceMailerJob\n');
  });

  it('two jobs failing at once on two threads are two records', () => {
    const a = pretty(SMTP, 0);
    const b = pretty(TEMPLATE, 100);
    const out = sorted(reassembleAll([a[0]!, b[0]!, a[1]!, b[1]!, a[2]!, b[2]!]));
    expect(out.map((j) => j.members)).toEqual([[0, 2, 4], [1, 3, 5]]);
    expect(messageOf(out[1]!)).toContain('MissingTemplate');
  });

  it('two failures in a row on one thread are two records', () => {
    const out = sorted(reassembleAll([...pretty(SMTP, 0), ...pretty({ ...TEMPLATE, tid: SMTP.tid }, 2000)]));
    expect(out.map((j) => j.members)).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it('another job\'s id on the thread is another failure', () => {
    const [context, , backtrace] = pretty(SMTP, 0);
    const other = pretty({ ...SMTP, jid: 'ffffffffffffffffffffffff' }, 0);
    expect(reassembleAll([context!, other[1]!, backtrace!])).toHaveLength(3);
  });

  it('records a second apart are not one failure', () => {
    const [context, error, backtrace] = pretty(SMTP, 0);
    const late = line(error!.textPayload as string, 1_500_000);
    expect(reassembleAll([context!, late, { ...backtrace!, timestamp: late.timestamp }]).length).toBeGreaterThan(1);
  });

  it('a context whose error was not read stays as it was', () => {
    const [context] = pretty(SMTP, 0);
    const out = reassembleAll([context!]);
    expect(out).toHaveLength(1);
    expect(out[0]!.raw).toBe(context);
  });

  it('a backtrace cut short mid-frame leaves the failure a piece', () => {
    const [context, error, backtrace] = pretty(SMTP, 0);
    const text = backtrace!.textPayload as string;
    const out = reassembleAll([context!, error!, { ...backtrace!, textPayload: text.slice(0, text.indexOf('net-smtp')) }]);
    expect(out).toHaveLength(1);
    expect(out[0]!.piece).toBe(true);
    expect(reassembleAll(pretty(SMTP, 0))[0]!.piece).toBeUndefined();
  });

  it('a failure whose backtrace was lost is a piece too; one with frames under its error line is whole', () => {
    const [context, error, backtrace] = pretty(SMTP, 0);
    const lost = reassembleAll([context!, error!]);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.piece).toBe(true);
    // The backtrace's first line (the one with the header) lost, its other lines read under the error line.
    const frames = (backtrace!.textPayload as string).split('\n').slice(1).map((t, i) => line(t, 700 + i * 7));
    const out = reassembleAll([context!, error!, ...frames]);
    expect(out).toHaveLength(1);
    expect(out[0]!.piece).toBeUndefined();
    // An error logged with no context is read as it was.
    expect(reassembleAll([error!])[0]!.piece).toBeUndefined();
  });

  it('the job\'s routine records are not joined', () => {
    const header = `${TIME} pid=1 tid=${SMTP.tid} class=${SMTP.cls} jid=${SMTP.jid} INFO: `;
    expect(reassembleAll([line(`${header}start`, 0), line(`${header}done: 0.4 sec`, 300)])).toHaveLength(2);
  });

  it('another instance\'s records are not joined', () => {
    const [context, error, backtrace] = pretty(SMTP, 0);
    const elsewhere = { ...error!, labels: { instanceId: 'another' } };
    expect(reassembleAll([context!, elsewhere, backtrace!])).toHaveLength(3);
  });
});

describe('failed Sidekiq jobs as clusters', () => {
  function ids(groups: RawEntry[][]): string[] {
    const c = createClassifier();
    const handles = groups.map((g) => {
      const [joined] = reassembleAll(g);
      const entry = normalizeEntry(joined!.raw);
      if ('skip' in entry) throw new Error(`skipped: ${entry.skip}`);
      return c.add(entry);
    });
    return handles.map((h) => c.resolve(h).id);
  }

  it('the Pretty and the JSON formatter\'s records of one problem are one cluster', () => {
    const all = ids([pretty(SMTP, 0), prettySplit({ ...SMTP, jid: '1111', tid: 'ab12' }, 0), json({ ...SMTP, jid: '2222', tid: 'cd34' }, 0)]);
    expect(new Set(all).size).toBe(1);
  });

  it('two errors are two clusters; so is one error raised in two jobs', () => {
    const [a, b, c] = ids([pretty(SMTP, 0), pretty(TEMPLATE, 0), pretty({ ...SMTP, cls: 'ReceiptMailerJob', frames: [...SMTP.frames.slice(0, 2), "/app/app/jobs/receipt_mailer_job.rb:7:in `perform'"] }, 0)]);
    expect(new Set([a, b, c]).size).toBe(3);
  });
});
