// Serilog's output templates print the level through `{Level:u3}` (the console sink's default,
// `[12:00:01 WRN] msg`), `{Level:w3}`, `{Level:t4}` and so on: the level's first letters in Serilog's
// own spelling (LevelOutputFormat: Vrb/Verb, Dbg/Dbug, Inf/Info, Wrn/Warn, Err/Eror, Ftl/Fatl), in
// upper, lower or title case. The one- and two-letter forms say too little to be read as a level.

const SERILOG_LEVELS: Record<string, string> = {
  vrb: 'TRACE', verb: 'TRACE', dbg: 'DEBUG', dbug: 'DEBUG', inf: 'INFO', info: 'INFO',
  wrn: 'WARNING', warn: 'WARNING', err: 'ERROR', eror: 'ERROR', ftl: 'FATAL', fatl: 'FATAL',
};

/** A Serilog level abbreviation (`WRN`, `ftl`, `Eror`) as the level word it stands for, or undefined. */
export function serilogLevelWord(word: string): string | undefined {
  if (word.length < 3 || word.length > 4) return undefined;
  const lower = word.toLowerCase();
  // Upper, lower or title case only: `wRn` is no formatter's.
  if (word !== lower && word !== word.toUpperCase() && word !== lower[0]!.toUpperCase() + lower.slice(1)) return undefined;
  return SERILOG_LEVELS[lower];
}
