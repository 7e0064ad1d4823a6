#!/usr/bin/env node
import { main } from '../dist/src/entry/cli.js';
import { keepHeapNearLive } from '../dist/src/entry/heap-growth.js';

keepHeapNearLive();

// `log-gardener classify FILE | head`: the reader went away, which is how a pipe ends, not a failure.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), process.env);
