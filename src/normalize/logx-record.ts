// The JSON record go-zero's logx writes (`Encoding: json`, its default): the message under `content`,
// beside `@timestamp`, `caller` (file:line), `level` (info, error, severe, slow, stat) and, for a record
// written with a request's context, `trace` / `span`, and `duration` when one was given; the fields
// logx.Field adds sit beside them. go-zero's own examples print it so
// (`{"@timestamp":"2022-04-30T13:00:23.692+08:00","attempt":3,"backoff":"1s","caller":"main.go:20",
// "content":"failed to fetch URL","level":"error",…}`, zeromicro/go-zero#1847), and so do people's pasted
// error logs. `content` is no message key in general (a document's or an HTTP body's member), so it is
// read as the message only where logx's other fields say the record is logx's.
/** logx's fields always written beside `content` (its timestamp key is configurable; `caller` is not). */
const LOGX_FIELDS = ['caller', 'level'] as const;

/** The message of a logx record, or null when the payload is not one (`Infov` of an object writes no string content). */
export function logxContent(payload: Record<string, unknown>): string | null {
  const content = payload.content;
  if (typeof content !== 'string' || content.trim() === '') return null;
  if (!LOGX_FIELDS.every((k) => typeof payload[k] === 'string')) return null;
  return content;
}
