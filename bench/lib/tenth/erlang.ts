// router-cowboy: Erlang/OTP 27, cowboy 2.12, with OTP's logger on its default handler. The morning
// revision keeps the default formatter (`legacy_header => true`): a `=ERROR REPORT==== date ===` line
// that names no error, then the message (cowboy formats its request-process exit with `~999999p`, so the
// reason and stacktrace come on one long line). The later revision sets `single_line => true,
// legacy_header => false` with the template `time level: msg`. Crash reports of gen_servers keep their
// indented `crasher:` block in the morning and are flattened to one line after.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { otpLegacy, otpRfc3339 } from './clock.js';
import { familyOf } from './family.js';

const S = 'router-cowboy';
const fam = familyOf(S);

const REPORT: Record<'info' | 'warning' | 'error', string> = { info: 'INFO REPORT', warning: 'WARNING REPORT', error: 'ERROR REPORT' };

/** One logger event; `lines` are the multi-line rendering, flattened with single spaces after the rollout. */
function event(ctx: Ctx, level: 'info' | 'warning' | 'error', lines: string[], report = REPORT[level]): Write {
  if (ctx.rev === 0) return { stream: 'stdout', text: `=${report}==== ${otpLegacy(ctx.t)} ===\n${lines.join('\n')}` };
  return { stream: 'stdout', text: `${otpRfc3339(ctx.t)} ${level}: ${lines.map((l) => l.trim()).join(' ')}` };
}

const pid = (ctx: Ctx): string => `<0.${ctx.rng.int(300, 90000)}.0>`;
const COWBOY_TAIL = '{cowboy_handler,execute,2,[{file,"/app/_build/default/lib/cowboy/src/cowboy_handler.erl"},{line,37}]},{cowboy_stream_h,execute,3,[{file,"/app/_build/default/lib/cowboy/src/cowboy_stream_h.erl"},{line,310}]},{cowboy_stream_h,request_process,3,[{file,"/app/_build/default/lib/cowboy/src/cowboy_stream_h.erl"},{line,299}]},{proc_lib,init_p_do_apply,3,[{file,"proc_lib.erl"},{line,329}]}';

/** cowboy's report for a request process that exited with `reason`. */
const requestExit = (ctx: Ctx, reason: string, stack: string): string =>
  `Ranch listener http, connection process ${pid(ctx)}, stream ${ctx.rng.int(1, 40)} had its request process ${pid(ctx)} exit with reason ${reason} and stacktrace [${stack},${COWBOY_TAIL}]`;

export const routerCowboy: ServiceDef = {
  name: S, stack: 'Erlang/OTP 27, cowboy 2.12, ranch 2.1, OTP logger', splitRate: 0.72,
  families: [
    // Two different exits behind cowboy's one sentence: two problems.
    fam('shard-id-badarg', 'ERROR', [10, 30], (ctx) => [event(ctx, 'error', [requestExit(ctx, 'badarg',
      `{erlang,binary_to_integer,[<<"${ctx.rng.pick(['12a', 'null', '', '0x1f'])}">>],[{error_info,#{module => erl_erts_errors}}]},{route_handler,init,2,[{file,"/app/src/route_handler.erl"},{line,23}]}`)])], 0.2),
    fam('route-store-call-timeout', 'ERROR', [6, 20], (ctx) => {
      const key = `<<"/v2/${ctx.rng.pick(['orders', 'carts', 'quotes'])}/${ctx.rng.int(1000, 99999)}">>`;
      return [event(ctx, 'error', [requestExit(ctx, `{timeout,{gen_server,call,[route_store,{lookup,${key}},5000]}}`,
        '{gen_server,call,3,[{file,"gen_server.erl"},{line,1142}]},{route_handler,init,2,[{file,"/app/src/route_handler.erl"},{line,31}]}')])];
    }),
    // The store itself crashing: a crash report, with its own error kind.
    fam('route-store-crash-badmatch', 'ERROR', [2, 6], (ctx) => [event(ctx, 'error', [
      '  crasher:',
      '    initial call: route_store:init/1',
      `    pid: ${pid(ctx)}`,
      '    registered_name: route_store',
      '    exception error: no match of right hand side value {error,enoent}',
      '      in function  route_store:load_table/1 (/app/src/route_store.erl, line 88)',
      '      in call from route_store:handle_info/2 (/app/src/route_store.erl, line 54)',
      '      in call from gen_server:try_handle_info/3 (gen_server.erl, line 2173)',
      '    ancestors: [router_sup,<0.288.0>]',
      '    message_queue_len: 0',
      '    messages: []',
      '    links: [<0.289.0>]',
      '    dictionary: []',
      '    trap_exit: false',
      '    status: running',
      `    heap_size: ${ctx.rng.int(2000, 80000)}`,
      '    stack_size: 28',
      `    reductions: ${ctx.rng.int(10000, 9000000)}`,
      '  neighbours:',
    ], 'CRASH REPORT')]),
    fam('backend-slow', 'WARNING', [80, 220], (ctx) => [event(ctx, 'warning', [`backend ${ctx.rng.pick(['orders-api', 'quotes-api', 'carts-api'])}-${ctx.rng.int(1, 6)} slow: ${ctx.rng.int(800, 5000)} ms over 750 ms budget, ejecting for 30 s`])]),
    fam('routed', 'INFO', [250, 500], (ctx) => [event(ctx, 'info', [`routed GET /v2/${ctx.rng.pick(['orders', 'carts', 'quotes'])} -> backend-${ctx.rng.int(1, 6)} in ${ctx.rng.int(2, 200)} ms, errors=0`])]),
  ],
};
