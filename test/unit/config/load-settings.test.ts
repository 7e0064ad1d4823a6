import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings } from '../../../src/config/load-settings.js';
import { publishedSchema } from '../../../src/config/schema.js';
import { settingsValidatorSource } from '../../../src/config/settings-validator-source.js';
import { configErrorKey } from '../../support/config-error-key.js';

const shipped = readFileSync('config/gardener.yaml', 'utf8');
const netra = readFileSync('config/examples/netra-backend-staging.yaml', 'utf8');

describe('loadSettings', () => {
  it('accepts the shipped config and fills defaults', () => {
    const { settings } = loadSettings(shipped, {});
    expect(settings.services).toEqual([]);
    expect(settings.rules).toEqual([]);
    expect(settings.github.managedLabel).toBe('log-gardener');
    expect(settings.thresholds.escalate.P2).toBe(50);
  });

  it('fills every default from a minimal file', () => {
    const { settings } = loadSettings('services: [api]\nwindow: 3h\nthresholds:\n  minCount: {P0: 1, P1: 1, P2: 1, P3: 1}\n  escalate: {P3: 9, P2: 9, P1: 9}\n', {});
    expect(settings.severityFloor).toBe('NOTICE');
    expect(settings.github.apiUrl).toBe('https://api.github.com');
    expect(settings.github.worklog).toEqual({ commit: false, path: 'gcp/log-gardener' });
    expect(settings.source.pageSize).toBe(1000);
    expect(settings.rules).toEqual([]);
  });

  it('lets environment variables override the file', () => {
    const { settings, credentials } = loadSettings(shipped, {
      GOOGLE_CLOUD_PROJECT: 'proj-1',
      GITHUB_REPOSITORY: 'acme/api',
      GITHUB_APP_ID: '12345',
      GITHUB_INSTALLATION_ID: '678',
      GITHUB_API_URL: 'http://127.0.0.1:9999/api/v3',
      GITHUB_APP_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----',
      LOGGING_EMULATOR_HOST: 'localhost:8086',
      LOG_LEVEL: 'DEBUG',
    });
    expect(settings.project).toBe('proj-1');
    expect(settings.github).toMatchObject({ repository: 'acme/api', appId: '12345', installationId: 678, apiUrl: 'http://127.0.0.1:9999/api/v3' });
    expect(settings.source.emulatorHost).toBe('localhost:8086');
    expect(settings.logLevel).toBe('debug');
    expect(credentials.privateKey).toBe('-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----');
  });

  it.each([
    ['an unknown top-level key', `${shipped}\nsevrity: ERROR\n`, 'sevrity'],
    ['an unknown nested key', shipped.replace('managedLabel:', 'managedLable:'), 'github.managedLable'],
    ['a bad enum value', shipped.replace('severityFloor: NOTICE', 'severityFloor: LOUD'), 'severityFloor'],
    ['a bad duration', shipped.replace('window: 6h', 'window: six hours'), 'window'],
    ['a bad threshold', shipped.replace('P2: 50', 'P2: -1'), 'thresholds.escalate.P2'],
    ['a bad rule priority', netra.replace('priority: P0', 'priority: P9'), 'rules[0].priority'],
    ['a bad rule regex', netra.replace("match: 'RACE CONDITION DETECTED'", "match: '(unclosed'"), 'rules[0].match'],
    ['services not a list', shipped.replace('services: []', 'services: api'), 'services'],
  ])('rejects %s, naming the key', (_name, text, key) => {
    expect(configErrorKey(() => loadSettings(text, {}))).toBe(key);
  });

  it.each([
    ['GITHUB_REPOSITORY', 'not a repo', 'github.repository'],
    ['GITHUB_INSTALLATION_ID', 'abc', 'github.installationId'],
    ['GITHUB_APP_PRIVATE_KEY_SECRET', 'my-secret', 'github.privateKeySecret'],
    ['LOG_LEVEL', 'chatty', 'logLevel'],
  ])('rejects a bad %s, naming the setting', (name, value, key) => {
    expect(configErrorKey(() => loadSettings(shipped, { [name]: value }))).toBe(key);
  });

  it('rejects text that is not YAML or not a mapping', () => {
    expect(() => loadSettings('a: [', {})).toThrow(/not valid YAML/);
    expect(() => loadSettings('- a\n- b', {})).toThrow(/mapping/);
  });

  it('validates every example config', () => {
    const dir = 'config/examples';
    for (const file of readdirSync(dir)) {
      expect(() => loadSettings(readFileSync(join(dir, file), 'utf8'), {})).not.toThrow();
    }
  });

  it('keeps config/gardener.schema.json in step with the schema in code (npm run schema)', () => {
    const written = JSON.parse(readFileSync('config/gardener.schema.json', 'utf8'));
    expect(written).toEqual(publishedSchema());
  });

  it('keeps the compiled settings check in step with the schema in code (npm run schema)', () => {
    expect(readFileSync('src/config/settings-validator.generated.ts', 'utf8')).toBe(settingsValidatorSource());
  });

  it('publishes no key with a default as required (an editor then asks only for what has none)', () => {
    const required: string[] = [];
    const walk = (node: { properties?: Record<string, unknown>; required?: string[]; items?: unknown }, at: string) => {
      for (const key of node.required ?? []) required.push(`${at}${key}`);
      for (const [key, child] of Object.entries(node.properties ?? {})) walk(child as typeof node, `${at}${key}.`);
      if (node.items) walk(node.items as typeof node, `${at}[].`);
    };
    walk(publishedSchema(), '');
    expect(required).toEqual(['rules.[].match']);
  });

  it.each([
    ['an empty file', ''],
    ['one key', 'window: 3h\n'],
    ['part of a group', 'github:\n  maxCreatesPerRun: 2\n'],
    ['part of a threshold map', 'thresholds:\n  minCount: {P2: 5}\n'],
    ['a group with its lines commented out', 'source:\n  # pageSize: 10\ngithub:\n'],
  ])('accepts %s, defaults filling the rest as the shipped file sets them', (_name, text) => {
    const { settings } = loadSettings(text, {});
    const shippedSettings = loadSettings(shipped, {}).settings;
    expect(settings.severityFloor).toBe(shippedSettings.severityFloor);
    expect(settings.source).toEqual(shippedSettings.source);
    expect(settings.thresholds.escalate).toEqual(shippedSettings.thresholds.escalate);
    expect(settings.thresholds.minCount.P0).toBe(1);
    expect(settings.github.worklog).toEqual(shippedSettings.github.worklog);
    expect(settings.services).toEqual([]);
    expect(settings.window).toBe(text.includes('3h') ? '3h' : '6h');
  });

  it.each([
    ['windw: 6h\n', 'windw: unknown key, did you mean `window`?'],
    ['github:\n  maxCreatePerRun: 2\n', 'github.maxCreatePerRun: unknown key, did you mean `maxCreatesPerRun`?'],
    ['servces: [api]\n', 'servces: unknown key, did you mean `services`?'],
    ['colour: blue\n', 'colour: unknown key (valid here: project, services, window, maxLookBack, severityFloor, source, github, thresholds, rules, logLevel)'],
    ['severityFloor: LOUD\n', 'severityFloor: "LOUD" is not allowed: use one of DEFAULT, DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY'],
    ['logLevel: chatty\n', 'logLevel: "chatty" is not allowed: use one of fatal, error, warn, info, debug, trace, silent'],
    ['window: six hours\n', 'window: "six hours" is not a duration such as 90m, 6h or 2d'],
    ['github:\n  maxCreatesPerRun: lots\n', 'github.maxCreatesPerRun: must be an integer, got "lots"'],
  ])('names the mistake in %j', (text, message) => {
    expect(() => loadSettings(text, {})).toThrow(message);
  });
  describe('source.mode and Log Analytics', () => {
    it('reads the Logging API unless told otherwise', () => {
      expect(loadSettings(shipped, {}).settings.source.mode).toBe('api');
      expect(loadSettings('', {}).settings.source.analytics).toEqual({ maximumBytesBilled: 20_000_000_000, queryTimeoutSeconds: 120 });
    });

    it.each(['analytics', 'auto'])('accepts %s with a view, its limits and the endpoint from env', (mode) => {
      const text = `source:\n  mode: ${mode}\n  analytics:\n    table: google.com:proj.logs_link._AllLogs\n    maximumBytesBilled: 5000000\n    queryTimeoutSeconds: 30\n`;
      const { settings } = loadSettings(text, { BIGQUERY_EMULATOR_HOST: 'localhost:9050' });
      expect(settings.source).toMatchObject({
        mode,
        analytics: { table: 'google.com:proj.logs_link._AllLogs', maximumBytesBilled: 5_000_000, queryTimeoutSeconds: 30, emulatorHost: 'localhost:9050' },
      });
    });

    it.each([
      ['a mode without a view', 'source:\n  mode: analytics\n', 'source.analytics.table'],
      ['auto without a view', 'source:\n  mode: auto\n', 'source.analytics.table'],
      ['an unknown mode', 'source:\n  mode: bigquery\n', 'source.mode'],
      ['a view that is not PROJECT.DATASET.VIEW', 'source:\n  analytics:\n    table: logs_link._AllLogs\n', 'source.analytics.table'],
      ['a table name with a quote', "source:\n  analytics:\n    table: 'p.d.v`; DROP'\n", 'source.analytics.table'],
      ['no byte limit', 'source:\n  analytics:\n    maximumBytesBilled: 0\n', 'source.analytics.maximumBytesBilled'],
      ['an unknown analytics key', 'source:\n  analytics:\n    dataset: x\n', 'source.analytics.dataset'],
    ])('rejects %s, naming the key', (_name, text, key) => {
      expect(configErrorKey(() => loadSettings(text, {}))).toBe(key);
    });
  });
});
