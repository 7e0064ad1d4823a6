// Writes one file through the contents API: create it, or update it with the sha it replaces.
import type { GitHubClient } from './app-client.js';
import { describeFailure, statusOf } from './describe-failure.js';

export interface CommitResult {
  committed: boolean;
  url?: string;
}

export async function commitFile(client: GitHubClient, path: string, content: string, message: string): Promise<CommitResult> {
  const { octokit, owner, repo } = client;
  const clean = path.replace(/^\/+/, '');
  const encoded = Buffer.from(content, 'utf8').toString('base64');
  try {
    // Two tries: a concurrent writer changing the file between our read and write answers 409.
    for (let attempt = 1; ; attempt++) {
      const current = await currentFile(client, clean);
      if (current?.content === encoded) return { committed: true, url: current.url };
      try {
        const response = await octokit.request('PUT /repos/{owner}/{repo}/contents/{path}', {
          owner, repo, path: clean, message, content: encoded, ...(current ? { sha: current.sha } : {}),
        });
        return { committed: true, url: response.data.content?.html_url ?? `${client.repositoryUrl}/blob/HEAD/${clean}` };
      } catch (error) {
        if (statusOf(error) !== 409 || attempt >= 2) throw error;
      }
    }
  } catch (error) {
    throw describeFailure(`commit ${clean}`, error, { repository: `${owner}/${repo}`, apiUrl: client.apiUrl, appId: String(client.appId) });
  }
}

async function currentFile(client: GitHubClient, path: string): Promise<{ sha: string; content: string; url: string } | null> {
  const { octokit, owner, repo } = client;
  try {
    const response = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path });
    const data = response.data;
    if (Array.isArray(data) || data.type !== 'file') throw new Error(`${path} exists and is not a file`);
    const content = 'content' in data && typeof data.content === 'string' ? data.content.replace(/\n/g, '') : '';
    return { sha: data.sha, content, url: data.html_url ?? '' };
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}
