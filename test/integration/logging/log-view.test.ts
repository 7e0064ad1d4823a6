// Least privilege on the read side: the deployed identity may read one log view (Cloud Run logs only),
// not the project. The sweep names the view in ListLogEntries' resource_names, so Cloud Logging
// serves what the view holds and nothing else; a server that refuses project-wide reads proves no
// read falls back to the project.
import * as grpc from '@grpc/grpc-js';
import { runSweepRequest } from '../../../src/entry/run-sweep.js';
import { createCloudLoggingSource } from '../../../src/source/cloud-logging.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { SourceQuery } from '../../../src/shared/ports.js';
import { Capture } from '../../support/capture.js';
import { startLoggingServer, type LoggingServer } from '../servers/logging/server.js';
import { runEntry } from './entries.js';

const VIEW = 'projects/demo/locations/global/buckets/_Default/views/log-gardener-cloud-run';
// What the Terraform view keeps: Cloud Run resources, without Data Access audit logs.
const VIEW_FILTER = 'resource.type = "cloud_run_revision" AND NOT logName = "projects/demo/logs/cloudaudit.googleapis.com%2Fdata_access"';
const START = '2025-09-11T18:00:00.000Z';
const END = '2025-09-12T00:00:00.000Z';
const QUERY: SourceQuery = { window: { start: Date.parse(START), end: Date.parse(END) }, services: ['backend'], severityFloor: 'NOTICE' };

/** An entry the project holds but the view does not: a Data Access audit log on a Cloud Run revision. */
const AUDIT = { ...runEntry({ at: '2025-09-11T19:00:00Z', id: 'data-access' }), logName: 'projects/demo/logs/cloudaudit.googleapis.com%2Fdata_access' };
const RUN = [runEntry({ at: '2025-09-11T19:00:00Z', id: 'run-1' }), runEntry({ at: '2025-09-11T20:00:00Z', id: 'run-2' })];

let server: LoggingServer;
afterEach(async () => {
  await server.stop();
});

function source(logView?: string) {
  return createCloudLoggingSource({
    project: 'demo', emulatorHost: server.address, pageSize: 1000, timeBudgetMs: 60_000, excludeServices: ['log-gardener'],
    ...(logView ? { logView } : {}),
  });
}

async function ids(s: ReturnType<typeof source>): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of s.read(QUERY).entries) out.push(String(entry.insertId));
  return out;
}

describe('reading through a log view', () => {
  test('names the view, and only the view, in resource_names; reads what the view holds', async () => {
    server = await startLoggingServer({ entries: [...RUN, AUDIT], views: { [VIEW]: VIEW_FILTER } });
    expect(await ids(source(VIEW))).toEqual(['run-1', 'run-2']);
    expect(server.requests.map((r) => r.resourceNames)).toEqual([[VIEW]]);
    // The same query against the project would have read the audit entry too: the view is what kept it out.
    expect(server.matching(server.requests[0]!.filter).map((e) => e.insertId)).toContain('data-access');
  });

  test('an identity that may read the view only: the project read is refused with the grant it needs', async () => {
    server = await startLoggingServer({ entries: RUN, views: { [VIEW]: VIEW_FILTER }, projectRead: false });
    await expect(ids(source())).rejects.toThrow(/refused to read logs of project demo \(PERMISSION_DENIED\).*roles\/logging\.viewer/);
    expect(await ids(source(VIEW))).toEqual(['run-1', 'run-2']);
  });

  test('a view that does not exist is a one-line error naming the view and LOGGING_VIEW', async () => {
    server = await startLoggingServer({ entries: RUN, views: {} });
    const error = await ids(source(VIEW)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(new RegExp(`found no log view ${VIEW} \\(NOT_FOUND\\).*LOGGING_VIEW.*roles/logging\\.viewAccessor`));
    expect((error as Error).message).not.toContain('\n');
  });

  test('a view denied to the identity names the conditional viewAccessor grant', async () => {
    server = await startLoggingServer({ entries: RUN, views: { [VIEW]: VIEW_FILTER } });
    server.fail({ code: grpc.status.PERMISSION_DENIED, times: 1 });
    await expect(ids(source(VIEW))).rejects.toThrow(/refused to read logs of log view .*views\/log-gardener-cloud-run \(PERMISSION_DENIED\).*roles\/logging\.viewAccessor on the view/);
  });
});

describe('LOGGING_VIEW, as the deployment sets it, reaches Cloud Logging', () => {
  test('a sweep run with LOGGING_VIEW reads through the view on a server that refuses project reads', async () => {
    server = await startLoggingServer({ entries: [...RUN, AUDIT], views: { [VIEW]: VIEW_FILTER }, projectRead: false });
    const env = { GOOGLE_CLOUD_PROJECT: 'demo', LOGGING_EMULATOR_HOST: server.address, LOGGING_VIEW: VIEW };
    const { report, failed } = await runSweepRequest({ now: END, window: '6h', services: ['backend'], dryRun: true }, env, {
      logger: createLogger({ level: 'silent', destination: new Capture() }),
    });
    expect(failed).toBe(false);
    expect(report.entries.read).toBe(2);
    expect(server.requests.length).toBeGreaterThan(0);
    for (const request of server.requests) expect(request.resourceNames).toEqual([VIEW]);
  });

  test('a LOGGING_VIEW that is not a view name is a config error naming the key', async () => {
    server = await startLoggingServer({ entries: RUN });
    const env = { GOOGLE_CLOUD_PROJECT: 'demo', LOGGING_EMULATOR_HOST: server.address, LOGGING_VIEW: 'projects/demo/buckets/_Default' };
    await expect(runSweepRequest({ now: END, window: '6h', dryRun: true }, env, { logger: createLogger({ level: 'silent', destination: new Capture() }) }))
      .rejects.toThrow(/source\.logView/);
    expect(server.requests).toEqual([]);
  });
});
