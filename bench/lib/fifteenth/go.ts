// ledger-gorm: a Go 1.23 ledger API (net/http ServeMux, GORM 1.25 with the pgx driver, Cloud Storage).
// GORM's default logger writes to stdout through `log.New(os.Stdout, "\r\n", log.LstdFlags)`, each
// record two lines (`file:line error` / `[1.234ms] [rows:0] SQL`), coloured on the morning revision
// (GORM's default `Colorful: true`), plain after the rollout. The app's own records go through
// charmbracelet/log on stderr: its text formatter (`2026/12/06 10:00:00 ERRO <file:line> msg k=v`) on
// the morning revision, its JSON formatter after.
import type { Ctx, Family, ServiceDef } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { goStd } from './clock.js';

const SVC = 'ledger-gorm';
const E = '\u001b';
const Reset = `${E}[0m`; const Green = `${E}[32m`; const Yellow = `${E}[33m`; const Magenta = `${E}[35m`;
const RedBold = `${E}[31;1m`; const BlueBold = `${E}[34;1m`; const MagentaBold = `${E}[35;1m`;

/** GORM's trace record for an error (`err`) or a slow query (`slow`). */
function gorm(ctx: Ctx, kind: 'err' | 'slow', file: string, what: string, elapsed: number, rows: string, sql: string): string {
  const e = elapsed.toFixed(3);
  const body = ctx.rev === 1
    ? `${file} ${what}\n[${e}ms] [rows:${rows}] ${sql}`
    : kind === 'err'
      ? `${RedBold}${file} ${MagentaBold}${what}\n${Reset}${Yellow}[${e}ms] ${BlueBold}[rows:${rows}]${Reset} ${sql}`
      : `${Green}${file} ${Yellow}${what}\n${Reset}${RedBold}[${e}ms] ${Yellow}[rows:${rows}]${Magenta} ${sql}${Reset}`;
  return `\r\n${goStd(ctx.t)} ${body}`;
}

const LEVELS: Record<string, string> = { error: 'ERRO', warn: 'WARN', info: 'INFO', fatal: 'FATA' };

/** charmbracelet/log's record: text (its level in colour only on a terminal, so plain here) or JSON. */
function charm(ctx: Ctx, level: 'error' | 'warn' | 'info' | 'fatal', caller: string, msg: string, kv: Record<string, string | number>) {
  if (ctx.rev === 1) return { stream: 'stderr' as const, json: { time: goStd(ctx.t), level, caller, msg, ...kv } };
  const pairs = Object.entries(kv).map(([k, v]) => `${k}=${typeof v === 'string' && /[\s"=]/.test(v) ? JSON.stringify(v) : String(v)}`).join(' ');
  return { stream: 'stderr' as const, text: `${goStd(ctx.t)} ${LEVELS[level] ?? level} <${caller}> ${msg}${pairs ? ` ${pairs}` : ''}` };
}

const uuidish = (rng: Prng): string => rng.uuid();

const duplicateEntry: Family = {
  name: `${SVC}:post-entry-idempotency-key-duplicate`, level: 'ERROR', perDay: [30, 80], burst: 0.25,
  emit: (ctx) => {
    const key = uuidish(ctx.rng);
    const err = 'ERROR: duplicate key value violates unique constraint "entries_idempotency_key_key" (SQLSTATE 23505)';
    return [
      { stream: 'stdout', text: gorm(ctx, 'err', '/app/internal/store/entries.go:88', err, ctx.rng.float(0.5, 9, 3), '0', `INSERT INTO "entries" ("account_id","amount_minor","currency","idempotency_key","created_at") VALUES (${ctx.rng.int(1000, 99999)},${ctx.rng.int(100, 999999)},'EUR','${key}','2026-12-06 ${ctx.rng.int(10, 23)}:${ctx.rng.int(10, 59)}:${ctx.rng.int(10, 59)}.${ctx.rng.int(100, 999)}') RETURNING "id"`) },
      charm(ctx, 'error', 'api/entries.go:57', 'post entry failed', { err, idempotency_key: key }),
    ];
  },
};

const accountNotFound: Family = {
  name: `${SVC}:account-lookup-record-not-found`, level: 'ERROR', perDay: [60, 150],
  emit: (ctx) => [{ stream: 'stdout', text: gorm(ctx, 'err', '/app/internal/store/accounts.go:41', 'record not found', ctx.rng.float(0.2, 3, 3), '0', `SELECT * FROM "accounts" WHERE iban = '${ctx.rng.pick(['DE', 'FR', 'NL'])}${ctx.rng.int(10, 99)}${ctx.rng.int(1e9, 9e9)}${ctx.rng.int(1e5, 9e5)}' AND "accounts"."deleted_at" IS NULL ORDER BY "accounts"."id" LIMIT 1`) }],
};

const slowReport: Family = {
  name: `${SVC}:balance-report-slow-sql`, level: 'WARNING', perDay: [80, 180],
  emit: (ctx) => [{ stream: 'stdout', text: gorm(ctx, 'slow', '/app/internal/store/report.go:120', 'SLOW SQL >= 200ms', ctx.rng.float(200, 4000, 3), String(ctx.rng.int(10, 90000)), `SELECT account_id, sum(amount_minor) AS balance FROM "entries" WHERE created_at < '2026-12-0${ctx.rng.int(1, 6)} 00:00:00' GROUP BY "account_id"`) }],
};

const exportForbidden: Family = {
  name: `${SVC}:statement-export-gcs-forbidden`, level: 'ERROR', perDay: [10, 30],
  emit: (ctx) => [charm(ctx, 'error', 'export/statements.go:94', 'statement export failed', {
    err: `googleapi: Error 403: ledger-api@tallowmere-prod.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist)., forbidden`,
    object: `statements/2026-12/${ctx.rng.int(1000, 99999)}.pdf`,
  })],
};

const dbDialFatal: Family = {
  name: `${SVC}:startup-db-dial-timeout`, level: 'CRITICAL', perDay: [2, 5],
  emit: (ctx) => [
    charm(ctx, 'fatal', 'cmd/ledger/main.go:38', 'open database', { err: 'failed to connect to `user=ledger database=ledger`: 10.30.0.5:5432 (10.30.0.5): dial error: timeout: dial tcp 10.30.0.5:5432: i/o timeout' }),
    { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: `${SVC}:container-exit-1`, level: 'WARNING' } },
  ],
};

const ledgerChatter: Family = {
  name: `noise:${SVC}:requests`, level: 'INFO', perDay: [250, 480],
  emit: (ctx) => [ctx.rng.chance(0.6)
    ? charm(ctx, 'info', 'api/entries.go:71', 'entry posted', { account: ctx.rng.int(1000, 99999), amount_minor: ctx.rng.int(100, 999999) })
    : charm(ctx, 'info', 'jobs/reconcile.go:52', 'reconciled', { accounts: ctx.rng.int(10, 900), mismatches: 0, errors: 0 })],
};

export const ledgerGorm: ServiceDef = {
  name: SVC, stack: 'Go 1.23, net/http, GORM 1.25 (pgx), charmbracelet/log 0.4, Cloud Storage', splitRate: 0.7,
  families: [duplicateEntry, accountNotFound, slowReport, exportForbidden, dbDialFatal, ledgerChatter],
};
