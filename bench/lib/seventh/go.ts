// Go service of the seventh day: a ledger API on Fiber v2 with pgx v5. Morning revision: Fiber's own log
// package (the standard logger with microseconds and the short file, then `[Error]`); after the rollout
// go-kit's logfmt logger (`ts=... caller=... level=error msg=... err=...`). Fiber's logger middleware
// writes an access line per request (no level; `${error}` at its end), its recover middleware prints a
// recovered panic with the goroutine's stack on stderr.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { clock, goLogMicros, goNano } from './clock.js';

type GoLevel = 'error' | 'warn' | 'info';

/** go-kit quotes a value only when it needs to. */
const logfmtValue = (v: string): string => (/[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v);

function goWrite(t: number, rev: 0 | 1, level: GoLevel, caller: string, msg: string, kv: ReadonlyArray<readonly [string, string]>): Write {
  if (rev === 0) {
    const fiberLevel = level === 'error' ? '[Error]' : level === 'warn' ? '[Warn]' : '[Info]';
    // A nil error prints as `<nil>` through %v; any other error ends the line after a colon.
    const tail = kv.map(([k, v]) => (k === 'err' ? (v === 'null' ? ' err=<nil>' : `: ${v}`) : ` ${k}=${v}`)).join('');
    return { stream: 'stderr', text: `${goLogMicros(t)} ${caller}: ${fiberLevel} ${msg}${tail}` };
  }
  const pairs = [['ts', goNano(t)], ['caller', caller], ['level', level], ['msg', msg], ...kv] as const;
  return { stream: 'stderr', text: pairs.map(([k, v]) => `${k}=${logfmtValue(v)}`).join(' ') };
}

const dbIp = (rng: Prng): string => `10.20.${rng.int(0, 3)}.${rng.int(2, 20)}`;

const dbRefused: Family = {
  name: 'ledger-fiber:postgres-connect-refused', level: 'ERROR', perDay: [20, 60], burst: 0.4,
  emit: ({ rng, t, rev }) => {
    const ip = dbIp(rng);
    const err = `failed to connect to \`user=ledger database=ledger\`: ${ip}:5432 (${ip}): dial error: dial tcp ${ip}:5432: connect: connection refused`;
    return [goWrite(t, rev, 'error', 'transfer.go:88', 'transfer failed', [['transfer', String(rng.int(100000, 999999))], ['err', err]])];
  },
};

const fraudDeadline: Family = {
  name: 'ledger-fiber:fraud-check-deadline-exceeded', level: 'WARNING', perDay: [150, 350], burst: 0.2,
  emit: ({ rng, t, rev }) => [goWrite(t, rev, 'warn', 'fraud.go:51', 'fraud check skipped', [
    ['account', `acc_${rng.alnum(10)}`],
    ['err', 'Post "https://fraud.internal.example/v1/score": context deadline exceeded (Client.Timeout exceeded while awaiting headers)'],
  ])],
};

// Fiber's recover middleware (EnableStackTrace): the server goes on, the request answers 500.
const recoveredNilPointer: Family = {
  name: 'ledger-fiber:statement-nil-pointer-recovered', level: 'ERROR', perDay: [8, 25],
  emit: ({ rng }) => {
    const g = rng.int(20, 900);
    const text = [
      'panic: runtime error: invalid memory address or nil pointer dereference',
      `goroutine ${g} [running]:`,
      'runtime/debug.Stack()', '\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e',
      'github.com/gofiber/fiber/v2/middleware/recover.defaultStackTraceHandler(0x0?, {0xb1f2a0, 0x11c7e30})',
      '\t/go/pkg/mod/github.com/gofiber/fiber/v2@v2.52.5/middleware/recover/recover.go:12 +0x2c',
      'github.com/gofiber/fiber/v2/middleware/recover.New.func1.1()',
      '\t/go/pkg/mod/github.com/gofiber/fiber/v2@v2.52.5/middleware/recover/recover.go:31 +0x6c',
      'panic({0xb1f2a0?, 0x11c7e30?})', '\t/usr/local/go/src/runtime/panic.go:785 +0x132',
      `main.(*Handlers).Statement(0xc0001a4${rng.hex(3)}, 0xc00033${rng.hex(4)})`, '\t/src/handlers.go:142 +0x1f4',
      'github.com/gofiber/fiber/v2.(*App).next(0xc0000f6a08, 0xc000336000)', '\t/go/pkg/mod/github.com/gofiber/fiber/v2@v2.52.5/router.go:145 +0x1b2',
    ].join('\n');
    return [{ stream: 'stderr', text }];
  },
};

// A goroutine outside any handler: nothing recovers it, the process ends, Cloud Run says so.
const outboxPanic: Family = {
  name: 'ledger-fiber:outbox-send-on-closed-channel', level: 'CRITICAL', perDay: [2, 6],
  emit: ({ rng }) => {
    const g = rng.int(100, 400);
    const text = [
      'panic: send on closed channel', '',
      `goroutine ${g} [running]:`,
      `main.(*Outbox).flush(0xc0000b${rng.hex(4)})`, '\t/src/outbox.go:77 +0x1a5',
      'main.(*Outbox).Start.func1()', '\t/src/outbox.go:44 +0x6b',
      'created by main.(*Outbox).Start in goroutine 1', '\t/src/outbox.go:40 +0x95',
    ].join('\n');
    return [{ stream: 'stderr', text }, { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(2).', as: { family: 'ledger-fiber:container-exit', level: 'WARNING' } }];
  },
};

// Fiber's logger middleware, its default format: `time | status | latency | ip | method | path` and
// ` | error` when the handler returned one.
const access: Family = {
  name: 'noise:ledger-fiber:access', level: 'INFO', perDay: [300, 600],
  emit: ({ rng, t }) => {
    const status = rng.weighted([[200, 88], [201, 6], [500, 6]] as const);
    const path = rng.pick(['/v1/transfers', `/v1/accounts/acc_${rng.alnum(10)}/statement`, '/v1/balances']);
    const error = status === 500 ? rng.pick(['failed to connect to `user=ledger database=ledger`: dial error', 'Internal Server Error']) : '';
    const latency = `${rng.fixed(0.2, 900, 3)}ms`;
    // Widths as the middleware pads them; the error, when there is one, after ` | `.
    return [{ stream: 'stdout', text: `${clock(t)} | ${status} | ${latency.padStart(13)} | ${rng.privateIpv4().padStart(15)} | ${(path === '/v1/transfers' ? 'POST' : 'GET').padEnd(7)} | ${path.padEnd(15)} ${error ? ` | ${error}` : ''}` }];
  },
};

const statement: Family = {
  name: 'noise:ledger-fiber:statement', level: 'INFO', perDay: [200, 400],
  emit: ({ rng, t, rev }) => [goWrite(t, rev, 'info', 'statement.go:63', 'statement built', [['account', `acc_${rng.alnum(10)}`], ['lines', String(rng.int(0, 400))], ['err', 'null']])],
};

export const ledgerFiber: ServiceDef = {
  name: 'ledger-fiber', stack: 'Go 1.23, Fiber v2.52, pgx v5, go-kit log', splitRate: 0.75,
  families: [dbRefused, fraudDeadline, recoveredNilPointer, outboxPanic, access, statement],
};
