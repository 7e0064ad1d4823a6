// Ruby's Exception#inspect, `#<Redis::CannotConnectError: Error connecting to Redis on 10.0.0.5:6379>`,
// as Puma's error line ends (`2026-03-10 12:00:01 +0000: Rack app ("GET /x" - (1.2.3.4)): #<Class: message>`)
// and as loggers print an exception object. The class and message inside it are the error; the
// request before it says which request failed, not what failed.

const INSPECTED = /#<([A-Z]\w{0,80}(?:::[A-Z]\w{0,80}){0,8}): (.{0,2000})>\s*$/;

export interface Inspected {
  type: string;
  message: string;
}

/** The exception a line (of the lines above a backtrace) ends with in its inspect form, or null. */
export function inspectedException(lines: readonly string[]): Inspected | null {
  for (const line of lines) {
    if (line.indexOf('#<') < 0) continue;
    const m = INSPECTED.exec(line.length > 2400 ? line.slice(-2400) : line);
    // Ruby 3.4 quotes a message that holds a newline: `#<RuntimeError: "a\nb">`.
    if (m) return { type: m[1]!, message: m[2]! };
  }
  return null;
}

// Puma's error line describes the request that failed between its text and the error: `Rack app
// ("GET /invoices?page=2" - (203.0.113.9)): #<…>` (Puma::ErrorLogger#title). Which request it was is
// the sample's business; the line that logged the error is `Rack app`, whatever the method or path.
const PUMA_REQUEST = / \("[A-Z]{3,10} [^"\n]{0,2000}" - \([^()\n]{0,100}\)\)(?=: #<)/;

/** The line a Ruby backtrace was logged under, as a caller: Puma's request description left out. */
export function rubyCallerLine(line: string): string {
  return line.indexOf('" - (') < 0 ? line : line.replace(PUMA_REQUEST, '');
}
