// Perl's own warnings (perldiag's `(W …)` messages: `Use of uninitialized value $x in concatenation
// (.) or string`) and a warn() whose text has no newline end in the place they were raised: ` at FILE
// line N.`, and `, <FH> line N.` after a read from a handle (perlfunc warn and die). With no logger
// between the program and stderr, that place is all that marks the line: no level, no header. A die
// that ends a script prints the same shape; the platform then reports the exit.

// The place at the end of the first line: a path (absolute, relative, a `.pl`/`.pm`/`.t` file) or
// `-e`, a line number, perhaps the handle's line, and the full stop.
const PLACE = / at (?:(?:\/|\.{1,2}\/)\S{0,300}|-e|[\w.-]{1,100}\.(?:pl|pm|t)) line \d{1,7}(?:, <[^>\n]{1,60}> (?:line|chunk) \d{1,12})?\.[ \t]*$/;

/** An RE2 superset of a first line ending in such a place, for the server-side filter. */
export const PERL_PLACE_RE2 = ' line [0-9]+(?:, <[^>\\n]+> (?:line|chunk) [0-9]+)?\\.[ \\t]*(?:\\n|$)';

/** True when the line (a header already taken off) ends in the place Perl puts after a warning. */
export function isPerlWarning(line: string): boolean {
  return line.length <= 1024 && PLACE.test(line);
}
