import { parseTitle, renderTitle, shortNameFor } from '../../../src/render/index.js';
import type { IssueTitle } from '../../../src/render/index.js';

describe('issue titles', () => {
  const titles: Array<[IssueTitle, string]> = [
    [{ category: 'new', priority: 'P3', shortName: 'user-autocreation-monitoring' }, 'GCP-new-P3-user-autocreation-monitoring'],
    [{ category: 'regression', priority: 'P0', shortName: 'websocket-startup-race-condition' }, 'GCP-regression-P0-websocket-startup-race-condition'],
    [{ category: 'active-dev', priority: 'P1', shortName: 'fastapi-session-middleware-missing' }, 'GCP-active-dev-P1-fastapi-session-middleware-missing'],
    [{ category: 'other', priority: 'P2', shortName: 'get-api-users-503' }, 'GCP-other-P2-get-api-users-503'],
  ];
  it.each(titles)('renders and parses %j', (value, text) => {
    expect(renderTitle(value)).toBe(text);
    expect(parseTitle(text)).toEqual(value);
  });

  it.each([
    'Session middleware missing in staging',
    'GCP-new-P4-something',
    'GCP-fresh-P1-something',
    'GCP-new-P1-Upper-Case',
    'GCP-new-P1-',
    'GCP-new-P1-trailing-',
    'gcp-new-P1-lower-prefix',
  ])('does not parse %j (a person retitled it)', (title) => {
    expect(parseTitle(title)).toBeNull();
  });
});

describe('shortNameFor', () => {
  const cases: Array<[string, Parameters<typeof shortNameFor>[0], string]> = [
    ['plain words', { kind: 'text', template: 'Session access failed (middleware not installed?): SessionMiddleware must be installed' }, 'session-access-failed-middleware-not-installed'],
    ['masked values dropped', { kind: 'text', template: 'RACE CONDITION DETECTED: Startup phase <QUOTED> did not reach <QUOTED> within <NUM>' }, 'race-condition-detected-startup-phase-not-reach'],
    ['redacted email never kept', { kind: 'text', template: 'USER AUTO-CREATED: Created user ***@cornell.edu from JWT' }, 'user-auto-created-jwt'],
    ['exception type first', { kind: 'stack', exceptionType: 'sqlalchemy.exc.OperationalError', template: 'Traceback (most recent call last):\n  File <PATH>, line <NUM>\nsqlalchemy.exc.OperationalError: connection refused' }, 'operational-error-connection-refused'],
    ['request log', { kind: 'request', template: 'GET /api/users/<*> 503' }, 'get-api-users-503'],
    ['ids and hashes dropped', { kind: 'text', template: 'token a9f3c2e1b7d4 rejected for tenant t0042' }, 'token-rejected-tenant'],
    ['product names stay one word', { kind: 'text', template: 'GitHub sync failed for WebSocket channel <ID>' }, 'github-sync-failed-websocket-channel'],
    ['other camel case splits', { kind: 'stack', exceptionType: 'TypeError', template: "TypeError: Cannot read properties of undefined (reading <QUOTED>)" }, 'type-error-cannot-read-properties-undefined-reading'],
    ['nothing constant', { kind: 'text', template: '<*> <NUM> <HEX>' }, 'unclassified-problem'],
  ];
  it.each(cases)('%s', (_name, cluster, expected) => {
    const name = shortNameFor(cluster);
    expect(name).toBe(expected);
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(name.length).toBeLessThanOrEqual(60);
  });
});
