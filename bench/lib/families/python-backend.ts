// The FastAPI backend the demo shows (netra-backend-staging): its problems, its noise, and Cloud Run's.
import type { EmitContext, ServiceShape } from '../family-spec.js';
import { platformFamilies } from './platform.js';
import { pythonBackendNoise } from './python-backend-noise.js';
import { pythonBackendProblems } from './python-backend-problems.js';

function abortedPath(ctx: EmitContext): { method: string; path: string } {
  return ctx.rng.chance(0.6)
    ? { method: 'POST', path: `/api/threads/${ctx.rng.uuid()}/messages?stream=true` }
    : { method: 'GET', path: `/api/threads?limit=20&offset=${ctx.rng.int(0, 8) * 20}` };
}

export const pythonBackendShape: ServiceShape = {
  name: 'python-backend',
  families: [
    ...pythonBackendProblems,
    ...pythonBackendNoise,
    ...platformFamilies({ memoryMiB: 512, requestPath: abortedPath }),
  ],
};
