// Python tracebacks as a FastAPI backend prints them: library frames from site-packages around the
// application's own frames under /app/netra_backend/app. Line numbers are fixed per frame (the code does
// not move within a day); the values in the messages vary.
import type { EmitContext } from '../family-spec.js';

const SITE = '/usr/local/lib/python3.11/site-packages';

const frame = (file: string, line: number, fn: string, code: string): string =>
  `  File "${file}", line ${line}, in ${fn}\n    ${code}`;

const ASGI_FRAMES = [
  frame(`${SITE}/starlette/middleware/errors.py`, 164, '__call__', 'await self.app(scope, receive, _send)'),
  frame(`${SITE}/starlette/routing.py`, 74, 'app', 'response = await func(request)'),
  frame(`${SITE}/fastapi/routing.py`, 301, 'app', 'raw_response = await run_endpoint_function('),
  frame(`${SITE}/fastapi/routing.py`, 212, 'run_endpoint_function', 'return await dependant.call(**values)'),
];

const ROUTE_FRAMES = [
  frame('/app/netra_backend/app/routes/threads.py', 118, 'list_threads', 'async with get_request_scoped_db_session(request) as db:'),
  frame('/app/netra_backend/app/routes/messages.py', 64, 'post_message', 'async with get_request_scoped_db_session(request) as db:'),
  frame('/app/netra_backend/app/routes/agents.py', 91, 'get_agent', 'async with get_request_scoped_db_session(request) as db:'),
];

/** sqlalchemy OperationalError raised while opening a request's database session. */
export function sqlalchemyOperationalError(ctx: EmitContext): string {
  const { rng, secrets } = ctx;
  const host = `10.52.${rng.int(0, 7)}.${rng.int(2, 250)}`;
  const dsn = `postgresql://netra:${rng.pick(secrets.dbPasswords)}@${host}:5432/netra_staging`;
  const reason = rng.chance(0.7)
    ? `connection to server at "${host}", port 5432 failed: timeout expired`
    : `connection to server at "${host}", port 5432 failed: server closed the connection unexpectedly`;
  return [
    `Database session failed after ${rng.fixed(5, 30, 1)}s (dsn=${dsn})`,
    'Traceback (most recent call last):',
    ...ASGI_FRAMES,
    rng.pick(ROUTE_FRAMES),
    frame('/app/netra_backend/app/dependencies.py', 87, 'get_request_scoped_db_session', 'async with database_manager.session() as session:'),
    frame('/app/netra_backend/app/db/database_manager.py', 142, 'session', 'await session.execute(text("SELECT 1"))'),
    frame(`${SITE}/sqlalchemy/ext/asyncio/session.py`, 461, 'execute', 'result = await greenlet_spawn('),
    frame(`${SITE}/sqlalchemy/engine/base.py`, 3302, 'raw_connection', 'return self.pool.connect()'),
    frame(`${SITE}/sqlalchemy/engine/default.py`, 621, 'connect', 'return self.loaded_dbapi.connect(*cargs, **cparams)'),
    frame(`${SITE}/psycopg2/__init__.py`, 122, 'connect', 'conn = _connect(dsn, connection_factory=connection_factory, **kwasync)'),
    `sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) ${reason}`,
    '\tIs the server running on that host and accepting TCP/IP connections?',
    '',
    '(Background on this error at: https://sqlalche.me/e/20/e3q8)',
  ].join('\n');
}

const AGENTS = ['triage_agent', 'data_helper_agent', 'optimizations_core_agent', 'reporting_agent', 'actions_to_meet_goals_agent'];

/** KeyError from the application's agent registry, raised inside a background task. */
export function agentRegistryKeyError(ctx: EmitContext): string {
  const { rng } = ctx;
  return [
    `Agent execution failed for run run_${rng.hex(24)} (thread ${rng.uuid()})`,
    'Traceback (most recent call last):',
    frame('/usr/local/lib/python3.11/asyncio/tasks.py', 277, '__step', 'result = coro.send(None)'),
    frame(`${SITE}/anyio/_backends/_asyncio.py`, 859, 'run', 'result = context.run(func, *args)'),
    frame('/app/netra_backend/app/agents/supervisor/execution_engine.py', 188, 'execute_pipeline', 'result = await self._run_step(step, state)'),
    frame('/app/netra_backend/app/agents/supervisor/execution_engine.py', 241, '_run_step', 'handler = self.registry[step.agent_name]'),
    frame('/app/netra_backend/app/agents/registry.py', 64, '__getitem__', 'return self._agents[name]'),
    `KeyError: '${rng.pick(AGENTS)}'`,
  ].join('\n');
}

/** A ValueError traceback for Error Reporting's ReportedErrorEvent (message holds the whole trace). */
export function runIdValueError(runId: string): string {
  return [
    'Traceback (most recent call last):',
    ...ASGI_FRAMES.slice(2),
    frame('/app/netra_backend/app/routes/runs.py', 112, 'get_run_status', 'run_uuid = parse_run_id(run_id)'),
    frame('/app/netra_backend/app/core/ids.py', 29, 'parse_run_id', 'raise ValueError(f"Invalid run_id format: {value!r}")'),
    `ValueError: Invalid run_id format: '${runId}'`,
  ].join('\n');
}
