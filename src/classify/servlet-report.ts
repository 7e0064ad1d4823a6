// Tomcat's StandardWrapperValve reports an exception a servlet let through as `Servlet.service() for
// servlet [dispatcherServlet] in context with path [] threw exception [<the exception's toString()>]
// with root cause` (LocalStrings' standardWrapper.serviceExceptionRoot), the root cause's trace on the
// lines under it; Spring's DispatcherServlet wraps what a handler threw as `Request processing failed:
// <exception>` (6.x) or `Request processing failed; nested exception is <exception>` (5.x). The servlet,
// the path and the wrappers are the same for every failure of the application: what failed is the
// exception in the brackets, when they hold one (a class name and its message). Read alone (its trace written apart, or a copy of the record printed by
// another exporter), the line is that exception's, so two failures stay two and one failure's lines meet.
const REPORT = /^(?:[^\n]{0,300}? )?Servlet\.service\(\) for servlet \[[^\]\n]{1,200}\] in context with path \[[^\]\n]{0,200}\] threw exception \[/;
const ROOT_CAUSE = /\] with root cause\s*$/;
const DISPATCH_WRAPPER = /^Request processing failed(?:: |; nested exception is )/;
// The exception's toString(): its qualified class name, then its message after a colon, if any. A
// ServletException's own message (`report 61733 failed`) names no type: the report is read as it is.
const THROWABLE = /^(?:[a-z_$][\w$]{0,100}\.){1,20}[A-Z][\w$]{0,100}(?::|$)/;

/** The exception a servlet report names (its first line), or the line as it is. */
export function servletReportLine(line: string): string {
  if (!line.includes('Servlet.service() ')) return line;
  const m = REPORT.exec(line.length > 600 ? line.slice(0, 600) : line);
  if (m === null) return line;
  let inner = line.slice(m[0].length);
  const end = ROOT_CAUSE.exec(inner);
  inner = end === null ? inner.replace(/\]\s*$/, '') : inner.slice(0, end.index);
  inner = inner.replace(DISPATCH_WRAPPER, '');
  return THROWABLE.test(inner) ? inner : line;
}
