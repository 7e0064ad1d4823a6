// Messages Cloud Run itself writes (varlog/system and request aborts), the same for every kind of service.
import type { EmitContext, FamilySpec } from '../family-spec.js';
import { httpRequest } from '../http-request.js';

export interface PlatformOptions {
  /** Memory limit of the service's instances, in MiB. */
  memoryMiB: number;
  /** A request path (with query) of the service, for aborted requests. */
  requestPath(ctx: EmitContext): { method: string; path: string };
}

const ABORT = 'The request was aborted because there was no available instance. Additional troubleshooting '
  + 'documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#abort-request';
const AUTOSCALING = 'Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors '
  + '(e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.';

export function platformFamilies(opts: PlatformOptions): FamilySpec[] {
  return [
    {
      name: 'platform-no-available-instance',
      per3k: 36,
      // Traffic spikes: three short bursts.
      spans: [[0.385, 0.41], [0.62, 0.645], [0.905, 0.93]],
      emit: (ctx) => {
        const { method, path } = opts.requestPath(ctx);
        return {
          stream: 'requests', severity: 'ERROR', textPayload: ABORT, traced: true,
          httpRequest: httpRequest(ctx, { method, pathAndQuery: path, status: 500, latency: [9.5, 10.1], responseSize: 0 }),
        };
      },
    },
    {
      name: 'platform-memory-limit-exceeded',
      per3k: 9,
      emit: (ctx) => {
        const used = opts.memoryMiB + ctx.rng.int(3, Math.round(opts.memoryMiB * 0.12));
        return {
          stream: 'varlog/system', severity: 'ERROR', traced: false,
          textPayload: `Memory limit of ${opts.memoryMiB} MiB exceeded with ${used} MiB used. Consider increasing the `
            + 'memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits',
        };
      },
    },
    {
      name: 'platform-container-exit',
      per3k: 11,
      emit: (ctx) => ({
        stream: 'varlog/system', severity: 'WARNING', traced: false,
        textPayload: `Container called exit(${ctx.rng.weighted([[1, 8], [3, 1], [137, 1]])}).`,
      }),
    },
    {
      name: 'platform-app-exec-failed',
      per3k: 4,
      emit: () => ({ stream: 'varlog/system', severity: 'ERROR', traced: false, textPayload: 'Application exec likely failed' }),
    },
    {
      name: 'platform-startup-probe-failed',
      per3k: 5,
      emit: (ctx) => ({
        stream: 'varlog/system', severity: 'ERROR', traced: false,
        textPayload: 'Default STARTUP TCP probe failed 1 time '
          + `consecutively for container "${ctx.service.container}" on port ${ctx.service.port}. The instance was not started.`,
      }),
    },
    {
      name: 'info-instance-started',
      per3k: 0,
      noiseWeight: 1.5,
      emit: () => ({ stream: 'varlog/system', severity: 'INFO', traced: false, textPayload: AUTOSCALING }),
    },
    {
      name: 'info-startup-probe-succeeded',
      per3k: 0,
      noiseWeight: 1.5,
      emit: (ctx) => ({
        stream: 'varlog/system', severity: 'INFO', traced: false,
        textPayload: `Default STARTUP TCP probe succeeded after ${ctx.rng.int(1, 2)} attempt for container `
          + `"${ctx.service.container}" on port ${ctx.service.port}.`,
      }),
    },
    {
      name: 'info-instance-shutdown',
      per3k: 0,
      noiseWeight: 0.6,
      emit: () => ({ stream: 'varlog/system', severity: 'INFO', traced: false, textPayload: 'Shutting down user disabled instance' }),
    },
  ];
}
