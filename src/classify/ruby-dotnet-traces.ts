// Ruby backtraces (`app/models/x.rb:17:in 'method'`) and .NET traces (`   at Ns.Cls.M(Int32 id) in
// /src/File.cs:line 42`, inner exceptions after ` ---> `): the same sections the other parsers give.
import { shortPath, stableName, type Section } from './trace-parts.js';
import { inspectedException } from './ruby-inspect.js';

/** A Ruby frame, with an optional Rails request tag before it and `from` as `raise` prints it. */
export const RUBY_FRAME = /^\s{0,16}(?:\[[^\]\s]{1,80}\] ){0,3}(?:from )?([^\s:]{1,512}\.rb):\d{1,7}:in [`'](.{1,300})'(?::|$)/;
/**
 * The same frame in a view template Rails compiled into a method (`app/views/posts/show.html.erb`), as
 * a trace reprinted from Error Reporting's view names it (reported-frames.ts).
 */
export const RUBY_VIEW_FRAME = /^\s{0,16}(?:\[[^\]\s]{1,80}\] ){0,3}(?:from )?([^\s:]{1,512}\.(?:rb|erb|haml|slim|builder|jbuilder|rake)):\d{1,7}:in [`'](.{1,300})'(?::|$)/;
const RUBY_LIBRARY = ['/gems/', '/lib/ruby/', '/vendor/bundle/', '<internal:', '/rubygems/'];
const RUBY_CONST = '[A-Z]\\w{0,80}(?:::[A-Z]\\w{0,80}){0,8}';
/** `app/x.rb:3:in 'm': message (Type)`, as Ruby prints an uncaught exception. */
const RUBY_RAISED = new RegExp(`^\\S+\\.rb:\\d+:in [\`'].*?': (.*) \\((${RUBY_CONST})\\)$`);
/** `Type (message):` as Rails logs a failed request, or `Type: message`. */
const RUBY_TYPE_LINE = new RegExp(`^(?:\\[[^\\]\\s]{1,80}\\] ){0,3}(${RUBY_CONST})(?: \\((.*)\\):?$|: (.*)$)`);
// Rails writes that line as `"#{exception.class} (#{exception.message}):"`: a message that spans lines
// or ends in a newline (an SMTP server's reply does: `535-5.7.8 Username and Password not accepted.
// Learn more at\n`) puts the `):` on a line of its own, below the message's last line.
const RUBY_TYPE_OPEN = new RegExp(`^(?:\\[[^\\]\\s]{1,80}\\] ){0,3}(${RUBY_CONST}) \\((.*)$`);
const RUBY_TYPE_CLOSE = /^(?:\[[^\]\s]{1,80}\] ){0,3}\):?$/;
/** A Rails exception line whose message runs over several header lines: at most this many. */
const MAX_MESSAGE_LINES = 8;
/** A namespaced constant, or a class named like an error, anywhere in a log line above the trace. */
const RUBY_TYPE_IN_TEXT = new RegExp(`(?:^|[\\s(:])([A-Z]\\w{0,80}(?:::[A-Z]\\w{0,80}){1,8}|[A-Z]\\w{0,80}(?:Error|Exception|Timeout))(?=[\\s(:]|$)`);

/** Rails' `Type (message` over lines, closed by a line `):` of its own; nothing when there is none. */
function railsSpanningLine(header: readonly string[]): Partial<Section> {
  for (let i = 0; i < header.length; i++) {
    const open = RUBY_TYPE_OPEN.exec(header[i] as string);
    if (open === null) continue;
    const last = Math.min(header.length - 1, i + MAX_MESSAGE_LINES);
    for (let j = i + 1; j <= last; j++) {
      if (RUBY_TYPE_CLOSE.test(header[j] as string)) {
        return { type: open[1] as string, message: [open[2] as string, ...header.slice(i + 1, j)].join(' ').trim() };
      }
    }
  }
  return {};
}

/** Blocks and rescue clauses are the method they sit in. */
function rubyMethod(label: string): string {
  return label.replace(/^(?:block (?:\(\d+ levels\) )?in |rescue in |ensure in )/, '');
}

/**
 * One section for a Ruby backtrace. The type comes from the trace's own lines when they name it,
 * else from the type the payload gave (`exception.name`), else from the log line above.
 */
export function parseRuby(ls: readonly string[], knownType: string | undefined, frame = RUBY_FRAME): Section[] {
  const section: Section = { type: '', message: '', frames: [] };
  const header: string[] = [];
  for (const line of ls) {
    const f = frame.exec(line);
    if (f) {
      const file = f[1] as string;
      section.frames.push({ name: `${shortPath(file)}:${rubyMethod(f[2] as string)}`, own: !RUBY_LIBRARY.some((p) => file.includes(p)) });
      const raised = RUBY_RAISED.exec(line.trim());
      if (raised && section.type === '') {
        section.type = raised[2] as string;
        section.message = raised[1] as string;
      }
      continue;
    }
    if (section.frames.length === 0 && line.trim() !== '') header.push(line.trim());
  }
  if (section.frames.length === 0) return [];
  if (section.type === '') {
    for (const line of header) {
      const t = RUBY_TYPE_LINE.exec(line);
      if (t) {
        section.type = t[1] as string;
        section.message = t[2] ?? t[3] ?? '';
        break;
      }
    }
  }
  if (section.type === '') Object.assign(section, railsSpanningLine(header));
  if (section.type === '') Object.assign(section, inspectedException(header));
  if (section.type === '' && knownType !== undefined) {
    section.type = knownType;
    section.message = header.join(' ');
  }
  if (section.type === '') {
    const t = RUBY_TYPE_IN_TEXT.exec(header.join(' '));
    section.type = t?.[1] ?? '';
    section.message = header.join(' ');
  }
  return [section];
}

/** A .NET frame: a method with its parameter types in parentheses, no space before them. */
export const DOTNET_FRAME = /^at [^\s(]{1,400}\([^()]{0,600}\)(?: in .{1,600}:line \d{1,7})?$/;
const DOTNET_LIBRARY = [
  'System.', 'Microsoft.', 'lambda_method', 'Npgsql.', 'Grpc.', 'Google.', 'Newtonsoft.', 'Polly.', 'Dapper.',
  'StackExchange.', 'Amazon.', 'Azure.', 'MySqlConnector.', 'Serilog.', 'Hangfire.', 'MediatR.', 'Castle.', 'Swashbuckle.',
];
/** `Ns.FooException (0x80004005): message`, optionally after ` ---> ` (an inner exception). */
const DOTNET_TYPE_LINE = /^(?:---> )?([A-Za-z_][\w`]{0,120}(?:\.[A-Za-z_][\w`]{0,120}){1,12})(?: \(0x[0-9A-Fa-f]{1,8}\))?(?:: (.*))?$/;

/** `Ns.Cls.<GetAsync>d__5.MoveNext()` is `Ns.Cls.GetAsync`; generic arities and arguments go. */
function dotnetName(rest: string): string {
  const name = rest.replace(/ in .*$/, '').replace(/\(.*$/, '').replace(/\[[^\]]*\]/g, '');
  return stableName(name.replace(/\.<([\w]+)>[\w]*__\w+\.MoveNext$/, '.$1').replace(/`\d+/g, ''));
}

/**
 * Sections outer first, inner exceptions after (the root last), as for Java. .NET prints an inner
 * exception's frames before `--- End of inner exception stack trace ---`, then the outer's.
 */
export function parseDotnet(ls: readonly string[]): Section[] {
  const sections: Section[] = [];
  const open: Section[] = [];
  for (const line of ls) {
    const trimmed = line.trim();
    const current = open[open.length - 1];
    if (trimmed.startsWith('at ')) {
      if (current !== undefined && DOTNET_FRAME.test(trimmed)) {
        const name = dotnetName(trimmed.slice(3));
        current.frames.push({ name, own: !DOTNET_LIBRARY.some((p) => name.startsWith(p)) });
      }
      continue;
    }
    if (trimmed.startsWith('--- End of inner exception')) {
      if (open.length > 1) open.pop();
      continue;
    }
    if (current !== undefined && !trimmed.startsWith('---> ')) continue;
    const t = DOTNET_TYPE_LINE.exec(trimmed);
    if (!t) continue;
    const section: Section = { type: t[1] as string, message: t[2] ?? '', frames: [] };
    sections.push(section);
    open.push(section);
  }
  return sections;
}
