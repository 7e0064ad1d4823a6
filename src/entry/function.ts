// The Cloud Function: http('logGardener'). Parses the request, holds the one-sweep lock, runs the same
// sweep as the CLI, and answers with the run report. Everything else lives in the files it imports.
import { http, type Request, type Response } from '@google-cloud/functions-framework';
import { adviseFailure } from '../report/failure-advice.js';
import { ConfigError, GardenerError, oneLine } from '../shared/errors.js';
import { createLogger, logStageError } from '../shared/logger.js';
import type { StageError } from '../shared/types.js';
import { readHttpParams } from './http-params.js';
import { guardRequests } from './request-guard.js';
import { newRunId, traceFields } from './request-context.js';
import { runSweepRequest } from './run-sweep.js';
import { createSweepLock } from './sweep-lock.js';
import { checkNow } from './sweep-params.js';
import { packageVersion } from './version.js';

// Built before settings are read, so an unknown LOG_LEVEL must not stop the instance from starting
// (the settings check names it on the first request).
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const level = process.env.LOG_LEVEL?.toLowerCase() ?? 'info';
const logger = createLogger({ level: LEVELS.includes(level) ? level : 'info' });
const lock = createSweepLock();
const refuseBody = guardRequests((refusal, req) => logger.warn({ status: refusal.status, method: req.method }, `request refused: ${refusal.error}`));

export async function logGardener(req: Request, res: Response): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.set('Allow', 'GET, POST').status(405).json({ error: `method ${req.method} not allowed: use GET or POST` });
    return;
  }
  if (refuseBody(req, res)) return;
  let params;
  try {
    params = readHttpParams({ query: req.query, body: req.body });
  } catch (error) {
    if (error instanceof ConfigError) return void res.status(400).json({ error: error.message });
    throw error;
  }
  // Cloud Scheduler says when the run was due: that is `now`, so a retried call (delivery is at least
  // once) sweeps the same window as the first attempt, and the sweep catches up on missed windows.
  const due = scheduleTime(req.headers['x-cloudscheduler-scheduletime']);
  if (due) params = { ...params, scheduled: true, ...(params.now ? {} : { now: due }) };
  const release = lock.tryAcquire();
  if (!release) {
    res.set('Retry-After', '60').status(409).json({ error: 'a sweep is already running' });
    return;
  }
  const runId = newRunId(Date.now());
  // runSweepRequest binds the run id on its own child; lines written here carry it explicitly.
  const log = logger.child(traceFields(req.headers, process.env.GOOGLE_CLOUD_PROJECT));
  try {
    const { report, failed } = await runSweepRequest(params, process.env, { logger: log, runId });
    logFailures(log.child({ runId }), report.errors);
    res.status(failed ? 500 : 200).json(report);
  } catch (error) {
    if (error instanceof ConfigError) {
      // The request was checked above: this is the deployed configuration, and no scheduled sweep can
      // run until it is fixed, so it is an ERROR for whoever watches the function's logs.
      logFailures(log.child({ runId, key: error.key }), [{ stage: 'config', message: `bad configuration: ${error.message}` }]);
      res.status(400).json({ error: error.message });
    } else {
      const failure: StageError = { stage: error instanceof GardenerError ? error.stage : 'report', message: oneLine(error) };
      logFailures(log.child({ runId }), [failure]);
      res.status(500).json({ runId, error: failure.message, errors: [failure] });
    }
  } finally {
    release();
  }
}

function scheduleTime(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  try {
    return checkNow(value);
  } catch {
    logger.warn({ header: value.slice(0, 80) }, 'X-CloudScheduler-ScheduleTime is not an RFC 3339 time: using the clock');
    return undefined;
  }
}

// Cloud Scheduler keeps no response body: each failed stage is logged at ERROR with its reason and fix.
function logFailures(log: typeof logger, errors: StageError[]): void {
  const advice = adviseFailure(errors);
  const service = { name: process.env.K_SERVICE || 'log-gardener', version: packageVersion() };
  for (const error of errors) logStageError(log, error, service, error === advice?.failure ? advice.fix : undefined);
}

http('logGardener', logGardener);
