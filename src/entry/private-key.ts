// The GitHub App's private key. From the environment for local runs; otherwise from a Secret Manager
// version, read once per instance (each sweep would otherwise pay a round trip and a quota unit).
// The key itself is never logged and never part of an error message.
import type { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import type { Credentials } from '../config/load-settings.js';
import type { Settings } from '../config/schema.js';
import { GardenerError } from '../shared/errors.js';

/** The key could not be read from Secret Manager: a deployment problem, not a bad request. */
export class SecretAccessError extends GardenerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config', message, options);
  }
}

export type SecretReader = Pick<SecretManagerServiceClient, 'accessSecretVersion'>;

const fetched = new Map<string, Promise<string>>();
let defaultClient: SecretReader | undefined;

export async function loadPrivateKey(
  settings: Settings,
  credentials: Credentials,
  /** Test hook: a client pointed elsewhere. */
  options: { client?: SecretReader } = {},
): Promise<string | undefined> {
  if (credentials.privateKey) return credentials.privateKey;
  const name = settings.github.privateKeySecret;
  if (!name) return undefined;
  let pending = fetched.get(name);
  if (!pending) {
    pending = (options.client ? Promise.resolve(options.client) : secretClient()).then((client) => readSecret(client, name));
    fetched.set(name, pending);
    // A failed read is not remembered: the next sweep tries again (a version may have been added).
    pending.catch(() => fetched.delete(name));
  }
  return pending;
}

// The client library takes a second and tens of MB to load: only a sweep that reads its key from
// Secret Manager pays for it.
async function secretClient(): Promise<SecretReader> {
  if (!defaultClient) {
    const { SecretManagerServiceClient } = await import('@google-cloud/secret-manager');
    defaultClient ??= new SecretManagerServiceClient();
  }
  return defaultClient;
}

async function readSecret(client: SecretReader, name: string): Promise<string> {
  let data: Uint8Array | string | null | undefined;
  try {
    const [response] = await client.accessSecretVersion({ name });
    data = response.payload?.data;
  } catch (error) {
    throw describe(error, name);
  }
  const text = typeof data === 'string' ? data : data ? Buffer.from(data).toString('utf8') : '';
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new SecretAccessError(`secret version ${name} does not hold a PEM private key: add the App's .pem file with \`gcloud secrets versions add ${secretId(name)} --data-file=KEY.pem\``);
  }
  return text.replace(/\\n/g, '\n');
}

const NOT_FOUND = 5;
const PERMISSION_DENIED = 7;
const FAILED_PRECONDITION = 9;
const UNAUTHENTICATED = 16;

function describe(error: unknown, name: string): SecretAccessError {
  const code = (error as { code?: unknown }).code;
  const id = secretId(name);
  switch (code) {
    case NOT_FOUND:
      return new SecretAccessError(
        `secret version ${name} not found (NOT_FOUND): create secret ${id} and add the App's key with \`gcloud secrets versions add ${id} --data-file=KEY.pem\``,
        { cause: error },
      );
    case PERMISSION_DENIED:
    case UNAUTHENTICATED:
      return new SecretAccessError(
        `access to secret version ${name} denied (${code === PERMISSION_DENIED ? 'PERMISSION_DENIED' : 'UNAUTHENTICATED'}): grant the gardener's identity roles/secretmanager.secretAccessor on secret ${id}`,
        { cause: error },
      );
    case FAILED_PRECONDITION:
      return new SecretAccessError(`secret version ${name} is disabled or destroyed (FAILED_PRECONDITION): enable it or add a new version to ${id}`, { cause: error });
    default: {
      const details = String((error as { details?: unknown }).details ?? (error as Error).message ?? error).split('\n')[0];
      return new SecretAccessError(`reading secret version ${name} failed: ${details}`, { cause: error });
    }
  }
}

function secretId(name: string): string {
  return /\/secrets\/([^/]+)/.exec(name)?.[1] ?? name;
}
