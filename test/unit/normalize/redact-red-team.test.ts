// The red-team batch: secrets and personal data that got through redaction in the field, in the shapes
// a Cloud Run entry carries them. Each row names what must not survive, and what must stay readable.
import { describe, expect, it } from '@jest/globals';
import { normalizeEntry, redact } from '../../../src/normalize/index.js';
import type { RawEntry } from '../../../src/shared/types.js';

// Fake values, assembled from parts so that no scanner mistakes this file for a leak.
const j = (...parts: string[]): string => parts.join('');
const hex32 = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const alnum36 = 'Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2';

interface Row {
  name: string;
  input: string;
  /** Substrings that must be gone. */
  leaks: string[];
  /** Substrings that must still be there. */
  keeps?: string[];
}

const keyRows: Row[] = [
  { name: 'DB_PASS', input: 'config DB_PASS=lemondrizzlecake loaded', leaks: ['lemondrizzlecake'], keeps: ['DB_PASS=', 'loaded'] },
  { name: 'SMTP_PASS', input: 'SMTP_PASS: treacletart42', leaks: ['treacletart42'], keeps: ['SMTP_PASS'] },
  { name: 'Azure AccountKey', input: j('DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=', 'c2VjcmV0a2V5dmFsdWUxMjM0NTY3ODkw+/Zm9v==', ';EndpointSuffix=core.windows.net'), leaks: ['c2VjcmV0a2V5dmFsdWUxMjM0NTY3ODkw'], keeps: ['AccountName=acme'] },
  { name: 'SAS sig', input: 'GET blob?sv=2022-11-02&se=2025-01-01&sig=Zk9vYmFyYmF6cXV4%2Bxyz%3D&sp=r', leaks: ['Zk9vYmFyYmF6cXV4'], keeps: ['sv=2022-11-02'] },
  { name: 'OAuth code', input: 'oauth callback code=4/0AeaYSHBx7Qk2mP9vL3nR8tW&scope=email', leaks: ['0AeaYSHBx7Qk2mP9vL3nR8tW'], keeps: ['scope=email'] },
  { name: 'session=', input: 'restored session=f3a9c1d7e5b2 for request', leaks: ['f3a9c1d7e5b2'] },
  { name: 'otp=', input: 'verify otp=482913 failed', leaks: ['482913'], keeps: ['failed'] },
  { name: 'value with &', input: 'DB_PASSWORD=Tr0ub4dor&3xyz', leaks: ['Tr0ub4dor', '3xyz'] },
  { name: 'value with #', input: 'password=ab#cdef99 rejected', leaks: ['cdef99'], keeps: ['rejected'] },
  { name: 'value with /', input: 'secret=abc/def/ghi123 rotated', leaks: ['def/ghi123'], keeps: ['rotated'] },
  { name: 'query keeps its next pair', input: '/login?password=hunter2&next=/home', leaks: ['hunter2'], keeps: ['&next=/home'] },
  { name: 'password: words', input: 'password: correct horse battery staple', leaks: ['horse', 'battery', 'staple'] },
  { name: 'password is X', input: 'the password is sunflower77 for admin', leaks: ['sunflower77'] },
  { name: 'password is a reason', input: 'password is incorrect', leaks: [], keeps: ['password is incorrect'] },
  { name: 'curl -u', input: 'exec: curl -s -u deploy:Wh1sk3yT4ngo https://ci.internal/api', leaks: ['Wh1sk3yT4ngo'], keeps: ['deploy'] },
  { name: 'curl --user', input: "curl --user 'ops:p4ss-w0rd' -X POST", leaks: ['p4ss-w0rd'] },
  { name: 'bare basic', input: 'upstream sent basic YWxhZGRpbjpvcGVuc2VzYW1l to proxy', leaks: ['YWxhZGRpbjpvcGVuc2VzYW1l'], keeps: ['to proxy'] },
  { name: 'basic realm stays', input: 'WWW-Authenticate: Basic realm="api"', leaks: [], keeps: ['Basic realm="api"'] },
  { name: 'Go MySQL DSN', input: 'sql.Open: app:Zebra-Crossing-9@tcp(10.1.2.3:3306)/orders failed', leaks: ['Zebra-Crossing-9'], keeps: ['@tcp('] },
  { name: 'DSN to localhost', input: 'dial root:toor-secret@localhost:5432 refused', leaks: ['toor-secret'] },
  { name: 'query string in text', input: 'fetching /v1/verify?t=8sK2mQ9xL4pZ7wR3nB6v&lang=en', leaks: ['8sK2mQ9xL4pZ7wR3nB6v'], keeps: ['lang=en'] },
  { name: 'reset token in a path', input: 'GET /reset-password/Qm9vZ3lNYW5NeXN0ZXJ5VG9rZW4x 404', leaks: ['Qm9vZ3lNYW5NeXN0ZXJ5VG9rZW4x'], keeps: ['/reset-password/'] },
  { name: 'env pair', input: '{name: "DB_PASSWORD", value: "marmalade-sky-7"}', leaks: ['marmalade-sky-7'], keeps: ['DB_PASSWORD'] },
  { name: 'env pair JSON', input: '[{"name":"STRIPE_SECRET","value":"plumcrumble55"},{"name":"PORT","value":"8080"}]', leaks: ['plumcrumble55'], keeps: ['8080'] },
  { name: 'argument after --db-password', input: 'args ["--db-host", "db", "--db-password", "quinceJelly88", "--port", "5432"]', leaks: ['quinceJelly88'], keeps: ['5432'] },
  { name: '--password=', input: 'started with --password=rhubarbFool3 --verbose', leaks: ['rhubarbFool3'], keeps: ['--verbose'] },
  { name: 'a flag after a space, a quote or =', input: 'exec app -token gooseberryFool9 x="--api-key" "elderflower71"', leaks: ['gooseberryFool9', 'elderflower71'] },
];

// A hyphen inside a word is no flag: Google's ADC error (googleapis/google-api-go-client#2576) points at
// `…/application-default-credentials for more information`, and `for` is no secret.
it('keeps the word after a path whose last part ends in -credentials', () => {
  const text = 'dialing: google: could not find default credentials. See https://developers.google.com/accounts/docs/application-default-credentials for more information.';
  expect(redact(text)).toBe(text);
});

const pemLine = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun';
const pemRows: Row[] = [
  { name: 'PEM body line alone', input: pemLine, leaks: [pemLine] },
  { name: 'PEM middle line alone', input: 'VxNnb8f5Z3pQ0R1s2T3u4V5w6X7y8Z9a0B1c2D3e4F5g6H7i8J9k0L1m2N3o4P5q', leaks: ['VxNnb8f5Z3pQ0R1s2T3u4V5w6X7y8Z9a0B1c2D3e4F5g6H7i8J9k0L1m2N3o4P5q'] },
  { name: 'PEM last line alone', input: 'q1W2e3R4t5Y6u7I8o9P0aSdFgHjK==', leaks: ['q1W2e3R4t5Y6u7I8o9P0aSdFgHjK'] },
];

const personalRows: Row[] = [
  { name: 'Visa number', input: 'charge card 4111 1111 1111 1111 declined', leaks: ['4111 1111 1111 1111'], keeps: ['declined'] },
  { name: 'Mastercard, dashes', input: 'pan=5555-5555-5555-4444', leaks: ['5555-5555-5555-4444'] },
  { name: 'Amex, bare', input: 'card 378282246310005 expired', leaks: ['378282246310005'] },
  { name: 'a long id that fails Luhn stays', input: 'order 4111111111111112 shipped', leaks: [], keeps: ['4111111111111112'] },
  { name: 'client IPv4', input: 'request from 203.0.113.47 rejected', leaks: ['203.0.113.47'], keeps: ['rejected'] },
  { name: 'X-Forwarded-For', input: 'x-forwarded-for: 198.51.100.23, 35.191.0.1', leaks: ['198.51.100.23', '35.191.0.1'] },
  { name: 'client IPv6', input: 'client 2001:db8:85a3::8a2e:370:7334 blocked', leaks: ['2001:db8:85a3::8a2e:370:7334'] },
  { name: 'full IPv6', input: 'peer=2001:0db8:0000:0000:0000:ff00:0042:8329', leaks: ['2001:0db8:0000:0000:0000:ff00:0042:8329'] },
  { name: 'times stay', input: 'at 23:16:22 and 12:30', leaks: [], keeps: ['23:16:22', '12:30'] },
  { name: 'phone, international', input: 'sms to +44 20 7946 0958 failed', leaks: ['7946 0958'], keeps: ['failed'] },
  { name: 'phone, E.164', input: 'twilio: to=+14155550123 undeliverable', leaks: ['4155550123'] },
  { name: 'phone, US', input: 'callback (415) 555-0198 queued', leaks: ['555-0198'] },
  { name: 'phone, dotted', input: 'contact 415.555.0123 now', leaks: ['415.555.0123'] },
  { name: 'phone by its key', input: '{"phone": "4155550123", "plan": "pro"}', leaks: ['4155550123'], keeps: ['"plan": "pro"'] },
  { name: 'mobile=', input: 'otp sent mobile=07700900123 ok', leaks: ['07700900123'], keeps: ['ok'] },
  { name: 'iPhone stays', input: 'client iphone=15 safari', leaks: [], keeps: ['iphone=15'] },
  { name: 'email, quoted local part', input: 'user "jane q. public"@example.com signed up', leaks: ['jane q. public'], keeps: ['example.com'] },
  { name: 'email, &#64;', input: 'to: priya.nair&#64;cornell.edu', leaks: ['priya.nair'], keeps: ['cornell.edu'] },
  { name: 'email, %2540', input: '/unsubscribe?e=tom.baker%2540bbc.co.uk', leaks: ['tom.baker'], keeps: ['bbc.co.uk'] },
  { name: 'email, \\u0040', input: '{"email":"kim.lee\\u0040example.org"}', leaks: ['kim.lee'], keeps: ['example.org'] },
  { name: 'email, fullwidth at', input: 'owner omar.haddad＠example.net', leaks: ['omar.haddad'], keeps: ['example.net'] },
];

const vendorRows: Row[] = [
  ['Shopify access token', j('shpat', '_', hex32)],
  ['Shopify shared secret', j('shpss', '_', hex32)],
  ['Vault service token', j('hvs', '.', 'CAESIJlWpq9M2NvT0kL3yQ7rA8bX1cD5eF6gH9iJ0kL')],
  ['Vault batch token', j('hvb', '.', 'AAAAAQKZ8x2n4VbT7mL9qR3sW6yZ1cF5hJ8kN0pQ4tU7wX')],
  ['Docker PAT', j('dckr', '_pat_', 'Zq3xY8wV2uT6sR0pO4nM9lK1jH5')],
  ['GitHub PAT', j('ghp', '_', alnum36)],
  ['GitHub fine-grained PAT', j('github', '_pat_', '11AAAAAAA0', alnum36, '_', alnum36.slice(0, 20))],
  ['Slack bot token', j('xox', 'b-', '123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx')],
  ['Slack app token', j('xapp', '-1-', 'A01234567-1234567890123-abcdef0123456789')],
  ['Stripe secret key', j('sk', '_live_', '51H8abcDEFghiJKLmnoPQRstu0123456789')],
  ['Stripe prod key', j('rk', '_prod_', '51H8abcDEFghiJKLmnoPQRstu0123456789')],
  ['npm token', j('npm', '_', alnum36)],
  ['PyPI token', j('pypi', '-AgEIcHlwaS5vcmc', 'CJDk3NTRhNGY2LWI3NmUtNDc5ZS04ZDg5LTY3ZTVhOTY0ZjJhMgACKlsz')],
  ['GitLab PAT', j('glpat', '-', 'xYz12AbC34dEf56GhI78')],
  ['GitLab deploy token', j('gldt', '-', 'xYz12AbC34dEf56GhI78')],
  ['GitLab runner token', j('glrt', '-', 'xYz12AbC34dEf56GhI78')],
  ['SendGrid key', j('SG', '.', 'ngeVfQFYQlKU0ufo8x5d1A', '.', 'TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr')],
  ['Twilio API key', j('SK', hex32)],
  ['Twilio account SID', j('AC', hex32)],
  ['Databricks token', j('dapi', hex32)],
  ['DigitalOcean PAT', j('dop', '_v1_', hex32, hex32)],
  ['Linear key', j('lin', '_api_', alnum36, 'abcd')],
  ['Postman key', j('PMAK', '-', '0123456789abcdef01234567-', '0123456789abcdef0123456789abcdef01')],
  ['Pulumi token', j('pul', '-', hex32, '01234567')],
  ['Doppler token', j('dp', '.pt.', alnum36, 'abcdefg')],
  ['Grafana cloud token', j('glc', '_', 'eyJvIjoiMTIzNCIsIm4iOiJzdGFjayIsImsiOiJhYmMifQ==')],
  ['Age secret key', j('AGE-SECRET', '-KEY-1', 'QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ')],
  ['Sentry user token', j('sntryu', '_', hex32, hex32)],
  ['Hugging Face org token', j('api', '_org_', 'abcdefghijklmnopqrstuvwxyzabcdefgh')],
  ['Atlassian token', j('ATATT3', 'xFfGF0', alnum36, alnum36)],
  ['Square token', j('sq0atp', '-', 'AbCdEfGhIjKlMnOpQrStUv')],
  ['Notion token', j('ntn', '_', '12345678901', alnum36)],
  ['Perplexity key', j('pplx', '-', alnum36, 'abcdefghijkl')],
  ['PlanetScale password', j('pscale', '_pw_', alnum36)],
  ['RubyGems key', j('rubygems', '_', hex32, '0123456789abcdef')],
].map(([name, token]) => ({ name: name!, input: `client init with ${token} done`, leaks: [token!], keeps: ['client init with', 'done'] }));

describe.each([
  ['secret keys and values', keyRows],
  ['PEM bodies one line per entry', pemRows],
  ['personal data', personalRows],
  ['vendor tokens', vendorRows],
])('red team: %s', (_group, rows) => {
  it.each(rows)('$name', ({ input, leaks, keeps }) => {
    const out = redact(input);
    for (const leak of leaks) expect(out).not.toContain(leak);
    for (const keep of keeps ?? []) expect(out).toContain(keep);
    expect(redact(out)).toBe(out);
  });
});

describe('red team: through whole entries', () => {
  const timestamp = '2025-09-11T23:16:22Z';
  const text = (raw: RawEntry): string => {
    const out = normalizeEntry(raw);
    if ('skip' in out) throw new Error(out.skip);
    return [out.text, out.request?.path ?? ''].join('\n');
  };

  it('a container spec with env pairs and args', () => {
    const out = text({
      timestamp,
      severity: 'ERROR',
      jsonPayload: {
        message: 'container failed to start',
        env: [{ name: 'DB_PASSWORD', value: 'gooseberryFool4' }, { name: 'PORT', value: '8080' }],
        args: ['--db-password', 'damsonJam22'],
      },
    } as RawEntry);
    expect(out).not.toContain('gooseberryFool4');
    expect(out).not.toContain('damsonJam22');
  });

  it('an opaque token in a request path', () => {
    const out = text({
      timestamp,
      severity: 'WARNING',
      httpRequest: { requestMethod: 'GET', requestUrl: 'https://shop.example/reset-password/Qm9vZ3lNYW5NeXN0ZXJ5VG9rZW4x', status: 404 },
    } as RawEntry);
    expect(out).not.toContain('Qm9vZ3lNYW5NeXN0ZXJ5VG9rZW4x');
    expect(out).toContain('/reset-password/');
  });

  it('a client address keeps the text classifiable: a fixed marker', () => {
    expect(redact('request from 203.0.113.47 rejected')).toBe('request from <IP> rejected');
    expect(redact('request from 198.51.100.9 rejected')).toBe('request from <IP> rejected');
  });
});

describe('red team: personal numbers in structured fields', () => {
  it('a phone, card or national id field is redacted whole', async () => {
    const { redactValue } = await import('../../../src/normalize/index.js');
    const out = JSON.stringify(redactValue({ user: { phone_number: '4155550123', ssn: '078-05-1120', card_number: '4111111111111111', plan: 'pro' } }));
    for (const leak of ['4155550123', '078-05-1120', '4111111111111111']) expect(out).not.toContain(leak);
    expect(out).toContain('"plan":"pro"');
  });
});
