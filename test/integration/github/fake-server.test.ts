// The fake must be strict where GitHub is, or the adapter tests prove nothing.
import { createSign } from 'node:crypto';
import type { FakeGitHub } from '../servers/github/server.js';
import { checkRequest, restRoutes } from '../servers/github/rest-description.js';
import { APP_ID, appKeys, startGitHub } from './harness.js';

function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(appKeys().privateKeyPem).toString('base64url');
  return `${unsigned}.${signature}`;
}

describe('the fake GitHub', () => {
  let server: FakeGitHub;
  beforeEach(async () => {
    server = await startGitHub();
  });
  afterEach(() => server.close());

  const call = (method: string, path: string, auth?: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { ...(auth ? { authorization: auth } : {}), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const now = () => Math.floor(Date.now() / 1000);

  it('reads the published description: known routes with their parameters', () => {
    expect(restRoutes().length).toBeGreaterThan(800);
    expect(checkRequest('GET', '/repos/o/r/issues', new URLSearchParams('labels=a&state=all&per_page=100&page=2'), undefined).problems).toEqual([]);
    expect(checkRequest('PUT', '/repos/o/r/contents/a/b/c.md', new URLSearchParams(), { message: 'm', content: 'eA==', sha: 'abc' })).toEqual({
      route: 'PUT /repos/{owner}/{repo}/contents/{path}', problems: [],
    });
    expect(checkRequest('PATCH', '/repos/o/r/issues/comments/5', new URLSearchParams(), { body: 'b' }).route).toBe(
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    );
  });

  it('flags a request outside the published API: unknown route, undeclared parameter or body key', async () => {
    const token = (await (await call('POST', `/app/installations/${server.installationId}/access_tokens`, `Bearer ${jwt({ iss: APP_ID, iat: now() - 30, exp: now() + 500 })}`)).json()) as { token: string };
    await call('GET', '/repos/acme/backend/issues?labels=x&colour=red', `token ${token.token}`);
    await call('POST', '/repos/acme/backend/issues', `token ${token.token}`, { title: 't', priority: 'P1' });
    await call('DELETE', '/repos/acme/backend/issues/1', `token ${token.token}`);
    expect(server.nonConforming().map((e) => e.problems)).toEqual([
      ['query parameter "colour" is not declared by issues/list-for-repo'],
      ['body key "priority" is not declared by issues/create'],
      ['no published route DELETE /repos/acme/backend/issues/1'],
    ]);
  });

  it('checks the App JWT: signature, issuer and lifetime', async () => {
    const tokens = `/app/installations/${server.installationId}/access_tokens`;
    expect((await call('POST', tokens, `Bearer ${jwt({ iss: APP_ID, iat: now() - 30, exp: now() + 500 })}`)).status).toBe(201);
    expect((await call('POST', tokens, `Bearer ${jwt({ iss: 999, iat: now() - 30, exp: now() + 500 })}`)).status).toBe(401);
    expect((await call('POST', tokens, `Bearer ${jwt({ iss: APP_ID, iat: now() - 700, exp: now() - 100 })}`)).status).toBe(401);
    expect((await call('POST', tokens, `Bearer ${jwt({ iss: APP_ID, iat: now(), exp: now() + 3600 })}`)).status).toBe(401);
    const forged = jwt({ iss: APP_ID, iat: now() - 30, exp: now() + 500 }).replace(/\.[^.]+$/, '.AAAA');
    expect((await call('POST', tokens, `Bearer ${forged}`)).status).toBe(401);
  });

  it('serves repository routes only to an installation token it issued', async () => {
    expect((await call('GET', '/repos/acme/backend/issues')).status).toBe(401);
    expect((await call('GET', '/repos/acme/backend/issues', 'token ghs_made_up')).status).toBe(401);
    const appJwt = jwt({ iss: APP_ID, iat: now() - 30, exp: now() + 500 });
    expect((await call('GET', '/repos/acme/backend/issues', `Bearer ${appJwt}`)).status).toBe(401);
    const { token } = (await (await call('POST', `/app/installations/${server.installationId}/access_tokens`, `Bearer ${appJwt}`)).json()) as { token: string };
    expect((await call('GET', '/repos/acme/backend/issues', `Bearer ${token}`)).status).toBe(200);
  });
});
