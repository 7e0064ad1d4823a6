// One request's records joined by its trace id (the companion tests of the file sweep, `classify` and Log
// Analytics read the same entries). A FastAPI service logs through OpenTelemetry's logging instrumentation
// (its default format puts `trace_id=… span_id=…` in every record, uvicorn's access log included: the ASGI
// middleware's send span is the request's trace), on stderr. Two requests fail on one instance at once:
// the quote handler logs its error, retries its partner for 2.4 s, and answers 500; the stock handler's
// error is written a millisecond before the quote's access line, and its own access line two after. Each
// access line is its own request's record: it counts under its request's error, not under the error
// written nearest to it. Cloud Run's request log of the same requests (same trace, no instance) stays its
// own problem.
export const START = Date.parse('2026-12-05T10:00:00Z');
const INSTANCE = '00bf4bf02d0e7c1aa3c2e95b1d7f4a60e8c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6';
const resource = { type: 'cloud_run_revision', labels: { service_name: 'quotes', revision_name: 'quotes-00007-kex', location: 'europe-west1', project_id: 'shop-prod' } };
const stderr = 'projects/shop-prod/logs/run.googleapis.com%2Fstderr';
const stdout = 'projects/shop-prod/logs/run.googleapis.com%2Fstdout';
const requests = 'projects/shop-prod/logs/run.googleapis.com%2Frequests';

const iso = (ms: number): string => new Date(ms).toISOString();
/** Python logging's asctime: `2026-12-05 10:00:02,400`. */
const asctime = (ms: number): string => iso(ms).replace('T', ' ').replace('.', ',').slice(0, 23);
/** Hex digits drawn from `n` (a trace or span id of its own for each n). */
const hex = (n: number, width: number): string =>
  [2654435761, 2246822519, 3266489917, 668265263].map((m) => (Math.imul(n, m) >>> 0).toString(16).padStart(8, '0')).join('').slice(0, width);

export interface Written { insertId: string; [key: string]: unknown }

/**
 * How the service writes: `text`, the instrumentation's format on stderr; `json`, google-cloud-logging's
 * StructuredLogHandler on stdout (a JSON line with `severity` and the request's
 * `logging.googleapis.com/trace`, which Cloud Run lifts into the LogEntry's `trace`).
 */
export type Shape = 'text' | 'json';

/** A record in the instrumentation's default format (opentelemetry-instrumentation-logging's DEFAULT_LOGGING_FORMAT). */
function record(id: string, ms: number, level: string, logger: string, where: string, trace: string, span: number, message: string, shape: Shape): Written {
  if (shape === 'json') {
    return {
      insertId: id, timestamp: iso(ms), logName: stdout, resource, labels: { instanceId: INSTANCE }, severity: level,
      trace: `projects/shop-prod/traces/${trace}`, spanId: hex(span, 16),
      jsonPayload: { message, logger, 'logging.googleapis.com/sourceLocation': { file: where.split(':')[0], line: where.split(':')[1] } },
    };
  }
  return {
    insertId: id, timestamp: iso(ms), logName: stderr, resource, labels: { instanceId: INSTANCE },
    textPayload: `${asctime(ms)} ${level} [${logger}] [${where}] [trace_id=${trace} span_id=${hex(span, 16)} resource.service.name=quotes trace_sampled=True] - ${message}`,
  };
}

/** Cloud Run's request log of a request: no instance wrote it, its trace in the entry. */
function requestLog(id: string, ms: number, method: string, path: string, trace: string): Written {
  return {
    insertId: id, timestamp: iso(ms), logName: requests, resource, severity: 'ERROR', trace: `projects/shop-prod/traces/${trace}`,
    httpRequest: { requestMethod: method, requestUrl: `https://quotes-kq3h2x7ufa-ew.a.run.app${path}`, status: 500, latency: '2.41s' },
  };
}

/**
 * `lone`: a third request fails alone in each round, its access record 1.2 s after its error with nothing
 * written between them (no neighbour in time: only the trace id joins them).
 */
export function entries(shape: Shape = 'text', lone = false): Written[] {
  const out: Written[] = [];
  // Structured, the access record of a 5xx is written at ERROR, as request-logging middleware does
  // (pino-http's and express-winston's status levels, structlog's and asgi-logger's recipes); uvicorn's own
  // access log writes INFO, which a sweep reads only from the text.
  const access = shape === 'json' ? 'ERROR' : 'INFO';
  for (let i = 0; i < 12; i++) {
    const t = START + i * 7 * 60_000;
    const [quote, stock] = [hex(2 * i + 1, 32), hex(2 * i + 2, 32)];
    out.push(record(`qe${i}`, t, 'ERROR', 'app.quotes', 'quotes.py:88', quote, 10 * i + 1, `quote for cart ${1000 + i} failed: partner answered 503, retrying`, shape));
    out.push(record(`se${i}`, t + 2_399, 'ERROR', 'app.stock', 'stock.py:41', stock, 10 * i + 2, `stock lookup for SKU-${200 + i} failed: connection reset by peer`, shape));
    out.push(record(`qa${i}`, t + 2_400, access, 'uvicorn.access', 'h11_impl.py:477', quote, 10 * i + 3, '169.254.1.1:0 - "POST /api/quote HTTP/1.1" 500', shape));
    out.push(record(`sa${i}`, t + 2_402, access, 'uvicorn.access', 'h11_impl.py:477', stock, 10 * i + 4, `169.254.1.1:0 - "GET /api/stock/SKU-${200 + i} HTTP/1.1" 500`, shape));
    out.push(requestLog(`qr${i}`, t + 2_401, 'POST', '/api/quote', quote));
    if (lone) {
      const tax = hex(1000 + i, 32);
      out.push(record(`te${i}`, t + 200_000, 'ERROR', 'app.tax', 'tax.py:17', tax, 10 * i + 5, `tax rate for region EU-${i % 3} unavailable: upstream timed out`, shape));
      out.push(record(`ta${i}`, t + 201_200, access, 'uvicorn.access', 'h11_impl.py:477', tax, 10 * i + 6, '169.254.1.1:0 - "GET /api/tax HTTP/1.1" 500', shape));
    }
  }
  return out;
}

