// The CLI's help texts: `--help` for the whole tool, `sweep --help` and `classify --help` per command.
const SWEEP_LINE = `log-gardener sweep    [--config FILE] [--window DUR] [--service NAME]... [--now ISO]
                      [--logs-file FILE|-] [--dry-run] [--json] [--worklog FILE] [--preview DIR]`;
const CLASSIFY_LINE = 'log-gardener classify [--config FILE] [--format gcp|lines] FILE|-';
const EXIT = 'Exit codes: 0 done, 1 the run failed, 2 bad usage, bad config or unreadable input.';

export const USAGE = `Usage:
  ${SWEEP_LINE.replace(/\n/g, '\n  ')}
  ${CLASSIFY_LINE}
  log-gardener --version | --help | sweep --help | classify --help

sweep     reads a window of logs (Cloud Logging, or --logs-file: a gcloud JSON export or JSONL),
          groups them into problems and keeps one GitHub issue per problem (--dry-run: plan only).
classify  prints one JSON line per input entry: {"index", "cluster", "template"}.

${EXIT}`;

export const SWEEP_USAGE = `Usage: ${SWEEP_LINE.replace('sweep    ', 'sweep ').replace(/\n {22}/g, '\n' + ' '.repeat(26))}

Reads the logs of a window, groups them into problems, and keeps one GitHub issue per problem.

  --config FILE      configuration (default config/gardener.yaml, or env GARDENER_CONFIG)
  --window DUR       how far back from --now to read: 90m, 6h, 2d (default: the config's window)
  --service NAME     a Cloud Run service to read; repeat for more (replaces the config's services)
  --now ISO          end of the window, RFC 3339 (default: now); the window is [now - window, now)
  --logs-file FILE   read an export instead of Cloud Logging: a JSON array (gcloud logging read
                     --format=json) or one LogEntry per line; - reads standard input
  --dry-run          plan only: write nothing to GitHub
  --json             the run report on stdout (human text on stderr); default: the worklog
  --worklog FILE     also write the worklog markdown to FILE
  --preview DIR      with --dry-run: one markdown file per planned create or update, holding the
                     title and the body exactly as they would be sent to GitHub

${EXIT}`;

export const CLASSIFY_USAGE = `Usage: ${CLASSIFY_LINE}

Prints one JSON line per input entry, in input order: {"index", "cluster", "template"}; the cluster
is the one a sweep would use. - reads standard input.

  --format gcp|lines  gcp (default): LogEntry JSON, as sweep reads it; lines: one plain message a line
  --config FILE       also apply the configuration's rules: a line whose problem a rule names gets
                      "rule": {component, priority, category, shortName, ignore}

${EXIT}`;
