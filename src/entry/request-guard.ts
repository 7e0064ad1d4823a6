// Requests the function must refuse before the Functions Framework reads them: a body over the limit
// (413) and a body its JSON parser rejects (400), each answered in JSON with a one-line reason and
// without running a sweep. The framework parses the body (up to 1 GB) before the function runs, and
// sends its parser's errors to Express's default handler, an HTML page with a stack trace outside
// production; it offers no hook for them (GoogleCloudPlatform/functions-framework-nodejs#686). So the
// guard wraps where every request enters an Express app: `handle`, on the prototype the framework's
// own Express instance builds its app from, installed when the function's module loads (before the
// framework builds its server).
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Parameters fit in a few hundred bytes; 64 KiB leaves room and refuses what is no sweep request. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface Refusal {
  status: number;
  error: string;
}

type Handle = (this: unknown, req: IncomingMessage, res: ServerResponse, callback?: (error?: unknown) => void) => unknown;
interface ExpressModule {
  application: { handle: Handle; logGardenerGuard?: true };
}

/**
 * Installs the guard once per process; `onRefuse` hears each refusal (for the function's log).
 * Returns the check the function makes itself on a body read without a declared length (chunked):
 * true when it answered.
 */
export function guardRequests(onRefuse: (refusal: Refusal, req: IncomingMessage) => void): (req: ReadBody, res: ServerResponse) => boolean {
  const refuse = (refusal: Refusal, req: IncomingMessage, res: ServerResponse): void => {
    onRefuse(refusal, req);
    answer(res, refusal);
  };
  const fromFramework = createRequire(createRequire(import.meta.url).resolve('@google-cloud/functions-framework'));
  const app = (fromFramework('express') as ExpressModule).application;
  if (!app.logGardenerGuard) {
    app.logGardenerGuard = true;
    const handle = app.handle;
    app.handle = function guarded(req, res, callback) {
      if (declaredLength(req) > MAX_BODY_BYTES) {
        // Answered before the body is parsed; what the client still sends is read and dropped (closing
        // on a client that is still sending would cost it the answer).
        req.resume();
        return refuse(tooLarge(), req, res);
      }
      return handle.call(this, req, res, callback ?? ((error?: unknown) => refuse(refusalFor(error), req, res)));
    };
  }
  return (req, res) => {
    const read = req.rawBody;
    if (!Buffer.isBuffer(read) || read.length <= MAX_BODY_BYTES) return false;
    refuse(tooLarge(), req, res);
    return true;
  };
}

/** A request as the framework hands it over, with the body it read. */
type ReadBody = IncomingMessage & { rawBody?: unknown };

/** What Express's final handler would have said, as one line of JSON; never the error's stack. */
export function refusalFor(error: unknown): Refusal {
  if (error === undefined) return { status: 404, error: 'not found' };
  const { type, status, message } = (error ?? {}) as { type?: unknown; status?: unknown; message?: unknown };
  if (type === 'entity.parse.failed') return { status: 400, error: `the body is not valid JSON${where(message)}` };
  if (type === 'entity.too.large') return tooLarge();
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { status: 415, error: 'the body must be JSON in UTF-8 (Content-Type: application/json)' };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, error: `the request could not be read: ${typeof message === 'string' ? message.split('\n')[0] : 'bad request'}` };
  }
  return { status: 500, error: 'internal error while reading the request' };
}

function tooLarge(): Refusal {
  return { status: 413, error: `the body is larger than ${MAX_BODY_BYTES / 1024} KiB: a sweep takes only window, service, dryRun and now` };
}

function declaredLength(req: IncomingMessage): number {
  const value = Number(req.headers['content-length']);
  return Number.isFinite(value) ? value : 0;
}

/** The position of the syntax error, never the text around it (it is the caller's body). */
function where(message: unknown): string {
  const at = typeof message === 'string' ? /position (\d+)/.exec(message) : null;
  return at ? ` (at position ${at[1]})` : '';
}

function answer(res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent) return void res.end();
  const body = JSON.stringify({ error: refusal.error });
  res.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
