// The symbol a CLI or dev server prints before a line to say how it went: Next.js's ` ⨯ ` (error),
// ` ⚠ ` (warn), ` ✓ ` (event), ` ○ ` (wait), ` ▲ ` (ready); the `figures` / `log-symbols` set that
// consola, signale and many CLIs use (`✖` error, `⚠` warning, `✔` success, `ℹ` info) with the fallbacks
// they print where the terminal lacks them (`×`, `‼`, `√`); esbuild's and Vite's `✘ [ERROR]` and
// `▲ [WARNING]`; `✗` and `❌` of hand-written loggers. It is how the line was printed, as a log header
// is: a level when it says one, set aside before the message is read. Next prints it after one space,
// which must not make its line read as an indented continuation of a trace.

export interface StatusMarker {
  /** Characters up to the message: indentation, the symbol, the spaces after it. */
  length: number;
  /** Characters up to the end of the symbol (the spaces after it not counted). */
  symbolEnd: number;
  /** The level the symbol says, as a level word (`error`, `warn`, `info`); none for a bare bullet. */
  level?: 'error' | 'warn' | 'info';
}

// Symbol -> level. `▲` and `○` say nothing of their own (Next's `ready` and `wait`; esbuild follows
// `▲` with `[WARNING]`, which the header reader then takes as the level).
const LEVELS: ReadonlyMap<string, StatusMarker['level'] | null> = new Map<string, StatusMarker['level'] | null>([
  ['\u2a2f', 'error'], // ⨯ Next.js
  ['\u2716', 'error'], // ✖ figures.cross
  ['\u00d7', 'error'], // × its fallback
  ['\u2718', 'error'], // ✘ esbuild, Vite
  ['\u2717', 'error'], // ✗
  ['\u274c', 'error'], // ❌
  ['\u26a0', 'warn'], // ⚠ Next.js, figures.warning
  ['\u203c', 'warn'], // ‼ its fallback
  ['\u2713', 'info'], // ✓ Next.js event
  ['\u2714', 'info'], // ✔ figures.tick
  ['\u221a', 'info'], // √ its fallback
  ['\u2139', 'info'], // ℹ figures.info
  ['\u25cb', null], // ○ Next.js wait
  ['\u25b2', null], // ▲ Next.js ready, esbuild warning
]);

/** Indentation before a symbol: Next prints one space, some loggers two. */
const MAX_INDENT = 4;
/** Spaces between the symbol and the message. */
const MAX_GAP = 4;

/** The status marker that opens `line`, or null. Looks at a few characters only. */
export function statusMarker(line: string): StatusMarker | null {
  let at = 0;
  while (at < MAX_INDENT && (line.charCodeAt(at) === 32 || line.charCodeAt(at) === 9)) at++;
  const code = line.charCodeAt(at);
  // Every symbol is outside ASCII: the common line costs one comparison.
  if (!(code >= 0xd7)) return null;
  const level = LEVELS.get(line.charAt(at));
  if (level === undefined) return null;
  at++;
  if (line.charCodeAt(at) === 0xfe0f) at++; // the emoji presentation selector (`⚠️`)
  const symbolEnd = at;
  while (at - symbolEnd < MAX_GAP && (line.charCodeAt(at) === 32 || line.charCodeAt(at) === 9)) at++;
  // A symbol glued to a word (`×2`), or alone on its line, is no marker.
  if (at === symbolEnd || at >= line.length || line.charCodeAt(at) === 32 || line.charCodeAt(at) === 9 || line.charCodeAt(at) === 10) return null;
  return level === null ? { length: at, symbolEnd } : { length: at, symbolEnd, level };
}

/** `line` without the status marker that opens it. */
export function withoutStatusMarker(line: string): string {
  const marker = statusMarker(line);
  return marker === null ? line : line.slice(marker.length);
}

/** The symbols that say `level` (a server-side filter lets the lines they open through). */
export function markerSymbols(level: NonNullable<StatusMarker['level']>): string[] {
  return [...LEVELS].filter(([, l]) => l === level).map(([symbol]) => symbol);
}
