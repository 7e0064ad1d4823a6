// The pipeline with its ports faked (the only fakes allowed: LogSource and IssueStore).
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { loadSettings } from '../../src/config/load-settings.js';
import { parseStateBlock } from '../../src/render/index.js';
import type { IssueStore, LogSource, SourceReadResult } from '../../src/shared/ports.js';
import type { Action, ActionResult, RawEntry } from '../../src/shared/types.js';
import { runSweep } from '../../src/sweep.js';

const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
const logger = pino({ level: 'silent' });
const window = { start: Date.parse('2025-09-11T00:00:00Z'), end: Date.parse('2025-09-11T06:00:00Z') };

function entries(count: number): RawEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    timestamp: new Date(window.start + i * 60_000).toISOString(),
    severity: 'ERROR',
    textPayload: `Payment gateway timeout after ${1000 + i}ms for order ${5000 + i}`,
    resource: { type: 'cloud_run_revision', labels: { service_name: 'netra-backend-staging', revision_name: 'netra-backend-staging-00001-abc' } },
  }));
}

function source(raw: RawEntry[], result: Partial<SourceReadResult> = {}, fail?: Error): LogSource {
  return {
    description: 'memory',
    read: () => ({
      entries: (async function* () {
        yield* raw;
        if (fail) throw fail;
      })(),
      result: () => ({ filtered: 0, skippedBy: {}, complete: true, ...result }),
    }),
  };
}

function store(): IssueStore & { applied: Action[] } {
  const applied: Action[] = [];
  return {
    applied,
    repositoryUrl: 'https://github.com/acme/backend',
    listManaged: async () => [],
    searchSimilar: async () => [],
    apply: async (action): Promise<ActionResult> => {
      applied.push(action);
      return { ...action, status: 'done', issue: applied.length, url: `https://github.com/acme/backend/issues/${applied.length}` };
    },
    commitFile: async () => ({ committed: true }),
  };
}

const request = { runId: 'r1', window, services: ['netra-backend-staging'], dryRun: false, settings };

describe('runSweep', () => {
  it('files a problem and records the whole window as seen', async () => {
    const github = store();
    const result = await runSweep({ source: source(entries(10)), store: github, logger }, request);
    expect(result.failed).toBe(false);
    const create = github.applied.find((a) => a.kind === 'create')!;
    expect(parseStateBlock(create.body)?.windowEnd).toBe(new Date(window.end).toISOString());
    expect(result.report.actions[0]).toMatchObject({ kind: 'create', status: 'done', issue: 1 });
  });

  it('records only the part of the window a cut-short read covered', async () => {
    const github = store();
    const readUntil = window.start + 9 * 60_000;
    const result = await runSweep(
      { source: source(entries(10), { complete: false, readUntil, note: 'read stopped (time budget 240s)' }), store: github, logger },
      request,
    );
    const create = github.applied.find((a) => a.kind === 'create')!;
    expect(parseStateBlock(create.body)?.windowEnd).toBe(new Date(readUntil).toISOString());
    expect(result.report.source).toMatchObject({ complete: false, note: 'read stopped (time budget 240s)' });
  });

  it('writes nothing when the source fails, and says why', async () => {
    const github = store();
    const result = await runSweep({ source: source(entries(5), {}, new Error('UNAVAILABLE: connection reset')), store: github, logger }, request);
    expect(github.applied).toEqual([]);
    expect(result.failed).toBe(true);
    expect(result.report.errors.map((e) => e.stage)).toEqual(['source', 'apply']);
    expect(result.report.actions.every((a) => a.status === 'planned' || a.status === 'skipped')).toBe(true);
  });

  it('writes nothing when GitHub cannot be read (planning blind files duplicates)', async () => {
    const github = store();
    github.listManaged = async () => {
      throw new Error('502 Bad Gateway');
    };
    const result = await runSweep({ source: source(entries(5)), store: github, logger }, request);
    expect(github.applied).toEqual([]);
    expect(result.failed).toBe(true);
    expect(result.report.errors[0]).toEqual({ stage: 'github', message: 'reading issues failed: 502 Bad Gateway' });
  });

  it('a dry run plans without writing', async () => {
    const github = store();
    const result = await runSweep({ source: source(entries(5)), store: github, logger }, { ...request, dryRun: true });
    expect(github.applied).toEqual([]);
    expect(result.report.actions.find((a) => a.kind === 'create')).toMatchObject({ status: 'planned' });
    expect(result.failed).toBe(false);
  });

  it('commits the worklog when configured, after the issue writes', async () => {
    const github = store();
    const committed: string[] = [];
    github.commitFile = async (path) => {
      committed.push(path);
      return { committed: true, url: `https://github.com/acme/backend/blob/main/${path}` };
    };
    const withCommit = { ...settings, github: { ...settings.github, worklog: { commit: true, path: 'ops/gardener/' } } };
    const result = await runSweep({ source: source(entries(5)), store: github, logger }, { ...request, settings: withCommit });
    expect(committed).toEqual(['ops/gardener/2025-09-11-r1.md']);
    expect(result.report.worklog).toMatchObject({ path: 'ops/gardener/2025-09-11-r1.md', committed: true });

    // A rerun that changes nothing on GitHub commits no worklog either.
    committed.length = 0;
    github.apply = async (action) => ({ ...action, status: 'skipped' });
    const rerun = await runSweep({ source: source(entries(5)), store: github, logger }, { ...request, runId: 'r2', settings: withCommit });
    expect(committed).toEqual([]);
    expect(rerun.report.worklog.committed).toBe(false);
  });
});
