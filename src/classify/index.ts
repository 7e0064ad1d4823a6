// The classifier's public face: entries in, clusters with content-derived stable ids out.
export { createClassifier, runtimePartId, type Classifier } from './classifier.js';
export { CompanionLedger, companionTargets, followingCompanions, writerKey } from './companions.js';
export { runtimeOf, RUNTIMES, type Runtime } from './runtime-of.js';
export { BUCKET_MS, emptyStats, record, type ClusterStats } from './cluster-stats.js';
export { hashId, serviceScopedId, templateKey, textClusterId } from './cluster-id.js';
export { stackSignature, type StackSignature, type StackLanguage } from './stack-signature.js';
export { requestSignature, routeTemplate, type RequestSignature } from './request-signature.js';
export { TemplateMiner, DEFAULT_MINER_OPTIONS, type MinerOptions } from './template-miner.js';
export { generaliseRoutes, ROUTE_SPLIT_MAX_WORDS, type RouteKey } from './route-variants.js';
export { rederiveIds, type LiveCluster, type Locator, type StoredSamples } from './rederive-ids.js';
