// A mail server refusing the application's login is one problem whichever call sent mail and whatever
// line it was logged under; a password never set, and a server asking a client that never logged in,
// stay apart. Lines as people pasted them.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { mailLoginRejected } from '../../../src/classify/mail-login-rejected.js';
import { problemText } from '../../../src/classify/problem-text.js';
import { createClassifier } from '../../../src/classify/index.js';
import { maskTokens } from '../../../src/normalize/mask.js';
import type { Entry } from '../../../src/shared/types.js';

const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
  time: Date.UTC(2025, 8, 11, 10, 0, 0), severity: 'ERROR', service: 'mailer', revision: 'mailer-001', kind: 'text', text, ...over,
});

// As the classifier reads a message: its problem text (an SMTP reply read as its kind), masked.
const read = (line: string): string => maskTokens(problemText(line)).join(' ');
const key = (line: string): string | null => errorIdentity(read(line))?.key ?? null;

describe('mailLoginRejected', () => {
  it('reads the refusal under every standard client and wrapper as one', () => {
    const keys = [
      // OperationCode/operationcode_old_site#713
      'Net::SMTPAuthenticationError: 535 Authentication failed: Bad username / password',
      // benwbrum/fromthepage#1341
      'rake aborted! Net::SMTPAuthenticationError: 535 5.7.8 Sorry.',
      // cyrusstoller/RevTilt#32 (534: Gmail wants a browser login)
      'Net::SMTPAuthenticationError (534-5.7.9 Please log in with your web browser and then try again. Learn more at',
      // AlfredoSequeida/etext#5
      "smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted. Learn more at\\n5.7.8  https://support.google.com/mail/?p=BadCredentials c9-20020a9d6849 - gsmtp')",
      // Der-Henning/tgtg#489: Gmail's reply under an application's line
      "Configuration Error: (535, b'5.7.8 Username and Password not accepted. For more information, go to\\n5.7.8  https://support.google.com/mail/?p=BadCredentials v8-20020a05600c - gsmtp')",
      // rpremraj/mailR#107
      'javax.mail.AuthenticationFailedException: 535 5.7.139 Authentication unsuccessful, basic authentication is disabled.',
      // eugenp/tutorials#3234
      'org.springframework.mail.MailAuthenticationException: Authentication failed; nested exception is javax.mail.AuthenticationFailedException: 535-5.7.8 Username and Password not accepted. Learn more at',
      // nodemailer/nodemailer#920, xuess/puppeteer-sign#2
      '{ Error: Invalid login: 535 5.7.3 Authentication unsuccessful',
      '0|main  | Error: Invalid login: 535 Error: authentication failed',
      // Ombi-app/Ombi#5099
      'MailKit.Security.AuthenticationException: 535: 5.7.8 Username and Password not accepted. For more information, go to',
    ].map(key);
    expect(keys[0]).toBe('mail-login-rejected');
    for (const k of keys) expect(k).toBe(keys[0]);
  });

  it('names no caller: the identity names the operation, with no context', () => {
    expect(errorIdentity(read('rake aborted! Net::SMTPAuthenticationError: 535 5.7.8 Sorry.')))
      .toEqual({ key: 'mail-login-rejected', namesOperation: true, keysTraces: false, context: '' });
  });

  it('reads no refusal from a password never set, a client that never logged in, or a login form', () => {
    for (const line of [
      // spring-projects/spring-integration-samples#207: JavaMail's own check, before any server answered
      'org.springframework.messaging.MessagingException: failure occurred while polling for mail; nested exception is javax.mail.AuthenticationFailedException: failed to connect, no password specified?',
      'System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.0 Authentication Required.',
      'Invalid login: user bob from 10.0.0.7',
      'AuthenticationFailedException: token expired',
    ]) expect(mailLoginRejected(read(line))).toBeNull();
  });

  it('reads a long line in one pass', () => {
    expect(mailLoginRejected(`${'Invalid login: '.repeat(10_000)}x`)).toBeNull();
  });
});

describe('a refused login met by two mailers of the application is one cluster', () => {
  // sharetribe/sharetribe#628 and devjisoftworks/TheOfficial#24: Rails' request log, two controllers.
  const record = (file: string, fn: string): string => [
    'Net::SMTPAuthenticationError (535-5.7.8 Username and Password not accepted. Learn more at',
    '):',
    `  app/controllers/${file}:32:in \`${fn}'`,
    `  app/controllers/${file}:30:in \`create'`,
  ].join('\n');

  it('joins the controllers, and keeps another error in one of them apart', () => {
    const c = createClassifier();
    const other = record('contacts_controller.rb', 'deliver').replace('Net::SMTPAuthenticationError (535-5.7.8 Username and Password not accepted. Learn more at', 'Net::ReadTimeout (Net::ReadTimeout');
    const handles = [record('contacts_controller.rb', 'deliver'), record('people_controller.rb', 'send_confirmation'), other]
      .map((text) => c.add(entry(text, { kind: 'stack' })));
    const ids = handles.map((h) => c.resolve(h).id);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});
