// The prefix a process manager or a container tool writes before every line of the programs it runs in
// one terminal, whatever the program wrote: honcho's and foreman's `{time} {name} | ` (`12:00:01 web.1
// | `, the time as %H:%M:%S, the name padded to the longest), overmind's `{name} | `, docker compose's
// service (`web-1  | `, `web_1  | ` before Compose v2). It says which program wrote the line, not what
// it wrote: it is set aside before anything else reads the line, so a traceback written under it is
// read line by line as the program wrote it, and a record reads as it does without the manager.
//
// A name holds a letter (`  12 | const x = …` is a source line under its number: Bun, Deno, Rust,
// Babel), starts with a letter or digit (a Markdown table row starts with `|`), has no space (`a | b`,
// `ps aux | grep x` are a message's words) and is no level word (`ERROR | msg` is a level).
// Anchored and bounded: a few regex steps on any line.

import { LEVEL_WORD } from './level-words.js';

export interface ProcessPrefix {
  /** Characters the prefix takes, the space after its bar included. */
  length: number;
  /** The program's name as the manager writes it (`web.1`, `worker-1`): its lines are one stream. */
  name: string;
}

const PREFIX = /^(?:\d{2}:\d{2}:\d{2} )?((?=[\w.-]{0,62}[A-Za-z])[A-Za-z0-9][\w.-]{0,62})[ \t]{1,40}\| /;
// Ray's driver writes each line a worker process printed behind the worker's name and pid (`(pid=1234) `,
// `(RayTrainWorker pid=1234, ip=10.0.0.5) `), and vLLM's front process each line of its engine and
// workers' (`(VllmWorkerProcess pid=1234) `, `(EngineCore_0 pid=87) `, `(APIServer pid=1) `).
const WORKER_PID = /^\((?:([A-Za-z][\w.:-]{0,62}(?: [\w.-]{1,32}){0,2}) )?pid=(\d{1,10})(?:, ip=[\d.:a-fA-F]{3,45})?\) /;
// Phusion Passenger relays each line an application process writes as a line of its own log behind the
// process's pid: `App 1234 output: ` since Passenger 5.1, `App 1234 stdout: ` / `App 1234 stderr: ` before
// (phusion/passenger#2053). A blank line the app wrote is relayed as the bare prefix.
const PASSENGER_APP = /^App (\d{1,10}) (?:output|stdout|stderr):(?: |$)/;

/** The manager's prefix the line opens with, or null. */
export function processPrefix(line: string): ProcessPrefix | null {
  const c = line.charCodeAt(0);
  if (c === 40) {
    const w = WORKER_PID.exec(line);
    return w ? { length: w[0].length, name: `${w[1] ?? ''} pid=${w[2]}` } : null;
  }
  if (c === 65) {
    const app = PASSENGER_APP.exec(line);
    if (app) return { length: app[0].length, name: `App ${app[1]}` };
  }
  // Cheap first test: a name or a time starts with a letter or a digit.
  if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return null;
  const m = PREFIX.exec(line);
  if (!m || LEVEL_WORD.test(m[1] as string)) return null;
  return { length: m[0].length, name: m[1] as string };
}
