// The sweep reads (mayMatter, and the server-side text pattern before it) every line of a record that
// carries a problem when the record comes through a wrapper or a header of a known format family:
// php-fpm's decoration of each line a worker wrote (`[date] WARNING: [pool www] child N said into
// stderr: "…"`, the default `decorate_workers_output = yes`), nest-winston's `nestLike` line (Nest's
// ConsoleLogger layout with the pid padded to six and winston's levels), FastAPI CLI's level tag
// (rich-toolkit's TaggedStyle, `tag_width=11`). Chatter through the same wrappers stays unread.
import { describe, expect, it } from '@jest/globals';
import { mayMatter } from '../../../src/normalize/index.js';
import { severityTextPattern, textSeverity } from '../../../src/normalize/text-severity.js';
import { reassembleAll } from '../../../src/source/reassemble.js';
import type { RawEntry } from '../../../src/shared/types.js';
import { cloudRunLines, texts } from '../../support/cloud-run-lines.js';

const entry = (textPayload: string): RawEntry => ({ textPayload, timestamp: '2026-12-09T10:00:00Z' });
const server = (floor: 'NOTICE' | 'ERROR') => {
  const pattern = severityTextPattern(floor);
  return new RegExp(pattern.slice(4), 'i');
};

// fpm's decoration as pasted in ypereirareis/ypereirareis.github.io#113 and richarvey/nginx-php-fpm#258;
// Laravel's line-format record (`[stacktrace]`, `#N` frames, `[previous exception]`, the closing `"}`) as
// pasted in laravel/octane#713.
const fpm = (child: number, line: string) => `[09-Dec-2026 10:00:00] WARNING: [pool www] child ${child} said into stderr: "${line}"`;
const LARAVEL_RECORD = [
  '[2026-12-09 10:00:00] production.ERROR: SQLSTATE[HY000] [2002] Connection timed out (Connection: mysql, SQL: select * from `users` where `id` = 7 limit 1) {"userId":7,"exception":"[object] (Illuminate\\\\Database\\\\QueryException(code: 2002): SQLSTATE[HY000] [2002] Connection timed out at /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connection.php:825)',
  '[stacktrace]',
  "#0 /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connection.php(779): Illuminate\\\\Database\\\\Connection->runQueryCallback('select * from `...', Array, Object(Closure))",
  '#1 /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connection.php(398): Illuminate\\\\Database\\\\Connection->run(Object(Closure))',
  '#2 {main}',
  '[previous exception] [object] (PDOException(code: 2002): SQLSTATE[HY000] [2002] Connection timed out at /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connectors/Connector.php:66)',
  '[stacktrace]',
  '#0 /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connectors/Connector.php(66): PDO->__construct(\'mysql:host=10.2...\', \'app\', Object(SensitiveParameterValue), Array)',
  '"}',
];

describe("php-fpm's decorated worker lines", () => {
  it.each(LARAVEL_RECORD.map((l, i): [number, string] => [i, l]))('reads line %i of a Laravel record through the decoration, in the file and on the server', (_, line) => {
    const text = fpm(27, line);
    expect(mayMatter(entry(text), 'NOTICE')).toBe(true);
    expect(server('NOTICE').test(text)).toBe(true);
    expect(server('ERROR').test(text)).toBe(true);
  });

  it.each([
    ['an INFO record of the app', '[2026-12-09 10:00:00] production.INFO: Invoice 812 sent {"userId":7}'],
    ['a DEBUG record', '[2026-12-09 10:00:00] local.DEBUG: cache warmed in 12 ms'],
    ['a plain line a script printed', 'queue size 12'],
  ])('leaves %s through the decoration unread', (_, line) => {
    expect(mayMatter(entry(fpm(27, line)), 'NOTICE')).toBe(false);
  });

  it('joins the decorated lines of one record into one entry at the level Laravel gave it', () => {
    const { line } = cloudRunLines('stderr');
    const entries = LARAVEL_RECORD.map((l, i) => line(fpm(27, l), 40 * i)).filter((e) => mayMatter(e, 'NOTICE'));
    expect(entries).toHaveLength(LARAVEL_RECORD.length);
    const joined = texts(reassembleAll(entries));
    expect(joined).toHaveLength(1);
    expect(textSeverity(joined[0]!)).toBe('ERROR');
  });
});

// gremo/nest-winston's `nestLike` (winston.utilities.ts): app name, pid padded to six, the locale time,
// the level upper-cased and padded to seven, the context, the message, `+Nms` from `format.ms()`.
describe("nest-winston's nestLike line", () => {
  it.each([
    ['[Api] 1      - 12/9/2026, 12:26:47 AM    WARN [InventoryService] Reservation for order 9247647 took 2839ms (budget 1000ms, 6 lines) +18ms', 'WARNING'],
    ['[Api] 1      - 12/9/2026, 1:00:04 AM   ERROR [PaymentsService] Capture failed for payment pay_1Utw: Request failed with status code 502 - {"stack":["AxiosError: x"]} +3ms', 'ERROR'],
    ['[NestWinston] 18342  - 03/10/2026, 12:00:01 PM   ERROR [Bootstrap] Unable to connect +2ms', 'ERROR'],
    ['[Api] 1      - 12/9/2026, 12:26:47 AM    INFO [RoutesResolver] OrdersController {/orders}: +1ms', 'INFO'],
  ])('reads its level: %s', (line, severity) => {
    expect(textSeverity(line)).toBe(severity);
  });

  it('reads a warning and leaves an info line unread', () => {
    expect(mayMatter(entry('[Api] 1      - 12/9/2026, 12:26:47 AM    WARN [InventoryService] Reservation took 2839ms +18ms'), 'NOTICE')).toBe(true);
    expect(mayMatter(entry('[Api] 1      - 12/9/2026, 12:26:47 AM    INFO [InventoryService] Reservation took 12ms +18ms'), 'NOTICE')).toBe(false);
    expect(mayMatter(entry('[Api] 1      - 12/9/2026, 12:26:47 AM     LOG [NestApplication] Nest application successfully started +2ms'), 'NOTICE')).toBe(false);
  });
});

// fastapi/fastapi-cli's utils/cli.py: CustomFormatter prints each record through rich-toolkit's
// TaggedStyle (`tag_width=11`): the level name right-aligned as a tag, then the message.
describe("FastAPI CLI's level tag", () => {
  it.each([
    ['     ERROR   Exception in ASGI application', 'ERROR'],
    ['   WARNING   slow search: 1790 ms for q=\'tent\' (4 filters, 109 hits)', 'WARNING'],
    ['  CRITICAL   worker 3 lost', 'CRITICAL'],
    ['      INFO   Application startup complete.', 'INFO'],
    ['      INFO   169.254.8.136:60768 - "GET /search?q=tent HTTP/1.1" 200', 'INFO'],
  ])('reads the tag as the level: %s', (line, severity) => {
    expect(textSeverity(line)).toBe(severity);
  });

  it.each([
    ['a source line under a frame', '    ERROR = "e"'],
    ['an indented word in a message', '    WARNING: disk almost full'],
    ['a frame', '  File "/app/main.py", line 12, in search'],
  ])('leaves %s to what it says', (_, line) => {
    expect(textSeverity(line)).not.toBe(line.includes('ERROR') ? 'ERROR' : 'INFO');
  });

  it('reads a tagged warning as a record of its own, not a line of the record before it', () => {
    const { line } = cloudRunLines('stderr');
    const entries = [line('      INFO   Waiting for application startup.', 0), line('   WARNING   slow search: 1790 ms for q=\'tent\'', 5)];
    expect(texts(reassembleAll(entries))).toEqual(['      INFO   Waiting for application startup.', '   WARNING   slow search: 1790 ms for q=\'tent\'']);
  });
});
