// Monolog's LineFormatter writes `%message% %context% %extra%`: when the message is an exception with its
// trace (Craft CMS's stream log, craftcms/cms#10659; Magento's system.log), the context and extra land after
// the trace's last frame: `#8 {main} {"memory":59469102} `, `#33 {main} [] []`. Cloud Run stores each line
// as an entry of its own: the last frame stays the trace's, and the trace reads the same either way.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { PHP_FRAME } from '../../../src/source/trace-lines.js';
import { cloudRunLines, texts } from '../../support/cloud-run-lines.js';
import { expectWhole } from '../../support/expect-whole.js';

const { split } = cloudRunLines('stderr');
const OTHER_LINES = ['GET /healthz 200 1ms', 'worker 3 idle', 'GET /healthz 200 2ms'];

const craft = (lastFrame: string) => [
  '2026-12-12 01:04:10 [web.ERROR] [yii\\db\\Exception] PDOException: SQLSTATE[HY000] [2002] Connection timed out in /app/vendor/yiisoft/yii2/db/Connection.php:648',
  'Stack trace:',
  "#0 /app/vendor/yiisoft/yii2/db/Connection.php(648): PDO->__construct('mysql:host=10.2...', 'craft', Object(SensitiveParameterValue), Array)",
  '#1 /app/vendor/craftcms/cms/src/db/Connection.php(219): yii\\db\\Connection->open()',
  '#2 /app/vendor/yiisoft/yii2/db/Command.php(1305): craft\\db\\Connection->open()',
  lastFrame,
].join('\n');

describe("PHP's last frame with Monolog's context after it", () => {
  it.each([
    ["Craft's memory context", '#3 {main} {"memory":59469102} '],
    ['an empty context and extra', '#3 {main} [] []'],
    ['a context and an empty extra', '#3 {main} {"exception":"[object] (PDOException(code: 2002))"} []'],
    ['no context at all', '#3 {main}'],
  ])('is the last frame: %s', (_why, frame) => {
    expect(PHP_FRAME.test(frame)).toBe(true);
    expectWhole(craft(frame), OTHER_LINES);
  });

  it('is no frame when words follow it', () => {
    expect(PHP_FRAME.test('#3 {main} and then the worker restarted')).toBe(false);
  });

  it('keeps the next record apart', () => {
    const next = '2026-12-12 01:04:11 [web.INFO] [craft\\web\\Application::handleRequest] Request handled {"memory":1200}';
    const lines = [...split(craft('#3 {main} {"memory":59469102} '), 0), ...split(next, 400)];
    expect(texts(reassembleAll(lines))).toEqual([craft('#3 {main} {"memory":59469102} '), next]);
  });
});
