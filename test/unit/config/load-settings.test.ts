import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings } from '../../../src/config/load-settings.js';
import { SettingsSchema } from '../../../src/config/schema.js';
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
    expect(written).toEqual(JSON.parse(JSON.stringify(SettingsSchema)));
  });
});
