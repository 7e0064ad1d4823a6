// A script runner's report that the script it ran failed: what npm, pnpm and yarn print after a
// `run` whose command exited non-zero. The command wrote its own error first (a migration tool's
// `Error: P3009`, a test runner's failures, a server's crash); the runner then says only that the
// script failed, with its exit code and where it ran, the same words whatever went wrong. npm says as
// much itself: `This is probably not a problem with npm. There is likely additional logging output
// above.` So the report is a wrapper of the failure written just before it, and goes with that one
// (companions.ts), never a problem that gathers every failure of the service under one text.
//
// As each version prints it, every line behind npm's prefix (`npm ERR! ` before npm 10, `npm error `
// since):
// - npm 10: `npm error Lifecycle script \`migrate\` failed with error:` (a workspace), or `npm error
//   code 1`, `npm error path /app`, `npm error command failed`, `npm error command sh -c prisma migrate
//   deploy`, then `npm error A complete log of this run can be found in: …` (google/ground-platform#1862);
// - npm 7-9: `npm ERR! Lifecycle script \`test\` failed with error:`, `npm ERR! Error: command failed`,
//   `npm ERR!   in workspace: …`, `npm ERR!   at location: …` (npm/cli#2990, google/wireit#123);
// - npm 6: `npm ERR! code ELIFECYCLE`, `npm ERR! errno 1`, `npm ERR! app@1.0.0 start: \`node main.js\``,
//   `npm ERR! Exit status 1`, `npm ERR! Failed at the app@1.0.0 start script.` (depcheck/depcheck#221);
// - pnpm: ` ELIFECYCLE  Command failed with exit code 1.`; yarn 1: `error Command failed with exit code 1.`.
// npm's own failures (`npm error code E404`, `ERESOLVE`, `ENOENT`) name a code of letters: they are
// problems of their own, not reports of a script's.

const NPM_PREFIX = /^npm (?:ERR!|error) {1,4}/;
const NPM_SCRIPT_LINE =
  /^(?:Lifecycle script `[^`\n]{1,200}` failed with error:|code (?:\d{1,3}|ELIFECYCLE)[ \t]*$|errno \d{1,3}[ \t]*$|(?:Error: )?command failed[ \t]*$|command (?:sh|bash|cmd(?:\.exe)?|\/bin\/sh) |signal SIG[A-Z]{2,8}[ \t]*$|Exit status \d{1,3}[ \t]*$|Failed at the \S{1,200}(?: [\w:-]{1,64})? script\.|in workspace: |at location: |A complete log of this run can be found in:|This is probably not a problem with npm)/;
const OTHER_RUNNER = /^(?: ?ELIFECYCLE {1,2}Command failed with exit code \d{1,3}\.|error Command failed with exit code \d{1,3}\.)/;

/** Characters of the first line looked at: every shape above fits well within them. */
const HEAD_CHARS = 300;

/** True when the text is (the first line of) a script runner's report that its script failed. */
export function isRunnerReport(text: string): boolean {
  const end = text.indexOf('\n');
  const first = (end < 0 ? text : text.slice(0, end)).slice(0, HEAD_CHARS);
  if (OTHER_RUNNER.test(first)) return true;
  const prefix = NPM_PREFIX.exec(first);
  return prefix !== null && NPM_SCRIPT_LINE.test(first.slice(prefix[0].length));
}
