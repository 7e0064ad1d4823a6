// The GitHub edge: the IssueStore port over a GitHub App installation.
export type { GitHubStoreOptions } from './app-client.js';
export { htmlBase } from './app-client.js';
export { createGitHubStore } from './github-store.js';
export { limitBody } from './limit-body.js';
export { distinctiveFragment, similarQuery } from './search-similar.js';
