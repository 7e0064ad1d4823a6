// The managed label and the priority labels, each created when a write first needs it, with a colour
// and a description that tell a person what it means.
import type { GitHubClient } from './app-client.js';
import { statusOf } from './describe-failure.js';
import { allPages, PER_PAGE } from './paginate.js';
import type { RunMemory } from './run-memory.js';

export const PRIORITY_LABELS: Record<string, { color: string; description: string }> = {
  P0: { color: 'b60205', description: 'Outage or data at risk: act now' },
  P1: { color: 'd93f0b', description: 'A feature broken for users: fix this week' },
  P2: { color: 'fbca04', description: 'Degraded or noisy: plan a fix' },
  P3: { color: 'c5def5', description: 'Worth knowing: watch it' },
};

/**
 * Creates those of `names` that are the gardener's labels and missing from the repository. Only the
 * ones a write needs: each creation is a paced write, and a first sweep should spend its time filing
 * issues. The repository's labels are listed once per run.
 */
export async function ensureLabels(client: GitHubClient, memory: RunMemory, names: readonly string[]): Promise<void> {
  const wanted = ownLabels(client);
  const giveUp = (error: unknown): void => {
    // Colours and descriptions are a courtesy: GitHub creates a missing label itself when an issue is
    // filed or labelled with it, so failing here must not fail the write, nor be tried again this run.
    client.logger?.warn({ status: statusOf(error) }, 'could not prepare labels; GitHub will create them plain');
    memory.labels = new Set(Object.keys(wanted).map((n) => n.toLowerCase()));
  };
  if (memory.labels === null) {
    try {
      memory.labels = new Set((await listLabels(client)).map((n) => n.toLowerCase()));
    } catch (error) {
      return giveUp(error);
    }
  }
  const have = memory.labels;
  for (const name of names.filter((n) => wanted[n] !== undefined && !have.has(n.toLowerCase()))) {
    have.add(name.toLowerCase());
    try {
      await createLabel(client, name, wanted[name]!);
    } catch (error) {
      return giveUp(error);
    }
  }
}

function ownLabels(client: GitHubClient): Record<string, { color: string; description: string }> {
  return {
    [client.managedLabel]: { color: '5319e7', description: 'Kept by log-gardener from the service logs; remove the label to release the issue' },
    ...PRIORITY_LABELS,
  };
}

async function listLabels(client: GitHubClient): Promise<string[]> {
  const { octokit, owner, repo } = client;
  const labels = await allPages<{ name: string }>((page) => octokit.request('GET /repos/{owner}/{repo}/labels', { owner, repo, per_page: PER_PAGE, page }));
  return labels.map((l) => l.name);
}

async function createLabel(client: GitHubClient, name: string, { color, description }: { color: string; description: string }): Promise<void> {
  const { octokit, owner, repo } = client;
  try {
    await octokit.request('POST /repos/{owner}/{repo}/labels', { owner, repo, name, color, description });
  } catch (error) {
    // Created meanwhile (422 already_exists) is what we wanted.
    if (statusOf(error) !== 422) throw error;
  }
}
