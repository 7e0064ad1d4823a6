// The one definition of the configuration: the JSON Schema (config/gardener.schema.json is generated
// from it and checked by a test) and the TypeScript type both come from here, so they cannot drift.
import { Type, type Static } from '@sinclair/typebox';
import { CATEGORIES, PRIORITIES, SEVERITIES } from '../shared/types.js';

const DURATION = { pattern: '^([0-9]{1,6}[smhdw])+$', description: 'e.g. 90m, 6h, 2d' } as const;
const PriorityT = Type.Union(PRIORITIES.map((p) => Type.Literal(p)));
const Strict = { additionalProperties: false } as const;
/** A group whose every key has a default: it may be left out, or hold only the keys it changes. */
const Defaulted = { additionalProperties: false, default: {} } as const;
/** Where a sweep reads logs from (source.mode). */
export const SOURCE_MODES = ['api', 'analytics', 'auto'] as const;
export type SourceMode = (typeof SOURCE_MODES)[number];
const Count = (fallback: number) => Type.Integer({ minimum: 1, default: fallback });

export const RuleSchema = Type.Object(
  {
    match: Type.String({
      minLength: 1,
      description: 'Regular expression (case-insensitive) tested on the template and the first sample.',
    }),
    component: Type.Optional(Type.String({ minLength: 1 })),
    priority: Type.Optional(PriorityT),
    category: Type.Optional(Type.Union(CATEGORIES.map((c) => Type.Literal(c)))),
    shortName: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 })),
    ignore: Type.Optional(Type.Boolean({ description: 'Treat as noise: worklog only, never an issue.' })),
  },
  Strict,
);

export const SettingsSchema = Type.Object(
  {
    project: Type.Optional(Type.String({ description: 'Google Cloud project whose logs are read (env GOOGLE_CLOUD_PROJECT).' })),
    services: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'Cloud Run services to read (empty: every service).' }),
    window: Type.String({ ...DURATION, default: '6h', description: 'How far back a sweep reads, e.g. 90m, 6h, 2d.' }),
    maxLookBack: Type.String({
      ...DURATION,
      default: '24h',
      description: 'A scheduled sweep starts where the last one ended (no gap after a missed or failed sweep), reaching back at most this far.',
    }),
    severityFloor: Type.Union(SEVERITIES.map((s) => Type.Literal(s)), { default: 'NOTICE' }),
    source: Type.Object(
      {
        pageSize: Type.Integer({ minimum: 1, maximum: 1000, default: 1000 }),
        timeBudgetSeconds: Type.Integer({ minimum: 10, maximum: 3600, default: 240 }),
        emulatorHost: Type.Optional(Type.String({ description: 'host:port of a Cloud Logging gRPC endpoint (env LOGGING_EMULATOR_HOST).' })),
        mode: Type.Union(SOURCE_MODES.map((m) => Type.Literal(m)), {
          default: 'api',
          description: 'api: the Logging API; analytics: SQL on a Log Analytics view (source.analytics); auto: the API, or Log Analytics when the window holds more than the API reads within the time budget.',
        }),
        analytics: Type.Object(
          {
            table: Type.Optional(Type.String({
              pattern: '^[A-Za-z0-9_.:-]+\\.[A-Za-z0-9_]+\\.[A-Za-z0-9_]+$',
              description: 'The linked dataset\'s view, PROJECT.DATASET.VIEW (e.g. my-proj.logs_link._AllLogs); required by the analytics and auto modes.',
            })),
            maximumBytesBilled: Type.Integer({ minimum: 1, default: 20_000_000_000, description: 'A query that would bill more bytes fails instead of running.' }),
            queryTimeoutSeconds: Type.Integer({ minimum: 5, maximum: 3600, default: 120, description: 'A query not done by then is cancelled; never longer than source.timeBudgetSeconds.' }),
            location: Type.Optional(Type.String({ minLength: 1, description: 'BigQuery location of the linked dataset (e.g. US, europe-west1); found from the view when absent.' })),
            emulatorHost: Type.Optional(Type.String({ description: 'host:port of a BigQuery REST endpoint, plain HTTP, no credentials (env BIGQUERY_EMULATOR_HOST).' })),
          },
          Defaulted,
        ),
        logView: Type.Optional(
          Type.String({
            pattern: '^projects/[^/]+/locations/[^/]+/buckets/[^/]+/views/[^/]+$',
            description: 'Log view to read through, projects/P/locations/L/buckets/B/views/V (env LOGGING_VIEW); unset: the whole project.',
          }),
        ),
      },
      Defaulted,
    ),
    github: Type.Object(
      {
        repository: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$', description: 'owner/name (env GITHUB_REPOSITORY).' })),
        apiUrl: Type.String({ default: 'https://api.github.com', description: 'REST base URL (env GITHUB_API_URL).' }),
        appId: Type.Optional(Type.String({ pattern: '^[0-9]+$', description: 'GitHub App id (env GITHUB_APP_ID).' })),
        installationId: Type.Optional(Type.Integer({ minimum: 1, description: 'env GITHUB_INSTALLATION_ID; looked up from the repository if absent.' })),
        privateKeySecret: Type.Optional(Type.String({ pattern: '^projects/[^/]+/secrets/[^/]+/versions/[^/]+$', description: 'Secret Manager version holding the App key (env GITHUB_APP_PRIVATE_KEY_SECRET).' })),
        managedLabel: Type.String({ minLength: 1, maxLength: 50, default: 'log-gardener' }),
        maxCreatesPerRun: Type.Integer({ minimum: 0, maximum: 100, default: 5 }),
        maxWritesPerRun: Type.Integer({ minimum: 0, maximum: 1000, default: 60 }),
        worklog: Type.Object(
          {
            commit: Type.Boolean({ default: false }),
            path: Type.String({ minLength: 1, default: 'gcp/log-gardener' }),
          },
          Defaulted,
        ),
      },
      Defaulted,
    ),
    thresholds: Type.Object(
      {
        minCount: Type.Object(
          { P0: Count(1), P1: Count(1), P2: Count(3), P3: Count(20) },
          { ...Defaulted, description: 'Occurrences in the window below which a problem of that priority is noise.' },
        ),
        escalate: Type.Object(
          { P3: Count(200), P2: Count(50), P1: Count(500) },
          { ...Defaulted, description: 'Occurrences in the window at which a problem moves up one priority.' },
        ),
        hysteresis: Type.Number({ minimum: 0, maximum: 1, default: 0.8, description: 'An escalation holds until the count falls below this fraction of its threshold.' }),
        staleAfterDays: Type.Integer({ minimum: 0, default: 14, description: 'Note issues not seen for this many days (0: never).' }),
      },
      Defaulted,
    ),
    rules: Type.Array(RuleSchema, { default: [] }),
    logLevel: Type.Optional(
      Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), {
        description: "The gardener's own log level (env LOG_LEVEL); unset: info for the function, warn for the CLI.",
      }),
    ),
  },
  { ...Strict, $id: 'https://log-gardener.dev/gardener.schema.json', title: 'log-gardener configuration' },
);

export type Settings = Static<typeof SettingsSchema>;
export type Rule = Static<typeof RuleSchema>;

/**
 * The schema as published (config/gardener.schema.json, `npm run schema`) and as the loader checks it:
 * a key with a default is not required, so a file may set only the keys it changes and an editor
 * completing it does not ask for the rest. The type above keeps them required: defaults are filled in.
 */
export function publishedSchema(): Record<string, unknown> {
  return withoutDefaultedRequired(JSON.parse(JSON.stringify(SettingsSchema)) as SchemaNode) as Record<string, unknown>;
}

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  default?: unknown;
  [key: string]: unknown;
}

function withoutDefaultedRequired(node: SchemaNode): SchemaNode {
  if (node.items) withoutDefaultedRequired(node.items);
  if (!node.properties) return node;
  for (const child of Object.values(node.properties)) withoutDefaultedRequired(child);
  const required = (node.required ?? []).filter((key) => node.properties![key]?.default === undefined);
  if (required.length) node.required = required;
  else delete node.required;
  return node;
}
