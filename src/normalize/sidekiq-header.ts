// Sidekiq's own log line header. Sidekiq 6 and 7's Pretty formatter writes
// `2026-03-10T12:00:01.123Z pid=1 tid=2ss class=HardJob jid=9c07f1a4d68f7ea5eaf5a627 elapsed=0.5 INFO: done`
// (the job context as `key=value` pairs, `tags=a,b` among them), its WithoutTimestamp twin the same
// without the time; Sidekiq 5 and before `2026-03-10T12:00:01.123Z 19615 TID-gpjbkve57 HardJob JID-3c9d2f INFO: start`.
// Both say how the line was logged: the level, then the message.

const LEVEL = '(DEBUG|INFO|WARN|ERROR|FATAL|ANY|UNKNOWN)';
const PRETTY = `pid=\\d{1,10} tid=[\\w-]{1,40}(?: [a-z_]{1,32}=[^\\s=]{0,200}){0,12}`;
const OLD = `\\d{1,10} TID-[\\w-]{1,40}(?: [A-Z][\\w:]{0,200})?(?: [JB]ID-[\\w-]{1,64}){0,2}`;
const SIDEKIQ_HEADER = new RegExp(`^(?:${PRETTY}|${OLD}) ${LEVEL}: `);

/** Sidekiq's context and level at the start of `head` (after the time): its length and level, or null. */
export function sidekiqHeader(head: string): { length: number; level: string } | null {
  const c = head.charCodeAt(0);
  if (c !== 112 && !(c >= 48 && c <= 57)) return null; // `pid=` or a pid
  const m = SIDEKIQ_HEADER.exec(head);
  return m ? { length: m[0].length, level: m[1]! } : null;
}

const JID = /(?:^| )(?:jid=|JID-)([\w-]{1,64})(?= )/;
const TID = /(?:^| )(?:tid=|TID-)([\w-]{1,40})(?= )/;

/** The thread and job a Sidekiq header names (its `tid=`, and `jid=` when the line was logged in a job). */
export function sidekiqThread(line: string): { tid: string; jid?: string; length: number; level: string } | null {
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z /.exec(line);
  const from = time ? time[0].length : 0;
  const header = sidekiqHeader(line.slice(from, from + 600));
  if (header === null) return null;
  const context = line.slice(from, from + header.length);
  const tid = TID.exec(context)?.[1];
  if (tid === undefined) return null;
  const jid = JID.exec(context)?.[1];
  return { tid, ...(jid !== undefined ? { jid } : {}), length: from + header.length, level: header.level };
}
