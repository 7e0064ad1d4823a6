// The normalize stage: RawEntry -> Entry, with secrets and personal data scrubbed first.
export { redact, redactValue, isSecretName } from './redact.js';
export { entryTime, entrySeverity, entrySeverityWithSource, entryService, entryRevision, entryWriter, parseTimestamp, parseSeverity, NEXTCLOUD_LEVELS, STATUS_SHAPE, LEVEL_NAME_KEYS } from './entry-fields.js';
export { extractMessage, type ExtractedMessage } from './extract-message.js';
export { ERROR_KEYS, MESSAGE_KEYS } from './json-message.js';
export { normalizeEntry, type SkipReason } from './normalize-entry.js';
export { isStackTrace, exceptionTypeFromStack } from './detect-stack.js';
export { requestPath, latencyMs } from './request-info.js';
export { isServerErrorAccess } from './access-status.js';
export { withoutTerminalCodes } from './terminal-codes.js';
export { boundText, truncateText, MAX_TEXT_CHARS, TRUNCATED_MARKER } from './bound-text.js';
export { REDACTED } from './secret-shapes.js';
export { REDACT_RULES, type RedactRule } from './redact-rules.js';
export {
  SecretRefusedError, findSecretShape, findSecretShapeIn, refuseSecrets, withholdSecretLines, withholdSecrets,
} from './secret-scan.js';
export * from './mask.js';
export { rereadSampleEntry, sampleEntry } from './sample-entry.js';
export { processPrefix, type ProcessPrefix } from './process-prefix.js';
export { headerBefore, opensRichRecord, opensWithPaddedLevel, stripHeaderLeftover, stripLogHeader, type StrippedHeader } from './log-header.js';
export { mayMatter, meetsSeverityFloor } from './severity-floor.js';
export { levelWordPatterns, severityTextPattern } from './text-severity.js';
export { sidekiqThread } from './sidekiq-header.js';
