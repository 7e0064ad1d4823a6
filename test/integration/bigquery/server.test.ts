// The local BigQuery server itself, through the real client's other path: BigQuery.query() sends
// jobs.query (the query and its first page in one call) and pages on with getQueryResults.
import { BigQuery } from '@google-cloud/bigquery';
import { OAuth2Client } from 'google-auth-library';
import { startBigQueryServer, type BigQueryServer } from '../servers/bigquery-server.js';

const resource = { type: 'cloud_run_revision', labels: { service_name: 'api' } };
let server: BigQueryServer;
beforeAll(async () => {
  const entries = Array.from({ length: 30 }, (_, i) => ({ timestamp: `2025-09-11T10:00:${String(i).padStart(2, '0')}Z`, insertId: `e${i}`, severity: i % 3 === 0 ? 'ERROR' : 'INFO', resource, textPayload: `line ${i}` }));
  server = await startBigQueryServer({ entries, pageRows: 4 });
});
afterAll(async () => {
  await server.stop();
});

function client(): BigQuery {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: 'local', expiry_date: Number.MAX_SAFE_INTEGER });
  return new BigQuery({ projectId: 'p', apiEndpoint: `http://${server.host}`, authClient: auth });
}

describe('the local BigQuery server', () => {
  it('answers jobs.query and the pages after it, with named parameters', async () => {
    const [rows] = await client().query({
      query: 'SELECT insert_id, severity FROM `p.d._AllLogs` WHERE severity = @severity ORDER BY timestamp',
      params: { severity: 'ERROR' },
    });
    expect(rows.map((r: { insert_id: string }) => r.insert_id)).toEqual(Array.from({ length: 10 }, (_, k) => `e${k * 3}`));
    const paths = server.journal.map((r) => `${r.method} ${r.path.replace(/^\/bigquery\/v2\/projects\/p/, '')}${r.query.pageToken ? ' page' : ''}`);
    expect(paths[0]).toBe('POST /queries');
    expect(paths.filter((p) => p.endsWith(' page'))).toHaveLength(2); // 10 rows, 4 a page
  });

  it('answers an error in BigQuery\'s shape for a query it cannot run', async () => {
    await expect(client().query({ query: 'SELECT no_such_column FROM `p.d._AllLogs`' })).rejects.toMatchObject({ code: 400, errors: [expect.objectContaining({ reason: 'invalidQuery' })] });
  });
});
