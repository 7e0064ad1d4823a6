// The Deno service: a Fresh 1.7 site on Deno 2, reading posts from PostgreSQL with deno-postgres and a
// weather widget from an internal API.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { byRev, exitLine, fam } from './shared.js';

// Fresh's render path catches a handler's or page's error and writes `console.error("An error occurred
// during route handling or page rendering.", err)`: the sentence, a space, the error with its stack, on
// stderr. Deno 2.0 on the morning revision, 2.1 after: the internal frames' line numbers move.
const FR = 'edge-fresh';
const fetchFrames = (rev: 0 | 1): string[] => [
  `    at async mainFetch (ext:deno_fetch/26_fetch.js:${byRev(rev, 170, 182)}:12)`,
  `    at async fetch (ext:deno_fetch/26_fetch.js:${byRev(rev, 391, 392)}:7)`,
];
const serveFrames = (rev: 0 | 1): string[] => [
  '    at async https://deno.land/x/fresh@1.7.3/src/server/context.ts:428:14',
  `    at async ext:deno_http/00_serve.ts:${byRev(rev, 364, 369)}:18`,
];
const PREFIX = 'An error occurred during route handling or page rendering.';

const frWeather = fam(`${FR}:route-weather-connect-refused`, 'ERROR', [30, 70], ({ rng, rev }) => [{ stream: 'stderr', text: [
  `${PREFIX} TypeError: error sending request for url (http://weather.internal:8080/v1/now?city=${rng.pick(['oslo', 'lyon', 'porto', 'graz'])}): client error (Connect): tcp connect error: Connection refused (os error 111): Connection refused (os error 111)`,
  ...fetchFrames(rev),
  '    at async handler (file:///app/routes/api/weather.ts:9:17)',
  ...serveFrames(rev),
].join('\n') }]);

const frPostRender = fam(`${FR}:render-post-missing-author`, 'ERROR', [40, 80], ({ rev }) => [{ stream: 'stderr', text: [
  `${PREFIX} TypeError: Cannot read properties of null (reading 'name')`,
  '    at PostPage (file:///app/routes/blog/[slug].tsx:31:44)',
  '    at renderWithHooks (https://esm.sh/preact@10.22.0/X-ZS8q/denonext/render-to-string.js:2:1873)',
  '    at https://deno.land/x/fresh@1.7.3/src/server/render.ts:222:14',
  ...serveFrames(rev),
].join('\n') }]);

// The pool connects at start; a rotated password stops the new instance.
const frBoot = fam(`${FR}:boot-postgres-auth`, 'ERROR', [2, 6], () => [
  { stream: 'stderr', text: [
    'error: Uncaught (in promise) PostgresError: password authentication failed for user "blog"',
    '    at Connection.#startup (https://deno.land/x/postgres@v0.19.3/connection/connection.ts:398:15)',
    '    at eventLoopTick (ext:core/01_core.js:175:7)',
    '    at async Connection.startup (https://deno.land/x/postgres@v0.19.3/connection/connection.ts:498:11)',
    '    at async Pool.#initialize (https://deno.land/x/postgres@v0.19.3/pool.ts:209:9)',
  ].join('\n') },
  exitLine(FR, 1),
]);

const frAccess = fam(`noise:${FR}:access`, 'INFO', [400, 700], ({ rng }: { rng: Prng }): Write[] => [
  { stream: 'stdout', text: `${rng.pick(['GET', 'GET', 'HEAD'])} ${rng.pick(['/', '/blog', '/blog/' + rng.lower(8), '/api/weather'])} ${rng.pick([200, 200, 304])} ${rng.int(2, 300)}ms` },
]);

const frStartup = fam(`noise:${FR}:startup`, 'INFO', [6, 16], () => [{ stream: 'stdout', text: '\n 🍋 Fresh ready \n    Local: http://localhost:8000/\n' }]);

export const edgeFresh: ServiceDef = {
  name: FR, stack: 'Deno 2.0 then 2.1, Fresh 1.7 (Preact), deno-postgres 0.19, fetch to an internal weather API', splitRate: 0.7,
  families: [frWeather, frPostRender, frBoot, frAccess, frStartup],
};
