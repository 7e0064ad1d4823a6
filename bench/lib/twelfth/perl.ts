// forum-mojo: Perl 5.38, Mojolicious 9 under hypnotoad, Mojo::Pg (DBD::Pg). Mojo::Log writes to STDERR:
// the morning revision in its default format (`[2026-12-04 10:00:00.12345] [pid] [level] [request id]
// msg`), the later one with `short` set for journald-style collectors (`<3>[pid] [e] [request id] msg`).
// Perl's own warnings go straight to STDERR with no header. DBD::Pg's error carries PostgreSQL's
// `DETAIL:` on a line of its own, before Perl's ` at FILE line N.`.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { mojoTime } from './clock.js';

// Mojo::Log 9's systemd magic numbers (trace 7, debug 6, info 5, warn 4, error 3, fatal 2).
const MAGIC = { info: 5, warn: 4, error: 3 } as const;
type MojoLevel = keyof typeof MAGIC;

function mojo(rng: Prng, t: number, rev: 0 | 1, pid: number, level: MojoLevel, msg: string): Write {
  const req = rng.alnum(12);
  return { stream: 'stderr', text: rev === 0 ? `[${mojoTime(t)}] [${pid}] [${level}] [${req}] ${msg}` : `<${MAGIC[level]}>[${pid}] [${level[0]}] [${req}] ${msg}` };
}

const pid = (rng: Prng): number => rng.int(7, 40);

const forumFamilies: Family[] = [
  {
    name: 'forum-mojo:post-slug-duplicate', level: 'ERROR', perDay: [8, 25],
    emit: ({ rng, t, rev }) => {
      const slug = `${rng.pick(['first', 'winter', 'solo', 'budget'])}-${rng.pick(['tent', 'stove', 'trip', 'pack'])}-${rng.int(1, 999)}`;
      return [mojo(rng, t, rev, pid(rng), 'error', `DBD::Pg::st execute failed: ERROR:  duplicate key value violates unique constraint "posts_slug_key"\nDETAIL:  Key (slug)=(${slug}) already exists. at /app/lib/Forum/Model/Posts.pm line 51.`)];
    },
  },
  {
    name: 'forum-mojo:thread-author-undef', level: 'ERROR', perDay: [6, 20], burst: 0.2,
    emit: ({ rng, t, rev }) => [mojo(rng, t, rev, pid(rng), 'error', 'Can\'t call method "name" on an undefined value at /app/lib/Forum/Controller/Threads.pm line 42.')],
  },
  {
    name: 'forum-mojo:uninitialized-display-name', level: 'WARNING', perDay: [50, 130],
    emit: () => [{ stream: 'stderr', text: 'Use of uninitialized value $display_name in concatenation (.) or string at /app/lib/Forum/Controller/Users.pm line 88.' }],
  },
  {
    name: 'forum-mojo:spam-check-unreachable', level: 'WARNING', perDay: [30, 90],
    emit: ({ rng, t, rev }) => [mojo(rng, t, rev, pid(rng), 'warn', `Spam check failed for post ${rng.int(10000, 99999)}: Connect timeout, accepting without check`)],
  },
  {
    name: 'noise:forum-mojo:post-created', level: 'INFO', perDay: [150, 350],
    emit: ({ rng, t, rev }) => [mojo(rng, t, rev, pid(rng), 'info', `Post ${rng.int(10000, 99999)} created in thread ${rng.int(100, 9999)}`)],
  },
  {
    name: 'noise:forum-mojo:digest', level: 'INFO', perDay: [4, 12],
    emit: ({ rng, t, rev }) => [mojo(rng, t, rev, pid(rng), 'info', `Digest mailer: ${rng.int(50, 900)} sent, 0 errors`)],
  },
];

export const forumMojo: ServiceDef = {
  name: 'forum-mojo', stack: 'Perl 5.38, Mojolicious 9.38, hypnotoad, Mojo::Pg', splitRate: 0.75,
  families: forumFamilies,
};
