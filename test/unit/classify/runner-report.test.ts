// A script runner's report that its script failed (classify/runner-report.ts), as each runner prints it.
import { describe, expect, it } from '@jest/globals';
import { isRunnerReport } from '../../../src/classify/runner-report.js';

describe('isRunnerReport', () => {
  it.each([
    // npm 10 (google/ground-platform#1862; formbricks/formbricks#4477), one write or a line of it.
    'npm error Lifecycle script `migrate` failed with error:\nnpm error code 1\nnpm error path /app\nnpm error workspace portal@1.0.0\nnpm error location /app\nnpm error command failed\nnpm error command sh -c prisma migrate deploy',
    'npm error code 1\nnpm error path /workspace\nnpm error command failed\nnpm error command sh -c npm run build --workspace=../lib',
    'npm error command failed',
    'npm error command sh -c node server.js',
    'npm error A complete log of this run can be found in: /root/.npm/_logs/2024-06-19T15_40_22_695Z-debug-0.log',
    'npm error signal SIGTERM',
    // npm 7-9 (npm/cli#2990, google/wireit#123).
    'npm ERR! Lifecycle script `test` failed with error:\nnpm ERR! Error: command failed\nnpm ERR!   in workspace: package1@1.0.0\nnpm ERR!   at location: D:\\temp\\temp4\\root\\package1',
    'npm ERR!   in workspace: package-a@0.0.0',
    // npm 6 (depcheck/depcheck#221, HashLips/generative-art-node#43).
    'npm ERR! code ELIFECYCLE\nnpm ERR! errno 1\nnpm ERR! hello@1.0.0 check: `npm-check --specials bin,webpack`\nnpm ERR! Exit status 1',
    'npm ERR! Failed at the art_generator@1.0.0 build script.',
    'npm ERR! This is probably not a problem with npm. There is likely additional logging output above.',
    // pnpm and yarn 1 (Enchoseon/2based2wait#93 as titled).
    ' ELIFECYCLE  Command failed with exit code 1.',
    'ELIFECYCLE Command failed with exit code 1.',
    'error Command failed with exit code 1.',
  ])('%j is a runner reporting its script failed', (text) => {
    expect(isRunnerReport(text)).toBe(true);
  });

  it.each([
    // npm's own failures name a code of letters: a problem of their own.
    'npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/nope - Not found',
    'npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree',
    'npm error code ENOENT\nnpm error syscall open',
    'npm notice New minor version of npm available! 10.8.2 -> 10.9.2',
    'npm warn config production Use `--omit=dev` instead.',
    // The command's own error, and words that only resemble the report.
    "Error: P1001: Can't reach database server at `localhost:5432`",
    'command failed: exit status 1',
    'error Command not found',
    'the script reported: npm error code 1',
  ])('%j is not', (text) => {
    expect(isRunnerReport(text)).toBe(false);
  });

  it('looks at a bounded head of a long first line', () => {
    expect(isRunnerReport(`npm error ${'x'.repeat(200_000)}`)).toBe(false);
  });
});
