// The command line: argv -> a sweep or a classification -> stdout/stderr and an exit code.
// 0 done, 1 the run failed, 2 bad usage, bad config or unreadable input (one line on stderr).
import { writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Env } from '../config/load-settings.js';
import { ConfigError, InputError, oneLine } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import { classifyFile, type InputFormat } from './classify-file.js';
import { sweepSummary } from './cli-summary.js';
import { progressReporter } from './progress.js';
import { loadConfigFile, runSweepRequest } from './run-sweep.js';
import { CLASSIFY_USAGE, SWEEP_USAGE, USAGE } from './usage.js';
import { packageVersion } from './version.js';
import { writePreview } from './write-preview.js';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

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
  const help = rest.includes('--help') || rest.includes('-h');
  try {
    if (command === 'sweep') return help ? print(SWEEP_USAGE, 0) : await sweep(rest, env, io);
    if (command === 'classify') return help ? print(CLASSIFY_USAGE, 0) : await classify(rest, env, io);
    if (command === '--help' || command === '-h' || command === 'help') return print(USAGE, 0);
    if (command === '--version' || command === '-v' || command === 'version') return print(packageVersion(), 0);
    return print(command ? `log-gardener: unknown command: ${command}\n${USAGE}` : USAGE, 2, io.stderr);
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
      json: { type: 'boolean' }, worklog: { type: 'string' }, preview: { type: 'string' },
    },
  });
  if (values.preview !== undefined && !values['dry-run']) throw new ConfigError('--preview', 'needs --dry-run (it shows what a sweep would send)');
  // Our own logs go to stderr: stdout carries the report or the worklog. The config's logLevel (or
  // LOG_LEVEL) sets it once the settings are read; until then, warnings only.
  // An unknown LOG_LEVEL is named by the settings check (exit 2), not by the logger.
  const level = env.LOG_LEVEL?.toLowerCase();
  const logger = createLogger({ level: level && LEVELS.includes(level) ? level : 'warn', destination: io.stderr });
  // Its quiet first seconds count from the sweep's first step, not from the loading of the client
  // libraries a Cloud Logging sweep needs.
  let reporter: ReturnType<typeof progressReporter> | undefined;
  const progress: typeof reporter = (p) => (reporter ??= progressReporter(io.stderr))(p);
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
    { logger, progress, defaultLogLevel: 'warn' },
  );
  if (values.worklog) writeFileSync(values.worklog, result.worklog);
  if (values.preview !== undefined) writePreview(values.preview, result.actions);
  io.stdout.write(values.json ? JSON.stringify(result.report, null, 2) + '\n' : result.worklog);
  for (const line of sweepSummary(result.report, { counts: values.json ?? false })) io.stderr.write(line + '\n');
  return result.failed ? 1 : 0;
}

async function classify(args: string[], env: Env, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { config: { type: 'string' }, format: { type: 'string', default: 'gcp' } },
  });
  const format = values.format as InputFormat;
  if (format !== 'gcp' && format !== 'lines') throw new ConfigError('--format', 'must be gcp or lines');
  if (positionals.length !== 1) throw new ConfigError('', 'classify takes exactly one FILE (or - for standard input)');
  const settings = values.config !== undefined ? loadConfigFile(values.config, env).settings : undefined;
  const out: string[] = [];
  const flush = () => {
    if (out.length) io.stdout.write(out.join('\n') + '\n');
    out.length = 0;
  };
  await classifyFile(positionals[0]!, format, (line) => {
    out.push(line);
    if (out.length >= 1000) flush();
  }, settings?.rules, settings?.severityFloor);
  flush();
  return 0;
}
