// The managed label and the priority labels, created once per run when missing, with a colour and a
// description that tell a person what they mean.
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

export async function ensureLabels(client: GitHubClient, memory: RunMemory): Promise<void> {
  if (memory.labelsReady) return;
  // Colours and descriptions are a courtesy: GitHub creates a missing label itself when an issue is
  // filed or labelled with it, so failing here must not fail the write that needs the label.
  memory.labelsReady = true;
  try {
    await createMissingLabels(client);
  } catch (error) {
    client.logger?.warn({ status: statusOf(error) }, 'could not prepare labels; GitHub will create them plain');
  }
}

async function createMissingLabels(client: GitHubClient): Promise<void> {
  const { octokit, owner, repo } = client;
  const existing = await allPages<{ name: string }>((page) =>
    octokit.request('GET /repos/{owner}/{repo}/labels', { owner, repo, per_page: PER_PAGE, page }),
  );
  const have = new Set(existing.map((l) => l.name.toLowerCase()));
  const wanted = {
    [client.managedLabel]: { color: '5319e7', description: 'Kept by log-gardener from the service logs; remove the label to release the issue' },
    ...PRIORITY_LABELS,
  };
  for (const [name, { color, description }] of Object.entries(wanted)) {
    if (have.has(name.toLowerCase())) continue;
    try {
      await octokit.request('POST /repos/{owner}/{repo}/labels', { owner, repo, name, color, description });
    } catch (error) {
      // Created meanwhile (422 already_exists) is what we wanted.
      if (statusOf(error) !== 422) throw error;
    }
  }
}
