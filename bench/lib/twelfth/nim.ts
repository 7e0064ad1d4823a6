// geo-nim: Nim 2.0, Jester 0.6 on asyncdispatch, std/logging's ConsoleLogger. The morning revision
// keeps the default `$levelname ` format, the later one `[$datetime] - $levelname: ` (std/logging's
// level names: INFO, WARN, ERROR). The route's except branch logs the exception and then its stack
// trace one `error` call per line, so every line of the trace is its own write with the header
// repeated. A failed `asyncCheck` kills the process: Nim's `Traceback (most recent call last)`, frames
// padded to 25 columns, `Error: unhandled exception: ...` with the async traceback inside the message
// and the exception's name alone on the last line.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { nimDatetime } from './clock.js';

const NIM = '/root/.choosenim/toolchains/nim-2.0.8/lib/pure';
const JESTER = '/root/.nimble/pkgs2/jester-0.6.0-0e0b4a3f2e5f3b9b0b5e0c3d4f1a2b7c8d9e0f1a/jester.nim';

const nimLog = (t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', msg: string): Write =>
  ({ stream: 'stderr', text: rev === 0 ? `${level} ${msg}` : `[${nimDatetime(t)}] - ${level}: ${msg}` });

/** A Nim stack trace line: `file(line)` padded to 25 columns, then the proc. */
const frame = (file: string, line: number, proc: string): string => {
  const where = `${file}(${line})`;
  return `${where}${' '.repeat(Math.max(1, 25 - where.length))}${proc}`;
};

function lineByLine(rng: Prng, t: number, rev: 0 | 1): Write[] {
  const frames = [
    frame(JESTER, 495, 'handleRequest'),
    frame('/app/src/geo.nim', 64, 'match'),
    frame('/app/src/upstream.nim', 41, 'fetchGeocode'),
    frame(`${NIM}/httpclient.nim`, 1204, 'request'),
    frame(`${NIM}/httpclient.nim`, 877, 'parseResponse'),
    frame(`${NIM}/net.nim`, 1526, 'recvLine'),
  ];
  const lines = [`geocode failed for q=${rng.pick(['berlin', 'lyon', 'porto', 'malmo', 'graz'])}${rng.int(1, 99)}: Call to 'recvLine' timed out. [TimeoutError]`, ...frames];
  return lines.map((l, i) => nimLog(t + i * rng.int(3, 40), rev, 'ERROR', l));
}

function asyncCrash(rng: Prng): string {
  const port = rng.pick([6379, 6380]);
  return [
    'Traceback (most recent call last)',
    frame('/app/src/geo.nim', 141, 'geo'),
    frame(`${NIM}/asyncdispatch.nim`, 2022, 'runForever'),
    frame(`${NIM}/asyncdispatch.nim`, 1712, 'poll'),
    frame(`${NIM}/asyncdispatch.nim`, 1453, 'runOnce'),
    frame(`${NIM}/asyncfutures.nim`, 419, 'asyncCheckCallback'),
    'Error: unhandled exception: Connection refused',
    'Async traceback:',
    `  ${frame('/app/src/geo.nim', 141, 'geo')}`,
    `  ${frame(`${NIM}/asyncdispatch.nim`, 2022, 'runForever')}`,
    `  ${frame('/app/src/cache.nim', 33, 'refreshTilesIter')}`,
    `  ${frame(`${NIM}/asyncnet.nim`, 260, 'connect')}`,
    `Exception message: Connection refused (tile-cache.internal:${port})`,
    ' [OSError]',
  ].join('\n');
}

const geoFamilies: Family[] = [
  {
    name: 'geo-nim:upstream-recv-timeout', level: 'ERROR', perDay: [8, 24],
    emit: ({ rng, t, rev }) => lineByLine(rng, t, rev),
  },
  {
    name: 'geo-nim:tile-cache-refused-crash', level: 'CRITICAL', perDay: [1, 4],
    emit: ({ rng }) => [
      { stream: 'stderr', text: asyncCrash(rng) },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'geo-nim:container-exit', level: 'WARNING' } },
    ],
  },
  {
    name: 'geo-nim:geocoder-429', level: 'WARNING', perDay: [50, 140],
    emit: ({ rng, t, rev }) => [nimLog(t, rev, 'WARN', `geocoder answered 429 Too Many Requests, backing off ${rng.pick([500, 1000, 2000, 4000])} ms`)],
  },
  {
    name: 'noise:geo-nim:lookup', level: 'INFO', perDay: [200, 420],
    emit: ({ rng, t, rev }) => [nimLog(t, rev, 'INFO', `geocode q=${rng.lower(6)} hits=${rng.int(0, 9)} cache=${rng.pick(['hit', 'miss'])} errors=0`)],
  },
  {
    name: 'noise:geo-nim:start', level: 'INFO', perDay: [3, 9],
    emit: ({ t, rev }) => [nimLog(t, rev, 'INFO', 'Jester is making jokes at http://0.0.0.0:8080')],
  },
];

export const geoNim: ServiceDef = {
  name: 'geo-nim', stack: 'Nim 2.0.8, Jester 0.6, asyncdispatch, std/logging', splitRate: 0.7,
  families: geoFamilies,
};
