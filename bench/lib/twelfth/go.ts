// media-gorilla: Go 1.23, gorilla/mux with gorilla/handlers, apex/log, cloud.google.com/go/storage.
// The morning revision logs through apex/log's text handler (colour escapes written unconditionally,
// `%6s[%04d] %-25s` then ` key=value` fields, the counter in seconds since start), the later one through
// its JSON handler (`fields`, `level`, `timestamp`, `message`: the error under `fields.error`).
// handlers.RecoveryHandler(PrintRecoveryStack(true)) logs a recovered panic with the standard log in
// two writes: the panic value, then debug.Stack() (`goroutine N [running]:` names no error).
// handlers.CombinedLoggingHandler writes the access lines.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { clf, goLog, goNano } from './clock.js';

const APEX = { info: [34, '  INFO'], warn: [33, '  WARN'], error: [31, ' ERROR'] } as const;
type ApexLevel = keyof typeof APEX;

function apex(rng: Prng, t: number, rev: 0 | 1, level: ApexLevel, msg: string, fields: Record<string, string | number>): Write {
  if (rev === 1) return { stream: 'stderr', json: { fields, level, timestamp: goNano(t), message: msg } };
  const [color, label] = APEX[level];
  const since = Math.floor((t / 1_000_000) % 86_400) % 9000 + rng.int(0, 50);
  const names = Object.keys(fields).sort();
  return { stream: 'stderr', text: `\u001b[${color}m${label}\u001b[0m[${String(since).padStart(4, '0')}] ${msg.padEnd(25)}${names.map((n) => ` \u001b[${color}m${n}\u001b[0m=${fields[n]}`).join('')}` };
}

function recovered(rng: Prng, t: number): Write[] {
  const g = rng.int(30, 90000);
  const stack = [
    `goroutine ${g} [running]:`,
    'runtime/debug.Stack()',
    '\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e',
    'github.com/gorilla/handlers.recoveryHandler.log({{0xa3c1e0, 0xc0001a2080}, 0x1}, {0xc0004d1a38, 0x1, 0x1})',
    '\t/go/pkg/mod/github.com/gorilla/handlers@v1.5.2/recovery.go:93 +0x6e',
    'github.com/gorilla/handlers.recoveryHandler.ServeHTTP.func1()',
    '\t/go/pkg/mod/github.com/gorilla/handlers@v1.5.2/recovery.go:78 +0x98',
    `panic({0x8f1c40?, 0xd21b60?})`,
    '\t/usr/local/go/src/runtime/panic.go:785 +0x132',
    `main.(*server).albumCover(0xc0001b6000, {0xa42f18, 0xc0003e20e0}, 0xc0004f8000)`,
    '\t/app/albums.go:77 +0x1d4',
    'net/http.HandlerFunc.ServeHTTP(0xc00012c3c0?, {0xa42f18?, 0xc0003e20e0?}, 0xc0004f7e00?)',
    '\t/usr/local/go/src/net/http/server.go:2220 +0x29',
    'github.com/gorilla/mux.(*Router).ServeHTTP(0xc0001c4000, {0xa42f18, 0xc0003e20e0}, 0xc0004f7c00)',
    '\t/go/pkg/mod/github.com/gorilla/mux@v1.8.1/mux.go:212 +0x1e2',
  ].join('\n');
  return [
    { stream: 'stderr', text: `${goLog(t)} runtime error: invalid memory address or nil pointer dereference` },
    { stream: 'stderr', text: `${goLog(t)} ${stack}` },
  ];
}

const mediaFamilies: Family[] = [
  {
    name: 'media-gorilla:gcs-upload-503-retry', level: 'WARNING', perDay: [50, 140],
    emit: ({ rng, t, rev }) => [apex(rng, t, rev, 'warn', 'upload failed, retrying', {
      attempt: rng.int(1, 3), bucket: 'media-originals-prod', error: 'googleapi: Error 503: We encountered an internal error. Please try again., backendError', object: `albums/${rng.int(1, 9999)}/${rng.hex(16)}.jpg`,
    })],
  },
  {
    name: 'media-gorilla:thumbnail-decode-unknown-format', level: 'ERROR', perDay: [10, 30],
    emit: ({ rng, t, rev }) => [apex(rng, t, rev, 'error', 'thumbnail failed', { error: 'image: unknown format', media_id: rng.int(100000, 999999), size: rng.int(2000, 9_000_000) })],
  },
  {
    name: 'media-gorilla:album-cover-nil-panic', level: 'ERROR', perDay: [6, 18], burst: 0.2,
    emit: ({ rng, t }) => recovered(rng, t),
  },
  {
    name: 'noise:media-gorilla:access', level: 'INFO', perDay: [250, 500],
    emit: ({ rng, t }) => {
      const [m, p] = rng.pick<[string, string]>([['GET', `/albums/${rng.int(1, 9999)}`], ['POST', '/uploads'], ['GET', `/albums/${rng.int(1, 9999)}/cover`]]);
      const s = rng.weighted([[200, 40], [201, 5], [500, 1]] as const);
      return [{ stream: 'stdout', text: `169.254.1.1 - - [${clf(t)}] "${m} ${p} HTTP/1.1" ${s} ${rng.int(20, 90000)} "" "${rng.pick(['okhttp/4.12.0', 'Mozilla/5.0 (X11; Linux x86_64)'])}"` }];
    },
  },
  {
    name: 'noise:media-gorilla:janitor', level: 'INFO', perDay: [24, 48],
    emit: ({ rng, t, rev }) => [apex(rng, t, rev, 'info', 'janitor sweep done', { deleted: rng.int(0, 90), error_count: 0, scanned: rng.int(1000, 9000) })],
  },
];

export const mediaGorilla: ServiceDef = {
  name: 'media-gorilla', stack: 'Go 1.23, gorilla/mux 1.8, gorilla/handlers 1.5, apex/log 1.9, Cloud Storage', splitRate: 0.75,
  families: mediaFamilies,
};
