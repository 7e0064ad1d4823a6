// A message template may print the exception as one of its properties: EF Core's SaveChangesFailed and
// query-iteration events (`An exception occurred in the database while saving changes for context type
// '{contextType}'.{newline}{error}`, `error` the exception's ToString()), a handler's `Request failed:
// {Exception}`. A console template prints strings bare (Serilog's `{Message:lj}`, Microsoft's console
// formatter), so the message is the line and the trace under it. A JSON formatter renders the message
// as Serilog's RenderMessage does, every string in double quotes with its own quotes escaped
// (Elastic.CommonSchema.Serilog's EcsTextFormatter, Serilog's CLEF `@m`), and carries the exception
// again in its own fields (ECS `error.stack_trace`): the message then holds the very stack quoted, and
// the first exception line under it starts with a quote, no head a reader knows. The quoted run is the
// record's stack: it is taken out of the message, so the record reads once, message then trace, as
// its console twin does.

/** Serilog's rendering of a string value in a message (ScalarValue.Render): quoted, its quotes escaped. */
const quoted = (s: string): string => `"${s.replace(/"/g, '\\"')}"`;

/** Quoted line breaks and empty strings a template printed between the line and the property (`{newline}`). */
const QUOTED_BREAKS = /(?:\s*"(?:\s|\\[rn])*")+\s*$/;

/** `message` without `stack` where it holds it as a quoted value (and the quoted line breaks before it); else `message`. */
export function withoutQuotedStack(message: string, stack: string): string {
  if (!stack.includes('\n') || message.length < stack.length) return message;
  const run = quoted(stack);
  const at = message.indexOf(run);
  if (at < 0) return message;
  const before = message.slice(0, at).replace(QUOTED_BREAKS, '');
  return `${before}${message.slice(at + run.length)}`.trim();
}
