// (YAML text, env) -> Settings, or a ConfigError naming the key. Environment variables win over the file.
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../shared/errors.js';
import { parseDuration } from '../shared/duration.js';
import { SettingsSchema, type Settings } from './schema.js';

export interface Credentials {
  /** PEM text of the App's private key, from GITHUB_APP_PRIVATE_KEY (local runs). */
  privateKey?: string;
}

export type Env = Record<string, string | undefined>;

const ajv = new Ajv({ allErrors: false, useDefaults: true, strict: false });
const validate = ajv.compile<Settings>(SettingsSchema);

// Environment variable -> where it lands in the settings object, and how to read it.
const ENV_OVERRIDES: Array<[string, string[], (v: string) => unknown]> = [
  ['GOOGLE_CLOUD_PROJECT', ['project'], String],
  ['GITHUB_REPOSITORY', ['github', 'repository'], String],
  ['GITHUB_APP_ID', ['github', 'appId'], String],
  ['GITHUB_INSTALLATION_ID', ['github', 'installationId'], (v) => (/^\d+$/.test(v) ? Number(v) : v)],
  ['GITHUB_API_URL', ['github', 'apiUrl'], String],
  ['GITHUB_APP_PRIVATE_KEY_SECRET', ['github', 'privateKeySecret'], String],
  ['LOGGING_EMULATOR_HOST', ['source', 'emulatorHost'], String],
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
  const raw = structuredClone(doc) as Record<string, unknown>;
  // Objects must exist for their defaults to be filled in.
  for (const key of ['source', 'github', 'thresholds'] as const) raw[key] ??= {};
  const github = raw.github as Record<string, unknown>;
  if (typeof github === 'object' && github !== null) github.worklog ??= {};

  for (const [name, path, read] of ENV_OVERRIDES) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    setPath(raw, path, read(value));
  }

  if (!validate(raw)) throw new ConfigError(errorKey(validate.errors?.[0]), errorText(validate.errors?.[0]));
  const settings = raw as unknown as Settings;
  if (parseDuration(settings.window) === null) throw new ConfigError('window', 'must be a positive duration such as 6h');
  settings.rules.forEach((rule, i) => {
    try {
      new RegExp(rule.match, 'i');
    } catch {
      throw new ConfigError(`rules[${i}].match`, 'is not a valid regular expression');
    }
  });
  const privateKey = env.GITHUB_APP_PRIVATE_KEY?.replace(/\\n/g, '\n');
  return { settings, credentials: privateKey ? { privateKey } : {} };
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

function errorKey(error: ErrorObject | undefined): string {
  if (!error) return '';
  const base = error.instancePath.replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.');
  const extra = error.params as { additionalProperty?: string; missingProperty?: string };
  const child = extra.additionalProperty ?? extra.missingProperty;
  return child ? (base ? `${base}.${child}` : child) : base || '(root)';
}

function errorText(error: ErrorObject | undefined): string {
  if (!error) return 'invalid configuration';
  if (error.keyword === 'additionalProperties') return 'unknown key';
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'anyOf') return 'is not one of the allowed values';
  return error.message ?? 'invalid value';
}
