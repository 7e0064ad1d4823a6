// Small Markdown helpers for text that comes from logs: it must render as text, never as markup,
// never mention anyone, and never forge the gardener's hidden markers.

// Zero-width characters and bidi controls: they hide text or reorder it on screen (a filename that
// reads `txt.exe` backwards), and nothing a log says needs them.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF]/g;

/** Log text without zero-width characters and bidi controls. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * Strips invisible characters, then breaks `<!--` and `-->` with a zero-width space so log text
 * cannot open or close a hidden comment.
 */
export function neutralizeMarkers(text: string): string {
  return stripInvisible(text).replace(/<!--/g, '<\u200b!--').replace(/-->/g, '--\u200b>');
}

/** Cuts text to `max` characters, saying so. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max))}… (${text.length - max} more characters cut)`;
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, lang = 'text'): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${lang}\n${neutralizeMarkers(text)}\n${fence}`;
}

/** Inline code that survives backticks in the value. */
export function inlineCode(text: string): string {
  const clean = neutralizeMarkers(text.replace(/[\r\n]+/g, ' '));
  const fence = '`'.repeat(longestRun(clean, '`') + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/**
 * Log text for a Markdown table cell: one line, cut to `max`, in a code span (no images, links, HTML,
 * @mentions or #123 references become live), with the cell separator escaped.
 */
export function tableCode(text: string, max: number): string {
  const line = text.split('\n')[0] ?? '';
  return inlineCode(line.length > max ? `${line.slice(0, max - 1)}…` : line).replace(/\|/g, '\\|');
}

/**
 * Log-derived words in prose (outside code): Markdown and HTML escaped, and @mentions, #123
 * references and bare links broken with a zero-width space, so none becomes live.
 */
export function plainText(text: string): string {
  return stripInvisible(text.replace(/[\r\n]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]()!<>|~]/g, '\\$&')
    .replace(/@(?=[A-Za-z0-9_-])/g, '@\u200b')
    .replace(/#(?=[0-9])/g, '#\u200b')
    .replace(/\b(GH)-(?=[0-9])/gi, '$1\u200b-')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\bwww\./gi, 'www\u200b.');
}

/** `2025-09-11 21:45:03 UTC` */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
