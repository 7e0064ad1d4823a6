// What a failed BigQuery call tells the operator: one line, naming the role, the link or the setting.
import { describeQueryError, queryFailure } from '../../../../src/source/analytics/describe-query-error.js';

const context = { jobProject: 'ops-proj', table: 'logs-proj.run_link._AllLogs', maximumBytesBilled: 1000 };
const apiError = (code: number, reason: string, message: string) => Object.assign(new Error(message), { code, errors: [{ reason, message }] });

describe('describeQueryError', () => {
  it.each([
    [apiError(403, 'accessDenied', 'Access Denied: Project ops-proj: User does not have bigquery.jobs.create permission in project ops-proj.'), /roles\/bigquery\.jobUser on that project/],
    [apiError(403, 'accessDenied', 'Access Denied: Table logs-proj:run_link._AllLogs: User does not have permission to query table'), /read on the linked dataset logs-proj\.run_link/],
    [apiError(404, 'notFound', 'Not found: Dataset logs-proj:run_link was not found in location US'), /link a BigQuery dataset to it, or correct source\.analytics\.table/],
    [apiError(400, 'bytesBilledLimitExceeded', 'Query exceeded limit for bytes billed: 1000. 10485760 or higher required.'), /maximumBytesBilled \(1000 bytes\); raise it/],
    [apiError(403, 'quotaExceeded', 'Quota exceeded: Your project exceeded quota for concurrent queries'), /quota exceeded in project ops-proj; the next sweep tries again/],
    [apiError(400, 'invalidQuery', 'Unrecognized name: json_payload'), /is logs-proj\.run_link\._AllLogs a Log Analytics view/],
    [apiError(401, 'unauthorized', 'Request had invalid authentication credentials.'), /refused the credentials/],
    [new Error('socket hang up\n    at TLSSocket.emit'), /^Log Analytics query failed: socket hang up$/],
  ])('%#: %s', (error, expected) => {
    const line = describeQueryError(queryFailure(error), context);
    expect(line).toMatch(expected);
    expect(line).not.toContain('\n');
  });

  it('reads an error of any shape without throwing', () => {
    expect(queryFailure('boom')).toEqual({ reasons: [], message: 'boom' });
    expect(queryFailure({ code: 404, errors: [{ reason: 7 }, null] })).toMatchObject({ code: 404, reasons: [] });
  });
});
