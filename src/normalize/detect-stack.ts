// Recognises stack traces in message text and the exception type they name. Works on bounded
// text, line by line, with bounded regexes.

const PYTHON_TRACEBACK = /^\s{0,8}Traceback \(most recent call last\):?\s*$/m;
// Node `    at fn (file:1:2)`, Java `\tat pkg.Cls.fn(Cls.java:42)`, .NET `   at Ns.Cls.Fn() in f.cs:line 7`.
// Log4j2's extended trace (`%xEx`, its default) and Logback's packaging data add the jar each Java frame
// came from: `(Cls.java:42) ~[app-2.1.jar:2.1]`, `[?:?]`, `[na:na]`.
const AT_FRAME = /^[ \t]{1,16}at [^\n]{1,512}?(?::\d{1,7}\)?|\)|:line \d{1,7})(?:[ \t]{1,4}~?\[[^\]\n]{0,200}\])?[ \t]*$/m;
const JAVA_CAUSED_BY = /^Caused by: [A-Za-z_$][\w$.]{0,200}/m;
const GO_GOROUTINE = /^goroutine \d{1,9} \[[^\]\n]{1,64}\]:?\s*$/m;
const PYTHON_FILE_FRAME = /^ {2}File "[^"\n]{1,512}", line \d{1,7}/m;
// Ruby `app/models/order.rb:17:in 'total'` (backticked before 3.4), maybe after `from ` or a request tag.
const RUBY_FRAME = /^[ \t]{0,16}(?:\[[^\]\s\n]{1,80}\] ){0,3}(?:from )?[^\s:]{1,512}\.rb:\d{1,7}:in [`'][^\n]{1,300}'/m;

/** True when the text holds a recognisable stack trace (Python, Node, Java, .NET, Go, Ruby). */
export function isStackTrace(text: string): boolean {
  return (
    PYTHON_TRACEBACK.test(text) ||
    AT_FRAME.test(text) ||
    JAVA_CAUSED_BY.test(text) ||
    GO_GOROUTINE.test(text) ||
    PYTHON_FILE_FRAME.test(text) ||
    RUBY_FRAME.test(text)
  );
}

// A (possibly dotted) type name ending in Error/Exception/…: `TypeError`, `java.lang.IllegalStateException`.
const NAMED_TYPE =
  /(?:^|[\s(\[:])((?:[A-Za-z_$][\w$]{0,80}\.){0,12}[A-Z][\w$]{0,80}?(?:Error|Exception|Fault|Failure|Panic))(?=[:\s\]\[,]|$)/;
const MAX_HEADER = 4096;

/**
 * The exception type a stack trace names, when it can be told: Python's last exception line,
 * else the first `…Error` / `…Exception` in the lines before the first frame (Node, Java,
 * .NET, Error Reporting's message). Undefined otherwise.
 */
export function exceptionTypeFromStack(text: string): string | undefined {
  return pythonExceptionType(text) ?? rubyExceptionType(text) ?? headerExceptionType(text);
}

const RUBY_CONST = '[A-Z]\\w{0,80}(?:::[A-Z]\\w{0,80}){0,8}';
/** Rails' `Type (message):`, or Ruby's own `…: message (Type)` on the line before the frames. */
const RUBY_TYPE = new RegExp(`^(?:\\[[^\\]\\s]{1,80}\\] ){0,3}(${RUBY_CONST}) \\(|\\((${RUBY_CONST})\\)$`);

function rubyExceptionType(text: string): string | undefined {
  const frame = RUBY_FRAME.exec(text.length > MAX_HEADER ? text.slice(0, MAX_HEADER) : text);
  if (!frame) return undefined;
  // Ruby prints the first frame on the type's own line: `app/x.rb:3:in 'm': message (Type)`.
  const lineEnd = text.indexOf('\n', frame.index);
  const header = text.slice(0, lineEnd < 0 ? text.length : lineEnd).split('\n').slice(-4);
  for (const line of header) {
    const m = RUBY_TYPE.exec(line.trim());
    if (m) return m[1] ?? m[2];
  }
  return undefined;
}

function pythonExceptionType(text: string): string | undefined {
  if (!PYTHON_TRACEBACK.test(text) && !PYTHON_FILE_FRAME.test(text)) return undefined;
  const lines = text.split('\n', 20_000);
  let lastFrame = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^ {2}File "/.test(lines[i]!)) {
      lastFrame = i;
      break;
    }
  }
  if (lastFrame < 0) return undefined;
  // After the last frame: its indented source line (and ^^^ markers), then `Type: message`.
  for (let i = lastFrame + 1; i < lines.length && i < lastFrame + 20; i++) {
    const line = lines[i]!;
    if (line === '' || /^\s/.test(line)) continue;
    const m = /^([A-Za-z_][\w]{0,100}(?:\.[A-Za-z_][\w]{0,100}){0,12})(?::|\s*$)/.exec(line);
    return m?.[1];
  }
  return undefined;
}

function headerExceptionType(text: string): string | undefined {
  let header = text.length > MAX_HEADER ? text.slice(0, MAX_HEADER) : text;
  const frame = AT_FRAME.exec(header);
  if (frame) header = header.slice(0, frame.index);
  const m = NAMED_TYPE.exec(header);
  if (m) return m[1];
  // Node's plain `Error: message`, Go's `panic: …`.
  const plain = /^(?:Uncaught )?(Error|panic)(?: \[[\w-]{1,64}\])?:/.exec(header);
  return plain?.[1];
}
