// The hidden marker that makes a comment the gardener's one evidence comment on an issue: apply
// edits the comment carrying it instead of adding another.
export const EVIDENCE_MARKER = '<!-- log-gardener:evidence -->';
