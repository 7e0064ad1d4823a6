// quote-plumber: R 4.4, plumber 1.2, RPostgres, the `logger` package. The morning revision leaves
// plumber's default error handler, which prints the condition (`<simpleError in call: message>`) and
// answers 500, beside logger's default layout (`LEVEL [Y-m-d H:M:S] msg`); the later revision sets
// `log_layout(layout_json())` and an error handler (`pr_set_error`) that logs the failed request through
// log_error: the same errors, printed another way. R's deferred warnings (`Warning message:` then
// `In call : text`) and a failed start (`Error in ... :` / `Calls:` / `Execution halted`) are R's own.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { ymdHms } from './clock.js';
import { familyOf } from './family.js';

const S = 'quote-plumber';
const fam = familyOf(S);

function logger(ctx: Ctx, level: 'INFO' | 'WARN' | 'ERROR', msg: string): Write {
  if (ctx.rev === 0) return { stream: 'stdout', text: `${level} [${ymdHms(ctx.t)}] ${msg}` };
  return {
    stream: 'stdout',
    json: { time: ymdHms(ctx.t), level, ns: 'global', ans: 'global', topenv: 'R_GlobalEnv', fn: 'handler', node: 'localhost', arch: 'x86_64', os_name: 'Linux', os_release: '6.1.0', os_version: '#1 SMP', pid: 1, user: 'root', msg },
  };
}

/** A request's error: plumber's print of the condition in the morning, log_error's record after. */
function requestError(ctx: Ctx, path: string, condition: string, call: string, message: string): Write {
  if (ctx.rev === 0) return { stream: 'stdout', text: `<${condition} in ${call}: ${message}>` };
  return logger(ctx, 'ERROR', `POST ${path} failed: ${message}`);
}

export const quotePlumber: ServiceDef = {
  name: S, stack: 'R 4.4, plumber 1.2, RPostgres 1.4, logger 0.3', splitRate: 0.74,
  families: [
    fam('premium-frame-rows', 'ERROR', [10, 28], (ctx) => [requestError(ctx, '/quote', 'simpleError', 'data.frame(premium = premium, term = term)',
      `arguments imply differing number of rows: ${ctx.rng.int(1, 3)}, 0`)]),
    fam('pg-connection-refused', 'ERROR', [6, 18], (ctx) => {
      const ip = `10.50.0.${ctx.rng.int(2, 9)}`;
      return [requestError(ctx, '/quote', 'Rcpp::exception', 'connection_create(names(opts), as.vector(opts), check_interrupts)',
        `connection to server at "${ip}", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n`)];
    }, 0.3),
    // R's own deferred warning, two lines, the first naming no problem; frequent and real (bad input reaches the model).
    fam('age-coercion-warning', 'WARNING', [80, 220], (ctx) => [{ stream: 'stderr', text: `Warning message:\nIn quote_premium(age = req$args$${ctx.rng.pick(['age', 'driver_age'])}) : NAs introduced by coercion` }]),
    // The model file failing to load at start: the process ends (labelled CRITICAL), then Cloud Run's exit line.
    fam('model-load-failed', 'CRITICAL', [1, 3], () => [
      { stream: 'stderr', text: 'Error in readRDS("/app/model/pricing.rds") : error reading from connection\nCalls: <Anonymous> ... sourceUTF8 -> eval -> eval -> eval -> eval -> readRDS\nExecution halted' },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: `${S}:container-exit`, level: 'WARNING' } },
    ]),
    fam('quotes', 'INFO', [250, 500], (ctx) => [logger(ctx, 'INFO', `POST /quote 200 ${ctx.rng.int(8, 300)}ms quote=${ctx.rng.int(10000, 99999)} errors=0`)]),
  ],
};
