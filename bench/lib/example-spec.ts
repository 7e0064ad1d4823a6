// The parameters of the bundled example (examples/cloud-run-backend-day.*): shared by the script that
// writes it and the tests that check it, so a change to one is a change to both.
export const EXAMPLE_SEED = 20250911;
export const EXAMPLE_COUNT = 3000;
export const EXAMPLE_START = '2025-09-11T00:00:00Z';
export const EXAMPLE_END = '2025-09-12T00:00:00Z';
/** Entries in the gcloud-format slice (the newest ones, newest first). */
export const SLICE_COUNT = 300;
export const EXAMPLE_BASENAME = 'cloud-run-backend-day';

/** The multi-service fixture (test/fixtures/logs/multi-service.jsonl): the four service shapes, problem-dense. */
export const MULTI_SERVICE_OPTIONS = {
  seed: 7,
  count: 400,
  problemScale: 4,
  start: '2025-09-11T00:00:00Z',
  end: '2025-09-12T00:00:00Z',
  services: ['netra-backend-staging', 'netra-gateway-staging', 'netra-worker-staging', 'netra-billing-staging'],
} as const;
export const MULTI_SERVICE_BASENAME = 'multi-service';
