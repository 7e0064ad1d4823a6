// A job or request that ran past its time limit is stopped by whatever supervises it, which raises an
// exception of its own into the work wherever the work happened to be: RQ's death penalty raises
// `JobTimeoutException` from a signal handler, Celery's pool raises `SoftTimeLimitExceeded` inside the
// task and `TimeLimitExceeded` for a task it killed, rack-timeout raises `RequestTimeoutException` (or
// `RequestTimeoutError`) into the request's thread. Their frames say where the clock ran out (a socket
// read, a sort, a template), which changes from one run to the next: they are no call site. What failed
// is the work's time limit, so frames do not make another problem of it (error-identity.ts,
// namesOperation), and neither does the line the supervisor logs it under (Celery's `Task handler
// raised error:`, `Task x[id] raised unexpected:`, an error tracker's `A … occurred in c#a:`): the
// supervisor wrote it, not a caller.
//
// Each supervisor's exception, bare or module-qualified (Python 2 prints the class's name alone, Python 3
// with its module), and the words each prints for it, which some logs carry without the class:
// - RQ: `Task exceeded maximum timeout value (180 seconds)`, before 0.10 `Job exceeded maximum timeout
//   value (1200 seconds)` (rq/rq#349, pculture/unisubs#3443, rq/rq#1385);
// - Celery: `SoftTimeLimitExceeded()`, `TimeLimitExceeded(300.0,)` (billiard's repr), and the worker's own
//   lines `Soft time limit (300s) exceeded for app.tasks.x[id]` / `Hard time limit (300s) exceeded for …`
//   (celery/celery#2815, harvard-lil/perma#2032);
// - rack-timeout: `Rack::Timeout::RequestTimeoutException: Request ran for longer than 30000ms`, `Request
//   waited 8ms, then ran for longer than 9992ms` (zombocom/rack-timeout#108, crossroads/api.goodcity#473);
//   its class is read only under `Rack::Timeout::`, as other frameworks have a `RequestTimeoutException`
//   of their own (an HTTP 408, thrown where it is raised). `RequestExpiryError` (a request that waited too
//   long to start) is another problem, and is left alone.
// Soft and hard limits stay apart: one lets the task clean up, the other kills the worker running it.
//
// Read from the message part of a template (masked values), every pattern linear.

const LIMITS: ReadonlyArray<readonly [key: string, pattern: RegExp]> = [
  // `JobTimeoutException` bare, or after its module (`rq.timeouts.`); RQ's words for it.
  ['rq-job-timeout', /(?:^|[\s(\['".])JobTimeoutException\b|\b(?:Task|Job) exceeded maximum timeout value\b/],
  // Celery's, bare, qualified (`celery.exceptions.`, `billiard.exceptions.`) or as a repr; the worker's line.
  ['celery-soft-time-limit', /(?:^|[\s(\['".])SoftTimeLimitExceeded\b|(?:^|\s)Soft time limit \(\S{1,40}\) exceeded for\b/],
  ['celery-time-limit', /(?:^|[\s(\['".])TimeLimitExceeded\b|(?:^|\s)Hard time limit \(\S{1,40}\) exceeded for\b/],
  ['rack-timeout-request', /\bRack::Timeout::RequestTimeout(?:Exception|Error)\b|(?:^|\s)Request (?:waited \S{1,40} then )?ran for longer than\b/],
];

/** Characters of a message looked at: the exception and its words open it, or follow a short line. */
const HEAD_CHARS = 2000;

/**
 * The time limit a message reports work stopped at, as a key (the same for every shape of one
 * supervisor's exception; soft and hard apart); null when it reports none.
 */
export function workTimeLimit(head: string): string | null {
  const text = head.length > HEAD_CHARS ? head.slice(0, HEAD_CHARS) : head;
  for (const [key, pattern] of LIMITS) if (pattern.test(text)) return `time-limit\u0001${key}`;
  return null;
}
