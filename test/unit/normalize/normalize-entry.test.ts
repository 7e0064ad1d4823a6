import { describe, expect, it } from '@jest/globals';
import type { Entry, RawEntry } from '../../../src/shared/types.js';
import { normalizeEntry } from '../../../src/normalize/index.js';

// Shapes as `gcloud logging read --format=json` prints them for a Cloud Run service.
const resource = {
  type: 'cloud_run_revision',
  labels: {
    service_name: 'netra-backend-staging',
    revision_name: 'netra-backend-staging-00042-abc',
    location: 'us-central1',
    project_id: 'netra-staging',
    configuration_name: 'netra-backend-staging',
  },
};
const common = {
  insertId: '68c35a3e000a1b2c3d4e5f60',
  logName: 'projects/netra-staging/logs/run.googleapis.com%2Fstderr',
  receiveTimestamp: '2025-09-11T23:16:22.412345678Z',
  resource,
  timestamp: '2025-09-11T23:16:22.301234Z',
};
const time = Date.UTC(2025, 8, 11, 23, 16, 22, 301);

function entry(raw: RawEntry): Entry {
  const out = normalizeEntry(raw);
  if ('skip' in out) throw new Error(`skipped: ${out.skip}`);
  return out;
}

const nodeStack = [
  "TypeError: Cannot read properties of undefined (reading 'id')",
  '    at getThread (/app/dist/threads/service.js:42:17)',
  '    at async /app/dist/threads/routes.js:18:5',
].join('\n');
const pythonStack = [
  'Traceback (most recent call last):',
  '  File "/app/netra_backend/app/routes/websocket.py", line 120, in websocket_endpoint',
  '    await manager.connect(ws)',
  '  File "/app/netra_backend/app/websocket/manager.py", line 88, in connect',
  '    raise RuntimeError("app_state not ready")',
  'RuntimeError: app_state not ready',
].join('\n');
const javaStack = [
  'java.lang.IllegalStateException: pool exhausted',
  '\tat com.netra.db.Pool.borrow(Pool.java:77)',
  '\tat com.netra.api.Handler.handle(Handler.java:31)',
  'Caused by: java.net.SocketTimeoutException: connect timed out',
  '\t... 12 more',
].join('\n');
const goStack = [
  'panic: runtime error: invalid memory address or nil pointer dereference',
  '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6b4f2a]',
  '',
  'goroutine 42 [running]:',
  'main.(*Server).handle(0x0, {0x7f0, 0xc000})',
  '\t/app/server.go:57 +0x2a',
].join('\n');

const cases: Array<{ name: string; raw: RawEntry; expected: Partial<Entry> }> = [
  // textPayload
  {
    name: 'textPayload, one line',
    raw: { ...common, severity: 'WARNING', textPayload: 'Session access failed (middleware not installed?): SessionMiddleware must be installed' },
    expected: { kind: 'text', severity: 'WARNING', text: 'Session access failed (middleware not installed?): SessionMiddleware must be installed' },
  },
  {
    name: 'textPayload with an email',
    raw: { ...common, severity: 'WARNING', textPayload: '🔑 USER AUTO-CREATED: Created user jane.doe@cornell.edu from JWT' },
    expected: { kind: 'text', text: '🔑 USER AUTO-CREATED: Created user ***@cornell.edu from JWT' },
  },
  {
    name: 'textPayload, Python traceback',
    raw: { ...common, severity: 'ERROR', textPayload: `Exception in ASGI application\n${pythonStack}\n` },
    expected: { kind: 'stack', text: `Exception in ASGI application\n${pythonStack}`, errorType: 'RuntimeError' },
  },
  {
    name: 'textPayload, Node stack',
    raw: { ...common, severity: 'ERROR', textPayload: nodeStack },
    expected: { kind: 'stack', text: nodeStack, errorType: 'TypeError' },
  },
  {
    name: 'textPayload, Java stack with Caused by',
    raw: { ...common, severity: 'ERROR', textPayload: javaStack },
    expected: { kind: 'stack', errorType: 'java.lang.IllegalStateException' },
  },
  {
    name: 'textPayload, Go panic',
    raw: { ...common, severity: 'ERROR', textPayload: goStack },
    expected: { kind: 'stack', errorType: 'panic' },
  },
  {
    name: 'textPayload with CRLF and trailing blank lines',
    raw: { ...common, textPayload: 'line one\r\nline two\r\n\r\n' },
    expected: { kind: 'text', text: 'line one\nline two' },
  },
  // jsonPayload
  {
    name: 'jsonPayload.message',
    raw: { ...common, severity: 'CRITICAL', jsonPayload: { message: "RACE CONDITION DETECTED: Startup phase 'no_app_state' did not reach 'services' within 1.2s" } },
    expected: { kind: 'text', severity: 'CRITICAL', text: "RACE CONDITION DETECTED: Startup phase 'no_app_state' did not reach 'services' within 1.2s" },
  },
  {
    name: 'jsonPayload.msg (pino)',
    raw: { ...common, severity: 'ERROR', jsonPayload: { level: 50, msg: 'upstream closed', pid: 1, hostname: 'x' } },
    expected: { kind: 'text', text: 'upstream closed' },
  },
  {
    name: 'jsonPayload.event (structlog)',
    raw: { ...common, severity: 'ERROR', jsonPayload: { event: 'db pool exhausted', logger: 'db' } },
    expected: { text: 'db pool exhausted' },
  },
  {
    name: 'message + stack_trace',
    raw: { ...common, severity: 'ERROR', jsonPayload: { message: 'Unhandled error in websocket', stack_trace: pythonStack } },
    expected: { kind: 'stack', text: `Unhandled error in websocket\n${pythonStack}`, errorType: 'RuntimeError' },
  },
  {
    name: 'message + exception string (python-json-logger)',
    raw: { ...common, severity: 'ERROR', jsonPayload: { message: 'handler failed', exc_info: pythonStack } },
    expected: { kind: 'stack', text: `handler failed\n${pythonStack}` },
  },
  {
    name: 'message + stack that repeats the message',
    raw: { ...common, severity: 'ERROR', jsonPayload: { message: "Cannot read properties of undefined (reading 'id')", stack: nodeStack } },
    expected: { kind: 'stack', text: nodeStack },
  },
  {
    name: 'nested error object (pino err)',
    raw: { ...common, severity: 'ERROR', jsonPayload: { msg: 'request failed', err: { type: 'TypeError', message: "Cannot read properties of undefined (reading 'id')", stack: nodeStack } } },
    expected: { kind: 'stack', text: `request failed\n${nodeStack}`, errorType: 'TypeError' },
  },
  {
    name: 'error object without a message at the top',
    raw: { ...common, severity: 'ERROR', jsonPayload: { error: { name: 'MongoServerError', message: 'E11000 duplicate key', code: 11000 } } },
    expected: { kind: 'text', text: 'E11000 duplicate key', errorType: 'MongoServerError' },
  },
  {
    name: 'error as a string',
    raw: { ...common, severity: 'ERROR', jsonPayload: { message: 'fetch to auth service failed', error: 'connect ECONNREFUSED 10.0.0.4:443' } },
    expected: { text: 'fetch to auth service failed\nconnect ECONNREFUSED 10.0.0.4:443' },
  },
  {
    name: 'error with a string code',
    raw: { ...common, severity: 'ERROR', jsonPayload: { message: 'upstream', error: { code: 'ECONNRESET', message: 'socket hang up' } } },
    expected: { text: 'upstream\nsocket hang up', errorType: 'ECONNRESET' },
  },
  {
    name: 'Google API error shape',
    raw: { ...common, severity: 'ERROR', jsonPayload: { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } } },
    expected: { text: 'The caller does not have permission', errorType: 'PERMISSION_DENIED' },
  },
  {
    name: 'explicit exception type field',
    raw: { ...common, severity: 'ERROR', jsonPayload: { message: 'boom', exception_type: 'sqlalchemy.exc.OperationalError' } },
    expected: { text: 'boom', errorType: 'sqlalchemy.exc.OperationalError' },
  },
  {
    name: 'stack as an array of frames',
    raw: { ...common, severity: 'ERROR', jsonPayload: { message: 'Error: x', stack: ['Error: x', '    at f (/app/a.js:1:2)'] } },
    expected: { kind: 'stack', text: 'Error: x\n    at f (/app/a.js:1:2)', errorType: 'Error' },
  },
  {
    name: 'message nested one level down',
    raw: { ...common, severity: 'ERROR', jsonPayload: { data: { msg: 'quota exceeded for tenant 7' } } },
    expected: { text: 'quota exceeded for tenant 7' },
  },
  {
    name: 'message that is itself an object',
    raw: { ...common, severity: 'ERROR', jsonPayload: { message: { text: 'inner text' } } },
    expected: { text: 'inner text' },
  },
  {
    name: 'numeric message',
    raw: { ...common, jsonPayload: { message: 42 } },
    expected: { text: '42' },
  },
  {
    name: 'payload without a message: its fields, secrets blanked',
    raw: { ...common, severity: 'ERROR', jsonPayload: { op: 'sync', user: 'kim@cornell.edu', token: 'abc', 'logging.googleapis.com/trace': 'projects/p/traces/1' } },
    expected: { text: '{"op":"sync","user":"***@cornell.edu","token":"[REDACTED]"}' },
  },
  {
    name: 'password inside a structured message',
    raw: { ...common, severity: 'ERROR', jsonPayload: { message: 'db connect failed for postgres://app:Sup3rS3cret@10.1.2.3/main' } },
    expected: { text: 'db connect failed for postgres://app:[REDACTED]@10.1.2.3/main' },
  },
  // Error Reporting
  {
    name: 'ReportedErrorEvent with a stack',
    raw: {
      ...common,
      severity: 'ERROR',
      jsonPayload: {
        '@type': 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent',
        serviceContext: { service: 'netra-backend-staging', version: '00042' },
        message: nodeStack,
        context: { user: 'lee@cornell.edu', httpRequest: { method: 'GET', url: '/api/threads/1' } },
      },
    },
    expected: { kind: 'stack', text: nodeStack, errorType: 'TypeError' },
  },
  {
    name: 'ReportedErrorEvent, Python',
    raw: {
      ...common,
      severity: 'ERROR',
      jsonPayload: { '@type': 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent', message: pythonStack },
    },
    expected: { kind: 'stack', errorType: 'RuntimeError' },
  },
  {
    name: 'ReportedErrorEvent with only a reportLocation',
    raw: {
      ...common,
      severity: 'ERROR',
      jsonPayload: {
        '@type': 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent',
        message: 'ValueError: thread id must be positive',
        context: { reportLocation: { filePath: 'app/threads.py', lineNumber: 31, functionName: 'get_thread' } },
      },
    },
    expected: { kind: 'stack', text: 'ValueError: thread id must be positive\n    at get_thread (app/threads.py:31)', errorType: 'ValueError' },
  },
  {
    name: 'another @type names the payload',
    raw: { ...common, severity: 'ERROR', jsonPayload: { '@type': 'type.googleapis.com/netra.errors.QuotaExceeded', message: 'quota' } },
    expected: { text: 'quota', errorType: 'QuotaExceeded' },
  },
  // request logs
  {
    name: '502 request log',
    raw: {
      ...common,
      severity: 'ERROR',
      logName: 'projects/netra-staging/logs/run.googleapis.com%2Frequests',
      httpRequest: {
        requestMethod: 'GET',
        requestUrl: 'https://netra-backend-staging-abc123-uc.a.run.app/api/threads/123?token=abc&user=x@y.com',
        status: 502,
        latency: '0.532143s',
        userAgent: 'Mozilla/5.0',
        remoteIp: '203.0.113.7',
        protocol: 'HTTP/1.1',
      },
      trace: 'projects/netra-staging/traces/4bf92f3577b34da6a3ce929d0e0e4736',
    },
    expected: { kind: 'request', text: 'GET /api/threads/123 502', request: { method: 'GET', path: '/api/threads/123', status: 502, latencyMs: 532.143 } },
  },
  {
    name: '404 request log without severity',
    raw: { ...common, httpRequest: { requestMethod: 'post', requestUrl: '/api/users/ann@cornell.edu/avatar', status: 404 } },
    expected: { kind: 'request', severity: 'WARNING', text: 'POST /api/users/***@cornell.edu/avatar 404', request: { method: 'POST', path: '/api/users/***@cornell.edu/avatar', status: 404 } },
  },
  {
    name: 'request log with protobuf latency and no URL',
    raw: { ...common, httpRequest: { requestMethod: 'GET', status: 503, latency: { seconds: 2, nanos: 500000000 } } },
    expected: { kind: 'request', severity: 'ERROR', text: 'GET / 503', request: { method: 'GET', path: '/', status: 503, latencyMs: 2500 } },
  },
  {
    name: 'request with a message is a text entry',
    raw: { ...common, severity: 'ERROR', httpRequest: { requestMethod: 'GET', requestUrl: '/x', status: 500 }, jsonPayload: { message: 'handler crashed' } },
    expected: { kind: 'text', text: 'handler crashed' },
  },
  {
    name: 'request with a token in the path',
    raw: { ...common, httpRequest: { requestMethod: 'GET', requestUrl: '/reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig0123', status: 500 } },
    expected: { kind: 'request', text: 'GET /reset/[REDACTED] 500' },
  },
  {
    name: 'odd method',
    raw: { ...common, httpRequest: { requestMethod: 'G E T', requestUrl: 'no-slash', status: 500 } },
    expected: { kind: 'request', text: 'UNKNOWN /no-slash 500' },
  },
  // audit logs
  {
    name: 'audit log status',
    raw: {
      ...common,
      severity: 'ERROR',
      protoPayload: {
        '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
        methodName: 'google.cloud.run.v1.Services.ReplaceService',
        status: { code: 7, message: 'Permission denied on resource project netra-staging.' },
        authenticationInfo: { principalEmail: 'deployer@netra-staging.iam.gserviceaccount.com' },
      },
    },
    expected: { kind: 'text', text: 'google.cloud.run.v1.Services.ReplaceService: Permission denied on resource project netra-staging.' },
  },
];

describe('normalizeEntry: payload shapes', () => {
  it.each(cases)('$name', ({ raw, expected }) => {
    const out = entry(raw);
    expect(out).toMatchObject(expected);
  });

  it('fills time, service and revision from the entry', () => {
    const out = entry({ ...common, severity: 'ERROR', textPayload: 'x' });
    expect(out).toEqual({
      time,
      severity: 'ERROR',
      service: 'netra-backend-staging',
      revision: 'netra-backend-staging-00042-abc',
      kind: 'text',
      text: 'x',
    });
  });

  it('sets request only on request entries and errorType only when named', () => {
    const out = entry({ ...common, textPayload: 'plain' });
    expect('request' in out).toBe(false);
    expect('errorType' in out).toBe(false);
  });

  it('redacts the error type too', () => {
    const out = entry({ ...common, jsonPayload: { message: 'x', error: { name: 'a@b.co', message: 'y' } } });
    expect(out.errorType).toBeUndefined();
    const named = entry({ ...common, jsonPayload: { message: 'x', errorType: 'AuthError' } });
    expect(named.errorType).toBe('AuthError');
  });
});

describe('normalizeEntry: skips', () => {
  it.each([
    { name: 'null', raw: null, skip: 'not an object' },
    { name: 'a number', raw: 42, skip: 'not an object' },
    { name: 'a string', raw: '{"textPayload":"x"}', skip: 'not an object' },
    { name: 'an array', raw: [common], skip: 'not an object' },
    { name: 'no timestamp', raw: { textPayload: 'x' }, skip: 'no timestamp' },
    { name: 'bad timestamp', raw: { timestamp: 'soon', textPayload: 'x' }, skip: 'no timestamp' },
    { name: 'no payload', raw: { ...common }, skip: 'no message' },
    { name: 'blank text', raw: { ...common, textPayload: ' \n\t ' }, skip: 'no message' },
    { name: 'only NUL bytes', raw: { ...common, textPayload: '\u0000\u0000' }, skip: 'no message' },
    { name: 'empty jsonPayload', raw: { ...common, jsonPayload: {} }, skip: 'no message' },
    { name: 'jsonPayload with only metadata', raw: { ...common, jsonPayload: { '@type': 'x', severity: 'ERROR', message: '' } }, skip: 'no message' },
    { name: 'jsonPayload not an object', raw: { ...common, jsonPayload: 'text' }, skip: 'no message' },
    { name: 'httpRequest not an object', raw: { ...common, httpRequest: 'GET /' }, skip: 'no message' },
  ])('$name -> $skip', ({ raw, skip }) => {
    expect(normalizeEntry(raw as RawEntry)).toEqual({ skip });
  });
});

describe('normalizeEntry: lines set aside before the message', () => {
  const crash = [
    'node:internal/process/promises:289',
    '            triggerUncaughtException(err, true /* fromPromise */);',
    '            ^',
    '',
    'AxiosError: Request failed with status code 503',
    '    at settle (/app/node_modules/axios/lib/core/settle.js:19:12)',
  ].join('\n');

  it('keeps Node\'s throw site as the entry\'s lead, apart from its text', () => {
    const entry = normalizeEntry({ timestamp: '2025-09-11T10:00:00Z', textPayload: crash }) as Entry;
    expect(entry.text.startsWith('AxiosError: Request failed')).toBe(true);
    expect(entry.lead).toBe(crash.split('\n').slice(0, 3).join('\n'));
  });

  it('has no lead when nothing was set aside, or only a one-line header', () => {
    for (const textPayload of ['AxiosError: Request failed with status code 503', '2025-09-11 10:00:00,123 - app - ERROR - boom']) {
      expect((normalizeEntry({ timestamp: '2025-09-11T10:00:00Z', textPayload }) as Entry).lead).toBeUndefined();
    }
  });
});
