// Starts a fake GitHub with a fresh App key pair and builds stores against it with tiny waits.
import { createGitHubStore, type GitHubStoreOptions } from '../../../src/github/index.js';
import type { IssueStore } from '../../../src/shared/ports.js';
import type { Action, IssueState } from '../../../src/shared/types.js';
import { renderStateBlock } from '../../../src/render/state-block.js';
import { generateAppKeys, type AppKeys } from '../servers/github/app-keys.js';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../servers/github/server.js';

export const APP_ID = 31337;
export const REPOSITORY = 'acme/backend';
export const MANAGED = 'log-gardener';

let keys: AppKeys | null = null;
/** One key pair per test file: RSA generation is the slow part. */
export function appKeys(): AppKeys {
  keys ??= generateAppKeys();
  return keys;
}

export async function startGitHub(options: Partial<FakeGitHubOptions> = {}): Promise<FakeGitHub> {
  return startFakeGitHub({ appId: APP_ID, publicKey: appKeys().publicKey, repository: REPOSITORY, ...options });
}

/**
 * A fresh fake GitHub for each test of the calling describe block, handed to `use`; after each test,
 * no request may have strayed outside GitHub's published REST description.
 */
export function useFakeGitHub(use: (server: FakeGitHub) => void, options: Partial<FakeGitHubOptions> = {}): void {
  let current: FakeGitHub;
  beforeEach(async () => {
    current = await startGitHub(options);
    use(current);
  });
  afterEach(() => {
    expect(current.nonConforming()).toEqual([]);
    return current.close();
  });
}

/** One fake GitHub for every test of the calling file (the CLI and function suites start the server once). */
export function shareFakeGitHub(use: (server: FakeGitHub) => void, options: Partial<FakeGitHubOptions> = {}): void {
  let current: FakeGitHub;
  beforeAll(async () => {
    current = await startGitHub(options);
    use(current);
  });
  afterAll(() => current.close());
}

export function storeFor(server: FakeGitHub, options: Partial<GitHubStoreOptions> = {}): Promise<IssueStore> {
  return createGitHubStore({
    appId: String(APP_ID),
    privateKey: appKeys().privateKeyPem,
    repository: REPOSITORY,
    apiUrl: server.url,
    managedLabel: MANAGED,
    retry: { retries: 3, minRetryAfterSeconds: 1, retryAfterBaseMs: 5, writeIntervalMs: 0 },
    ...options,
  });
}

export function stateFor(clusterId: string, extra: Partial<IssueState> = {}): IssueState {
  return {
    version: 1, clusterId, aliases: [], template: `Template of ${clusterId} <*>`, totalCount: 10, lastWindowCount: 10,
    firstSeen: '2025-09-11T00:00:00.000Z', lastSeen: '2025-09-11T05:00:00.000Z', priority: 'P2', windowEnd: '2025-09-11T06:00:00.000Z',
    ...extra,
  };
}

export function createAction(clusterId: string, title = `GCP-new-P2-${clusterId}`): Action {
  return {
    kind: 'create', cluster: clusterId, title, reason: 'new problem, nothing tracks it',
    body: `Evidence for ${clusterId}\n\n${renderStateBlock(stateFor(clusterId))}\n`, labels: [MANAGED, 'P2'],
  };
}
