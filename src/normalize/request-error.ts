// A request's summary record that names the error the request ended in: lograge's KeyValue line
// (`method=PATCH path=/cart … status=500 error='ActiveRecord::StatementInvalid: …' duration=…`) and
// its JSON formatter's record, with no level of their own. The status says how bad, as a request
// log's does (>= 500 ERROR, >= 400 WARNING). Without an error named, an access line is chatter,
// whatever its status: what failed is said elsewhere, or nowhere.
import type { Severity } from '../shared/types.js';

const LOGFMT_METHOD = /(?:^|[ \t])method=[A-Z]{3,7}(?=[ \t])/;
const LOGFMT_STATUS = /(?:^|[ \t])status=([1-5]\d{2})(?=[ \t])/;
const LOGFMT_ERROR = /[ \t]error=(?:'[^'\s]|"[^"\s]|[^\s'"])/;

function byStatus(status: number): Severity | null {
  return status >= 500 && status <= 599 ? 'ERROR' : status >= 400 && status <= 499 ? 'WARNING' : null;
}

/** The severity of a `key=value` request line that names its error, or null. `line` is the first line. */
export function requestLineSeverity(line: string): Severity | null {
  if (!line.includes(' error=') || !line.includes('status=')) return null;
  const status = LOGFMT_STATUS.exec(line);
  return status && LOGFMT_METHOD.test(line) && LOGFMT_ERROR.test(line) ? byStatus(Number(status[1])) : null;
}

/** The severity of a JSON request record (`method`, `path`, `status`) that names its error, or null. */
export function requestRecordSeverity(payload: Record<string, unknown>): Severity | null {
  const { error, status, method, path } = payload;
  if (typeof error !== 'string' || error.trim() === '' || typeof method !== 'string' || typeof path !== 'string') return null;
  const code = recordStatus(status);
  return code === null ? null : byStatus(code);
}

/** A record's `status` as JSON loggers write it: a number, or three digits quoted; else null. */
export function recordStatus(value: unknown): number | null {
  const code = typeof value === 'number' ? value : typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(code) ? code : null;
}
