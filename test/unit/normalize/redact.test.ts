import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { redact } from '../../../src/normalize/index.js';
import { redactAtOnce } from '../../../src/normalize/redact.js';

// Fake secrets, assembled from parts so that no scanner mistakes this file for a leak.
const fake = {
  ghp: 'ghp' + '_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8',
  gho: 'gho' + '_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2',
  ghs: 'ghs' + '_' + 'abcdefghij0123456789ABCDEFGHIJ012345',
  ghu: 'ghu' + '_' + '0123456789abcdefghij0123456789abcdef',
  ghr: 'ghr' + '_' + 'QWERTYUIOPasdfghjkl1234567890zxcvbnm',
  pat: 'github' + '_pat_' + '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP',
  akia: 'AKIA' + 'IOSFODNN7EXAMPLE',
  asia: 'ASIA' + 'Y34FZKBOKMUTVV7A',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  google: 'AIza' + 'SyD-1234567890abcdefghijklmnopqrstuv',
  ya29: 'ya29' + '.a0AfH6SMBxK3lq9Zr4T7vWm2PqY8sN1cD5eF6gH',
  jwt:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' +
    '.eyJzdWIiOiIxMjM0NTY3ODkwIiwiZW1haWwiOiJhbGljZUBjb3JuZWxsLmVkdSJ9' +
    '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  slackBot: 'xox' + 'b-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  slackUser: 'xox' + 'p-123456789012-123456789012-123456789012-abcdef0123456789abcdef0123456789',
  stripe: 'sk' + '_live_' + '51H8abcDEFghiJKLmnoPQRstu0123456789',
  stripeTest: 'rk' + '_test_' + 'abcdefghijklmnop0123',
  openai: 'sk' + '-proj-' + 'AbCdEf0123456789GhIjKl0123456789',
  anthropic: 'sk' + '-ant-api03-' + 'AbCdEf0123456789GhIjKl0123456789-xyz_AA',
  sendgrid: 'SG' + '.abcdefghijklmnop0123.qrstuvwxyzABCDEF0123456789abcdef',
  npm: 'npm' + '_' + 'abcdefghijklmnopqrstuvwxyz0123456789',
  glpat: 'glpat' + '-' + 'abcdefghij0123456789',
  pemBody: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nVJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dV',
};

const R = '[REDACTED]';

/** Each row: what a log line holds, and what must come out. */
const rules: Array<{ name: string; input: string; expected: string }> = [
  // email: the domain stays
  { name: 'email', input: 'Created user alice.smith@cornell.edu from JWT', expected: 'Created user ***@cornell.edu from JWT' },
  { name: 'email with plus and subdomain', input: 'to=<bob+ci@mail.eng.netrasystems.ai>', expected: 'to=<***@mail.eng.netrasystems.ai>' },
  { name: 'email, upper case', input: 'USER JOHN.DOE@EXAMPLE.COM LOGGED IN', expected: 'USER ***@EXAMPLE.COM LOGGED IN' },
  { name: 'email at a digit label', input: 'sent to wang.lei@163.com', expected: 'sent to ***@163.com' },
  { name: 'email at a version-like host with a real name part', input: 'mail ann@mx1.2.example.org', expected: 'mail ***@mx1.2.example.org' },
  { name: 'email, url-encoded', input: '/invite?to=carol%40cornell.edu', expected: '/invite?to=***%40cornell.edu' },
  { name: 'two emails', input: 'a@x.io, b@y.org', expected: '***@x.io, ***@y.org' },
  { name: 'email in JSON', input: '{"email":"dave@netrasystems.ai"}', expected: '{"email":"***@netrasystems.ai"}' },
  { name: 'mailto', input: 'mailto:eve@example.co.uk', expected: 'mailto:***@example.co.uk' },
  { name: 'email, accented local part', input: 'user josé.núñez@cornell.edu joined', expected: 'user ***@cornell.edu joined' },
  { name: 'email, non-Latin script and IDN domain', input: '用户 张伟@例子.公司 登录', expected: '用户 ***@例子.公司 登录' },
  { name: 'chained @ loses the middle too', input: 'x a@b.co@c.org', expected: 'x ***@***@c.org' },
  // JWT
  { name: 'JWT alone', input: `jwt=${fake.jwt} ok`, expected: `jwt=${R} ok` },
  { name: 'JWT in a sentence', input: `decoded ${fake.jwt} for user`, expected: `decoded ${R} for user` },
  { name: 'JWT, unsigned', input: 'got eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0. end', expected: `got ${R} end` },
  { name: 'base64 JSON blob (session cookie)', input: 'state eyJ1c2VyIjoiYWxpY2UiLCJpZCI6NDJ9 restored', expected: `state ${R} restored` },
  // Authorization / Bearer
  { name: 'Authorization Bearer', input: 'Authorization: Bearer abc123def456ghi789', expected: `Authorization: Bearer ${R}` },
  { name: 'Authorization Bearer JWT', input: `authorization: Bearer ${fake.jwt}`, expected: `authorization: Bearer ${R}` },
  { name: 'Authorization Basic', input: 'Authorization: Basic dXNlcjpwYXNzd29yZA==', expected: `Authorization: Basic ${R}` },
  { name: 'Authorization without scheme', input: 'authorization=9f8e7d6c5b4a', expected: `authorization=${R}` },
  { name: 'Authorization in a JSON header map', input: '{"Authorization": "Bearer tok_9f8e7d6c5b4a3"}', expected: `{"Authorization": "Bearer ${R}"}` },
  { name: 'Authorization in a Python dict', input: "{'authorization': 'Token 0123456789abcdef'}", expected: `{'authorization': 'Token ${R}'}` },
  { name: 'Authorization url-encoded', input: 'authorization=Bearer%20abc123def456', expected: `authorization=Bearer%20${R}` },
  { name: 'Bearer alone', input: 'sent Bearer 0a1b2c3d4e5f6a7b8c9d', expected: `sent Bearer ${R}` },
  { name: 'Bearer opaque long word', input: 'bearer AbCdEfGhIjKlMnOpQrStUvWxYz', expected: `bearer ${R}` },
  { name: 'Bearer with dots', input: 'Bearer a.b.c-d_e~f+g/h=', expected: `Bearer ${R}` },
  // GitHub
  { name: 'ghp_', input: `token ${fake.ghp}`, expected: `token ${R}` },
  { name: 'gho_', input: `using ${fake.gho}`, expected: `using ${R}` },
  { name: 'ghs_ in URL', input: `https://x-access-token:${fake.ghs}@github.com/o/r.git`, expected: `https://x-access-token:${R}@github.com/o/r.git` },
  { name: 'ghu_', input: `[${fake.ghu}]`, expected: `[${R}]` },
  { name: 'ghr_', input: `refresh=${fake.ghr}`, expected: `refresh=${R}` },
  { name: 'github_pat_', input: `GH=${fake.pat}`, expected: `GH=${R}` },
  { name: 'GITHUB_TOKEN env', input: `GITHUB_TOKEN=${fake.ghp}`, expected: `GITHUB_TOKEN=${R}` },
  // Cloud and SaaS keys
  { name: 'AWS access key id', input: `key id ${fake.akia} used`, expected: `key id ${R} used` },
  { name: 'AWS session key id', input: `creds:${fake.asia}`, expected: `creds:${R}` },
  { name: 'AWS secret key=value', input: `aws_secret_access_key=${fake.awsSecret}`, expected: `aws_secret_access_key=${R}` },
  { name: 'AWS secret env', input: `AWS_SECRET_ACCESS_KEY: ${fake.awsSecret}`, expected: `AWS_SECRET_ACCESS_KEY: ${R}` },
  { name: 'Google API key', input: `GET /maps?key=${fake.google}&q=1`, expected: `GET /maps?key=${R}&q=1` },
  { name: 'Google OAuth token', input: `access ${fake.ya29} expired`, expected: `access ${R} expired` },
  { name: 'Slack bot token', input: `slack ${fake.slackBot}`, expected: `slack ${R}` },
  { name: 'Slack user token', input: `SLACK=${fake.slackUser}`, expected: `SLACK=${R}` },
  { name: 'Slack webhook', input: 'post https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX failed', expected: `post https://hooks.slack.com/services/${R} failed` },
  { name: 'Stripe live key', input: `stripe.api_key=${fake.stripe}`, expected: `stripe.api_key=${R}` },
  { name: 'Stripe restricted key in prose', input: `using ${fake.stripeTest} now`, expected: `using ${R} now` },
  { name: 'OpenAI project key', input: `OPENAI ${fake.openai}`, expected: `OPENAI ${R}` },
  { name: 'Anthropic key', input: `client(${fake.anthropic})`, expected: `client(${R})` },
  { name: 'SendGrid key', input: `mail ${fake.sendgrid}`, expected: `mail ${R}` },
  { name: 'npm token', input: `//registry/:_authToken ${fake.npm}`, expected: `//registry/:_authToken ${R}` },
  { name: 'GitLab token', input: `PRIVATE-TOKEN ${fake.glpat}`, expected: `PRIVATE-TOKEN ${R}` },
  // private keys
  {
    name: 'PEM private key',
    input: `key:\n-----BEGIN PRIVATE KEY-----\n${fake.pemBody}\n-----END PRIVATE KEY-----\ndone`,
    expected: `key:\n-----BEGIN PRIVATE KEY-----${R}-----END PRIVATE KEY-----\ndone`,
  },
  {
    name: 'RSA private key',
    input: `-----BEGIN RSA PRIVATE KEY-----\n${fake.pemBody}\n-----END RSA PRIVATE KEY-----`,
    expected: `-----BEGIN RSA PRIVATE KEY-----${R}-----END RSA PRIVATE KEY-----`,
  },
  {
    name: 'private key JSON-escaped in a service account file',
    input: `{"private_key": "-----BEGIN PRIVATE KEY-----\\n${fake.pemBody.replace('\n', '\\n')}\\n-----END PRIVATE KEY-----\\n", "x": 1}`,
    expected: `{"private_key": "${R}", "x": 1}`,
  },
  {
    name: 'private key cut short',
    input: `-----BEGIN OPENSSH PRIVATE KEY-----\n${fake.pemBody}`,
    expected: `-----BEGIN OPENSSH PRIVATE KEY-----${R}`,
  },
  {
    name: 'encrypted PEM with dashed headers',
    input: `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A1B\n\n${fake.pemBody}\n-----END RSA PRIVATE KEY-----`,
    expected: `-----BEGIN RSA PRIVATE KEY-----${R}`,
  },
  // passwords in URLs
  { name: 'postgres URL', input: 'connect postgres://app:s3cr3t@db.internal:5432/main', expected: `connect postgres://app:${R}@db.internal:5432/main` },
  { name: 'redis URL, no user', input: 'redis://:hunter2@10.0.0.3:6379/0', expected: `redis://:${R}@10.0.0.3:6379/0` },
  { name: 'URL password with @', input: 'mongodb+srv://u:p@ss@cluster0.x.net/db', expected: `mongodb+srv://u:${R}@cluster0.x.net/db` },
  { name: 'https basic auth', input: 'GET https://admin:Adm1n!@internal.example.com/x', expected: `GET https://admin:${R}@internal.example.com/x` },
  // key=value pairs
  { name: 'password=', input: 'login password=hunter2 ok', expected: `login password=${R} ok` },
  { name: 'password in query', input: '/login?user=a&password=hunter2&next=/', expected: `/login?user=a&password=${R}&next=/` },
  { name: 'passwd:', input: 'passwd: correcthorse', expected: `passwd: ${R}` },
  { name: 'password: a plain word is still a password', input: 'password: letmein', expected: `password: ${R}` },
  { name: 'JSON password', input: '{"username": "bob", "password": "p@ss w0rd!"}', expected: `{"username": "bob", "password": "${R}"}` },
  { name: 'JSON password with escaped quote', input: '{"password":"a\\"b"}', expected: `{"password":"${R}"}` },
  { name: 'escaped JSON password', input: '{\\"password\\": \\"hunter2\\"}', expected: `{\\"password\\": \\"${R}\\"}` },
  { name: 'Python repr password', input: "{'password': 'hunter2'}", expected: `{'password': '${R}'}` },
  { name: 'password in brackets', input: 'password=[hunter2] ok', expected: `password=${R} ok` },
  { name: 'password in a toString', input: 'User(name=bob, password=<x9>)', expected: `User(name=bob, password=${R}` },
  { name: 'DB_PASSWORD env, & inside the value', input: 'DB_PASSWORD=Tr0ub4dor&3', expected: `DB_PASSWORD=${R}` },
  { name: 'secret=', input: 'client_secret=abc123XYZ', expected: `client_secret=${R}` },
  { name: 'token=', input: 'callback?token=abcdef123456', expected: `callback?token=${R}` },
  { name: 'access_token=', input: '#access_token=xyz987&expires_in=3600', expected: `#access_token=${R}&expires_in=3600` },
  { name: 'refreshToken JSON', input: '{"refreshToken":"r-0a1b2c3d"}', expected: `{"refreshToken":"${R}"}` },
  { name: 'api_key=', input: 'api_key=0123abcd', expected: `api_key=${R}` },
  { name: 'apikey:', input: 'apikey: k-99', expected: `apikey: ${R}` },
  { name: 'X-Api-Key header', input: 'X-Api-Key: 7f3a9c', expected: `X-Api-Key: ${R}` },
  { name: 'private_key=', input: 'private_key=abcdef', expected: `private_key=${R}` },
  { name: 'credentials=', input: 'credentials=user:pw', expected: `credentials=${R}` },
  { name: 'signature in presigned URL', input: 'X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024', expected: `X-Amz-Signature=${R}` },
  // cookies and sessions
  { name: 'Cookie header', input: 'Cookie: session=abc123; theme=dark', expected: `Cookie: ${R}` },
  { name: 'Set-Cookie header', input: 'Set-Cookie: sid=s%3A0a1b.2c3d; Path=/; HttpOnly', expected: `Set-Cookie: ${R}` },
  { name: 'cookie in JSON', input: '{"cookie": "a=1; b=2", "ua": "x"}', expected: `{"cookie": "${R}", "ua": "x"}` },
  { name: 'session_id=', input: 'session_id=5f2a9c0e', expected: `session_id=${R}` },
  { name: 'sessionId JSON', input: '{"sessionId": "0a1b2c"}', expected: `{"sessionId": "${R}"}` },
  { name: 'sid=', input: 'ws connect sid=AbC123', expected: `ws connect sid=${R}` },
  { name: 'JSESSIONID', input: '/app;JSESSIONID=1A2B3C4D5E?x', expected: `/app;JSESSIONID=${R}` },
  { name: 'PHPSESSID', input: 'PHPSESSID=abc', expected: `PHPSESSID=${R}` },
  { name: 'connect.sid', input: 'connect.sid=s%3Aabc.def', expected: `connect.sid=${R}` },
  // long high-entropy values after key / token words
  { name: 'API key with space', input: 'using API key AbCdEf0123456789XyZ', expected: `using API key ${R}` },
  { name: 'token is', input: 'token is 9f8e7d6c5b4a39281706f5e4d3c2b1a0 now', expected: `token is ${R} now` },
  { name: 'key followed by opaque value', input: 'signing key Zx9Yw8Vu7Ts6Rq5Po4 loaded', expected: `signing key ${R} loaded` },
  { name: 'secret with space', input: 'webhook secret q1W2e3R4t5Y6u7I8o9P0 rotated', expected: `webhook secret ${R} rotated` },
];

/** Each row must come out unchanged: things that look like secrets but are not. */
const nearMisses: Array<{ name: string; input: string }> = [
  { name: 'password in a sentence', input: 'password reset requested for account 42' },
  { name: 'password policy', input: 'Password must be at least 12 characters' },
  { name: 'token reuse check', input: '🚨 AUTHENTICATION TOKEN DETECTED: Token used 0.512s ago (threshold: 1.0s)' },
  { name: 'token detected', input: '401: Token detected - authentication failed' },
  { name: 'token: a reason word', input: 'Invalid token: expired' },
  { name: 'LLM token counts', input: 'usage prompt_tokens=1200 completion_tokens=350 max_tokens: 4096 total_tokens=1550' },
  { name: 'token_count', input: 'token_count=12 token_type=bearer' },
  { name: 'Bearer in prose', input: 'Bearer token missing from request' },
  { name: 'Bearer at end', input: 'expected scheme Bearer' },
  { name: 'Authorization with no value', input: 'Authorization: Bearer' },
  { name: 'Authorization header missing', input: 'Authorization header missing' },
  { name: 'Authorization: reason word', input: 'Authorization: denied' },
  { name: 'decorator', input: '  File "/app/main.py", line 10, in <module>\n    @app.get("/health")' },
  { name: 'shell prompt', input: 'root@api-7d9f5c:/app# ./start.sh' },
  { name: 'user@localhost', input: 'login as deploy@localhost' },
  { name: 'npm package version', input: 'loaded lodash@4.17.21 and @types/node@20.19.0' },
  { name: 'scoped package', input: 'import from @google-cloud/logging' },
  { name: 'git sha', input: 'deployed commit 3f786850e387550fdab836ed7e6dc881de23001b' },
  { name: 'short sha', input: 'revision netra-backend-00042-abc built from 3f78685' },
  { name: 'UUID', input: 'request 550e8400-e29b-41d4-a716-446655440000 failed' },
  { name: 'trace id', input: 'trace projects/p/traces/4bf92f3577b34da6a3ce929d0e0e4736' },
  { name: 'version strings', input: 'python 3.11.9, fastapi 0.110.0, v2.3.4-rc.1' },
  { name: 'ISO timestamp', input: 'at 2025-09-11T23:16:22.123456Z' },
  { name: 'session middleware', input: 'Session access failed (middleware not installed?): SessionMiddleware must be installed' },
  { name: 'secret manager name', input: 'reading projects/p/secrets/gh-key/versions/latest' },
  { name: 'key in prose', input: 'key performance indicators updated, cache key miss' },
  { name: 'empty password value', input: 'password= (empty)' },
  { name: 'password placeholder', input: 'password=*** user=bob' },
  { name: 'nested object after a secret word', input: '{"credentials": {"type": "service_account"}}' },
  { name: 'null token', input: '{"token": null, "password": ""}' },
  { name: 'cookie in prose', input: 'Failed to parse cookie: invalid format' },
  { name: 'cookies plural', input: 'cookies: 3 set' },
  { name: 'plain URL', input: 'GET https://api.netrasystems.ai:443/v1/threads?limit=20' },
  { name: 'host:port', input: 'connecting to db.internal:5432 as app' },
  { name: 'IPv6 URL', input: 'http://[::1]:8080/healthz' },
  { name: 'email-like without TLD', input: 'worker@3 started' },
  // A module or artifact at its version (JBoss Modules, the JDK's module frames, Maven): not an address.
  { name: 'JBoss module frame', input: '\tat org.jboss.resteasy.resteasy-core@6.2.7.Final//org.jboss.resteasy.core.ExceptionHandler.handleException(ExceptionHandler.java:344)' },
  { name: 'undertow module frame', input: 'at io.undertow.core@2.3.10.Final//io.undertow.server.Connectors.executeRootHandler(Connectors.java:393)' },
  { name: 'JDK module frame', input: 'at java.base@17.0.13/java.lang.Thread.run(Thread.java:840)' },
  { name: 'Maven artifact at a release', input: 'resolved spring-core@5.3.20.RELEASE from cache' },
  { name: 'long word after token', input: 'token internationalization enabled' },
  { name: 'sk- prose', input: 'see sk-learn-compatible-estimators-docs' },
  { name: 'a duration after key', input: 'key rotation every 2160h0m0s' },
  { name: 'already redacted', input: `password=${R} Authorization: Bearer ${R} ***@cornell.edu` },
];

describe('redact: what must go', () => {
  it.each(rules)('$name', ({ input, expected }) => {
    expect(redact(input)).toBe(expected);
  });

  it.each(rules)('is idempotent: $name', ({ input }) => {
    const once = redact(input);
    expect(redact(once)).toBe(once);
  });
});

describe('redact: near misses that must stay', () => {
  it.each(nearMisses)('$name', ({ input }) => {
    expect(redact(input)).toBe(input);
  });
});

describe('redact: properties', () => {
  const secrets = Object.entries(fake)
    .filter(([name]) => name !== 'pemBody' && name !== 'awsSecret') // a bare AWS secret is only known by its key
    .map(([, value]) => value);
  const plainFragments = [
    ' ', '\n', '"', "'", '=', ': ', '@', '.', ',', ';', '&', '/', '\\', '[', ']', '{', '}', '*',
    'a', 'Z', '7', 'abc', 'x1', 'password', 'Password', 'passwd', 'token', 'Token', 'secret', 'key', 'api_key', 'sid',
    'session_id', 'cookie', 'Cookie', 'Set-Cookie', 'Authorization', 'Bearer ', 'Basic ', 'bearer', '://',
    'https://', 'user:', 'cornell.edu', 'alice', 'b.c', '%40', 'eyJhbGciOiJIUzI1NiJ9', 'eyJ', '-----BEGIN PRIVATE KEY-----',
    '-----END PRIVATE KEY-----', 'MIIEvQ', R, '***', 'null', 'is ', 'AbCdEf0123456789XyZ', 'ghp_', 'AKIA', 'AIza', 'xoxb-', 'sk-',
  ];
  const logLine = fc.array(fc.constantFrom(...plainFragments, ...secrets), { maxLength: 40 }).map((parts) => parts.join(''));
  const context = fc.array(fc.constantFrom(...plainFragments), { maxLength: 20 }).map((parts) => parts.join(''));

  it('is idempotent on any mix of secret-shaped fragments', () => {
    fc.assert(
      fc.property(logLine, (text) => {
        const once = redact(text);
        expect(redact(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('removes every known secret whatever surrounds it (given a separator)', () => {
    fc.assert(
      fc.property(context, fc.constantFrom(...secrets), context, (before, secret, after) => {
        const out = redact(`${before} ${secret} ${after}`);
        expect(out).not.toContain(secret);
      }),
      { numRuns: 3000 },
    );
  });

  it('redacts a text of several lines line by line exactly as it would the whole text at once', () => {
    const lines = fc.array(fc.oneof(logLine, context), { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(lines, fc.constantFrom('\n', '\r\n', '\n\n', '\n  '), (parts, eol) => {
        const text = parts.join(eol);
        expect(redact(text)).toBe(redactAtOnce(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a secret on the second line', `Request failed\nAuthorization: Bearer ${fake.ghp}\nat handler (/app/x.js:1:2)`],
    ['an address at a line end', 'connect to 34.8.1.157\nretrying'],
    ['a card number split over two lines', '4111 1111\n1111 1111'],
    ['a password phrase ending at a line end', 'the password is hunter2\nnext'],
    ['a private key over several lines', `-----BEGIN PRIVATE KEY-----\n${fake.pemBody}\n-----END PRIVATE KEY-----`],
    ['a query value then a new line', 'GET /a?code=Zx81kQ0pLm3nB7vC\n/reset/AbCdEf0123456789XyZw'],
  ])('agrees with the whole text at once: %s', (_name, text) => {
    expect(redact(text)).toBe(redactAtOnce(text));
  });

  it('keeps text with nothing secret-shaped unchanged', () => {
    const plain = fc.stringMatching(/^[a-z ,.()0-9-]{0,200}$/);
    fc.assert(
      fc.property(plain, (text) => {
        expect(redact(text)).toBe(text);
      }),
    );
  });

  it('returns an empty string for non-strings', () => {
    expect(redact(undefined as unknown as string)).toBe('');
    expect(redact(42 as unknown as string)).toBe('');
  });
});
