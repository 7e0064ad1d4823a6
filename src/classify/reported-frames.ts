// Cloud Error Reporting prints every runtime's stack frames in Python's shape (`File "app/x.rb", line
// 12, in method`), and so does Rollbar's raw view, which its issue integration pastes into GitHub: the
// exception line first, then the frames, innermost first, each maybe followed by its source line.
// A Ruby or Node trace copied from such a view is still that runtime's trace: its frames are read in
// the runtime's own shape, so the frames of the application's code that raised it tell one problem
// from another (`undefined method 'id' for nil` in two views is two bugs) and the library frames below
// do not make one problem of two. Python's own traces (a `Traceback` header, `.py` files) are left to
// the Python reader; other runtimes are not read this way.

/** A frame as Error Reporting prints it, with the column some trackers add. */
const REPORTED_FRAME = /^(\s{0,16})File "([^"\n]{1,512})", line (\d{1,7})(?:, col \d{1,7})?, in (\S.{0,299})$/;
/** Ruby sources and the view templates Rails compiles into methods (`_app_views_posts_show_html_slim___…`). */
const RUBY_FILE = /\.(?:rb|erb|haml|slim|builder|jbuilder|rake)$/;
const NODE_FILE = /\.[cm]?[jt]sx?$|^node:/;
const PYTHON_FILE = /\.pyx?$/;

export interface ReportedTrace {
  language: 'ruby' | 'node';
  /** The trace in its runtime's own shape: the lines above the frames as they were, then the frames. */
  lines: string[];
}

/** A Ruby or Node trace printed in Error Reporting's frame shape, rewritten in its own; null for none. */
export function reportedTrace(ls: readonly string[]): ReportedTrace | null {
  const first = ls.findIndex((l) => REPORTED_FRAME.test(l));
  // The exception is printed above the frames; a trace that opens with its frames is not this view.
  if (first <= 0 || !ls.slice(0, first).some((l) => l.trim() !== '')) return null;
  if (ls.some((l) => l.trim() === 'Traceback (most recent call last):')) return null;
  const frames = ls.slice(first).map((l) => REPORTED_FRAME.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  const files = frames.map((m) => m[2] as string);
  const ruby = files.some((f) => RUBY_FILE.test(f));
  const node = files.some((f) => NODE_FILE.test(f));
  if (ruby === node || files.some((f) => PYTHON_FILE.test(f))) return null;
  // Lines between frames are their source excerpts, not part of the trace.
  const rewritten = frames.map((m) => {
    const [, , file, line, method] = m as unknown as [string, string, string, string, string];
    return ruby ? `${file}:${line}:in '${method}'` : `    at ${method} (${file}:${line}:0)`;
  });
  return { language: ruby ? 'ruby' : 'node', lines: [...ls.slice(0, first), ...rewritten] };
}
