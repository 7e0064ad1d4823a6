// Abseil's one notice before the first record a process logs through it when logging was not set up:
// C++ Abseil's `WARNING: All log messages before absl::InitializeLog() is called are written to
// STDERR` (TensorFlow 2.16 and later, gRPC, MediaPipe: cognizant-ai-lab/neuro-san#447 pastes it over an
// `I0000 00:00:… fork_posix.cc:71]` record), absl-py's `WARNING: Logging before flag parsing goes to
// stderr.` (abseil/abseil-py#103 pastes it over a `W0517 …` record). It says where the records go, not
// what happened: written with the record under it, the record is the message.

const NOTICES = [
  'WARNING: All log messages before absl::InitializeLog() is called are written to STDERR',
  'WARNING: Logging before flag parsing goes to stderr.',
];

/** `text` without Abseil's pre-initialisation notice when a record follows it on the next line; else `text`. */
export function withoutAbslNotice(text: string): string {
  if (!text.startsWith('WARNING: ')) return text;
  for (const notice of NOTICES) {
    if (!text.startsWith(notice)) continue;
    let at = notice.length;
    if (text.charCodeAt(at) === 13) at++;
    if (text.charCodeAt(at) !== 10) return text;
    const rest = text.slice(at + 1);
    return rest.trim() === '' ? text : rest;
  }
  return text;
}
