// ledger-quart: Python 3.12, Quart 0.19 under hypercorn, asyncpg. The morning revision logs through
// Quart's default handler (Flask's `[%(asctime)s] %(levelname)s in %(module)s: %(message)s`, the
// traceback as Python prints it); the later one through Rich's RichHandler with rich tracebacks (a
// boxed traceback, the exception's class name without its module on the last line). hypercorn's
// access log (`"%(r)s"` as `GET /path 1.1`) has no level.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { clf, pyAsctime, richTime } from './clock.js';

const SITE = '/usr/local/lib/python3.12/site-packages';

interface PyFrame { file: string; line: number; fn: string; code: string }

const QUART_FRAMES: PyFrame[] = [
  { file: `${SITE}/quart/app.py`, line: 1464, fn: 'handle_request', code: 'return await self.full_dispatch_request(request_context)' },
  { file: `${SITE}/quart/app.py`, line: 1502, fn: 'full_dispatch_request', code: 'result = await self.handle_user_exception(error)' },
  { file: `${SITE}/quart/app.py`, line: 1059, fn: 'handle_user_exception', code: 'raise error' },
  { file: `${SITE}/quart/app.py`, line: 1500, fn: 'full_dispatch_request', code: 'result = await self.dispatch_request(request_context)' },
  { file: `${SITE}/quart/app.py`, line: 1597, fn: 'dispatch_request', code: 'return await self.ensure_async(handler)(**request_.view_args)' },
];

const pyTrace = (frames: PyFrame[], last: string): string =>
  `Traceback (most recent call last):\n${frames.map((f) => `  File "${f.file}", line ${f.line}, in ${f.fn}${f.code === '' ? '' : `\n    ${f.code}`}`).join('\n')}\n${last}`;

/** Rich's boxed traceback in the message column of RichHandler (console width 80 off a terminal). */
function richTrace(frames: PyFrame[], last: string): string {
  const pad = ' '.repeat(29);
  const inner = 49;
  const row = (s: string): string => `${pad}│ ${s.length > inner ? s.slice(0, inner) : s.padEnd(inner)} │`;
  const lines = [`${pad}╭──────── Traceback (most recent call last) ────────╮`];
  // The application's frame and the one that raised (Rich prints them all; a day keeps it short).
  const app = frames.find((f) => f.file.startsWith('/app/'));
  const shown = app && app !== frames[frames.length - 1] ? [app, frames[frames.length - 1]] : frames.slice(-1);
  for (const f of shown) {
    if (f === undefined) continue;
    const where = `${f.file}:${f.line} in ${f.fn}`;
    lines.push(row(where.length > inner ? `…${where.slice(where.length - inner + 1)}` : where), row(''));
    if (f.code !== '') lines.push(row(`❱ ${f.line} │ ${f.code}`), row(''));
  }
  lines.push(`${pad}╰${'─'.repeat(inner + 2)}╯`, `${pad}${last}`);
  return lines.join('\n');
}

/** One record at `level` in module `module`, in the revision's format, with its traceback if any. */
function quartRecord(rng: Prng, t: number, rev: 0 | 1, level: string, module: string, msg: string, tb?: { frames: PyFrame[]; last: string; richLast: string }): Write {
  if (rev === 0) {
    const head = `[${pyAsctime(t)}] ${level} in ${module}: ${msg}`;
    return { stream: 'stderr', text: tb ? `${head}\n${pyTrace(tb.frames, tb.last)}` : head };
  }
  const where = `${module}.py:${rng.int(40, 220)}`;
  const headRaw = `${richTime(t)} ${level.padEnd(8)} ${msg}`;
  const head = headRaw.length + where.length + 1 < 80 ? `${headRaw.padEnd(80 - where.length)}${where}` : `${headRaw} ${where}`;
  return { stream: 'stderr', text: tb ? `${head}\n${richTrace(tb.frames, tb.richLast)}` : head };
}

const ledgerErrors: Family[] = [
  {
    // asyncpg's UniqueViolationError from the entry insert; the header names no error.
    name: 'ledger-quart:entry-insert-unique-violation', level: 'ERROR', perDay: [15, 40], burst: 0.2,
    emit: ({ rng, t, rev }) => {
      const frames = [...QUART_FRAMES,
        { file: '/app/ledger/routes.py', line: 58, fn: 'post_entry', code: 'await conn.execute(INSERT_ENTRY, body["account"], body["amount"], key)' },
        { file: `${SITE}/asyncpg/connection.py`, line: 350, fn: 'execute', code: '_, status, _ = await self._execute(' },
        { file: `${SITE}/asyncpg/connection.py`, line: 1864, fn: '_execute', code: 'result, _ = await self.__execute(' },
        { file: 'asyncpg/protocol/protocol.pyx', line: 207, fn: 'bind_execute', code: '' },
      ];
      const msg = 'duplicate key value violates unique constraint "entries_idempotency_key"';
      return [quartRecord(rng, t, rev, 'ERROR', 'app', 'Exception on request POST /v1/ledger/entries', {
        frames, last: `asyncpg.exceptions.UniqueViolationError: ${msg}`, richLast: `UniqueViolationError: ${msg}`,
      })];
    },
  },
  {
    // The same header, another route, another error: KeyError on an account row without a currency.
    name: 'ledger-quart:balance-missing-currency', level: 'ERROR', perDay: [8, 25],
    emit: ({ rng, t, rev }) => {
      const id = rng.int(100, 99999);
      const frames = [...QUART_FRAMES,
        { file: '/app/ledger/routes.py', line: 112, fn: 'get_balance', code: 'return {"balance": fmt_amount(row["amount"], account["currency"])}' },
      ];
      return [quartRecord(rng, t, rev, 'ERROR', 'app', `Exception on request GET /v1/ledger/accounts/${id}/balance`, {
        frames, last: "KeyError: 'currency'", richLast: "KeyError: 'currency'",
      })];
    },
  },
  {
    name: 'ledger-quart:pool-acquire-slow', level: 'WARNING', perDay: [60, 160],
    emit: ({ rng, t, rev }) => [quartRecord(rng, t, rev, 'WARNING', 'db',
      `acquiring a database connection took ${rng.fixed(2, 9, 2)}s (pool max_size=10, ${rng.int(9, 10)} in use)`)],
  },
  {
    // An upstream rate feed answering 503; httpx's HTTPStatusError, logged with the exception only.
    name: 'ledger-quart:fx-feed-503', level: 'ERROR', perDay: [4, 14],
    emit: ({ rng, t, rev }) => {
      const url = `https://fx.internal.example/v2/rates?base=${rng.pick(['EUR', 'USD', 'GBP'])}&date=2026-12-0${rng.int(1, 4)}`;
      const last = `httpx.HTTPStatusError: Server error '503 Service Unavailable' for url '${url}'\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/503`;
      const frames = [
        { file: '/app/ledger/fx.py', line: 41, fn: 'refresh_rates', code: 'resp.raise_for_status()' },
        { file: `${SITE}/httpx/_models.py`, line: 829, fn: 'raise_for_status', code: 'raise HTTPStatusError(message, request=request, response=self)' },
      ];
      return [quartRecord(rng, t, rev, 'ERROR', 'fx', 'fx rate refresh failed', { frames, last, richLast: last.replace('httpx.', '') })];
    },
  },
];

export const ledgerQuart: ServiceDef = {
  name: 'ledger-quart', stack: 'Python 3.12, Quart 0.19, hypercorn 0.17, asyncpg, Rich', splitRate: 0.75,
  families: [
    ...ledgerErrors,
    {
      name: 'noise:ledger-quart:access', level: 'INFO', perDay: [250, 500],
      emit: ({ rng, t }) => {
        const [m, p, s] = rng.weighted<[string, string, number]>([
          [['GET', `/v1/ledger/accounts/${rng.int(100, 99999)}/balance`, 200], 12],
          [['POST', '/v1/ledger/entries', 201], 8],
          [['POST', '/v1/ledger/entries', 500], 1],
          [['GET', '/healthz', 200], 4],
        ]);
        return [{ stream: 'stdout', text: `169.254.1.1:${rng.int(30000, 60000)} - - [${clf(t)}] "${m} ${p} 1.1" ${s} ${rng.int(2, 900)} "-" "${rng.pick(['okhttp/4.12.0', 'python-httpx/0.27.0', 'GoogleHC/1.0'])}"` }];
      },
    },
    {
      name: 'noise:ledger-quart:reconcile-done', level: 'INFO', perDay: [20, 48],
      emit: ({ rng, t, rev }) => [quartRecord(rng, t, rev, 'INFO', 'jobs', `reconciliation finished: ${rng.int(300, 4000)} entries checked, error_count=0, mismatches=0`)],
    },
  ],
};
