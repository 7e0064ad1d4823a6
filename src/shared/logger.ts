// The gardener's own logs: pino, JSON lines on stdout in the shape Cloud Logging reads (`severity`,
// `message`), written synchronously (an instance can be frozen right after the response, and async
// buffers would lose the last lines), and passed through the same redaction as the logs we read.
import { pino, type DestinationStream, type Logger } from 'pino';
import { redact, redactValue, withholdSecretLines, withholdSecrets } from '../normalize/index.js';
import type { StageError } from './types.js';

const SEVERITY: Record<string, string> = {
  trace: 'DEBUG', debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR', fatal: 'CRITICAL',
};

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout (sync) by default. Tests pass a stream to read them back. */
  destination?: DestinationStream;
  base?: Record<string, unknown>;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      messageKey: 'message',
      base: options.base ?? {},
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ severity: SEVERITY[label] ?? 'DEFAULT' }),
        // Redacted, then the last outgoing check (a value shaped like a secret is withheld, never written).
        log: (object) => withholdSecrets(redactValue(object)) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((arg) => (typeof arg === 'string' ? withholdSecretLines(redact(arg)) : arg));
          return method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

export type { Logger };

// Error Reporting takes a log line as an error event when it carries this @type; without a stack
// trace it needs `context.reportLocation` instead. Its message starts with the stage and the reason.
const REPORTED_ERROR_EVENT = 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent';

/** One failed stage at ERROR, in the shape Cloud Logging filters (`severity>=ERROR`) and Error Reporting groups. */
export function logStageError(logger: Logger, error: StageError, service: { name: string; version: string }, fix?: string): void {
  logger.error(
    {
      '@type': REPORTED_ERROR_EVENT,
      serviceContext: { service: service.name, version: service.version },
      context: { reportLocation: { filePath: 'src/sweep.ts', lineNumber: 1, functionName: `sweep.${error.stage}` } },
      stage: error.stage,
      ...(fix ? { fix } : {}),
    },
    `${error.stage} failed: ${error.message}`,
  );
}
