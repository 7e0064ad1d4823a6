// The command line: argv -> a sweep or a classification -> stdout/stderr and an exit code.
// 0 done, 1 the run failed, 2 bad usage, bad config or unreadable input (one line on stderr).
import { writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Env } from '../config/load-settings.js';
import { ConfigError, InputError, oneLine } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import { classifyFile, type InputFormat } from './classify-file.js';
import { runSweepRequest } from './run-sweep.js';
import { USAGE } from './usage.js';

export interface Io {
  stdout: Writable;
  stderr: Writable;
}

export async function main(argv: string[], env: Env, io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [command, ...rest] = argv;
  const print = (text: string, code: number, stream: Writable = io.stdout) => {
    stream.write(text.endsWith('\n') ? text : text + '\n');
    return code;
  };
  try {
    if (command === 'sweep') return await sweep(rest, env, io);
    if (command === 'classify') return await classify(rest, io);
    if (command === '--help' || command === '-h' || command === 'help') return print(USAGE, 0);
    return print(command ? `unknown command: ${command}\n${USAGE}` : USAGE, 2, io.stderr);
  } catch (error) {
    const usage = error instanceof ConfigError || error instanceof InputError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    return print(`log-gardener: ${oneLine(error)}`, usage ? 2 : 1, io.stderr);
  }
}

async function sweep(args: string[], env: Env, io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      config: { type: 'string' }, window: { type: 'string' }, service: { type: 'string', multiple: true },
      now: { type: 'string' }, 'logs-file': { type: 'string' }, 'dry-run': { type: 'boolean' },
      json: { type: 'boolean' }, worklog: { type: 'string' },
    },
  });
  // Our own logs go to stderr: stdout carries the report or the worklog.
  const logger = createLogger({ level: env.LOG_LEVEL ?? 'warn', destination: io.stderr });
  const result = await runSweepRequest(
    {
      ...(values.window !== undefined ? { window: values.window } : {}),
      ...(values.service ? { services: values.service } : {}),
      ...(values.now !== undefined ? { now: values.now } : {}),
      ...(values['logs-file'] !== undefined ? { logsFile: values['logs-file'] } : {}),
      ...(values.config !== undefined ? { configPath: values.config } : {}),
      ...(values.worklog !== undefined ? { worklogFile: values.worklog } : {}),
      dryRun: values['dry-run'] ?? false,
    },
    env,
    { logger },
  );
  if (values.worklog) writeFileSync(values.worklog, result.worklog);
  if (values.json) {
    io.stdout.write(JSON.stringify(result.report, null, 2) + '\n');
    io.stderr.write(summary(result.report) + '\n');
  } else {
    io.stdout.write(result.worklog);
  }
  for (const error of result.report.errors) io.stderr.write(`log-gardener: ${error.stage}: ${error.message}\n`);
  return result.failed ? 1 : 0;
}

async function classify(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { config: { type: 'string' }, format: { type: 'string', default: 'gcp' } },
  });
  const format = values.format as InputFormat;
  if (format !== 'gcp' && format !== 'lines') throw new ConfigError('--format', 'must be gcp or lines');
  if (positionals.length !== 1) throw new ConfigError('', 'classify takes exactly one FILE');
  const out: string[] = [];
  const flush = () => {
    if (out.length) io.stdout.write(out.join('\n') + '\n');
    out.length = 0;
  };
  await classifyFile(positionals[0]!, format, (line) => {
    out.push(line);
    if (out.length >= 1000) flush();
  });
  flush();
  return 0;
}

function summary(report: { entries: { read: number }; clusters: Array<{ matters: boolean }>; actions: Array<{ kind: string }>; dryRun: boolean }): string {
  const matters = report.clusters.filter((c) => c.matters).length;
  const writes = report.actions.filter((a) => a.kind !== 'none').length;
  return `${report.entries.read} entries, ${report.clusters.length} problems (${matters} worth an issue), ${writes} GitHub action${writes === 1 ? '' : 's'} ${report.dryRun ? 'planned (dry run)' : 'taken'}`;
}
