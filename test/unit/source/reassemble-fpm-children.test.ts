// php-fpm (catch_workers_output) writes each line a worker wrote as a warning of its own, naming the
// child: `[28-Aug-2026 15:20:21] WARNING: [pool www] child 184 said into stderr: "Stack trace:"`. Several
// children serve requests at once on one instance, and what else the container writes to the same
// stream (a logger writing to the container's stderr directly) lands between their lines: each child's
// lines are a stream of their own, as a process manager's programs are, so a trace joins whole.
import { describe, expect, it } from '@jest/globals';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, texts } from '../../support/cloud-run-lines.js';

const { line } = cloudRunLines('stderr');

const fpm = (child: number, l: string) => `[28-Aug-2026 15:20:21] WARNING: [pool www] child ${child} said into stderr: "${l}"`;
// As pasted in linuxfabrik/monitoring-plugins' php-fpm-log documentation (a fatal error through php-fpm).
const CHILD_184 = [
  'NOTICE: PHP message: PHP Fatal error:  Uncaught Error: Call to undefined function undefined_function_call() in /srv/fatal.php:3',
  'Stack trace:',
  '#0 {main}',
  '  thrown in /srv/fatal.php on line 3',
].map((l) => fpm(184, l));
// PHP's uncaught exception with getTraceAsString() frames, through the same wrapper from another child.
const CHILD_191 = [
  'NOTICE: PHP message: PHP Fatal error:  Uncaught TypeError: App\\Support\\Money::fromMinor(): Argument #1 ($amount) must be of type int, string given',
  'Stack trace:',
  "#0 /srv/app/Jobs/Settle.php(64): App\\Support\\Money::fromMinor('12001')",
  '#1 {main}',
  '  thrown in /srv/app/Support/Money.php on line 18',
].map((l) => fpm(191, l));
const OTHER_WRITER = '2026-08-28T15:20:21+00:00 INFO (6): Invoice 37418 finalized {"invoice":37418}';

describe("php-fpm's children, each a stream of its own", () => {
  it("joins a child's trace whole when another writer's line lands in it, 1.5 ms apart, in both time orders", () => {
    const lines = [...CHILD_184.slice(0, 2), OTHER_WRITER, ...CHILD_184.slice(2)];
    const entries = lines.map((t, i) => line(t, 1500 * i));
    for (const input of [entries, [...entries].reverse()]) {
      expect(new Set(texts(reassembleAll(input)))).toEqual(new Set([CHILD_184.join('\n'), OTHER_WRITER]));
    }
  });

  it("joins two children's traces apart when their lines interleave", () => {
    const lines: string[] = [];
    for (let i = 0; i < Math.max(CHILD_184.length, CHILD_191.length); i++) {
      if (i < CHILD_184.length) lines.push(CHILD_184[i]!);
      if (i < CHILD_191.length) lines.push(CHILD_191[i]!);
    }
    const entries = lines.map((t, i) => line(t, 700 * i));
    for (const input of [entries, [...entries].reverse()]) {
      expect(new Set(texts(reassembleAll(input)))).toEqual(new Set([CHILD_184.join('\n'), CHILD_191.join('\n')]));
    }
  });
});
