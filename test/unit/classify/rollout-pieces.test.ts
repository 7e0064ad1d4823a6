// A rollout that changes a service's formatter writes the same traceback in other lines: loguru's
// default sink with `backtrace`/`diagnose` (a `>` before the frame that caught it, the values of the
// names under each source line: Delgan/loguru#1152 as pasted) in the morning, a sink with
// `backtrace=False, diagnose=False` and `{name}:{function}:{line}` in its format after. A cluster reads
// its lines from its first records; a traceback of the new revision cut before its exception line must
// still find the records of its revision that hold it, and one cut before the frames that tell two
// errors apart must still find neither.
import { createClassifier } from '../../../src/classify/index.js';
import { MAX_LINE_RECORDS } from '../../../src/classify/record-lines.js';
import type { Entry } from '../../../src/shared/types.js';

const T0 = Date.UTC(2026, 11, 10, 0, 0, 0);
const SP = '/usr/local/lib/python3.12/site-packages';
const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
  time: T0, severity: 'ERROR', service: 'quotes', revision: 'quotes-00001-abc', kind: 'stack', text, ...over,
});

// uvicorn's `Exception in ASGI application` over the frames every FastAPI request passes through
// (fastapi/fastapi#5303), then the endpoint's own: two problems under one head.
const ASGI: Array<[string, string]> = [
  [`${SP}/uvicorn/protocols/http/httptools_impl.py", line 409, in run_asgi`, 'result = await app(  # type: ignore[func-returns-value]'],
  [`${SP}/starlette/middleware/errors.py", line 187, in __call__`, 'raise exc'],
  [`${SP}/fastapi/routing.py", line 212, in run_endpoint_function`, 'return await dependant.call(**values)'],
];
const SUMMARY: Array<[string, string]> = [
  ['/app/app/routes/summaries.py", line 28, in summarise_quote', 'completion = await client.chat.completions.create('],
  [`${SP}/openai/_base_client.py", line 1612, in _request`, 'raise APIConnectionError(request=request) from err'],
];
const CREATE: Array<[string, string]> = [
  ['/app/app/routes/quotes.py", line 41, in create_quote', 'conn = await asyncpg.connect(settings.database_url)'],
  [`${SP}/asyncpg/connect_utils.py", line 1007, in _connect_addr`, 'await connected'],
];
const SUMMARY_LAST = 'openai.APIConnectionError: Connection error.';
const CREATE_LAST = 'asyncpg.exceptions.TooManyConnectionsError: sorry, too many clients already';

/** loguru's traceback with `diagnose`: blank lines, `>` on the first frame, a value under it. */
function diagnosed(frames: Array<[string, string]>, last: string, n: number): string {
  const out = ['Exception in ASGI application', 'Traceback (most recent call last):', ''];
  frames.forEach(([at, src], i) => {
    out.push(`${i === 0 ? '>' : ' '} File "${at}`, `    ${src}`);
    if (i === 0) out.push(`    └ <uvicorn.middleware.proxy_headers.ProxyHeadersMiddleware object at 0x7f${(n * 7919).toString(16).padStart(10, '0')}>`);
    out.push('');
  });
  return [...out, last].join('\n');
}

/** The same traceback after the rollout: the sink's location before the message, plain frames. */
const plain = (frames: Array<[string, string]>, last: string): string => [
  'uvicorn.protocols.http.httptools_impl:run_asgi:414 Exception in ASGI application', 'Traceback (most recent call last):',
  ...frames.flatMap(([at, src]) => [`  File "${at}`, `    ${src}`]), last].join('\n');

const MORNING = 'quotes-00001-abc';
const AFTER = 'quotes-00002-xyz';

function day() {
  const c = createClassifier();
  const add = (text: string, revision: string, i: number) => c.add(entry(text, { revision, time: T0 + i * 1000 }));
  // More morning records than a cluster reads lines from, then the new revision's.
  const n = 2 * MAX_LINE_RECORDS;
  for (let i = 0; i < n; i++) {
    add(diagnosed([...ASGI, ...SUMMARY], SUMMARY_LAST, i), MORNING, i);
    add(diagnosed([...ASGI, ...CREATE], CREATE_LAST, i + n), MORNING, i);
  }
  for (let i = 0; i < n; i++) {
    add(plain([...ASGI, ...SUMMARY], SUMMARY_LAST), AFTER, 3 * n + i);
    add(plain([...ASGI, ...CREATE], CREATE_LAST), AFTER, 3 * n + i);
  }
  const idOf = (text: string): string => c.resolve(c.add(entry(text, { revision: AFTER }))).id;
  const summary = idOf(plain([...ASGI, ...SUMMARY], SUMMARY_LAST));
  const create = idOf(plain([...ASGI, ...CREATE], CREATE_LAST));
  const cut = (text: string) => c.add(entry(text, { revision: AFTER, piece: true, time: T0 + 10 * n * 1000 }));
  return { c, summary, create, cut };
}

describe('a traceback of a new revision cut before its exception line', () => {
  it('the two problems stay two', () => {
    const { summary, create } = day();
    expect(summary).not.toBe(create);
  });

  it.each([
    ['after the endpoint\'s frame', 1, 'summary'],
    ['after the client\'s frame', 2, 'summary'],
  ] as const)('cut %s joins the problem whose records hold its frames', (_name, keep, which) => {
    const { c, summary, create, cut } = day();
    const piece = cut(plain([...ASGI, ...SUMMARY.slice(0, keep)], '').trimEnd());
    expect(c.resolve(piece).id).toBe(which === 'summary' ? summary : create);
  });

  it('cut in the other endpoint\'s frame joins that one', () => {
    const { c, create, cut } = day();
    const piece = cut(plain([...ASGI, ...CREATE.slice(0, 1)], '').trimEnd());
    expect(c.resolve(piece).id).toBe(create);
  });

  it('cut in the frames both pass through joins neither (it could be either)', () => {
    const { c, summary, create, cut } = day();
    const piece = cut(plain(ASGI.slice(0, 2), '').trimEnd());
    expect([summary, create]).not.toContain(c.resolve(piece).id);
  });
});
