import { GitHubError } from '../../../src/shared/errors.js';
import type { FakeGitHub } from '../servers/github/server.js';
import { generateAppKeys } from '../servers/github/app-keys.js';
import { createAction, startGitHub, storeFor } from './harness.js';

describe('connecting as the GitHub App', () => {
  let server: FakeGitHub;
  beforeEach(async () => {
    server = await startGitHub();
  });
  afterEach(() => server.close());

  it('finds the installation from the repository and exchanges the App JWT for a token', async () => {
    const store = await storeFor(server);
    expect(await store.listManaged()).toEqual([]);
    expect(server.journal.map((e) => `${e.route ?? e.path} ${e.status}`)).toEqual([
      'GET /app 200',
      'GET /repos/{owner}/{repo}/installation 200',
      'POST /app/installations/{installation_id}/access_tokens 201',
      'GET /repos/{owner}/{repo}/issues 200',
    ]);
    expect(store.repositoryUrl).toBe(`${server.url}/acme/backend`);
    expect(server.nonConforming()).toEqual([]);
  });

  it('works without GET /app, recognising its own issues by the App id', async () => {
    server.injectFault({ method: 'GET', path: /^\/app$/, status: 404, times: Infinity });
    const store = await storeFor(server);
    const created = await store.apply(createAction('c-no-slug'));
    expect(created.status).toBe('done');
    const [issue] = await store.listManaged();
    expect(issue).toMatchObject({ number: created.issue, authorIsGardener: true });
    expect(issue!.state_block?.clusterId).toBe('c-no-slug');
  });

  it('files the issue even when labels cannot be prepared', async () => {
    server.injectFault({ method: 'GET', path: /\/labels$/, status: 403, times: Infinity });
    const store = await storeFor(server);
    const created = await store.apply(createAction('c-plain-labels'));
    expect(created.status).toBe('done');
    expect(server.issue(created.issue!)!.labels).toEqual(['log-gardener', 'P2']);
  });

  it('uses the installation id it is given without looking it up', async () => {
    await storeFor(server, { installationId: server.installationId });
    expect(server.journal.some((e) => e.path.endsWith('/installation'))).toBe(false);
  });

  it('says the App is not installed when the repository has no installation', async () => {
    server.setInstalled(false);
    const failure = await storeFor(server).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GitHubError);
    expect((failure as GitHubError).status).toBe(404);
    expect((failure as GitHubError).message).toMatch(/not installed on acme\/backend/);
  });

  it('says the key does not belong to the App when GitHub rejects the JWT', async () => {
    const failure = await storeFor(server, { privateKey: generateAppKeys().privateKeyPem }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GitHubError);
    expect((failure as GitHubError).status).toBe(401);
    expect((failure as GitHubError).message).toMatch(/GITHUB_APP_ID \(31337\) belongs to the private key/);
  });

  it('names GITHUB_INSTALLATION_ID when the installation it is given does not exist', async () => {
    const failure = await storeFor(server, { installationId: 777 }).catch((e: unknown) => e);
    expect((failure as GitHubError).status).toBe(404);
    expect((failure as GitHubError).message).toMatch(/GITHUB_INSTALLATION_ID/);
  });

  it('names GITHUB_API_URL when GitHub cannot be reached', async () => {
    const url = server.url;
    await server.close();
    server = await startGitHub();
    const failure = await storeFor(server, { apiUrl: url, retry: { retries: 0, retryAfterBaseMs: 1 } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GitHubError);
    expect((failure as GitHubError).message).toMatch(/cannot reach GitHub at http:\/\/127\.0\.0\.1:\d+ \(GITHUB_API_URL\)/);
    expect((failure as GitHubError).retryable).toBe(true);
  });

  it('refuses a key that is not a PEM private key before calling GitHub', async () => {
    const failure = await storeFor(server, { privateKey: 'not a key' }).catch((e: unknown) => e);
    expect((failure as GitHubError).message).toMatch(/not a PEM private key/);
    expect(server.journal).toEqual([]);
  });
});
