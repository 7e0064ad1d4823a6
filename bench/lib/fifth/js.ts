// JavaScript runtimes other than Node: Deno 2 with Hono, and Bun 1.1 with LogTape.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from '../stranger/text.js';
import { logtapeTime } from './clock.js';

// ---------------------------------------------------------------------------------------------
// edge-deno: Deno 2.1, Hono 4 (`Deno.serve`). Hono's default onError does `console.error(err)`, which
// Deno prints as `TypeError: msg` + `    at ...` frames (ext:deno_fetch/..., file:///app/..., jsr.io
// URLs); the app's own records go through @std/log's ConsoleHandler `LEVEL message` on the morning
// revision and its jsonFormatter after (`level`, `datetime` epoch ms, `message`, `args`). An unhandled
// rejection ends the process with `error: Uncaught (in promise) ...`. Hono's logger middleware prints
// `<-- GET /path` / `--> GET /path 200 3ms`.

const HONO = 'https://jsr.io/@hono/hono/4.6.13/src';
const cmsFetchStack = (rng: Prng, slug: string): string => [
  `TypeError: error sending request from 10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(2, 254)}:${rng.int(32768, 60999)} for https://cms.acme.example/v1/pages/${slug} (34.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}:443): client error (Connect): tcp connect error: Connection refused (os error 111): Connection refused (os error 111)`,
  '    at async mainFetch (ext:deno_fetch/26_fetch.js:182:12)',
  '    at async fetch (ext:deno_fetch/26_fetch.js:392:7)',
  '    at async loadPage (file:///app/src/cms.ts:21:15)',
  '    at async file:///app/src/routes/pages.ts:14:18',
  `    at async dispatch (${HONO}/compose.ts:51:17)`,
].join('\n');
const SLUGS = ['home', 'pricing', 'about', 'careers', 'blog/launch-week', 'legal/terms'];

function stdLog(rev: 0 | 1, t: number, level: 'INFO' | 'WARN' | 'ERROR', message: string, args?: Record<string, unknown>): Write {
  if (rev === 0) return { stream: level === 'INFO' ? 'stdout' : 'stderr', text: `${level} ${message}${args ? ` ${JSON.stringify(args)}` : ''}` };
  return { stream: level === 'INFO' ? 'stdout' : 'stderr', json: { level, datetime: Math.floor(t / 1000), message, ...(args ? { args } : {}) } };
}

const denoFamilies: Family[] = [
  // Printed by Hono's onError on the morning revision, logged by the app's error handler through
  // @std/log after: one problem, two ways.
  {
    name: 'edge-deno:cms-fetch-refused', level: 'ERROR', perDay: [30, 90], burst: 0.2,
    emit: ({ rng, rev, t }) => {
      const slug = rng.pick(SLUGS);
      if (rev === 0) return [{ stream: 'stderr', text: cmsFetchStack(rng, slug) }];
      return [stdLog(rev, t, 'ERROR', `page render failed: /${slug}`, { error: cmsFetchStack(rng, slug) })];
    },
  },
  {
    name: 'edge-deno:render-missing-title', level: 'ERROR', perDay: [8, 25],
    emit: ({ rng }) => [{ stream: 'stderr', text: [
      "TypeError: Cannot read properties of undefined (reading 'title')",
      `    at renderArticle (file:///app/src/views/article.tsx:${rng.pick([33, 34])}:29)`,
      '    at file:///app/src/routes/blog.ts:27:12',
      `    at async dispatch (${HONO}/compose.ts:51:17)`,
      `    at async ${HONO}/hono-base.ts:425:27`,
    ].join('\n') }],
  },
  {
    name: 'edge-deno:kv-watch-unhandled-rejection', level: 'CRITICAL', perDay: [1, 5],
    emit: ({ rng }) => [
      { stream: 'stderr', text: [
        `error: Uncaught (in promise) TypeError: Connection reset by peer (os error 104)`,
        '    at async ReadableStreamDefaultReader.read (ext:deno_web/06_streams.js:4965:13)',
        `    at async watchFlags (file:///app/src/flags.ts:${rng.pick([18, 19])}:22)`,
      ].join('\n') },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'edge-deno:container-exit', level: 'WARNING' } },
    ],
  },
  {
    name: 'edge-deno:tenant-rate-limit-near', level: 'WARNING', perDay: [100, 250],
    emit: ({ rng, rev, t }) => [stdLog(rev, t, 'WARN', `rate limit nearly exhausted for tenant t_${rng.alnum(8)}: ${rng.int(900, 999)}/1000 requests this minute`)],
  },
  {
    name: 'noise:edge-deno:hono-logger', level: 'INFO', perDay: [400, 800],
    emit: ({ rng }) => {
      const path = `/${rng.pick(SLUGS)}`;
      const status = rng.weighted([[200, 92], [304, 5], [500, 3]] as const);
      return [{ stream: 'stdout', text: `<-- GET ${path}` }, { stream: 'stdout', text: `--> GET ${path} \u001b[3${status >= 500 ? 1 : 2}m${status}\u001b[0m ${rng.int(1, 900)}ms` }];
    },
  },
  {
    name: 'noise:edge-deno:health', level: 'INFO', perDay: [100, 200],
    emit: ({ rng, rev, t }) => [stdLog(rev, t, 'INFO', 'health ok', { error: null, cacheEntries: rng.int(10, 900) })],
  },
  {
    name: 'noise:edge-deno:listening', level: 'INFO', perDay: [3, 10],
    emit: () => [{ stream: 'stdout', text: 'Listening on http://0.0.0.0:8080/ (http://localhost:8080/)' }],
  },
];

export const edgeDeno: ServiceDef = { name: 'edge-deno', stack: 'Deno 2.1, Hono 4, @std/log', splitRate: 0.7, families: denoFamilies };

// ---------------------------------------------------------------------------------------------
// images-bun: Bun 1.1, Elysia, LogTape. LogTape's default text formatter (`2026-12-03 10:00:00.123
// +00:00 [ERR] images·resize: msg`) on the morning revision, its JSON Lines formatter after
// (`@timestamp`, `level`, `message` rendered, `logger`, `properties`). A crash is printed by Bun itself: the
// source excerpt with a caret, `error: msg` (or `TypeError: msg`), indented frames and `Bun v1.1.38
// (Linux x64 baseline)` (oven-sh/bun#14203, #8441).

const LT: Record<string, string> = { INFO: 'INF', WARNING: 'WRN', ERROR: 'ERR', FATAL: 'FTL' };
function logtape(rev: 0 | 1, t: number, level: 'INFO' | 'WARNING' | 'ERROR', category: readonly string[], message: string, properties: Record<string, unknown>): Write {
  if (rev === 0) return { stream: 'stdout', text: `${logtapeTime(t)} [${LT[level]}] ${category.join('·')}: ${message}` };
  return { stream: 'stdout', json: { '@timestamp': isoMillis(t), level, message, logger: category.join('.'), properties } };
}
const key = (rng: Prng): string => `uploads/${rng.hex(16)}.${rng.pick(['heic', 'avif', 'jpg', 'png'])}`;

const bunFamilies: Family[] = [
  {
    name: 'images-bun:resize-unsupported-format', level: 'ERROR', perDay: [30, 80],
    emit: ({ rng, rev, t }) => {
      const k = key(rng);
      return [logtape(rev, t, 'ERROR', ['images', 'resize'], `resize failed for ${k}: Input buffer contains unsupported image format`, { key: k, width: rng.pick([160, 320, 640]) })];
    },
  },
  {
    name: 'images-bun:storage-slowdown', level: 'WARNING', perDay: [120, 300],
    emit: ({ rng, rev, t }) => {
      const k = `thumbs/${rng.hex(16)}.webp`;
      const attempt = rng.int(1, 4);
      return [logtape(rev, t, 'WARNING', ['images', 'storage'], `upload retry ${attempt}/5 for ${k}: SlowDown: Please reduce your request rate.`, { attempt, key: k, error: 'SlowDown: Please reduce your request rate.' })];
    },
  },
  {
    name: 'images-bun:queue-drained-crash', level: 'CRITICAL', perDay: [1, 5],
    emit: () => [
      { stream: 'stderr', text: [
        '40 |   for (;;) {',
        '41 |     const job = await queue.next();',
        '42 |     if (!job) throw new Error(`queue thumbs drained unexpectedly`);',
        '                     ^',
        'error: queue thumbs drained unexpectedly',
        '      at poll (/app/src/worker.ts:42:21)',
        '      at processTicksAndRejections (native:7:39)',
        '',
        'Bun v1.1.38 (Linux x64 baseline)',
      ].join('\n') },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'images-bun:container-exit', level: 'WARNING' } },
    ],
  },
  {
    name: 'images-bun:exif-undefined-orientation', level: 'ERROR', perDay: [5, 20],
    emit: ({ rng }) => [{ stream: 'stderr', text: [
      '17 | export function orient(meta: Metadata) {',
      '18 |   return ROTATIONS[meta.exif.Orientation] ?? 0;',
      '                                ^',
      "TypeError: undefined is not an object (evaluating 'meta.exif.Orientation')",
      `      at orient (/app/src/exif.ts:18:${rng.pick([27, 28])})`,
      '      at /app/src/routes/thumbs.ts:33:19',
      '      at handle (/app/node_modules/elysia/dist/bun/index.js:1:43210)',
    ].join('\n') }],
  },
  {
    name: 'noise:images-bun:served', level: 'INFO', perDay: [400, 800],
    emit: ({ rng, rev, t }) => [logtape(rev, t, 'INFO', ['images', 'http'], `GET /thumbs/${rng.hex(16)}.webp ${rng.weighted([[200, 95], [304, 5]] as const)} ${rng.int(1, 300)}ms errors=0`, { cache: rng.pick(['hit', 'miss']) })],
  },
  {
    name: 'noise:images-bun:started', level: 'INFO', perDay: [3, 10],
    emit: () => [{ stream: 'stdout', text: '🦊 Elysia is running at 0.0.0.0:8080' }],
  },
];

export const imagesBun: ServiceDef = { name: 'images-bun', stack: 'Bun 1.1, Elysia, LogTape', splitRate: 0.75, families: bunFamilies };
