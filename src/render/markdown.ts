// Small Markdown helpers for text that comes from logs: it must render as text, never as markup,
// never mention anyone, and never forge the gardener's hidden markers.

/** Breaks `<!--` and `-->` with a zero-width space so log text cannot open or close a hidden comment. */
export function neutralizeMarkers(text: string): string {
  return text.replace(/<!--/g, '<\u200b!--').replace(/-->/g, '--\u200b>');
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

/** `2025-09-11 21:45:03 UTC` */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
