// Verifies a GitHub App JWT the way GitHub does: RS256 signed by the App's key, issued by the App's
// id, issued no later than a minute from now and expiring within ten minutes.
import { verify, type KeyObject } from 'node:crypto';

export type JwtVerdict = { ok: true } | { ok: false; reason: string };

export function checkAppJwt(jwt: string, appId: number, publicKey: KeyObject, nowSeconds: number): JwtVerdict {
  const parts = jwt.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'A JSON web token could not be decoded' };
  const [head, payload, signature] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'A JSON web token could not be decoded' };
  }
  if (header.alg !== 'RS256') return { ok: false, reason: `JWT alg must be RS256, got ${String(header.alg)}` };
  const signed = verify('RSA-SHA256', Buffer.from(`${head}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
  if (!signed) return { ok: false, reason: 'A JSON web token could not be decoded' };
  if (String(claims.iss) !== String(appId)) return { ok: false, reason: "'Issuer' claim ('iss') must be an Integer" };
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number') return { ok: false, reason: 'JWT needs numeric iat and exp' };
  if (iat > nowSeconds + 60) return { ok: false, reason: "'Issued at' claim ('iat') must be an Integer representing a time in the past" };
  if (exp <= nowSeconds) return { ok: false, reason: "'Expiration time' claim ('exp') is too far in the past" };
  if (exp - nowSeconds > 600 + 10) return { ok: false, reason: "'Expiration time' claim ('exp') is too far in the future" };
  return { ok: true };
}
