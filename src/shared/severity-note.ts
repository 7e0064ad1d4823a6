// One wording, in the worklog and on GitHub, for a severity Cloud Logging did not have.
import type { SeverityInference } from './types.js';

const NOTES: Record<SeverityInference, string> = {
  text: 'severity read from the text',
  level: "severity read from the payload's `level` field",
};

/** `severity read from the text` (or from the payload's level field), '' when Cloud Logging had it. */
export function severityNote(source: SeverityInference | undefined): string {
  return source === undefined ? '' : NOTES[source];
}
