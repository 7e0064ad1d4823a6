// Dart's stack traces, as the VM and package:stack_trace print them: for joining back a Dart error
// that Cloud Run split into one entry per line, and for reading a whole one as an error.
//
// The VM's (an uncaught error, `print(stackTrace)`): numbered frames padded to one column, each with
// its place in parentheses, and `<asynchronous suspension>` between the awaits:
//   #0      _NativeSocket.startConnect (dart:io-patch/socket_patch.dart:681:35)
//   #1      main (file:///app/bin/server.dart:12:3)
// An error no zone caught ends the isolate under `Unhandled exception:` and the error's own text.
// package:stack_trace's terse Chain (what shelf's `logRequests` prints under a handler's error): one
// frame per line as `library line:column  member` (core libraries folded to `dart:async  member`),
// and a gap line between the traces of each asynchronous step:
//   package:feeds/src/refresh.dart 42:7  Refresher.refresh
//   ===== asynchronous gap ===========================
// Every pattern is anchored and bounded: a line costs a few steps whatever it holds.

const VM_FRAME = /^#\d{1,5} {1,12}\S[^()\n]{0,400} \((?:package:|dart:|file:\/\/|org-dartlang-sdk:)[^\s()]{1,400}\)\s*$/;
const CHAIN_FRAME = /^(?:package:[^\s]{1,300}\.dart|dart:[\w/.-]{1,100}|file:\/\/\/[^\s]{1,300}\.dart)(?: \d{1,7}(?::\d{1,7})?)? {1,40}\S/;
export const DART_GAP = /^(?:={3,10} asynchronous gap =*|<asynchronous suspension>)\s*$/;
/** The VM's line before an error that ended the isolate. */
export const DART_UNHANDLED = /^Unhandled exception:\s*$/;

/** A frame of either form. Tested by its first character before any regex. */
export function isDartFrame(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c === 35 /* # */) return VM_FRAME.test(s);
  if (c === 112 /* p */ || c === 100 /* d */ || c === 102 /* f */) return CHAIN_FRAME.test(s);
  return false;
}

/** A line that only continues a Dart trace: a frame or a gap. */
export function continuesDartTrace(s: string): boolean {
  return isDartFrame(s) || ((s.charCodeAt(0) === 61 /* = */ || s.charCodeAt(0) === 60 /* < */) && DART_GAP.test(s));
}

export type DartState = 'dart-unhandled' | 'dart-error' | 'dart-frames';
/** A Dart trace may end after its error (the frames cut off) or after any frame or gap. */
export const DART_CAN_END: readonly DartState[] = ['dart-unhandled', 'dart-error', 'dart-frames'];

/**
 * The state after line `s` of a Dart trace; null when `s` does not continue it; undefined when `state`
 * is no Dart state (another grammar decides). From a line that names an error ('header'), Dart frames
 * go on as a Dart trace.
 */
export function stepDartTrace(state: string, s: string): DartState | null | undefined {
  switch (state) {
    case 'dart-unhandled': // the error's own text, whatever it says (`Bad state: x`, `Null check operator used on a null value`)
      return s.trim() === '' || s.charCodeAt(0) === 32 || s.charCodeAt(0) === 9 ? null : 'dart-error';
    case 'dart-error':
    case 'dart-frames':
      return continuesDartTrace(s) ? 'dart-frames' : null;
    case 'header':
      return isDartFrame(s) ? 'dart-frames' : undefined;
    default:
      return undefined;
  }
}

const VM_FRAME_LINE = /^#\d{1,5} {1,12}\S[^()\n]{0,400} \((?:package:|dart:|file:\/\/|org-dartlang-sdk:)[^\s()]{1,400}\)[ \t]*$/gm;
const CHAIN_FRAME_LINE = /^(?:package:[^\s]{1,300}\.dart|dart:[\w/.-]{1,100}|file:\/\/\/[^\s]{1,300}\.dart)(?: \d{1,7}(?::\d{1,7})?)? {1,40}\S/gm;

/** True when a text holds at least two Dart frames of one form: a printed Dart stack trace. */
export function hasDartFrames(head: string): boolean {
  if (!head.includes('dart')) return false;
  return atLeastTwo(VM_FRAME_LINE, head) || atLeastTwo(CHAIN_FRAME_LINE, head);
}

function atLeastTwo(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.exec(text) !== null && pattern.exec(text) !== null;
  pattern.lastIndex = 0;
  return found;
}
