// A process killed by a signal is reported by the signal's number: Cloud Run's `Uncaught signal: 11,
// pid=9, …`, uWSGI's `killed by signal 9`, php-fpm's `exited on signal 6 (SIGABRT)`. The number is the
// failure's kind, not a value: a segmentation fault (11), an abort (6) and an interrupt (2) are
// different problems, and masking the number would make them one. A number right after the word
// `signal` reads as the signal's name. Only the numbers every Unix gives the same signal are read
// (POSIX fixes some, Linux, macOS and the BSDs agree on the rest of these); 7, 10, 12 and above name
// different signals on different systems and stay values.
const SIGNAL_NAMES: ReadonlyMap<string, string> = new Map([
  ['1', 'SIGHUP'], ['2', 'SIGINT'], ['3', 'SIGQUIT'], ['4', 'SIGILL'], ['5', 'SIGTRAP'], ['6', 'SIGABRT'],
  ['8', 'SIGFPE'], ['9', 'SIGKILL'], ['11', 'SIGSEGV'], ['13', 'SIGPIPE'], ['14', 'SIGALRM'], ['15', 'SIGTERM'],
]);

const CLOSERS = /[)\]},;:.!?]+$/;

/** The signal's name when raw token i is a signal number the text announces (`signal 11`, `signal: 6,`); null otherwise. */
export function announcedSignal(raw: readonly string[], i: number): string | null {
  const before = raw[i - 1];
  if (before === undefined || before.length > 8) return null;
  const previous = before.toLowerCase();
  if (previous !== 'signal' && previous !== 'signal:') return null;
  const token = raw[i] as string;
  return SIGNAL_NAMES.get(token.length <= 4 ? token.replace(CLOSERS, '') : '') ?? null;
}
