// What the thirty-second day's services share: its project, and a Cloud Run day of requests' parts
// (request-parts.ts) bound to it.
import { requestParts } from '../request-parts.js';

export { as, digits, fam, peer, pyTraceback, type PyFrame } from '../day-parts.js';
export { containerExit, interleave, jsonText, requestLog, traceHex, UA, type Req } from '../request-parts.js';

export const PROJECT = 'harrowgate-run-prod';

export const { traceOf, req } = requestParts(PROJECT);

/** A Node stack: the error's first line, then each frame as V8 prints it (`    at …`). */
export const nodeStack = (head: string, frames: readonly string[]): string => [head, ...frames.map((f) => `    at ${f}`)].join('\n');

/** Java's printed stack: `\tat` frames, each `Caused by:` with its own frames and `... N more`. */
export const javaStack = (head: string, frames: readonly string[], causes: ReadonlyArray<readonly [string, readonly string[]]> = []): string =>
  [head, ...frames.map((f) => `\tat ${f}`), ...causes.flatMap(([c, fs]) => [`Caused by: ${c}`, ...fs.map((f) => `\tat ${f}`), `\t... ${fs.length + 24} more`])].join('\n');
