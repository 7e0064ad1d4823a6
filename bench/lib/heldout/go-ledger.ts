// ledger: a Go 1.22 service; slog's JSON handler for most lines, zap in its queue consumer, slog's
// text (logfmt) handler in an older batch binary, and raw panics on stderr.
import type { Family, Payload, Tools } from './spec.js';
import { iso, request } from './spec.js';

const SERVICE = 'ledger';
const TENANTS = ['acme', 'globex', 'initech', 'umbrella', 'hooli'];
const USERS = ['bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar', 'peggy'];

function slog(t: Tools, severity: string, msg: string, extra: Record<string, unknown> = {}): Payload {
  return {
    stream: 'stdout', severity,
    jsonPayload: { time: iso(t.time), level: severity === 'WARNING' ? 'WARN' : severity, msg, trace_id: t.rng.hex(32), ...extra },
  };
}

function zap(t: Tools, severity: string, msg: string, extra: Record<string, unknown>): Payload {
  return {
    stream: 'stderr', severity,
    jsonPayload: { level: severity.toLowerCase().replace('warning', 'warn'), ts: t.time / 1000, caller: 'consumer/handler.go:112', msg, ...extra },
  };
}

function logfmt(t: Tools, severity: string, fields: string): Payload {
  const level = severity === 'WARNING' ? 'WARN' : severity;
  return { stream: 'stderr', severity, textPayload: `time=${iso(t.time)} level=${level} ${fields}` };
}

function goroutines(t: Tools, own: Array<[string, string]>): string {
  const { rng } = t;
  const addr = (): string => `0xc000${rng.hex(6)}`;
  const lines = [`goroutine ${rng.int(7, 4000)} [running]:`];
  for (const [fn, file] of own) lines.push(`${fn}(${addr()}, {${addr()}, 0x${rng.hex(2)}})`, `\t${file} +0x${rng.hex(3)}`);
  lines.push('net/http.HandlerFunc.ServeHTTP(0x0?, {0xb7c2d8?, 0xc0001f40e0?}, 0x0?)', `\t/usr/local/go/src/net/http/server.go:2171 +0x${rng.hex(2)}`);
  lines.push(`created by net/http.(*Server).Serve in goroutine ${rng.int(1, 40)}`, '\t/usr/local/go/src/net/http/server.go:3285 +0x4b4');
  // The rest of the dump: other goroutines, parked.
  lines.push('', `goroutine 1 [IO wait, ${rng.int(1, 90)} minutes]:`, 'internal/poll.runtime_pollWait(0x7f1c2a3b4c58, 0x72)', '\t/usr/local/go/src/runtime/netpoll.go:345 +0x85');
  return lines.join('\n');
}

export const ledger: Family[] = [
  {
    name: 'lg-pg-refused', service: SERVICE, count: 110,
    emit: (t) => {
      const host = `10.20.0.${t.rng.pick([9, 11])}`;
      const dsn = `postgres://ledger:${t.plant.secret(`Pw-${t.rng.alnum(12)}`)}@${host}:5432/ledger?sslmode=disable`;
      return slog(t, 'ERROR', 'failed to acquire connection', {
        error: `failed to connect to ${dsn}: dial error (dial tcp ${host}:5432: connect: connection refused)`,
      });
    },
  },
  {
    // Same log line as the database one, but another system behind it: a different problem.
    name: 'lg-redis-probe', service: SERVICE, count: 40,
    emit: (t) => slog(t, 'ERROR', 'readiness dependency failed', { error: `redis: dial tcp 10.20.0.${t.rng.pick([5, 6])}:6379: connect: connection refused` }),
  },
  {
    name: 'lg-pg-probe', service: SERVICE, count: 35,
    emit: (t) => slog(t, 'ERROR', 'readiness dependency failed', { error: `pq: dial tcp 10.20.0.${t.rng.pick([9, 11])}:5432: connect: connection refused` }),
  },
  {
    // A tenant name formatted into the message: one problem whichever tenant hit it.
    name: 'lg-tenant-quota', service: SERVICE, count: 48,
    emit: (t) => slog(t, 'WARNING', `quota exceeded for tenant ${t.rng.pick(TENANTS)}`, { limit: 1000, window: '1m0s' }),
  },
  {
    name: 'lg-user-missing', service: SERVICE, count: 30,
    emit: (t) => slog(t, 'NOTICE', `user ${t.rng.pick(USERS)} not found`, { account: `acc_${t.rng.alnum(12)}` }),
  },
  {
    name: 'lg-panic-nil-map', service: SERVICE, count: 9,
    emit: (t) => ({
      stream: 'stderr', severity: 'ERROR',
      textPayload: `panic: assignment to entry in nil map\n\n${goroutines(t, [
        ['github.com/acme/ledger/internal/posting.(*Journal).Post', '/src/internal/posting/journal.go:77'],
        ['github.com/acme/ledger/internal/api.(*Server).handlePost', '/src/internal/api/post.go:41'],
      ])}`,
    }),
  },
  {
    name: 'lg-panic-index-flush', service: SERVICE, count: 7,
    emit: (t) => {
      const len = t.rng.int(1, 8);
      return {
        stream: 'stderr', severity: 'ERROR',
        textPayload: `panic: runtime error: index out of range [${len + t.rng.int(0, 3)}] with length ${len}\n\n${goroutines(t, [
          ['github.com/acme/ledger/internal/batch.(*Batcher).flush', '/src/internal/batch/batcher.go:133'],
          ['github.com/acme/ledger/internal/batch.(*Batcher).Run', '/src/internal/batch/batcher.go:88'],
        ])}`,
      };
    },
  },
  {
    // The same runtime error raised elsewhere: another bug.
    name: 'lg-panic-index-parse', service: SERVICE, count: 6,
    emit: (t) => {
      const len = t.rng.int(1, 8);
      return {
        stream: 'stderr', severity: 'ERROR',
        textPayload: `panic: runtime error: index out of range [${len + t.rng.int(0, 3)}] with length ${len}\n\n${goroutines(t, [
          ['github.com/acme/ledger/internal/importer.parseLine', '/src/internal/importer/csv.go:52'],
          ['github.com/acme/ledger/internal/importer.(*Reader).Next', '/src/internal/importer/csv.go:31'],
        ])}`,
      };
    },
  },
  {
    name: 'lg-ack-deadline', service: SERVICE, count: 55,
    emit: (t) => zap(t, 'WARNING', 'ack deadline exceeded', {
      subscription: `projects/acme-prod/subscriptions/ledger-events-${t.rng.pick(['a', 'b'])}`,
      error: `rpc error: code = DeadlineExceeded desc = context deadline exceeded after ${t.rng.pick(['1m30s', '45.2s', '2m0.5s', '59.999s'])}`,
    }),
  },
  {
    name: 'lg-export-upload', service: SERVICE, count: 22,
    emit: (t) => slog(t, 'ERROR', `upload of gs://acme-ledger-exports/2025/10/07/batch-${t.rng.int(1000, 9999)}.parquet (${t.rng.fixed(0.5, 90, 1)} MiB) failed after ${t.rng.int(2, 5)} attempts`, {
      error: 'googleapi: Error 503: Service Unavailable, backendError',
    }),
  },
  {
    // slog's text handler quotes any value with spaces: the statement is one value.
    name: 'lg-slow-query', service: SERVICE, count: 70,
    emit: (t) => {
      const sql = t.rng.pick([
        'SELECT id, amount FROM entries WHERE account_id = $1 ORDER BY created_at DESC LIMIT 500',
        'UPDATE balances SET amount = amount + $1 WHERE account_id = $2',
        'SELECT count(*) FROM entries WHERE posted = false',
        'INSERT INTO entries (account_id, amount, memo) VALUES ($1, $2, $3)',
      ]);
      const took = t.rng.pick([`${t.rng.fixed(1, 9, 3)}s`, `${t.rng.int(500, 999)}ms`, `${t.rng.int(1, 3)}m${t.rng.int(1, 59)}s`]);
      return logfmt(t, 'WARNING', `msg="slow query" duration=${took} rows=${t.rng.int(0, 90000)} sql="${sql}"`);
    },
  },
  // The error is Go's own text for three different failures (the peer hung up, our deadline, an
  // HTTP/2 shutdown): three problems behind one log line, like the readiness ones above.
  ...([['eof', 'EOF'], ['deadline', 'context deadline exceeded'], ['goaway', 'http2: server sent GOAWAY and closed the connection']] as const)
    .map(([short, error]): Family => ({
      name: `lg-webhook-${short}`, service: SERVICE, count: 13,
      emit: (t) => {
        const url = `https://hooks.partner-${t.rng.pick(['one', 'two'])}.example.net/ledger?sig=${t.rng.hex(16)}`;
        return logfmt(t, 'ERROR', `msg="webhook delivery failed" url="${url}" attempt=${t.rng.int(1, 5)} err="Post \\"${url}\\": ${error}"`);
      },
    })),
  {
    name: 'lg-reconcile-mismatch', service: SERVICE, count: 16,
    emit: (t) => {
      const ids = Array.from({ length: t.rng.int(1, 6) }, () => String(t.rng.int(100000, 999999)));
      return slog(t, 'ERROR', `reconciliation mismatch for accounts [${ids.join(' ')}]: expected ${t.rng.fixed(0, 9999, 2)} EUR, got ${t.rng.fixed(0, 9999, 2)} EUR`);
    },
  },
  ...requestFamily('lg-req-balance-503', 'GET', (t) => `/v1/accounts/acc_${t.rng.alnum(12)}/balance`, 503, 50),
  ...requestFamily('lg-req-transfer-409', 'POST', (t) => `/v1/transfers/${t.rng.uuid()}/commit`, 409, 26),
  ...requestFamily('lg-noise-req-200', 'GET', (t) => `/v1/accounts/acc_${t.rng.alnum(12)}/entries?limit=${t.rng.pick([50, 100])}`, 200, 600, true),
  {
    name: 'lg-noise-batch', service: SERVICE, count: 400, noise: true,
    emit: (t) => slog(t, 'INFO', 'batch posted', { entries: t.rng.int(1, 500), took: `${t.rng.int(2, 900)}ms` }),
  },
  {
    name: 'lg-noise-debug-cache', service: SERVICE, count: 200, noise: true,
    emit: (t) => slog(t, 'DEBUG', `cache miss for key balance:acc_${t.rng.alnum(12)}`),
  },
];

function requestFamily(
  name: string, method: string, path: (t: Tools) => string, status: number, count: number, noise = false,
): Family[] {
  return [{
    name, service: SERVICE, count, noise,
    emit: (t) => ({
      stream: 'requests',
      severity: status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO',
      httpRequest: request(t, method, `https://ledger-7hq2mxa3ja-ew.a.run.app${path(t)}`, status, [0.001, 1.2]),
    }),
  }];
}
