// The one definition of the configuration: the JSON Schema (config/gardener.schema.json is generated
// from it and checked by a test) and the TypeScript type both come from here, so they cannot drift.
import { Type, type Static } from '@sinclair/typebox';
import { CATEGORIES, PRIORITIES, SEVERITIES } from '../shared/types.js';

const Duration = Type.String({ pattern: '^([0-9]{1,6}[smhdw])+$', description: 'e.g. 90m, 6h, 2d' });
const PriorityT = Type.Union(PRIORITIES.map((p) => Type.Literal(p)));
const Strict = { additionalProperties: false } as const;

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
    services: Type.Array(Type.String({ minLength: 1 }), { description: 'Cloud Run services to read.' }),
    window: Duration,
    severityFloor: Type.Union(SEVERITIES.map((s) => Type.Literal(s)), { default: 'NOTICE' }),
    source: Type.Object(
      {
        pageSize: Type.Integer({ minimum: 1, maximum: 1000, default: 1000 }),
        timeBudgetSeconds: Type.Integer({ minimum: 10, maximum: 3600, default: 240 }),
        emulatorHost: Type.Optional(Type.String({ description: 'host:port of a Cloud Logging gRPC endpoint (env LOGGING_EMULATOR_HOST).' })),
      },
      Strict,
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
          Strict,
        ),
      },
      Strict,
    ),
    thresholds: Type.Object(
      {
        minCount: Type.Object(
          { P0: Type.Integer({ minimum: 1 }), P1: Type.Integer({ minimum: 1 }), P2: Type.Integer({ minimum: 1 }), P3: Type.Integer({ minimum: 1 }) },
          { ...Strict, description: 'Occurrences in the window below which a problem of that priority is noise.' },
        ),
        escalate: Type.Object(
          { P3: Type.Integer({ minimum: 1 }), P2: Type.Integer({ minimum: 1 }), P1: Type.Integer({ minimum: 1 }) },
          { ...Strict, description: 'Occurrences in the window at which a problem moves up one priority.' },
        ),
        hysteresis: Type.Number({ minimum: 0, maximum: 1, default: 0.8, description: 'An escalation holds until the count falls below this fraction of its threshold.' }),
        staleAfterDays: Type.Integer({ minimum: 0, default: 14, description: 'Note issues not seen for this many days (0: never).' }),
      },
      Strict,
    ),
    rules: Type.Array(RuleSchema, { default: [] }),
    logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  },
  { ...Strict, $id: 'https://log-gardener.dev/gardener.schema.json', title: 'log-gardener configuration' },
);

export type Settings = Static<typeof SettingsSchema>;
export type Rule = Static<typeof RuleSchema>;
