// dash-grafana: Grafana 11.3 (Go) with its SQLite database on a mounted volume and unified alerting.
// Grafana's console logger writes logfmt (`logger=... t=... level=error msg="..." key=value`) on the morning
// revision; the rollout sets `[log.console] format = json`, go-kit's JSON logger, whose keys come out
// sorted. Nothing here is multi-line: every record is one line, one entry.
import type { Ctx, Family, ServiceDef } from '../stranger/model.js';
import { isoNanos } from './clock.js';

const SVC = 'dash-grafana';

type Field = readonly [string, string | number];

/** logfmt as Grafana prints it: a value is quoted when it holds a space, a quote or an equals sign. */
function logfmt(fields: readonly Field[]): string {
  return fields.map(([k, v]) => {
    const s = String(v);
    return `${k}=${s === '' ? '' : /[\s"=]/.test(s) ? JSON.stringify(s) : s}`;
  }).join(' ');
}

/** One record: `logger` and the context first, then `t`, `level`, `msg`, the rest (logfmt); or sorted JSON. */
function record(ctx: Ctx, logger: string, context: readonly Field[], level: string, msg: string, rest: readonly Field[]): string {
  const all: Field[] = [['logger', logger], ...context, ['t', isoNanos(ctx.t)], ['level', level], ['msg', msg], ...rest];
  if (ctx.rev === 0) return logfmt(all);
  const obj: Record<string, string | number> = {};
  for (const [k, v] of [...all].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) obj[k] = v;
  return JSON.stringify(obj);
}

const ruleUid = (ctx: Ctx): string => ctx.rng.pick(['cdz1x9k3q2pmob', 'adv8e0m1tdxq8f', 'fe2mqh1wz7k0gb', 'bdy4n6r3qkfk0c']);

const evalFailed: Family = {
  name: `${SVC}:alert-rule-eval-deadline-exceeded`, level: 'ERROR', perDay: [20, 60], burst: 0.3,
  emit: (ctx) => [{
    stream: 'stderr',
    text: record(ctx, 'ngalert.scheduler', [['rule_uid', ruleUid(ctx)], ['org_id', 1], ['version', ctx.rng.int(2, 14)], ['fingerprint', ctx.rng.hex(16)], ['attempt', ctx.rng.int(1, 3)], ['now', isoNanos(ctx.t).slice(0, 19) + 'Z']],
      'error', 'Failed to evaluate rule', [['error', `failed to execute query ${ctx.rng.pick(['A', 'B'])}: Post "http://prometheus.monitoring.internal:9090/api/v1/query_range": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`], ['duration', `${ctx.rng.fixed(30, 30.2, 3)}s`]]),
  }],
};

const notifyFailed: Family = {
  name: `${SVC}:slack-notify-failed`, level: 'ERROR', perDay: [8, 25],
  emit: (ctx) => [{
    stream: 'stderr',
    text: record(ctx, 'ngalert.notifier.alertmanager', [['org', 1]], 'error', 'Notify for alerts failed', [['component', 'alertmanager'], ['orgID', 1], ['component', 'dispatcher'], ['num_alerts', ctx.rng.int(1, 6)],
      ['err', `${ctx.rng.pick(['ops-critical', 'payments-oncall'])}/slack[0]: notify retry canceled due to unrecoverable error after 1 attempts: failed to send Slack message: unexpected status 404: no_service`]]),
  }],
};

const permissionsLocked: Family = {
  name: `${SVC}:dashboard-default-permissions-locked`, level: 'ERROR', perDay: [6, 20],
  emit: (ctx) => [{
    stream: 'stderr',
    text: record(ctx, 'dashboard-service', [], 'error', 'Could not set default permissions', [['dashboard', ctx.rng.pick(['Payments overview', 'Checkout latency', 'Cloud SQL', 'Error budget'])], ['error', 'database is locked']]),
  }],
};

const dsQuery500: Family = {
  name: `${SVC}:ds-query-request-500`, level: 'ERROR', perDay: [20, 70],
  emit: (ctx) => {
    const user = ctx.rng.pick(['ops', 'mbaptiste', 'kwang', 'admin']);
    return [{
      stream: 'stderr',
      text: record(ctx, 'context', [['userId', ctx.rng.int(1, 40)], ['orgId', 1], ['uname', user]], 'error', 'Request Completed',
        [['method', 'POST'], ['path', '/api/ds/query'], ['status', 500], ['remote_addr', ctx.rng.publicIpv4()], ['time_ms', ctx.rng.int(30000, 30100)], ['duration', `${ctx.rng.fixed(30, 30.1, 6)}s`], ['size', ctx.rng.int(90, 140)], ['referer', `https://${ctx.host}/d/${ctx.rng.alnum(9)}/payments-overview`], ['handler', '/api/ds/query'], ['status_source', 'downstream']]),
    }];
  },
};

const cookieWarn: Family = {
  name: `${SVC}:user-token-not-found`, level: 'WARNING', perDay: [150, 320],
  emit: (ctx) => [{
    stream: 'stderr',
    text: record(ctx, 'context', [['userId', 0], ['orgId', 0], ['uname', '']], 'warn', 'Failed to look up user based on cookie', [['error', 'user token not found']]),
  }],
};

/** SQLite's busy retry: at info, and it names the error. */
const lockedRetry: Family = {
  name: `noise:${SVC}:database-locked-retry`, level: 'INFO', perDay: [120, 300],
  emit: (ctx) => [{ stream: 'stderr', text: record(ctx, 'sqlstore.transactions', [], 'info', 'Database locked, sleeping then retrying', [['error', 'database is locked'], ['retry', ctx.rng.int(0, 5)], ['code', 'database is locked']]) }],
};

const housekeeping: Family = {
  name: `noise:${SVC}:housekeeping`, level: 'INFO', perDay: [110, 220],
  emit: (ctx) => [{
    stream: 'stderr',
    text: ctx.rng.pick([
      () => record(ctx, 'cleanup', [], 'info', 'Completed cleanup jobs', [['duration', `${ctx.rng.fixed(5, 90, 3)}ms`]]),
      () => record(ctx, 'grafana.update.checker', [], 'info', 'Update check succeeded', [['duration', `${ctx.rng.fixed(40, 400, 3)}ms`]]),
      () => record(ctx, 'plugins.update.checker', [], 'info', 'Update check succeeded', [['duration', `${ctx.rng.fixed(40, 400, 3)}ms`]]),
      () => record(ctx, 'ngalert.state.manager', [], 'info', 'State cache has been initialized', [['states', ctx.rng.int(20, 80)], ['duration', `${ctx.rng.fixed(5, 50, 3)}ms`]]),
    ])(),
  }],
};

export const dashGrafana: ServiceDef = {
  name: SVC, stack: 'Grafana 11.3 (Go), SQLite, unified alerting', splitRate: 0.7,
  families: [evalFailed, notifyFailed, permissionsLocked, dsQuery500, cookieWarn, lockedRetry, housekeeping],
};
