// Playwright names the call that failed in front of every error it throws (`page.goto: `, `locator.click: `,
// `browserType.launch: `; its Python port names the class, `Page.goto: `, `Browser.new_page: `), then says
// what went wrong in its own words (`Timeout 30000ms exceeded.`, `net::ERR_NAME_NOT_RESOLVED at <url>`,
// `Target page, context or browser has been closed`, `Executable doesn't exist at <path>`), and may
// append a `Call log:` block of the steps the call took (microsoft/playwright#12328 and #15079) or a
// boxed notice (the install hint under `Executable doesn't exist`, ontola/atomic-server#996). The call
// and the failure are the error, whatever class carries it (`Error`, `TimeoutError`,
// `playwright._impl._errors.Error`) and whatever the application printed before it: one page's `goto`
// timing out and the same page's `pdf` finding its target closed are two problems, even raised
// through one frame of the application's; the call log, the URL and the timeout are values and detail.

import { BOX_TOP, CALL_LOG, playwrightBlockLine } from '../shared/playwright-blocks.js';

// Playwright's client classes, as its API names print them (first letter either case), then the method
// (camelCase in Node, snake_case in Python).
const API = String.raw`(?:[Pp]age|[Ff]rame|[Ll]ocator|[Ff]rameLocator|[Ee]lementHandle|[Jj]SHandle|[Jj]sHandle|[Bb]rowser|[Bb]rowserType|[Bb]rowserContext|[Aa]PIRequestContext|[Aa]piRequestContext|[Rr]oute|[Rr]esponse|[Rr]equest|[Mm]ouse|[Kk]eyboard|[Tt]ouchscreen|[Dd]ialog|[Dd]ownload|[Ff]ileChooser|[Ww]orker|[Tt]racing|[Vv]ideo|[Ww]ebSocket|[Cc]lock|[Ee]lectronApplication|[Aa]ndroidDevice)\.[a-z_][A-Za-z_]{0,60}`;
const API_TOKEN = new RegExp(`^${API}:$`);
// ` Error: page.goto: …` after an application's prefix: `console.error('render %s failed:', url, err)`.
const AFTER_PREFIX = new RegExp(String.raw` ((?:[A-Za-z_$][\w$]{0,60}\.){0,6}(?:Error|TimeoutError): ${API}: )`);
// Chromium's and Firefox's network error codes (`net::ERR_NAME_NOT_RESOLVED`, `NS_ERROR_UNKNOWN_HOST`).
const NET_CODE = /^(?:net::ERR_[A-Z0-9_]{2,60}|NS_ERROR_[A-Z0-9_]{2,60}|NS_BINDING_ABORTED)$/;
const CALL_WORD = 'Call';
/** Core words of a failure that say which one it is; the rest of a long message is detail. */
const MAX_KIND_WORDS = 10;

/** The prefix and the error of a line printing a Playwright error after an application's prefix; null otherwise. */
export function playwrightAfterPrefix(line: string): { prefix: string; error: string } | null {
  if (!line.includes('Error: ')) return null;
  const m = AFTER_PREFIX.exec(line.length > 1000 ? line.slice(0, 1000) : line);
  if (m === null || m.index === 0) return null;
  return { prefix: line.slice(0, m.index), error: line.slice(m.index + 1) };
}

/** The call as Node's client names it (`Page.goto` / `page.goto`, `Browser.new_page` / `browser.newPage`). */
function callName(token: string): string {
  const name = token.slice(0, -1);
  const dot = name.indexOf('.');
  const type = name.slice(0, dot);
  const method = name.slice(dot + 1).replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  const lower = /^[A-Z]{2,}/.test(type) ? type.replace(/^[A-Z]+(?=[A-Z][a-z])/, (s) => s.toLowerCase()) : type.charAt(0).toLowerCase() + type.slice(1);
  return `${lower}.${method}`;
}

/**
 * A Playwright error in a message's tokens (masked or not): its key (the call, and the failure as its
 * network code or its core words up to the call log) and the token it starts at; null when none.
 */
export function playwrightError(tokens: readonly string[], coreWords: (text: string) => string[]): { key: string; start: number } | null {
  const at = tokens.findIndex((t) => t.length < 80 && t.includes('.') && t.endsWith(':') && API_TOKEN.test(t));
  if (at < 0) return null;
  let end = at + 1;
  while (end < tokens.length && !(tokens[end] === CALL_WORD && tokens[end + 1] === 'log:')) end++;
  const rest = tokens.slice(at + 1, end);
  const code = rest.find((t) => NET_CODE.test(t));
  const kind = code ?? coreWords(rest.join(' ')).slice(0, MAX_KIND_WORDS).join(' ');
  if (kind === '') return null;
  // The class it was raised as is the token before, when it names one (`TimeoutError:`).
  const before = tokens[at - 1];
  const start = before !== undefined && /(?:^|\.)(?:[A-Z]\w{0,60})?Error:$/.test(before) ? at - 1 : at;
  return { key: `playwright\u0001${callName(tokens[at] as string)}\u0001${kind}`, start };
}

/**
 * The text without Playwright's call log and boxed notice (shared/playwright-blocks.ts): what the call
 * did before it failed and how to install a browser are detail, read neither for the problem's words
 * nor its template.
 */
export function withoutPlaywrightBlocks(text: string): string {
  if (!text.includes('\nCall log:') && !text.includes('\n╔')) return text;
  const out: string[] = [];
  let inside = false;
  for (const line of text.split('\n')) {
    if (CALL_LOG.test(line) || BOX_TOP.test(line)) inside = true;
    else if (inside && !playwrightBlockLine(line)) inside = false;
    if (!inside) out.push(line);
  }
  return out.join('\n');
}

/** Most lines looked past for the frames under the blocks. */
const MAX_BETWEEN = 64;

/** The index of the first line at or after `from` that is none of the blocks' lines nor a blank one between them. */
export function afterPlaywrightBlocks(ls: readonly string[], from: number): number {
  const first = ls[from];
  if (first === undefined || !(CALL_LOG.test(first) || BOX_TOP.test(first))) return from;
  let i = from;
  while (i < ls.length && i - from < MAX_BETWEEN && (playwrightBlockLine(ls[i] as string) || (ls[i] as string).trim() === '')) i++;
  return i;
}
