// PostgreSQL refuses a new session with a FATAL report in words of its own, and every client passes
// them on as the server wrote them: libpq's `FATAL:  sorry, too many clients already` (psycopg,
// ruby-pg, PDO's `SQLSTATE[08006] [7] FATAL: …`), JDBC's `PSQLException: FATAL: …`, pgx's `server error
// (FATAL: … (SQLSTATE 53300))`, node-postgres and lib/pq with no `FATAL:` at all (`pq: remaining
// connection slots are reserved for …`). What failed is opening the session: whichever of the
// application's calls happened to need a connection then, the server said the same thing, so the
// frames it came up through do not make another problem of it (error-identity.ts, namesOperation).
//
// The server's words per condition (SQLSTATE class 53, 57P03), each one problem whatever the version:
// - every slot taken (53300): `sorry, too many clients already`;
// - only reserved slots left (53300): `remaining connection slots are reserved for …`
//   (`non-replication superuser connections` before PostgreSQL 16, `roles with the SUPERUSER
//   attribute` and `roles with privileges of the "pg_use_reserved_connections" role` since); a
//   server says one or the other by how full it is, and the two stay apart as the server words them;
// - a per-role or per-database limit (53300): `too many connections for role "x"` / `database "x"`;
// - a server that cannot take sessions now (57P03): `the database system is starting up`, `is shutting
//   down`, `is in recovery mode`, `is not yet accepting connections`, `is not accepting connections`.

/** A refusal found in a message: its key and the token it starts at. */
export interface PostgresRefusal {
  key: string;
  start: number;
}

interface Refusal {
  kind: (phrase: RegExpExecArray) => string;
  /** Anchored at the start of the text from one token on; linear (no nested quantifiers). */
  pattern: RegExp;
}

const REFUSALS: readonly Refusal[] = [
  { pattern: /^sorry, too many clients already\b/i, kind: () => 'too many clients' },
  // The tail names who the reserved slots are for, which each version words its own way.
  { pattern: /^remaining connection slots are reserved for\b(?:[^\n(]{0,200})/i, kind: () => 'reserved slots left' },
  { pattern: /^too many connections for (role|database)\b/i, kind: (m) => `too many connections for ${(m[1] as string).toLowerCase()}` },
  { pattern: /^the database system is (?:starting up|shutting down|in recovery mode|not yet accepting connections|not accepting connections)\b/i, kind: () => 'not accepting connections' },
];

// Words that may follow the server's report: its SQLSTATE (pgx, `(SQLSTATE 53300)`), SQLAlchemy's
// pointer to its error page (`(Background on this error at: https://sqlalche.me/e/…)`), a quoted name.
const TRAILERS = /\(?SQLSTATE [0-9A-Z<>]{1,10}\)?|\(Background on this error at: [^\s)]{0,300}\)?/g;
// Then only closers, punctuation and masked values (alternatives that share no first character).
const CLOSERS_ONLY = /^(?:[\s)"'.,:;]|<[A-Z*]+>)*$/;
const saysNoMore = (rest: string): boolean => CLOSERS_ONLY.test(rest.replace(TRAILERS, ' '));

/** Tokens the longest refusal (its `reserved for …` tail included) fits in. */
const PHRASE_TOKENS = 48;

const FIRST_WORDS = new Set(['sorry,', 'remaining', 'too', 'the']);

/** The refusal a message reports, or null when it reports none or says more after it. */
export function postgresRefusal(tokens: readonly string[]): PostgresRefusal | null {
  for (let i = 0; i < tokens.length; i++) {
    if (!FIRST_WORDS.has((tokens[i] as string).toLowerCase())) continue;
    // The server's words fit in a few tokens; the rest of the message is read only after them.
    const phrase = tokens.slice(i, i + PHRASE_TOKENS).join(' ');
    for (const refusal of REFUSALS) {
      const m = refusal.pattern.exec(phrase);
      if (m === null || !saysNoMore(tokens.slice(i).join(' ').slice(m[0].length))) continue;
      return { key: `pg-refused\u0001${refusal.kind(m)}`, start: i };
    }
  }
  return null;
}
