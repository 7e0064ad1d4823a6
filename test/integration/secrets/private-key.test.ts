import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { loadSettings } from '../../../src/config/load-settings.js';
import { loadPrivateKey, SecretAccessError } from '../../../src/entry/private-key.js';
import { startSecretServer, type SecretServer } from '../servers/secret-manager/server.js';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----\n';
const shipped = readFileSync('config/gardener.yaml', 'utf8');
let server: SecretServer;
let client: SecretManagerServiceClient;

beforeAll(async () => {
  server = await startSecretServer();
  const [host, port] = server.address.split(':');
  const options = { apiEndpoint: host!, port: Number(port), sslCreds: grpc.credentials.createInsecure(), universeDomain: 'googleapis.com', projectId: 'demo' };
  client = new SecretManagerServiceClient(options);
});
afterAll(async () => {
  await client.close();
  await server.stop();
});

function settingsFor(secretVersion?: string, privateKey?: string) {
  return loadSettings(shipped, {
    ...(secretVersion ? { GITHUB_APP_PRIVATE_KEY_SECRET: secretVersion } : {}),
    ...(privateKey ? { GITHUB_APP_PRIVATE_KEY: privateKey } : {}),
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('loadPrivateKey, through the real Secret Manager client over gRPC', () => {
  test('reads the key from the secret version once per instance', async () => {
    server.addVersion('projects/demo/secrets/app-key', 'old');
    server.addVersion('projects/demo/secrets/app-key', PEM);
    const { settings, credentials } = settingsFor('projects/demo/secrets/app-key/versions/latest');
    const before = server.accessed.length;

    expect(await loadPrivateKey(settings, credentials, { client })).toBe(PEM);
    expect(await loadPrivateKey(settings, credentials, { client })).toBe(PEM);
    expect(server.accessed.slice(before)).toEqual(['projects/demo/secrets/app-key/versions/latest']);
  });

  test('the environment key wins and Secret Manager is not asked', async () => {
    const { settings, credentials } = settingsFor('projects/demo/secrets/unused/versions/1', PEM.replace(/\n/g, '\\n'));
    const before = server.accessed.length;
    expect(await loadPrivateKey(settings, credentials, { client })).toBe(PEM);
    expect(server.accessed.length).toBe(before);
  });

  test('no key configured at all: undefined (a dry run plans against an empty repository)', async () => {
    const { settings, credentials } = settingsFor();
    expect(await loadPrivateKey(settings, credentials, { client })).toBeUndefined();
  });

  test('a missing secret names the secret and how to add the key, and is tried again next time', async () => {
    const { settings, credentials } = settingsFor('projects/demo/secrets/missing-key/versions/latest');
    const error = await failure(loadPrivateKey(settings, credentials, { client }));
    expect(error).toBeInstanceOf(SecretAccessError);
    expect(error.message).toBe(
      'secret version projects/demo/secrets/missing-key/versions/latest not found (NOT_FOUND): create secret missing-key and add the App\'s key with `gcloud secrets versions add missing-key --data-file=KEY.pem`',
    );
    server.addVersion('projects/demo/secrets/missing-key', PEM);
    expect(await loadPrivateKey(settings, credentials, { client })).toBe(PEM);
  });

  test('denied access names the secret and the role to grant', async () => {
    server.addVersion('projects/demo/secrets/locked', PEM);
    server.deny('projects/demo/secrets/locked', grpc.status.PERMISSION_DENIED);
    const { settings, credentials } = settingsFor('projects/demo/secrets/locked/versions/3');
    const error = await failure(loadPrivateKey(settings, credentials, { client }));
    expect(error.message).toBe(
      'access to secret version projects/demo/secrets/locked/versions/3 denied (PERMISSION_DENIED): grant the gardener\'s identity roles/secretmanager.secretAccessor on secret locked',
    );
  });

  test('a secret that is not a PEM key is refused without echoing its content', async () => {
    server.addVersion('projects/demo/secrets/wrong', 'ghp_notakeyatall1234567890');
    const { settings, credentials } = settingsFor('projects/demo/secrets/wrong/versions/latest');
    const error = await failure(loadPrivateKey(settings, credentials, { client }));
    expect(error.message).toMatch(/does not hold a PEM private key/);
    expect(error.message).not.toContain('ghp_');
  });
});
