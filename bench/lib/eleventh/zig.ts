// img-zig: an image resizer in Zig 0.13 (std.http.Server, stb_image through @cImport). std.log's default
// logFn writes `level(scope): message` to stderr (`error(resize): ...`, `warning(cache): ...`); the later
// revision overrides `std_options.logFn` to put `std.time.milliTimestamp()` in brackets first. An error
// logged with its error return trace is followed by std.debug's frames (`file:line:col: 0xaddr in fn
// (img)`, the source line, a caret), lines with no header that name no error; a panic prints `thread N
// panic: ...` and the same frames, then aborts (Cloud Run's `Uncaught signal: 6` follows).
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { familyOf } from './family.js';

const SERVICE = 'img-zig';
const fam = familyOf(SERVICE);

function log(ctx: Ctx, level: 'info' | 'warning' | 'error', scope: string, msg: string, trace?: string): Write {
  const head = ctx.rev === 0 ? '' : `[${Math.floor(ctx.t / 1000)}] `;
  return { stream: 'stderr', text: `${head}${level}(${scope}): ${msg}${trace === undefined ? '' : `\n${trace}`}` };
}

const frame = (ctx: Ctx, file: string, line: number, col: number, fn: string, src: string): string =>
  `${file}:${line}:${col}: 0x${ctx.rng.hex(7)} in ${fn} (img)\n${src}\n${' '.repeat(Math.max(0, col - 1))}^`;

export const imgZig: ServiceDef = {
  name: SERVICE,
  stack: 'Zig 0.13, std.http.Server, stb_image',
  splitRate: 0.74,
  families: [
    fam('served', 'INFO', [320, 520], (ctx) => [log(ctx, 'info', 'http',
      `GET /img/${ctx.rng.int(1000, 99999)}.jpg?w=${ctx.rng.pick([256, 512, 1024])} ${ctx.rng.weighted([[200, 92], [304, 5], [500, 3]] as const)} ${ctx.rng.int(2, 180)}ms`)]),
    fam('cache-sweep', 'INFO', [20, 40], (ctx) => [log(ctx, 'info', 'cache', `sweep done: ${ctx.rng.int(0, 800)} evicted, 0 errors`)]),
    fam('resize-out-of-memory', 'ERROR', [8, 22], (ctx) => {
      const w = ctx.rng.pick([4096, 6000, 8192]);
      return [log(ctx, 'error', 'resize', `resize ${w}x${w} -> ${ctx.rng.pick([256, 512, 1024])} failed: error.OutOfMemory`, [
        frame(ctx, '/usr/lib/zig/std/heap/arena_allocator.zig', 177, 13, 'alloc', '            return null;'),
        frame(ctx, '/app/src/resize.zig', 88, 17, 'resizeInto', '    const dst = try alloc.alloc(u8, out_w * out_h * 4);'),
        frame(ctx, '/app/src/handler.zig', 54, 9, 'handle', '        try resize.resizeInto(alloc, src, &out, width);'),
      ].join('\n'))];
    }, 0.3),
    fam('origin-fetch-refused', 'ERROR', [6, 18], (ctx) => [log(ctx, 'error', 'fetch',
      `origin GET http://origin.internal/img/${ctx.rng.int(1000, 99999)}.jpg failed: error.ConnectionRefused`)]),
    fam('exif-panic', 'CRITICAL', [2, 6], (ctx) => [{ stream: 'stderr', text: `thread ${ctx.rng.int(2, 9)} panic: index out of bounds: index ${ctx.rng.int(9, 40)}, len 8
${[
    frame(ctx, '/app/src/exif.zig', 131, 31, 'readTag', '        const tag = entries[i];'),
    frame(ctx, '/app/src/exif.zig', 77, 24, 'parse', '    const orientation = try readTag(ifd, 0x0112);'),
    frame(ctx, '/app/src/handler.zig', 40, 28, 'handle', '    const meta = exif.parse(bytes) catch null;'),
    frame(ctx, '/usr/lib/zig/std/Thread.zig', 408, 13, 'callFn__anon_7120', '            @call(.auto, f, args);'),
  ].join('\n')}
???:?:?: 0x7f${ctx.rng.hex(10)} in ??? (libc.so.6)
Unwind information for \`libc.so.6:0x7f${ctx.rng.hex(10)}\` was not available, trace may be incomplete` },
    // The abort that follows, in Cloud Run's words: another problem that always comes with this one.
    { stream: 'varlog/system', severity: 'ERROR', text: `Uncaught signal: 6, pid=1, tid=${ctx.rng.int(2, 9)}, fault_addr=0.`, as: { family: `${SERVICE}:platform-uncaught-signal`, level: 'ERROR' } }]),
    // Frequent and real: the local cache fills up.
    fam('cache-high-water', 'WARNING', [70, 180], (ctx) => [log(ctx, 'warning', 'cache',
      `cache dir above high-water mark: ${ctx.rng.int(8700, 9900)} MiB of 10240 MiB, evicting`)]),
  ],
};
