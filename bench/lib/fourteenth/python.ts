// insights-streamlit: a Streamlit 1.40 dashboard on Python 3.12 reading BigQuery into pandas. Streamlit's
// own logger prints `%(asctime)s %(message)s` (no level) until the rollout sets `logger.messageFormat` to
// `%(asctime)s %(levelname) -7s %(name)s: %(message)s`; the traceback follows the header line in the same
// write. asyncio's "Task exception was never retrieved" goes through logging's last resort (no time, no
// level), and pandas' FutureWarning through `warnings` (file:line: Category: message, then the source line).
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { dotMillis } from './clock.js';

const SVC = 'insights-streamlit';
const SITE = '/usr/local/lib/python3.12/site-packages';

/** Streamlit's logger line: bare on the morning revision, with level and logger name after. */
function streamlitLine(ctx: Ctx, level: string, name: string, msg: string): string {
  return ctx.rev === 0 ? `${dotMillis(ctx.t)} ${msg}` : `${dotMillis(ctx.t)} ${level.padEnd(7)} ${name}: ${msg}`;
}

const scriptFrames = (page: string, line: number, code: string): string[] => [
  'Traceback (most recent call last):',
  `  File "${SITE}/streamlit/runtime/scriptrunner/exec_code.py", line 88, in exec_func_with_error_handling`,
  '    result = func()',
  '             ^^^^^^',
  `  File "${SITE}/streamlit/runtime/scriptrunner/script_runner.py", line 579, in code_to_exec`,
  '    exec(code, module.__dict__)',
  `  File "/app/pages/${page}", line ${line}, in <module>`,
  `    ${code}`,
];

function bigqueryForbidden(rng: Prng): string[] {
  const table = rng.pick(['sales.orders', 'sales.refunds', 'marketing.campaign_spend']);
  const project = 'quillmere-analytics';
  return [
    ...scriptFrames('1_Sales.py', 27, 'df = load_orders(region, start, end)'),
    '         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    `  File "${SITE}/streamlit/runtime/caching/cache_utils.py", line 217, in __call__`,
    '    return self._get_or_create_cached_value(args, kwargs, spinner_message)',
    `  File "${SITE}/streamlit/runtime/caching/cache_utils.py", line 259, in _get_or_create_cached_value`,
    '    return self._handle_cache_miss(cache, value_key, func_args, func_kwargs)',
    `  File "${SITE}/streamlit/runtime/caching/cache_utils.py", line 318, in _handle_cache_miss`,
    '    computed_value = self._info.func(*func_args, **func_kwargs)',
    '  File "/app/lib/queries.py", line 41, in load_orders',
    '    return client.query(sql, job_config=cfg).to_dataframe()',
    `  File "${SITE}/google/cloud/bigquery/job/query.py", line 2053, in to_dataframe`,
    '    query_result = wait_for_query(self, progress_bar, max_results=max_results)',
    `  File "${SITE}/google/cloud/bigquery/_tqdm_helpers.py", line 107, in wait_for_query`,
    '    return query_job.result(max_results=max_results)',
    `  File "${SITE}/google/cloud/bigquery/job/query.py", line 1681, in result`,
    '    while not is_job_done():',
    `  File "${SITE}/google/api_core/retry/retry_unary.py", line 293, in retry_wrapped_func`,
    '    return retry_target(',
    `  File "${SITE}/google/api_core/retry/retry_unary.py", line 153, in retry_target`,
    '    _retry_error_helper(',
    `  File "${SITE}/google/cloud/bigquery/job/query.py", line 1630, in is_job_done`,
    '    raise job_failed_exception',
    `google.api_core.exceptions.Forbidden: 403 Access Denied: Table ${project}:${table}: User does not have permission to query table ${project}:${table}, or perhaps it does not exist.; reason: accessDenied, message: Access Denied: Table ${project}:${table}: User does not have permission to query table ${project}:${table}, or perhaps it does not exist.`,
    '',
    'Location: EU',
    `Job ID: ${rng.uuid()}`,
  ];
}

function regionKeyError(_rng: Prng): string[] {
  const col = 'region';
  return [
    'Traceback (most recent call last):',
    `  File "${SITE}/pandas/core/indexes/base.py", line 3805, in get_loc`,
    '    return self._engine.get_loc(casted_key)',
    '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    '  File "index.pyx", line 167, in pandas._libs.index.IndexEngine.get_loc',
    '  File "index.pyx", line 196, in pandas._libs.index.IndexEngine.get_loc',
    '  File "pandas/_libs/hashtable_class_helper.pxi", line 7081, in pandas._libs.hashtable.PyObjectHashTable.get_item',
    '  File "pandas/_libs/hashtable_class_helper.pxi", line 7089, in pandas._libs.hashtable.PyObjectHashTable.get_item',
    `KeyError: '${col}'`,
    '',
    'The above exception was the direct cause of the following exception:',
    '',
    ...scriptFrames('2_Forecast.py', 33, `by_region = df["${col}"].value_counts()`),
    '                ~~^^^^^^^^^^',
    `  File "${SITE}/pandas/core/frame.py", line 4102, in __getitem__`,
    '    indexer = self.columns.get_loc(key)',
    '              ^^^^^^^^^^^^^^^^^^^^^^^^^',
    `  File "${SITE}/pandas/core/indexes/base.py", line 3812, in get_loc`,
    '    raise KeyError(key) from err',
    `KeyError: '${col}'`,
  ];
}

const uncaught = (name: string, frames: (rng: Prng) => string[]): Family => ({
  name: `${SVC}:${name}`, level: 'ERROR', perDay: [10, 35], burst: 0.2,
  emit: (ctx) => [{ stream: 'stderr', text: [streamlitLine(ctx, 'ERROR', 'streamlit.error_util', 'Uncaught app exception'), ...frames(ctx.rng)].join('\n') }],
});

/** A browser tab closed while the server wrote to its websocket: asyncio reports the dropped task. */
const websocketClosed: Family = {
  name: `${SVC}:websocket-closed-task-exception`, level: 'ERROR', perDay: [15, 50],
  emit: ({ rng }) => [{
    stream: 'stderr',
    text: [
      'Task exception was never retrieved',
      `future: <Task finished name='Task-${rng.int(1000, 99999)}' coro=<WebSocketProtocol13.write_message.<locals>.wrapper() done, defined at ${SITE}/tornado/websocket.py:1086> exception=WebSocketClosedError()>`,
      'Traceback (most recent call last):',
      `  File "${SITE}/tornado/websocket.py", line 1088, in wrapper`,
      '    await fut',
      'tornado.iostream.StreamClosedError: Stream is closed',
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      `  File "${SITE}/tornado/websocket.py", line 1090, in wrapper`,
      '    raise WebSocketClosedError()',
      'tornado.websocket.WebSocketClosedError',
    ].join('\n'),
  }],
};

const observedWarning: Family = {
  name: `${SVC}:pandas-observed-futurewarning`, level: 'WARNING', perDay: [120, 260],
  emit: () => [{
    stream: 'stderr',
    text: '/app/pages/2_Forecast.py:48: FutureWarning: The default of observed=False is deprecated and will be changed to True in a future version of pandas. Pass observed=False to retain current behavior or observed=True to adopt the future default and silence this warning.\n'
      + '  pivot = df.pivot_table(index="week", columns="segment", values="revenue", aggfunc="sum")',
  }],
};

const queryChatter: Family = {
  name: `noise:${SVC}:query-stats`, level: 'INFO', perDay: [220, 400],
  emit: (ctx) => [{
    stream: 'stderr',
    text: streamlitLine(ctx, 'INFO', 'app', `query ${ctx.rng.pick(['sales.orders', 'sales.refunds', 'marketing.campaign_spend'])} region=${ctx.rng.pick(['EMEA', 'AMER', 'APAC'])} rows=${ctx.rng.int(200, 90000)} bytes_billed=${ctx.rng.int(1, 90) * 10485760} cache_hit=${ctx.rng.pick(['true', 'false'])} errors=0`),
  }],
};

const startChatter: Family = {
  name: `noise:${SVC}:startup`, level: 'INFO', perDay: [4, 12],
  emit: ({ rng }) => [{ stream: 'stdout', text: `\n  You can now view your Streamlit app in your browser.\n\n  URL: http://0.0.0.0:8080\n` }, ...(rng.chance(0.5) ? [{ stream: 'stdout', text: '  Stopping...' } satisfies Write] : [])],
};

export const insightsStreamlit: ServiceDef = {
  name: SVC, stack: 'Python 3.12, Streamlit 1.40, pandas 2.2, google-cloud-bigquery 3', splitRate: 0.75,
  families: [uncaught('bigquery-forbidden', bigqueryForbidden), uncaught('region-keyerror', regionKeyError), websocketClosed, observedWarning, queryChatter, startChatter],
};
