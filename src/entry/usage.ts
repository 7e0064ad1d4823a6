export const USAGE = `Usage:
  log-gardener sweep    [--config FILE] [--window DUR] [--service NAME]... [--now ISO]
                        [--logs-file FILE] [--dry-run] [--json] [--worklog FILE]
  log-gardener classify [--config FILE] [--format gcp|lines] FILE

sweep     reads a window of logs (Cloud Logging, or --logs-file: a gcloud JSON export or JSONL),
          groups them into problems and keeps one GitHub issue per problem (--dry-run: plan only).
classify  prints one JSON line per input entry: {"index", "cluster", "template"}.

Exit codes: 0 done, 1 the run failed, 2 bad usage, bad config or unreadable input.`;
