import { describe, expect, it } from '@jest/globals';
import { isSecretName, redactValue } from '../../../src/normalize/index.js';

const R = '[REDACTED]';

describe('redactValue', () => {
  it.each([
    { name: 'password', input: { user: 'bob', password: 'hunter2' }, expected: { user: 'bob', password: R } },
    { name: 'camelCase token', input: { accessToken: 'abc', refreshToken: 'def' }, expected: { accessToken: R, refreshToken: R } },
    { name: 'header map', input: { headers: { Authorization: 'Bearer x', Cookie: 'a=b', 'X-Api-Key': 'k', Accept: '*/*' } },
      expected: { headers: { Authorization: R, Cookie: R, 'X-Api-Key': R, Accept: '*/*' } } },
    { name: 'private key object', input: { private_key: { pem: '...' } }, expected: { private_key: R } },
    { name: 'client secret', input: { 'client.secret': 42 }, expected: { 'client.secret': R } },
    { name: 'set-cookie array', input: { 'set-cookie': ['a=1', 'b=2'] }, expected: { 'set-cookie': R } },
    { name: 'session ids', input: { session_id: 'x', sid: 'y', JSESSIONID: 'z' }, expected: { session_id: R, sid: R, JSESSIONID: R } },
    { name: 'strings in depth', input: { a: [{ b: 'mail carol@cornell.edu' }] }, expected: { a: [{ b: 'mail ***@cornell.edu' }] } },
    { name: 'key with a key-shaped value', input: { key: 'AbCdEf0123456789XyZ' }, expected: { key: R } },
    { name: 'email as a map key', input: { 'dan@cornell.edu': 1 }, expected: { '***@cornell.edu': 1 } },
  ])('$name', ({ input, expected }) => {
    expect(redactValue(input)).toEqual(expected);
  });

  it.each([
    { name: 'token counts', input: { max_tokens: 4096, prompt_tokens: 12, token_count: 3, tokens: 9 } },
    { name: 'empty and null secrets', input: { password: '', token: null, secret: false } },
    { name: 'a cache key', input: { key: 'user:42:profile' } },
    { name: 'scalars', input: [1, true, 'plain text', null] },
  ])('keeps $name', ({ input }) => {
    expect(redactValue(input)).toEqual(input);
  });

  it('does not change its input', () => {
    const input = { password: 'x', nested: { email: 'a@b.co' } };
    redactValue(input);
    expect(input).toEqual({ password: 'x', nested: { email: 'a@b.co' } });
  });

  it('cuts 200-deep values at the depth limit', () => {
    let deep: Record<string, unknown> = { leaf: 'end' };
    for (let i = 0; i < 200; i++) deep = { child: deep };
    const text = JSON.stringify(redactValue(deep));
    expect(text).toContain('[truncated]');
    expect(text).not.toContain('end');
    expect(text.match(/child/g)?.length).toBe(32);
  });

  it('bounds the number of values visited', () => {
    const wide = Array.from({ length: 50_000 }, (_, i) => i);
    const out = redactValue(wide) as unknown[];
    expect(out.length).toBeLessThan(10_001);
    expect(out[out.length - 1]).toBe('[truncated]');
  });

  it('marks cycles instead of looping', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redactValue(a)).toEqual({ name: 'a', self: '[circular]' });
  });

  it('keeps a shared object seen twice (not a cycle)', () => {
    const shared = { x: 1 };
    expect(redactValue({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });

  it('reads Errors, Dates, Maps, Sets, bigints and binary', () => {
    const err = new TypeError('failed for eve@example.com');
    const out = redactValue({
      err,
      when: new Date(Date.UTC(2025, 8, 11)),
      map: new Map([['token', 'x']]),
      set: new Set(['a']),
      n: 10n,
      buf: new Uint8Array(4),
      fn: () => 1,
    }) as Record<string, Record<string, unknown>>;
    expect(out.err!.name).toBe('TypeError');
    expect(out.err!.message).toBe('failed for ***@example.com');
    expect(String(out.err!.stack)).not.toContain('eve@');
    expect(out.when).toBe('2025-09-11T00:00:00.000Z');
    expect(out.map).toEqual({ token: R });
    expect(out.set).toEqual(['a']);
    expect(out.n).toBe('10');
    expect(out.buf).toBe('[binary 4 bytes]');
    expect('fn' in out).toBe(false);
  });

  it('survives a throwing getter', () => {
    const evil = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('nope');
      },
    });
    expect(redactValue({ evil })).toEqual({ evil: '[unreadable]' });
  });

  it('bounds long strings', () => {
    const out = redactValue('x'.repeat(1_000_000)) as string;
    expect(out.length).toBeLessThanOrEqual(64 * 1024);
    expect(out.endsWith('[truncated]')).toBe(true);
  });
});

describe('isSecretName', () => {
  it.each(['password', 'DB_PASSWORD', 'passwd', 'apiKey', 'api_key', 'x-api-key', 'Authorization', 'proxy-authorization',
    'cookie', 'Set-Cookie', 'client_secret', 'clientSecret', 'GITHUB_TOKEN', 'id_token', 'csrfToken', 'privateKey',
    'secret_key', 'aws_secret_access_key', 'sessionId', 'JSESSIONID', 'sid', 'credentials', 'signature'])('%s is secret', (key) => {
    expect(isSecretName(key)).toBe(true);
  });

  it.each(['tokens', 'max_tokens', 'token_count', 'tokenizer', 'secretary', 'password_policy', 'passwordless', 'key',
    'cache_key', 'keys', 'session', 'side', 'cookies_enabled', 'author'])('%s is not', (key) => {
    expect(isSecretName(key)).toBe(false);
  });
});
