// Keycloak 25 then 26 (Quarkus): the JBoss log manager's default console pattern
// `%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n` on the morning revision,
// `--log-console-output=json` after (Quarkus' JSON: `timestamp`, `sequence`, `loggerClassName`,
// `loggerName`, `level`, `message`, `threadName`, `threadId`, `mdc`, `ndc`, `hostName`, `processName`,
// `processId`, and the exception in detail: `exceptionType`, `message`, `frames`, `causedBy`).
import type { Prng } from '../prng.js';
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { asctime, isoNanos } from './clock.js';
import { fam } from './shared.js';

interface JavaError { type: string; message: string; frames: ReadonlyArray<readonly [string, string, string, number]>; cause?: JavaError }

function textTrace(e: JavaError, caused = false): string {
  const lines = [`${caused ? 'Caused by: ' : ''}${e.type}: ${e.message}`, ...e.frames.map(([cls, fn, file, line]) => `\tat ${cls}.${fn}(${file}:${line})`)];
  if (caused) lines.push(`\t... ${40 + e.frames.length} more`);
  return [lines.join('\n'), ...(e.cause ? [textTrace(e.cause, true)] : [])].join('\n');
}
function jsonException(e: JavaError, ref: number): Record<string, unknown> {
  return {
    refId: ref, exceptionType: e.type, message: e.message,
    frames: e.frames.map(([cls, fn, , line]) => ({ class: cls, method: fn, line })),
    ...(e.cause ? { causedBy: { exception: jsonException(e.cause, ref + 1) } } : {}),
  };
}

function kc(c: Ctx, level: 'INFO' | 'WARN' | 'ERROR', logger: string, msg: string, err?: JavaError): Write {
  const { rng, t, rev } = c;
  const thread = logger === 'org.jgroups.protocols.UDP' || logger === 'io.quarkus' ? 'main' : `executor-thread-${rng.int(1, 64)}`;
  if (rev === 0) {
    return { stream: 'stdout', text: `${asctime(t)} ${level.padEnd(5)} [${logger}] (${thread}) ${msg}${err ? `: ${textTrace(err)}` : ''}` };
  }
  return {
    stream: 'stdout',
    json: {
      timestamp: isoNanos(t), sequence: rng.int(5000, 900000), loggerClassName: 'org.jboss.logging.Logger', loggerName: logger, level,
      message: err ? `${msg}: ${err.type}: ${err.message}` : msg, threadName: thread, threadId: thread === 'main' ? 1 : rng.int(20, 400), mdc: {}, ndc: '',
      hostName: 'localhost', processName: 'QuarkusEntryPoint', processId: 1, ...(err ? { exception: jsonException(err, 1) } : {}),
    },
  };
}

const event = (rng: Prng, type: string, error: string | undefined, extra: string): string => `type="${type}", realmId="${rng.uuid()}", realmName="heron", clientId="${rng.pick(['web', 'mobile', 'account-console'])}", userId="${error === 'user_not_found' ? 'null' : rng.uuid()}", sessionId="${error ? 'null' : rng.uuid()}", ipAddress="${rng.publicIpv4()}"${error ? `, error="${error}"` : ''}${extra}`;

const success = fam('noise:auth-keycloak:events', 'INFO', [300, 600], (c) => [kc(c, 'INFO', 'org.keycloak.events', event(c.rng, c.rng.pick(['LOGIN', 'CODE_TO_TOKEN', 'REFRESH_TOKEN']), undefined, `, auth_method="openid-connect", token_id="${c.rng.uuid()}"`))]);
const started = fam('noise:auth-keycloak:started', 'INFO', [10, 25], (c) => [kc(c, 'INFO', 'io.quarkus', `Keycloak ${c.rev ? '26.0.7 on JVM (powered by Quarkus 3.15.3)' : '25.0.6 on JVM (powered by Quarkus 3.8.5)'} started in ${c.rng.fixed(8, 30, 3)}s. Listening on: http://0.0.0.0:8080. Management interface listening on http://0.0.0.0:9000.`)]);

const badPassword = fam('auth-keycloak:login-invalid-credentials', 'WARNING', [100, 250], (c) => [kc(c, 'WARN', 'org.keycloak.events', event(c.rng, 'LOGIN_ERROR', 'invalid_user_credentials', `, auth_method="openid-connect", auth_type="code", redirect_uri="https://app.heron.example/callback", code_id="${c.rng.uuid()}", username="${c.rng.lower(7)}@heron.example"`))]);
const badCode = fam('auth-keycloak:code-to-token-invalid-code', 'WARNING', [20, 60], (c) => [kc(c, 'WARN', 'org.keycloak.events', event(c.rng, 'CODE_TO_TOKEN_ERROR', 'invalid_code', `, grant_type="authorization_code", code_id="${c.rng.uuid()}", client_auth_method="client-secret"`))]);

const AUTH_FRAMES: JavaError['frames'] = [
  ['org.keycloak.authentication.AuthenticationProcessor', 'authenticateOnly', 'AuthenticationProcessor.java', 1034],
  ['org.keycloak.authentication.AuthenticationProcessor', 'authenticate', 'AuthenticationProcessor.java', 888],
  ['org.keycloak.protocol.AuthorizationEndpointBase', 'handleBrowserAuthenticationRequest', 'AuthorizationEndpointBase.java', 153],
  ['org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint', 'buildAuthorizationCodeAuthorizationResponse', 'AuthorizationEndpoint.java', 318],
];
// The flow's exception and the event it then writes: one failed sign-in.
const ssoUnknownUser = fam('auth-keycloak:sso-unknown-user', 'WARNING', [10, 30], (c) => [
  kc(c, 'WARN', 'org.keycloak.services', 'KC-SERVICES0013: Failed authentication', { type: 'org.keycloak.authentication.AuthenticationFlowException', message: 'null', frames: AUTH_FRAMES }),
  kc({ ...c, t: c.t + 2000 }, 'WARN', 'org.keycloak.events', event(c.rng, 'LOGIN_ERROR', 'user_not_found', ', auth_method="openid-connect", auth_type="code", redirect_uri="https://app.heron.example/callback"')),
]);

const acquisition = fam('auth-keycloak:db-acquisition-timeout', 'ERROR', [5, 15], (c) => [kc(c, 'ERROR', 'org.keycloak.services.error.KeycloakErrorHandler', 'Uncaught server error', {
  type: 'org.hibernate.exception.GenericJDBCException', message: 'Unable to acquire JDBC Connection [Sorry, acquisition timeout!] [n/a]',
  frames: [
    ['org.hibernate.exception.internal.StandardSQLExceptionConverter', 'convert', 'StandardSQLExceptionConverter.java', 63],
    ['org.hibernate.engine.jdbc.spi.SqlExceptionHelper', 'convert', 'SqlExceptionHelper.java', 108],
    ['org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl', 'acquireConnectionIfNeeded', 'LogicalConnectionManagedImpl.java', 111],
    ['org.keycloak.models.jpa.JpaUserProvider', 'getUserByUsername', 'JpaUserProvider.java', 623],
  ],
  cause: { type: 'java.sql.SQLException', message: 'Sorry, acquisition timeout!', frames: [
    ['io.agroal.pool.ConnectionPool', 'handlerFromSharedCache', 'ConnectionPool.java', 354],
    ['io.agroal.pool.ConnectionPool', 'getConnection', 'ConnectionPool.java', 280],
    ['io.agroal.pool.DataSource', 'getConnection', 'DataSource.java', 86],
  ] },
})], 0.3);

const smtp = fam('auth-keycloak:email-smtp-auth-failed', 'ERROR', [4, 12], (c) => [kc(c, 'ERROR', 'org.keycloak.email.DefaultEmailSenderProvider', 'Failed to send email', {
  type: 'jakarta.mail.AuthenticationFailedException', message: `535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials ${c.rng.alnum(12)}.${c.rng.int(10, 99)} - gsmtp`,
  frames: [
    ['org.eclipse.angus.mail.smtp.SMTPTransport$Authenticator', 'authenticate', 'SMTPTransport.java', 954],
    ['org.eclipse.angus.mail.smtp.SMTPTransport', 'authenticate', 'SMTPTransport.java', 865],
    ['jakarta.mail.Service', 'connect', 'Service.java', 367],
    ['org.keycloak.email.DefaultEmailSenderProvider', 'send', 'DefaultEmailSenderProvider.java', 147],
  ],
})]);

const sendBuffer = fam('auth-keycloak:jgroups-send-buffer', 'WARNING', [10, 25], (c) => [kc(c, 'WARN', 'org.jgroups.protocols.UDP', `JGRP000015: the send buffer of socket MulticastSocket was set to 1.00MB, but the OS only allocated ${c.rng.pick(['212.99KB', '425.98KB'])}. This might lead to performance problems. Please set your max send buffer in the OS correctly (e.g. net.core.wmem_max on Linux)`)]);

export const authKeycloak: ServiceDef = {
  name: 'auth-keycloak', stack: 'Keycloak 25.0.6 then 26.0.7 (Quarkus, Java 21), Cloud SQL for PostgreSQL 16 through Agroal, Gmail SMTP', splitRate: 0.7,
  families: [success, started, badPassword, badCode, ssoUnknownUser, acquisition, smtp, sendBuffer],
};
