// (YAML text, env) -> Settings, or a ConfigError naming the key. Environment variables win over the file.
import type { ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../shared/errors.js';
import { RulePatternError, compileRulePattern } from '../shared/rule-pattern.js';
import { parseDuration } from '../shared/duration.js';
import type { Settings } from './schema.js';
import { describeSchemaError } from './describe-schema-error.js';
import { validate as generated } from './settings-validator.generated.js';

export interface Credentials {
  /** PEM text of the App's private key, from GITHUB_APP_PRIVATE_KEY (local runs). */
  privateKey?: string;
}

export type Env = Record<string, string | undefined>;

// The published schema's check, compiled ahead (settings-validator-source.ts): errors carry the schema
// they broke, to name the valid keys and the allowed values.
const validate = generated as ValidateFunction<Settings>;

// Environment variable -> where it lands in the settings object, and how to read it.
const ENV_OVERRIDES: Array<[string, string[], (v: string) => unknown]> = [
  ['GOOGLE_CLOUD_PROJECT', ['project'], String],
  ['GITHUB_REPOSITORY', ['github', 'repository'], String],
  ['GITHUB_APP_ID', ['github', 'appId'], String],
  ['GITHUB_INSTALLATION_ID', ['github', 'installationId'], (v) => (/^\d+$/.test(v) ? Number(v) : v)],
  ['GITHUB_API_URL', ['github', 'apiUrl'], String],
  ['GITHUB_APP_PRIVATE_KEY_SECRET', ['github', 'privateKeySecret'], String],
  ['LOGGING_EMULATOR_HOST', ['source', 'emulatorHost'], String],
  ['BIGQUERY_EMULATOR_HOST', ['source', 'analytics', 'emulatorHost'], String],
  ['LOGGING_VIEW', ['source', 'logView'], String],
  ['LOG_LEVEL', ['logLevel'], (v) => v.toLowerCase()],
];

export function loadSettings(fileText: string, env: Env = {}): { settings: Settings; credentials: Credentials } {
  let doc: unknown;
  try {
    doc = parseYaml(fileText) ?? {};
  } catch (error) {
    throw new ConfigError('', `config is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ConfigError('', 'config must be a YAML mapping');
  }
  // Every key has a default (the schema's), so a file sets only what it changes; a key left empty
  // (`github:` with its lines commented out) is a key not set.
  const raw = withoutNulls(structuredClone(doc) as Record<string, unknown>);

  for (const [name, path, read] of ENV_OVERRIDES) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    setPath(raw, path, read(value));
  }

  if (!validate(raw)) {
    const { key, message } = describeSchemaError(validate.errors ?? []);
    throw new ConfigError(key, message);
  }
  const settings = raw as unknown as Settings;
  if (parseDuration(settings.window) === null) throw new ConfigError('window', 'must be a positive duration such as 6h');
  if (parseDuration(settings.maxLookBack) === null) throw new ConfigError('maxLookBack', 'must be a positive duration such as 24h');
  if (settings.source.mode !== 'api' && settings.source.analytics.table === undefined) {
    throw new ConfigError('source.analytics.table', `source.mode ${settings.source.mode} reads a Log Analytics view: name it, e.g. my-project.my_link._AllLogs`);
  }
  settings.rules.forEach((rule, i) => {
    try {
      compileRulePattern(rule.match);
    } catch (error) {
      const reason = error instanceof RulePatternError ? error.reason : 'is not a valid regular expression';
      throw new ConfigError(`rules[${i}].match`, reason);
    }
  });
  const privateKey = env.GITHUB_APP_PRIVATE_KEY?.replace(/\\n/g, '\n');
  return { settings, credentials: privateKey ? { privateKey } : {} };
}

function withoutNulls(node: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(node)) {
    if (value === null) delete node[key];
    else if (typeof value === 'object' && !Array.isArray(value)) withoutNulls(value as Record<string, unknown>);
  }
  return node;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}
