// The IssueStore port over a GitHub App installation. Writes go out one at a time, in plan order.
import type { IssueStore } from '../shared/ports.js';
import type { Action, ActionResult, Cluster, TrackedIssue } from '../shared/types.js';
import { connectGitHub, type GitHubStoreOptions } from './app-client.js';
import { applyAction } from './apply-action.js';
import { commitFile } from './commit-worklog.js';
import { describeFailure } from './describe-failure.js';
import { listManagedIssues } from './read-issues.js';
import { RunMemory } from './run-memory.js';
import { searchSimilarIssues } from './search-similar.js';

export async function createGitHubStore(options: GitHubStoreOptions): Promise<IssueStore> {
  const client = await connectGitHub(options);
  const memory = new RunMemory();
  let queue: Promise<unknown> = Promise.resolve();
  // Serial even if a caller does not await: GitHub's secondary limits punish concurrent writes.
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  const context = { repository: options.repository, apiUrl: options.apiUrl, appId: options.appId };

  return {
    repositoryUrl: client.repositoryUrl,
    async listManaged(): Promise<TrackedIssue[]> {
      try {
        return await serial(() => listManagedIssues(client, memory));
      } catch (error) {
        throw describeFailure(`list the issues labelled "${options.managedLabel}"`, error, context);
      }
    },
    searchSimilar: (cluster: Cluster): Promise<TrackedIssue[]> => serial(() => searchSimilarIssues(client, cluster)),
    apply: (action: Action): Promise<ActionResult> => serial(() => applyAction(client, memory, action)),
    commitFile: (path: string, content: string, message: string) => serial(() => commitFile(client, path, content, message)),
  };
}
