// Terminal escape sequences a logger writes when it thinks it prints to a terminal (NestJS's
// ConsoleLogger, tracing-subscriber, Rails, chalk): colours, bold, erase-line, hyperlinks. They say
// how a line looked, not what it says: a coloured line must read as its plain twin, and no escape
// (nor the `[31m` it leaves once its ESC byte is dropped) may reach a template or an issue title.

// ECMA-48 control sequences: ESC [, parameter bytes, intermediate bytes, one final byte (`\e[1;31m`,
// `\e[2K`, `\e[?25l`); bounded, so a run of parameters costs a constant.
const CSI = /\u001b\[[0-?]{0,32}[ -/]{0,4}[@-~]/g;
// Operating-system commands, ended by BEL or ESC \ (terminal hyperlinks: `\e]8;;https://…\e\\text\e]8;;\e\\`).
const OSC = /\u001b\][^\u0007\u001b]{0,2048}(?:\u0007|\u001b\\)/g;
// The 8-bit CSI (U+009B) some terminals accept in place of ESC [.
const CSI_8BIT = /\u009b[0-?]{0,32}[ -/]{0,4}[@-~]/g;

/** The text without terminal escape sequences; the text itself when it holds none. */
export function withoutTerminalCodes(text: string): string {
  if (!text.includes('\u001b') && !text.includes('\u009b')) return text;
  return text.replace(OSC, '').replace(CSI, '').replace(CSI_8BIT, '');
}
