// Rails 8.0 on SQLite with Litestream replicating to Cloud Storage in the same container
// (`litestream replicate -exec "./bin/thrust ./bin/rails server"`). Rails 8's production logger:
// `ActiveSupport::TaggedLogging.logger(STDOUT)` with the request id as tag (no level, no time), each
// line of an exception's report its own write; Litestream 0.3.13 on the morning revision (its std log
// lines with no time: `path(replica): msg`), 0.5 after (slog's TextHandler).
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { isoMillis, railsTime } from './clock.js';
import { exitLine, fam } from './shared.js';

const DB = '/rails/storage/production.sqlite3';
const tag = (c: Ctx): string => `[${c.rng.uuid()}]`;
const say = (text: string): Write => ({ stream: 'stdout', text });

const request = fam('noise:notes-litestream:requests', 'INFO', [300, 500], (c) => {
  const id = tag(c);
  const n = c.rng.int(1000, 99999);
  return [
    say(`${id} Started GET "/notes/${n}" for ${c.rng.publicIpv4()} at ${railsTime(c.t)}`),
    say(`${id} Processing by NotesController#show as HTML`),
    say(`${id}   Parameters: {"id" => "${n}"}`),
    say(`${id} Completed 200 OK in ${c.rng.int(3, 90)}ms (Views: ${c.rng.fixed(1, 40, 1)}ms | ActiveRecord: ${c.rng.fixed(0.1, 9, 1)}ms (${c.rng.int(1, 6)} queries, 0 cached) | GC: ${c.rng.fixed(0, 2, 1)}ms)`),
  ];
});

const CHATTER = { family: 'noise:notes-litestream:requests', level: 'INFO' } as const;

/** DebugExceptions' report: blank, `Class (message):`, blank, the application trace, each line a write. */
function report(c: Ctx, method: string, path: string, action: string, ms: number, cls: string, message: string, trace: string[]): Write[] {
  const id = tag(c);
  return [
    // The request's first lines are the same chatter as any request's.
    { ...say(`${id} Started ${method} "${path}" for ${c.rng.publicIpv4()} at ${railsTime(c.t)}`), as: CHATTER },
    { ...say(`${id} Processing by ${action} as TURBO_STREAM`), as: CHATTER },
    say(`${id} Completed 500 Internal Server Error in ${ms}ms (ActiveRecord: ${(ms - c.rng.int(1, 9)).toFixed(1)}ms (${c.rng.int(1, 4)} queries, 0 cached) | GC: ${c.rng.fixed(0, 2, 1)}ms)`),
    say(`${id}   `),
    say(`${id} ${cls} (${message}):`),
    say(`${id}   `),
    ...trace.map((l) => say(`${id} ${l}`)),
  ];
}

const busy = fam('notes-litestream:update-database-locked', 'ERROR', [15, 40], (c) => {
  const n = c.rng.int(1000, 99999);
  return report(c, 'PATCH', `/notes/${n}`, 'NotesController#update', c.rng.int(5001, 5090), 'ActiveRecord::StatementTimeout', 'SQLite3::BusyException: database is locked', [
    "app/models/note.rb:31:in 'Note#bump_revision!'",
    "app/controllers/notes_controller.rb:24:in 'NotesController#update'",
  ]);
}, 0.3);

const unique = fam('notes-litestream:create-slug-not-unique', 'ERROR', [10, 25], (c) => report(c, 'POST', '/notes', 'NotesController#create', c.rng.int(8, 60), 'ActiveRecord::RecordNotUnique', 'SQLite3::ConstraintException: UNIQUE constraint failed: notes.slug', [
  "app/controllers/notes_controller.rb:15:in 'NotesController#create'",
]));

const GCS429 = 'googleapi: Error 429: The object exceeded the rate limit for object mutation operations (create, update, and delete). Please reduce your request rate. See https://cloud.google.com/storage/docs/gcs429., rateLimitExceeded';
// The same failed sync printed by each Litestream release.
const replica429 = fam('notes-litestream:replica-gcs-rate-limited', 'ERROR', [30, 80], ({ t, rev }) => [{
  stream: 'stderr', text: rev
    ? `time=${isoMillis(t)} level=ERROR msg="sync error" db=${DB} error="write ltx file: ${GCS429}"`
    : `${DB}(gcs): monitor error: ${GCS429}`,
}]);
const synced = fam('noise:notes-litestream:replica', 'INFO', [100, 200], ({ rng, t, rev }) => [{
  stream: 'stderr', text: rev
    ? `time=${isoMillis(t)} level=INFO msg="compaction complete" level=1 path=ltx/1/${rng.hex(16)}-${rng.hex(16)}.ltx txid.min=${rng.hex(16)} txid.max=${rng.hex(16)}`
    : `${DB}(gcs): snapshot written ${rng.hex(16)}/${rng.hex(8)}`,
}]);

// The start command prepares the database before the server: with the volume not mounted yet it cannot
// open the file, and the container ends.
const cantOpen = fam('notes-litestream:db-prepare-cant-open', 'ERROR', [2, 5], () => [
  { stream: 'stderr', text: [
    'bin/rails aborted!',
    'ActiveRecord::StatementInvalid: SQLite3::CantOpenException: unable to open database file (ActiveRecord::StatementInvalid)',
    "/rails/bin/rails:4:in '<main>'",
    '',
    'Caused by:',
    'SQLite3::CantOpenException: unable to open database file (SQLite3::CantOpenException)',
    "/usr/local/bundle/ruby/3.4.0/gems/sqlite3-2.5.0-x86_64-linux-gnu/lib/sqlite3/database.rb:216:in 'SQLite3::Database#initialize'",
    "/rails/bin/rails:4:in '<main>'",
    'Tasks: TOP => db:prepare',
    '(See full trace by running task with --trace)',
  ].join('\n') },
  exitLine('notes-litestream', 1),
]);

export const notesLitestream: ServiceDef = {
  name: 'notes-litestream', stack: 'Ruby 3.4, Rails 8.0 (Puma, Thruster), SQLite 3 on a volume, Litestream 0.3.13 then 0.5 to Cloud Storage', splitRate: 0.7,
  families: [request, busy, unique, replica429, synced, cantOpen],
};
