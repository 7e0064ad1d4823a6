// From parameters and environment to a finished sweep: load settings, build the real adapters,
// run the pipeline. Shared by the CLI and the HTTP function, so both run exactly the same thing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { loadSettings, type Env } from '../config/load-settings.js';
import type { Settings } from '../config/schema.js';
import { createFileSource } from '../source/log-file.js';
import { parseDuration } from '../shared/duration.js';
import { ConfigError, GardenerError, oneLine } from '../shared/errors.js';
import type { GroupedLogSource, IssueStore, LogSource, SourceQuery } from '../shared/ports.js';
import type { LogAnalyticsSource } from '../source/analytics/log-analytics.js';
import { BUCKET_MS } from '../classify/index.js';
import type { TrackedIssue, Window } from '../shared/types.js';
import { runSweep, type SweepDeps, type SweepResult } from '../sweep.js';
import { loadPrivateKey } from './private-key.js';
import { newRunId } from './request-context.js';
import { catchUpWindow } from './sweep-window.js';
import { checkNow, checkServices, checkWindow, type SweepParams } from './sweep-params.js';

/** The function's own Cloud Run service (Cloud Run sets K_SERVICE): its logs are never read back as a problem. */
const DEFAULT_OWN_SERVICE = 'log-gardener';

export interface RunOptions {
  logger: Logger;
  runId?: string;
  /** The clock, read once here; the pipeline only ever sees the resulting window. */
  clock?: () => number;
  /** The sweep's progress, for a person watching (the CLI's stderr). */
  progress?: SweepDeps['progress'];
  /** Log level when neither the config's logLevel nor LOG_LEVEL sets one (the CLI: warn; the function: info). */
  defaultLogLevel?: string;
}

export async function runSweepRequest(params: SweepParams, env: Env, options: RunOptions): Promise<SweepResult> {
  const startedAt = (options.clock ?? Date.now)();
  const runId = options.runId ?? newRunId(startedAt);
  const logger = options.logger.child({ runId });
  const { settings, credentials } = loadConfigFile(params.configPath ?? env.GARDENER_CONFIG, env);
  logger.level = settings.logLevel ?? options.defaultLogLevel ?? 'info';
  const window = checkWindow(params.window ?? settings.window);
  const services = params.services ? checkServices(params.services) : settings.services;
  const end = params.now ? Date.parse(checkNow(params.now)) : startedAt;
  const span = parseDuration(window)!;
  const dryRun = params.dryRun ?? false;

  const source = params.logsFile
    ? createFileSource(params.logsFile)
    : await chooseSource(settings, logger, { window: { start: end - span, end }, services, severityFloor: settings.severityFloor }, env.K_SERVICE || DEFAULT_OWN_SERVICE);
  const github = await buildStore(settings, await loadPrivateKey(settings, credentials), dryRun, logger);
  const swept = params.scheduled && github.store
    ? await catchUp(github.store, { start: end - span, end }, parseDuration(settings.maxLookBack)!, logger)
    : { store: github.store, window: { start: end - span, end } };
  logger.info({ window, services, dryRun, source: source.description }, 'sweep started');
  const result = await runSweep(
    {
      source, store: swept.store, logger,
      ...(github.error ? { storeError: github.error } : {}),
      ...(options.progress ? { progress: options.progress } : {}),
    },
    {
      runId,
      window: swept.window,
      services,
      dryRun,
      settings,
      ...(params.worklogFile ? { worklogFile: params.worklogFile } : {}),
    },
  );
  logger.info({ failed: result.failed, actions: result.report.actions.length, errors: result.report.errors.length }, 'sweep finished');
  return result;
}

/**
 * A scheduled sweep starts where the last recorded one ended (see sweep-window.ts). The issues read
 * for that are the ones the sweep plans against: the store lists them once.
 */
async function catchUp(store: IssueStore, window: Window, maxLookBackMs: number, logger: Logger): Promise<{ store: IssueStore | null; window: Window }> {
  let listed: Promise<TrackedIssue[]>;
  try {
    listed = Promise.resolve(await store.listManaged());
  } catch {
    return { store, window }; // the sweep reads them again and reports the failure
  }
  const caught = catchUpWindow(window, await listed, maxLookBackMs);
  if (caught.watermark !== undefined) {
    logger.info({ from: new Date(caught.window.start).toISOString(), lastRecorded: new Date(caught.watermark).toISOString() }, 'window extended back to where the last sweep ended');
  }
  return { store: { ...store, listManaged: () => listed }, window: caught.window };
}

/** source.mode: the Logging API, Log Analytics, or (auto) whichever can read the window within the budget. */
async function chooseSource(settings: Settings, logger: Logger, query: SourceQuery, ownService: string): Promise<LogSource | GroupedLogSource> {
  if (settings.source.mode === 'api') return cloudSource(settings, logger, ownService);
  const analytics = await analyticsSource(settings, logger, ownService);
  if (settings.source.mode === 'analytics') return analytics;
  // The API reads one page a second at best (60 entries.list calls a minute per project).
  const readable = settings.source.pageSize * settings.source.timeBudgetSeconds;
  let why: string;
  try {
    const entries = await analytics.countEntries(query);
    why = `auto: ${entries} entries in the window, ${entries > readable ? 'more than' : 'within'} the ${readable} the Logging API reads in ${settings.source.timeBudgetSeconds}s`;
    logger.info({ entries, readable }, why);
    if (entries > readable) return { ...analytics, description: `${analytics.description} (${why})` };
  } catch (error) {
    why = `auto: counting in Log Analytics failed: ${oneLine(error)}`;
    logger.warn({ error: oneLine(error) }, 'auto: counting the window in Log Analytics failed; reading the Logging API');
  }
  const api = await cloudSource(settings, logger, ownService);
  return { ...api, description: `${api.description} (${why})` };
}

// Like the clients below, the BigQuery client is loaded only by the sweeps that use it.
async function analyticsSource(settings: Settings, logger: Logger, ownService: string): Promise<LogAnalyticsSource> {
  const { analytics, timeBudgetSeconds } = settings.source;
  const { createLogAnalyticsSource } = await import('../source/analytics/log-analytics.js');
  return createLogAnalyticsSource({
    jobProject: requireProject(settings),
    table: analytics.table!,
    maximumBytesBilled: analytics.maximumBytesBilled,
    // The query has the read's share of the function's time, never more.
    queryTimeoutMs: Math.min(analytics.queryTimeoutSeconds, timeBudgetSeconds) * 1000,
    excludeServices: [ownService],
    bucketMs: BUCKET_MS,
    logger,
    ...(analytics.location ? { location: analytics.location } : {}),
    ...(analytics.emulatorHost ? { emulatorHost: analytics.emulatorHost } : {}),
  });
}

function requireProject(settings: Settings): string {
  if (!settings.project) {
    throw new ConfigError('project', 'no Google Cloud project: set GOOGLE_CLOUD_PROJECT (or `project` in the config), or give --logs-file');
  }
  return settings.project;
}

// The Cloud Logging and GitHub clients are loaded only by the sweeps that use them: together they
// take most of a second and tens of MB before the first entry is read, which a file sweep or a dry
// run without credentials never needs.
async function cloudSource(settings: Settings, logger: Logger, ownService: string): Promise<LogSource> {
  const project = requireProject(settings);
  const { createCloudLoggingSource } = await import('../source/cloud-logging.js');
  return createCloudLoggingSource({
    project,
    pageSize: settings.source.pageSize,
    timeBudgetMs: settings.source.timeBudgetSeconds * 1000,
    excludeServices: [ownService],
    logger,
    ...(settings.source.emulatorHost ? { emulatorHost: settings.source.emulatorHost } : {}),
    ...(settings.source.logView ? { logView: settings.source.logView } : {}),
  });
}

async function buildStore(settings: Settings, privateKey: string | undefined, dryRun: boolean, logger: Logger): Promise<{ store: IssueStore | null; error?: string }> {
  const { repository, appId } = settings.github;
  if (!repository || !appId || !privateKey) {
    if (dryRun) {
      logger.info('no GitHub App credentials: planning against an empty repository');
      return { store: null };
    }
    const missing = [!repository && 'GITHUB_REPOSITORY', !appId && 'GITHUB_APP_ID', !privateKey && 'GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_SECRET'].filter(Boolean);
    throw new ConfigError('github', `a sweep that writes needs ${missing.join(', ')} (or use a dry run)`);
  }
  try {
    const { createGitHubStore } = await import('../github/index.js');
    const store = await createGitHubStore({
      appId,
      privateKey,
      repository,
      apiUrl: settings.github.apiUrl,
      managedLabel: settings.github.managedLabel,
      logger,
      ...(settings.github.installationId ? { installationId: settings.github.installationId } : {}),
    });
    return { store };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const message = error instanceof GardenerError ? error.message : oneLine(error);
    return { store: null, error: `GitHub App setup failed: ${message}` };
  }
}

/** Reads and validates a config file (the default one when `path` is undefined), env overriding it. */
export function loadConfigFile(path: string | undefined, env: Env): ReturnType<typeof loadSettings> {
  return loadSettings(readConfig(path), env);
}

function readConfig(path: string | undefined): string {
  const file = path ?? defaultConfigPath();
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('config', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? oneLine(error)}`);
  }
}

/** config/gardener.yaml of the working directory, else the one shipped in the package. */
function defaultConfigPath(): string {
  const local = join('config', 'gardener.yaml');
  if (existsSync(local)) return local;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'config', 'gardener.yaml');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return local;
}
