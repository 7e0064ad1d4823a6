// The Go service of the twenty-fourth day: gin left in debug mode with zap's development logger in
// the morning, release mode and zap's production encoder with Cloud Logging's keys after. Formats
// follow gin's and zap's source and the reports cited in README.md.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { ginTime, isoMillis, isoNanos } from './clock.js';
import { cloudTrace, fam, slug } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// api-gindev: Go 1.23, gin 1.10 (gin.New() with gin.Logger() and gin.Recovery()), go.uber.org/zap
// 1.27, cloud.google.com/go/storage 1.47 and firestore 1.17. Morning: GIN_MODE unset, so gin prints
// its `[GIN-debug]` lines at start and Recovery dumps the request's headers; the app logs through
// zap.NewDevelopment() (console encoder on stderr: `time\tLEVEL\tcaller\tmsg\t{fields}`, and a stack
// trace at WARN and above). After the rollout: GIN_MODE=release and zap's production config with
// `severity`, `timestamp`, `message` as keys (stack traces at ERROR only), plus the request's trace.
// gin's access line `[GIN] time | status | latency | ip | method "path"` goes to stdout in both.
const GIN = 'api-gindev';
const MOD = '/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0';

const goStack = (fn: string, file: string, line: number): string => [
  `main.(*API).${fn}`, `\t/src/api/${file}:${line}`,
  'github.com/gin-gonic/gin.(*Context).Next', `\t${MOD}/context.go:185`,
  'github.com/gin-gonic/gin.CustomRecoveryWithWriter.func1', `\t${MOD}/recovery.go:102`,
  'github.com/gin-gonic/gin.(*Context).Next', `\t${MOD}/context.go:185`,
  'github.com/gin-gonic/gin.LoggerWithConfig.func1', `\t${MOD}/logger.go:249`,
  'github.com/gin-gonic/gin.(*Engine).handleHTTPRequest', `\t${MOD}/gin.go:633`,
  'github.com/gin-gonic/gin.(*Engine).ServeHTTP', `\t${MOD}/gin.go:589`,
  'net/http.serverHandler.ServeHTTP', '\t/usr/local/go/src/net/http/server.go:3210',
  'net/http.(*conn).serve', '\t/usr/local/go/src/net/http/server.go:2092',
].join('\n');

/** One zap record: the development console encoder (morning) or the production JSON (after). */
function zap(rng: Prng, t: number, rev: 0 | 1, level: 'ERROR' | 'WARN' | 'INFO', caller: string, msg: string, fields: Record<string, unknown>, stack?: string): Write {
  if (rev === 0) {
    const withStack = stack !== undefined && level !== 'INFO';
    return { stream: 'stderr', text: `${isoMillis(t)}\t${level}\t${caller}\t${msg}\t${JSON.stringify(fields).replace(/":/g, '": ').replace(/,"/g, ', "')}${withStack ? `\n${stack}` : ''}` };
  }
  return {
    stream: 'stderr',
    json: { severity: level === 'WARN' ? 'WARNING' : level, timestamp: isoNanos(t), caller, message: msg, ...fields, 'logging.googleapis.com/trace': cloudTrace(rng), ...(stack !== undefined && level === 'ERROR' ? { stacktrace: stack } : {}) },
  };
}

/** Go's time.Duration as `%v` prints it, from microseconds. */
const goDuration = (us: number): string => (us < 1000 ? `${us}µs` : us < 1_000_000 ? `${(us / 1000).toFixed(6).replace(/\.?0+$/, '')}ms` : `${(us / 1_000_000).toFixed(6).replace(/\.?0+$/, '')}s`);

const access = (rng: Prng, t: number, status: number, method: string, path: string): Write => ({
  stream: 'stdout',
  text: `[GIN] ${ginTime(t)} | ${status} | ${goDuration(rng.int(300, status >= 500 ? 9_000_000 : 400_000)).padStart(13, ' ')} | ${`169.254.1.${rng.int(1, 9)}`.padStart(15, ' ')} | ${method.padEnd(7, ' ')} "${path}"`,
});

const uploadDenied = fam(`${GIN}:upload-storage-denied`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const user = `u_${slug(rng, 8)}`;
  const object = `uploads/${user}/${slug(rng, 10)}.${rng.pick(['png', 'jpg', 'pdf'])}`;
  const err = 'googleapi: Error 403: api-gindev@heron-quarry-2291.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission \'storage.objects.create\' denied on resource (or it may not exist)., forbidden';
  return [
    zap(rng, t, rev, 'ERROR', 'api/uploads.go:88', 'upload failed', { user, object, error: err }, goStack('upload', 'uploads.go', 88)),
    access(rng, t + 2000, 500, 'POST', '/v1/uploads'),
  ];
}, 0.2);

const profileDeadline = fam(`${GIN}:profile-firestore-deadline`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const id = `u_${slug(rng, 8)}`;
  return [
    zap(rng, t, rev, 'ERROR', 'api/profile.go:41', 'load profile failed', { id, error: `get users/${id}: rpc error: code = DeadlineExceeded desc = context deadline exceeded` }, goStack('profile', 'profile.go', 41)),
    access(rng, t + 1500, 500, 'GET', `/v1/profile/${id}`),
  ];
});

const sharePanic = fam(`${GIN}:share-nil-pointer`, 'ERROR', [6, 15], ({ rng, t, rev }) => {
  const headers = ['POST /v1/share HTTP/1.1', 'Host: api-gindev-2lq9xw7vza-ew.a.run.app', 'Accept: */*', 'Authorization: *', `Content-Length: ${rng.int(30, 90)}`, 'Content-Type: application/json', `Traceparent: 00-${rng.hex(32)}-${rng.hex(16)}-01`, 'User-Agent: okhttp/4.12.0', `X-Cloud-Trace-Context: ${rng.hex(32)}/${rng.int(1, 9e15)};o=1`, '', ''].join('\r\n');
  const stack = [
    '/usr/local/go/src/runtime/panic.go:262 (0x47a8f8)', '\tpanicmem: panic(memoryError)',
    '/usr/local/go/src/runtime/signal_unix.go:917 (0x47a8c8)', '\tsigpanic: panicmem()',
    '/src/api/share.go:33 (0xa3c1f4)', '\t(*API).share: link := a.links[req.ID].URL',
    `${MOD}/context.go:185 (0xa1c9aa)`, '\t(*Context).Next: c.handlers[c.index](c)',
    `${MOD}/recovery.go:102 (0xa1c997)`, '\tCustomRecoveryWithWriter.func1: c.Next()',
    `${MOD}/context.go:185 (0xa1bb04)`, '\t(*Context).Next: c.handlers[c.index](c)',
    `${MOD}/logger.go:249 (0xa1baeb)`, '\tLoggerWithConfig.func1: c.Next()',
    `${MOD}/gin.go:633 (0xa1b05a)`, '\t(*Engine).handleHTTPRequest: c.Next()',
    `${MOD}/gin.go:589 (0xa1ab91)`, '\t(*Engine).ServeHTTP: engine.handleHTTPRequest(c)',
    '/usr/local/go/src/net/http/server.go:3210 (0x7c2e0d)', '\tserverHandler.ServeHTTP: handler.ServeHTTP(rw, req)',
    '/usr/local/go/src/net/http/server.go:2092 (0x7a0c46)', '\t(*conn).serve: serverHandler{c.server}.ServeHTTP(w, w.req)',
    '/usr/local/go/src/runtime/asm_amd64.s:1700 (0x4833a0)', '\tgoexit: BYTE\t$0x90\t// NOP',
  ].join('\n');
  const err = 'runtime error: invalid memory address or nil pointer dereference';
  const body = rev === 0 ? `[Recovery] ${ginTime(t)} panic recovered:\n${headers}\n${err}\n${stack}\n` : `[Recovery] ${ginTime(t)} panic recovered:\n${err}\n${stack}\n`;
  return [
    { stream: 'stderr', text: `\n\n\u001b[31m${ginTime(t).replace(' - ', ' ')} ${body}\u001b[0m` },
    access(rng, t + 900, 500, 'POST', '/v1/share'),
  ];
});

const quotaSlow = fam(`${GIN}:quota-check-slow`, 'WARNING', [60, 140], ({ rng, t, rev }) => [
  zap(rng, t, rev, 'WARN', 'api/quota.go:52', 'quota check slow', { tenant: `t_${slug(rng, 6)}`, elapsed: `${rng.fixed(1, 4, 3)}s` }, goStack('checkQuota', 'quota.go', 52)),
]);

/** gin's start in debug mode; release mode prints none of it. */
const debugMode = fam(`${GIN}:gin-debug-mode`, 'WARNING', [8, 20], ({ rev }) => (rev === 1 ? [] : [
  { stream: 'stdout', text: '[GIN-debug] [WARNING] Running in "debug" mode. Switch to "release" mode in production.\n - using env:\texport GIN_MODE=release\n - using code:\tgin.SetMode(gin.ReleaseMode)\n' },
  { stream: 'stdout', text: '[GIN-debug] POST   /v1/uploads               --> main.(*API).upload-fm (3 handlers)', as: { family: `noise:${GIN}:boot`, level: 'INFO' } },
  { stream: 'stdout', text: '[GIN-debug] GET    /v1/profile/:id           --> main.(*API).profile-fm (3 handlers)', as: { family: `noise:${GIN}:boot`, level: 'INFO' } },
  { stream: 'stdout', text: '[GIN-debug] POST   /v1/share                 --> main.(*API).share-fm (3 handlers)', as: { family: `noise:${GIN}:boot`, level: 'INFO' } },
  { stream: 'stdout', text: '[GIN-debug] [WARNING] You trusted all proxies, this is NOT safe. We recommend you to set a value.\nPlease check https://github.com/gin-gonic/gin/blob/master/docs/doc.md#dont-trust-all-proxies for details.', as: { family: `${GIN}:gin-trusted-proxies`, level: 'WARNING' } },
  { stream: 'stdout', text: '[GIN-debug] Listening and serving HTTP on :8080', as: { family: `noise:${GIN}:boot`, level: 'INFO' } },
]));

const ginChatter = fam(`noise:${GIN}:ok`, 'INFO', [200, 450], ({ rng, t, rev }) => [rng.chance(0.6)
  ? access(rng, t, 200, rng.pick(['GET', 'POST']), rng.pick([`/v1/profile/u_${slug(rng, 8)}`, '/v1/uploads', '/v1/share']))
  : zap(rng, t, rev, 'INFO', 'api/uploads.go:97', 'upload stored', { object: `uploads/u_${slug(rng, 8)}/${slug(rng, 10)}.png`, bytes: rng.int(1000, 900000), errors: 0 })]);

export const apiGindev: ServiceDef = {
  name: GIN, stack: 'Go 1.23, gin 1.10, zap 1.27, cloud.google.com/go/storage 1.47, firestore 1.17', splitRate: 0.65,
  families: [uploadDenied, profileDeadline, sharePanic, quotaSlow, debugMode, ginChatter],
};
