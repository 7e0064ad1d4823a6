// What lands on GitHub, rendered (and parsed back) as values. Pure: no I/O, no clock.
export { renderTitle, parseTitle, type IssueTitle } from './issue-title.js';
export { shortNameFor, shortNameCandidates, nameWords, isFallbackName, type ShortNameInput } from './short-name.js';
export { consoleLink, clusterFilter, quoteFilterValue } from './console-link.js';
export { renderTimelineChart, sparkline, binTimeline } from './timeline-chart.js';
export { renderEvidence, renderRelated, renderStaleNote, renderTrackedInNote, parseEvidenceSample, parseEvidenceServices, type EvidenceView, type RelatedLink } from './evidence.js';
export { renderIssueBody, renderEvidenceComment, updateManagedText, BODY_LIMIT, type ManagedText } from './issue-body.js';
export { EVIDENCE_MARKER, isEvidenceComment, readSection, upsertSection, renderSection } from './sections.js';
export { renderStateBlock, parseStateBlock, withStateBlock, MAX_STATE_SAMPLES, MAX_STATE_SAMPLE_CHARS } from './state-block.js';
export { constantFragments, longestFragment, templateWords, distinctiveWords } from './template-text.js';
export { plainText, stripInvisible, tableCode } from './markdown.js';
