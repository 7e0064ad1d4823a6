// forms-ci4: PHP 8.3, CodeIgniter 4 with MySQLi, its file log handler pointed at stderr. Every record is
// `LEVEL - Y-m-d H:i:s --> message`; an exception CodeIgniter catches is logged at `critical` with the
// message, `in FILE on line N.` and the numbered trace (`1 SYSTEMPATH/...(575): ...`), one write that
// Cloud Run stores line by line: the trace lines have no header and name no error. The morning revision
// runs 4.4 (the bare message), the later one 4.5 (the exception's class before the message and a
// `[Method: POST, Route: ...]` line). PHP warnings become ErrorException and are logged the same way.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { ymdHms } from './clock.js';
import { familyOf } from './family.js';

const SERVICE = 'forms-ci4';
const fam = familyOf(SERVICE);

function line(ctx: Ctx, level: string, msg: string): Write {
  return { stream: 'stderr', text: `${level} - ${ymdHms(ctx.t)} --> ${msg}` };
}

/** CodeIgniter's log of a caught exception in the revision's version. */
function critical(ctx: Ctx, cls: string, message: string, route: string, at: string, frames: string[]): Write {
  const pad = String(frames.length).length;
  const trace = frames.map((f, i) => `${String(i + 1).padStart(pad, ' ')} ${f}`).join('\n');
  const head = ctx.rev === 0 ? message : `${cls}: ${message}\n[Method: POST, Route: ${route}]`;
  return line(ctx, 'CRITICAL', `${head}\n${at}\n${trace}`);
}

const runner = [
  'SYSTEMPATH/CodeIgniter.php(943): CodeIgniter\\CodeIgniter->runController(Object(App\\Controllers\\Forms))',
  'SYSTEMPATH/CodeIgniter.php(503): CodeIgniter\\CodeIgniter->handleRequest(null, Object(Config\\Cache), false)',
  'SYSTEMPATH/CodeIgniter.php(361): CodeIgniter\\CodeIgniter->run()',
  'FCPATH/index.php(79): CodeIgniter\\CodeIgniter->run()',
];

export const formsCi4: ServiceDef = {
  name: SERVICE,
  stack: 'PHP 8.3, CodeIgniter 4.4 then 4.5, MySQL 8 (mysqli)',
  splitRate: 0.78,
  families: [
    fam('stored', 'INFO', [300, 480], (ctx) => [line(ctx, 'INFO', `Form "${ctx.rng.pick(['contact', 'quote', 'newsletter'])}" submission ${ctx.rng.int(10000, 99999)} stored, 0 validation errors`)]),
    fam('export', 'INFO', [20, 40], (ctx) => [line(ctx, 'INFO', `Nightly CSV export wrote ${ctx.rng.int(100, 4000)} rows (errors: 0)`)]),
    fam('db-too-many-connections', 'CRITICAL', [8, 22], (ctx) => [critical(ctx, 'CodeIgniter\\Database\\Exceptions\\DatabaseException',
      'Unable to connect to the database.\nMain connection [MySQLi]: Too many connections', 'forms/(:segment)',
      'in SYSTEMPATH/Database/BaseConnection.php on line 428.', [
        'SYSTEMPATH/Database/BaseConnection.php(575): CodeIgniter\\Database\\BaseConnection->initialize()',
        'SYSTEMPATH/Database/BaseBuilder.php(2308): CodeIgniter\\Database\\BaseConnection->query(\'INSERT INTO `submissions` (`form`, `email`, `payload`) VALUES (:form:, :email:, :payload:)\', [...], false)',
        'SYSTEMPATH/Model.php(330): CodeIgniter\\Database\\BaseBuilder->insert()',
        'SYSTEMPATH/BaseModel.php(788): CodeIgniter\\Model->doInsert([...])',
        `APPPATH/Controllers/Forms.php(${ctx.rng.pick([62, 62, 63])}): CodeIgniter\\BaseModel->insert([...])`,
        ...runner,
      ])], 0.35),
    fam('undefined-email-key', 'CRITICAL', [6, 16], (ctx) => [critical(ctx, 'ErrorException', 'Undefined array key "email"', 'forms/(:segment)',
      'in APPPATH/Controllers/Forms.php on line 57.', [
        'APPPATH/Controllers/Forms.php(57): CodeIgniter\\Debug\\Exceptions->errorHandler(2, \'Undefined array key "email"\', \'/var/www/html/app/Controllers/Forms.php\', 57)',
        'SYSTEMPATH/CodeIgniter.php(943): App\\Controllers\\Forms->submit(\'newsletter\')',
        ...runner.slice(1),
      ])]),
    fam('csrf-rejected', 'CRITICAL', [15, 45], (ctx) => [critical(ctx, 'CodeIgniter\\Security\\Exceptions\\SecurityException', 'The action you requested is not allowed.', 'forms/(:segment)',
      'in SYSTEMPATH/Security/Security.php on line 262.', [
        'SYSTEMPATH/Filters/CSRF.php(52): CodeIgniter\\Security\\Security->verify(Object(CodeIgniter\\HTTP\\IncomingRequest))',
        'SYSTEMPATH/Filters/Filters.php(184): CodeIgniter\\Filters\\CSRF->before(Object(CodeIgniter\\HTTP\\IncomingRequest), null)',
        'SYSTEMPATH/CodeIgniter.php(475): CodeIgniter\\Filters\\Filters->run(\'forms/contact\', \'before\')',
        ...runner.slice(2),
      ])]),
    // Frequent and real: the mail relay defers confirmations.
    fam('smtp-deferred', 'WARNING', [70, 190], (ctx) => [line(ctx, 'WARNING',
      `Email: unable to send confirmation for submission ${ctx.rng.int(10000, 99999)}, will retry: 421 4.7.0 Try again later, closing connection.`)]),
  ],
};
