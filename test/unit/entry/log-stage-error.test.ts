// A failed stage is one ERROR line in Cloud Logging's shape that Error Reporting takes as an event.
import { Capture } from '../../support/capture.js';
import { createLogger, logStageError } from '../../../src/shared/logger.js';

describe('logStageError', () => {
  it('writes severity ERROR, a message that starts with the stage and reason, and the ReportedErrorEvent fields', () => {
    const out = new Capture();
    const logger = createLogger({ level: 'info', destination: out }).child({ runId: 'run-1' });
    logStageError(logger, { stage: 'source', message: 'Cloud Logging refused to read logs of project p (PERMISSION_DENIED)' }, { name: 'log-gardener', version: '0.1.0' }, 'grant roles/logging.viewer');
    const line = JSON.parse(out.text.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({
      severity: 'ERROR',
      message: 'source failed: Cloud Logging refused to read logs of project p (PERMISSION_DENIED)',
      '@type': 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent',
      serviceContext: { service: 'log-gardener', version: '0.1.0' },
      context: { reportLocation: { functionName: 'sweep.source' } },
      stage: 'source',
      fix: 'grant roles/logging.viewer',
      runId: 'run-1',
    });
  });
});
