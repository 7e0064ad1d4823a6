// A GitHub App key pair made per test run: GitHub hands out PKCS#1 PEM private keys, so do we.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface AppKeys {
  privateKeyPem: string;
  publicKey: KeyObject;
}

export function generateAppKeys(): AppKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), publicKey };
}
