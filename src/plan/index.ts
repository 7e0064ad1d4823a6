// The plan stage: pure decisions about what to do on GitHub.
export { plan, unsearchedCreates } from './plan.js';
export type { PlanInput, PlanOutput } from './context.js';
export { adoptionScore, ADOPTION_THRESHOLD } from './adoption-score.js';
export { assessPriority, severityPriority, priorityLabel, isMoreUrgent, type PriorityVerdict } from './priority.js';
export { assessCluster, type Assessment } from './assess.js';
export { findRule } from './rules.js';
export { matchClusters, type IssueMatch, type Matching } from './match-issue.js';
export { issueSamples, keepSamples, sampleMayBeCut, type IssueSamples } from './issue-samples.js';
