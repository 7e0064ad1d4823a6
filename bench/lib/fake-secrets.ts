// Fake but realistic-looking secrets and personal data, planted in generated logs so that tests can prove
// none of them survives into a plan, a report, a worklog or the gardener's own logs.
// Every value comes from one fixed pool (independent of the generator's seed), so a test can list them
// all without running the generator, and grep any output for them.
import { Buffer } from 'node:buffer';
import { Prng } from './prng.js';

export type SecretKind =
  | 'jwt' | 'github-token' | 'github-pat' | 'aws-access-key' | 'google-api-key' | 'private-key-line'
  | 'database-password' | 'password-pair' | 'session-cookie';

export interface PlantedSecret {
  kind: SecretKind;
  /** The exact text planted in log messages. */
  value: string;
}

export interface SecretPool {
  jwts: string[];
  githubTokens: string[];
  githubPats: string[];
  awsKeys: string[];
  googleKeys: string[];
  /** Whole PEM blocks, newline-separated lines. */
  privateKeys: string[];
  dbPasswords: string[];
  passwords: string[];
  sessionCookies: string[];
  emails: string[];
}

const FIRST = ['alice', 'bob', 'carmen', 'deepak', 'elena', 'farid', 'grace', 'hiroshi', 'ines', 'jamal',
  'katya', 'liam', 'mei', 'nikolai', 'olivia', 'pradeep', 'quinn', 'rosa', 'sven', 'tamar', 'umar', 'valeria'];
const LAST = ['smith', 'okafor', 'garcia', 'nakamura', 'kowalski', 'haddad', 'lindqvist', 'patel', 'moreau',
  'chen', 'oyelaran', 'fischer', 'rossi', 'tanaka', 'mbeki', 'novak', 'duarte', 'ivanova'];
const DOMAINS = ['cornell.edu', 'cornell.edu', 'cornell.edu', 'netrasystems.ai', 'netrasystems.ai', 'gmail.com',
  'stanford.edu', 'outlook.com', 'acme-robotics.io'];

const POOL_SEED = 0x5eed5ec2;

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function makeJwt(rng: Prng, email: string): string {
  const header = rng.chance(0.5) ? '{"alg":"HS256","typ":"JWT"}' : '{"alg":"RS256","kid":"' + rng.hex(16) + '","typ":"JWT"}';
  const iat = 1757548800 + rng.int(0, 86400);
  const payload = JSON.stringify({
    sub: rng.uuid(), email, iat, exp: iat + 900, iss: 'https://auth.staging.netrasystems.ai', jti: rng.hex(16),
  });
  return `${b64url(header)}.${b64url(payload)}.${rng.base64url(43)}`;
}

function makePrivateKey(rng: Prng): string {
  const lines = ['-----BEGIN RSA PRIVATE KEY-----', `MIIEowIBAAKCAQEA${rng.base64(48)}`];
  for (let i = 0; i < 5; i += 1) lines.push(rng.base64(64));
  lines.push(`${rng.base64(28)}==`, '-----END RSA PRIVATE KEY-----');
  return lines.join('\n');
}

function makeEmail(rng: Prng): string {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const local = rng.weighted<string>([
    [`${first}.${last}`, 5], [`${first[0] ?? 'x'}${last}`, 2], [`${first}_${last}`, 1],
    [`${first}.${last}${rng.int(2, 99)}`, 2], [`${first}.${last}+staging`, 1],
  ]);
  return `${local}@${rng.pick(DOMAINS)}`;
}

function buildPool(): SecretPool {
  const rng = new Prng(POOL_SEED, 'fake-secrets');
  const emails = new Set<string>();
  while (emails.size < 40) emails.add(makeEmail(rng));
  const emailList = [...emails];
  const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);
  return {
    emails: emailList,
    jwts: times(16, () => makeJwt(rng, rng.pick(emailList))),
    githubTokens: times(6, () => `ghp_${rng.alnum(36)}`),
    githubPats: times(4, () => `github_pat_11${rng.upperAlnum(20)}_${rng.alnum(59)}`),
    awsKeys: times(6, () => `AKIA${rng.upperAlnum(16)}`),
    googleKeys: times(6, () => `AIza${rng.base64url(35)}`),
    privateKeys: times(3, () => makePrivateKey(rng)),
    dbPasswords: ['hunter2', ...times(5, () => `Pg${rng.alnum(14)}`)],
    passwords: times(8, () => `${rng.pick(['Winter', 'Tr0ub4dor', 'Netra', 'Sup3r'])}${rng.alnum(10)}`),
    sessionCookies: times(12, () => rng.base64url(40)),
  };
}

let cached: SecretPool | undefined;

/** The pool the generator plants from (built once, the same on every call and every machine). */
export function secretPool(): SecretPool {
  cached ??= buildPool();
  return cached;
}

/** Every secret that generated logs may contain, by kind. Private keys are listed line by line. */
export function plantedSecrets(): PlantedSecret[] {
  const pool = secretPool();
  const out: PlantedSecret[] = [];
  const add = (kind: SecretKind, values: string[]): void => {
    for (const value of values) out.push({ kind, value });
  };
  add('jwt', pool.jwts);
  // A redactor that keeps a JWT's head but leaks its signature still leaks the token.
  add('jwt', pool.jwts.map((jwt) => jwt.slice(jwt.lastIndexOf('.') + 1)));
  add('github-token', pool.githubTokens);
  add('github-pat', pool.githubPats);
  add('aws-access-key', pool.awsKeys);
  add('google-api-key', pool.googleKeys);
  add('private-key-line', pool.privateKeys.flatMap((pem) => pem.split('\n').filter((l) => !l.startsWith('-----'))));
  add('database-password', pool.dbPasswords);
  add('password-pair', pool.passwords);
  add('session-cookie', pool.sessionCookies);
  return out;
}

/** The planted secret strings alone: grep any output for each; none may appear. */
export function plantedSecretStrings(): string[] {
  return plantedSecrets().map((s) => s.value);
}

/** The e-mail addresses generated logs may contain (personal data: only the domain may survive). */
export function plantedEmails(): string[] {
  return [...secretPool().emails];
}

/** The local parts of those addresses; none may appear in any output. */
export function plantedEmailLocalParts(): string[] {
  return [...new Set(plantedEmails().map((e) => e.slice(0, e.indexOf('@'))))];
}
