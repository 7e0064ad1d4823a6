import { clusterFilter, consoleLink } from '../../../src/render/index.js';

const WINDOW = { start: Date.parse('2025-09-11T12:00:00Z'), end: Date.parse('2025-09-11T18:00:00Z') };

function decode(url: string): { query: string; start: string; end: string; project: string | null } {
  const m = /^https:\/\/console\.cloud\.google\.com\/logs\/query;query=([^;?]*);startTime=([^;?]*);endTime=([^;?]*)(?:\?project=(.*))?$/.exec(url);
  if (!m) throw new Error(`not a Logs Explorer link: ${url}`);
  return { query: decodeURIComponent(m[1]!), start: m[2]!, end: m[3]!, project: m[4] ?? null };
}

describe('Cloud Logging console link', () => {
  it('opens the filter for the window in the project', () => {
    const url = consoleLink('netra-staging', 'severity>=ERROR AND (textPayload:"a;b=c" OR jsonPayload:"(x)")', WINDOW);
    expect(url).not.toMatch(/[ ()"]/);
    expect(decode(url)).toEqual({
      query: 'severity>=ERROR AND (textPayload:"a;b=c" OR jsonPayload:"(x)")',
      start: '2025-09-11T12:00:00.000Z',
      end: '2025-09-11T18:00:00.000Z',
      project: 'netra-staging',
    });
    expect(decode(consoleLink(undefined, 'x', WINDOW)).project).toBeNull();
  });

  const filters: Array<[string, Parameters<typeof clusterFilter>[0], string[]]> = [
    ['text: longest constant fragment', { kind: 'text', services: ['api'], template: 'Session access failed (middleware not installed?): <*> for user <NUM>' }, [
      'resource.type="cloud_run_revision"',
      'resource.labels.service_name="api"',
      'severity>=NOTICE',
      '(textPayload:"Session access failed (middleware not installed" OR jsonPayload:"Session access failed (middleware not installed")',
    ]],
    ['quotes and backslashes escaped', { kind: 'text', services: ['api'], template: 'bad value "x\\y" in config <*>' }, [
      'resource.type="cloud_run_revision"', 'resource.labels.service_name="api"', 'severity>=NOTICE',
      '(textPayload:"bad value \\"x\\\\y\\" in config" OR jsonPayload:"bad value \\"x\\\\y\\" in config")',
    ]],
    ['request log: method, status, route prefix', { kind: 'request', services: ['a', 'b'], template: 'GET /api/users/<*>/orders 503' }, [
      'resource.type="cloud_run_revision"', 'resource.labels.service_name=("a" OR "b")', 'severity>=NOTICE',
      'httpRequest.requestMethod="GET"', 'httpRequest.status=503', 'httpRequest.requestUrl:"/api/users/"',
    ]],
    ['request log of one status whatever was asked: the status alone', { kind: 'request', services: ['web'], template: '<*> /<*> 503' }, [
      'resource.type="cloud_run_revision"', 'resource.labels.service_name="web"', 'severity>=NOTICE', 'httpRequest.status=503',
    ]],
    ['stack: exception type and its message', { kind: 'stack', services: [], exceptionType: 'KeyError', template: 'Traceback (most recent call last):\n  File <PATH>, line <NUM>, in handler\nKeyError: <QUOTED>' }, [
      'resource.type="cloud_run_revision"', 'resource.labels.service_name="svc"', 'severity>=NOTICE',
      '(textPayload:"KeyError" OR jsonPayload:"KeyError")',
    ]],
    ['stack: the fragment comes from the message the trace printed, not the type and colon the template joins to it', { kind: 'stack', services: ['accounts'], exceptionType: 'ActiveRecord::RecordNotFound', template: "ActiveRecord::RecordNotFound: Couldn't find Account with 'id'=<NUM>" }, [
      'resource.type="cloud_run_revision"', 'resource.labels.service_name="accounts"', 'severity>=NOTICE',
      '(textPayload:"ActiveRecord::RecordNotFound" OR jsonPayload:"ActiveRecord::RecordNotFound")',
      '(textPayload:"Couldn\'t find Account with \'id" OR jsonPayload:"Couldn\'t find Account with \'id")',
    ]],
    ['severity read from the text: the entries Cloud Logging keeps at DEFAULT are shown too', { kind: 'text', services: ['api'], template: 'payment failed for order <NUM>', severitySource: 'text' }, [
      'resource.type="cloud_run_revision"', 'resource.labels.service_name="api"', '(severity>=NOTICE OR severity=DEFAULT)',
      '(textPayload:"payment failed for order" OR jsonPayload:"payment failed for order")',
    ]],
    ['a fragment no entry holds as written is not searched: the longest the sample holds is', { kind: 'text', services: ['ledger'], template: 'post entry failed post entry: pq: deadlock detected', samples: ['post entry failed err="post entry: pq: deadlock detected" tenant=globex'] }, [
      'resource.type="cloud_run_revision"', 'resource.labels.service_name="ledger"', 'severity>=NOTICE',
      '(textPayload:"post entry: pq: deadlock detected" OR jsonPayload:"post entry: pq: deadlock detected")',
    ]],
    ['redacted text never searched', { kind: 'text', services: ['api'], template: 'USER AUTO-CREATED: Created user ***@cornell.edu from JWT' }, [
      'resource.type="cloud_run_revision"', 'resource.labels.service_name="api"', 'severity>=NOTICE',
      '(textPayload:"USER AUTO-CREATED: Created user" OR jsonPayload:"USER AUTO-CREATED: Created user")',
    ]],
  ];
  it.each(filters)('filter: %s', (_name, cluster, clauses) => {
    expect(clusterFilter(cluster, ['svc'], 'NOTICE').split('\n')).toEqual(clauses);
  });
});
