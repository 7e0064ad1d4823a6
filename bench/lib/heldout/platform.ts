// What Cloud Run itself writes about a service's instances. Each message is given to one service
// here, so that a problem is never split by service in the ground truth.
import type { Family } from './spec.js';
import { request } from './spec.js';

export const platform: Family[] = [
  {
    name: 'pf-memory-limit', service: 'inference', count: 19,
    emit: (t) => {
      const limit = t.rng.pick([2048, 4096]);
      return {
        stream: 'varlog/system', severity: 'ERROR',
        textPayload: `Memory limit of ${limit} MiB exceeded with ${limit + t.rng.int(1, 400)} MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits`,
      };
    },
  },
  {
    name: 'pf-no-instance', service: 'storefront', count: 45,
    emit: (t) => ({
      stream: 'requests', severity: 'ERROR',
      textPayload: 'The request was aborted because there was no available instance. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#abort-request',
      httpRequest: request(t, t.rng.pick(['GET', 'POST']), `https://storefront-5x2kqv3p4a-uc.a.run.app/api/v1/carts/${t.rng.uuid()}`, t.rng.pick([429, 500]), [0.5, 10]),
    }),
  },
  {
    name: 'pf-startup-probe', service: 'billing', count: 12,
    emit: (t) => ({
      stream: 'varlog/system', severity: 'ERROR',
      textPayload: `Default STARTUP TCP probe failed 1 time consecutively for container "billing-1" on port 8080. The instance was not started.\nConnection failed with status DEADLINE_EXCEEDED.`,
    }),
  },
  {
    name: 'pf-failed-to-listen', service: 'billing', count: 5,
    emit: (t) => ({
      stream: 'varlog/system', severity: 'ERROR',
      textPayload: `Ready condition status changed to False for Revision ${t.revision} with message: The user-provided container failed to start and listen on the port defined provided by the PORT=8080 environment variable within the allocated timeout. This can happen when the container port is misconfigured or if the timeout is too short. The health check timeout can be extended. Logs for this revision might contain more information.`,
    }),
  },
  {
    name: 'pf-signal-6', service: 'inference', count: 9,
    emit: (t) => {
      const pid = t.rng.int(2, 90);
      return { stream: 'varlog/system', severity: 'ERROR', textPayload: `Uncaught signal: 6, pid=${pid}, tid=${pid}, fault_addr=0.` };
    },
  },
  {
    name: 'pf-exit', service: 'ledger', count: 14,
    emit: (t) => ({ stream: 'varlog/system', severity: 'WARNING', textPayload: `Container called exit(${t.rng.pick([1, 2, 137])}).` }),
  },
  {
    name: 'pf-request-timeout', service: 'inference', count: 17,
    emit: (t) => ({
      stream: 'requests', severity: 'ERROR',
      textPayload: 'The request has been terminated because it has reached the maximum request timeout. To change this limit, see https://cloud.google.com/run/docs/configuring/request-timeout',
      httpRequest: request(t, 'POST', 'https://inference-q3x9zk2lda-uc.a.run.app/v1/generate', 504, [300, 300.2]),
    }),
  },
  {
    name: 'pf-noise-autoscale', service: 'ledger', count: 60, noise: true,
    emit: () => ({
      stream: 'varlog/system', severity: 'INFO',
      textPayload: 'Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.',
    }),
  },
];
