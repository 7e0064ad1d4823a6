// A short message under its library's own type is one problem however it was printed; under a
// runtime's built-in type, or under two different types, it stays apart.
import { typedShortKey } from '../../../src/classify/typed-short-message.js';
import { g, joined } from './core-groups.js';

describe('typedShortKey', () => {
  it.each([
    // auth0/node-jsonwebtoken#590, #254; codergogoi/nodejs_microservice#1
    ['{ TokenExpiredError: jwt expired', 'tokenexpirederror jwt expired'],
    ['TokenExpiredError: jwt expired', 'tokenexpirederror jwt expired'],
    ["return done(new TokenExpiredError('<QUOTED>', new Date(payload.exp * <NUM>))); ^ TokenExpiredError: jwt expired", 'tokenexpirederror jwt expired'],
    // justinlettau/azure-ad-verify-token#36
    ['JWTVerification:: Error JsonWebTokenError: invalid signature', 'jsonwebtokenerror invalid signature'],
    // apolloconfig/apollo#3333: the wrapper names the error, the built-in type under it does not.
    ['Caused by: org.apache.catalina.connector.ClientAbortException: java.io.IOException: Broken pipe', 'clientabortexception broken pipe'],
    // O-X-L/ansible-webui-v0#6, beixiaocai/xclabel#12: Django re-raises the driver's error under its own package.
    ['OperationalError: database is locked', 'operationalerror database locked'],
    ['django.db.utils.OperationalError: database is locked', 'operationalerror database locked'],
    // EBWiki/EBWiki#3273
    ['Net::OpenTimeout: execution expired', 'opentimeout execution expired'],
  ])('%s -> %s', (template, key) => {
    expect(typedShortKey(template)).toBe(key);
  });

  it.each([
    'TypeError: fetch failed',
    "KeyError: '<QUOTED>'",
    'java.io.IOException: Broken pipe',
    'TimeoutError: timed out',
    'Failed: database is locked',
    // A long message meets others by its core alone.
    'ReplyError: NOAUTH Authentication required. Please check the password you configured for the connection',
  ])('%s has no key', (template) => {
    expect(typedShortKey(template)).toBeNull();
  });
});

describe('mergeByCore with typed short messages', () => {
  it('joins one short message printed under one type in several ways', () => {
    expect(joined([
      g('a', '{ TokenExpiredError: jwt expired'),
      g('b', 'TokenExpiredError: jwt expired'),
      g('c', 'JWTVerification:: Error TokenExpiredError: jwt expired'),
    ])).toEqual([['a', 'b', 'c']]);
  });

  it('keeps apart two types, and traces through the application\'s own frames', () => {
    expect(joined([
      g('a', 'TokenExpiredError: jwt expired'),
      g('b', 'NotBeforeError: jwt not active'),
      g('c', 'JsonWebTokenError: jwt malformed'),
    ])).toEqual([['a'], ['b'], ['c']]);
    expect(joined([
      g('a', 'TokenExpiredError: jwt expired', { frames: ['src/auth.js:verify'] }),
      g('b', 'TokenExpiredError: jwt expired', { frames: ['src/socket.js:connect'] }),
    ])).toEqual([['a'], ['b']]);
  });

  it('joins only text when two library paths printed the error', () => {
    expect(joined([
      g('a', 'OperationalError: database is locked', { libraryFrames: ['django/db/backends/utils.py:_execute'] }),
      g('b', 'OperationalError: database is locked', { libraryFrames: ['peewee.py:execute_sql'] }),
      g('c', 'django.db.utils.OperationalError: database is locked'),
      g('d', 'sqlite3.OperationalError: database is locked'),
    ])).toEqual([['a'], ['b'], ['c', 'd']]);
  });
});
