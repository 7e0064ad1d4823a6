// A mail server that refuses the application's login (SMTP's 535, or 534 when it wants another way of
// logging in) refuses every message the application sends alike: which of its calls sent mail, and
// the line the failure was logged under (`rake aborted!`, Rails' request log, an error tracker's
// `Error type:`), tell nothing of it (error-identity.ts, namesOperation, no context). The server's own
// words vary with the server (Gmail's `Username and Password not accepted`, Office 365's `Authentication
// unsuccessful`, `Authentication failed: Bad username / password`, `AUTH failed`, Gmail's `Please log in
// with your web browser`), and the standard clients name the refusal by a class of their own, which is
// read instead:
// - Ruby's net/smtp: `Net::SMTPAuthenticationError: 535-5.7.8 …` (OperationCode/operationcode_old_site#713,
//   sharetribe/sharetribe#628);
// - Python's smtplib: `smtplib.SMTPAuthenticationError: (535, b'5.7.8 …')` (AlfredoSequeida/etext#5);
// - JavaMail: `javax.mail.AuthenticationFailedException: 535 …` (`jakarta.mail.` since Jakarta EE 9), also
//   under Spring's `MailAuthenticationException: Authentication failed; nested exception is …`
//   (eugenp/tutorials#3234);
// - nodemailer: `Error: Invalid login: 535 …` (its EAUTH error, the server's reply after it;
//   nodemailer/nodemailer#920);
// - MailKit: `MailKit.Security.AuthenticationException: 535: …` (Ombi-app/Ombi#5099);
// and Gmail's reply, which its users paste under any wrapper, by its words. A server asking a client
// that never logged in to do so (530, .NET's `The SMTP server requires a secure connection or the client
// was not authenticated`) is another problem: the client's setup, not its credentials.

// A reply code as masked, or as written; `535-5.7.8 …` masks whole, its enhanced code read as the kind of
// reply it is (problem-text.ts: `<ID> SMTP policy status`).
const CODE = String.raw`(?:(?:<NUM>|\d{3})(?=[\s:-]|$)|<ID> SMTP [a-z ]{1,20}status)`;
const REFUSAL = new RegExp([
  String.raw`\bSMTPAuthenticationError\b`,
  // JavaMail throws the class itself, before any server answered, for a password never set (`failed to
  // connect, no password specified?`): only with the server's reply after it is it a refusal.
  String.raw`\b(?:javax|jakarta)\.mail\.AuthenticationFailedException: ${CODE}`,
  String.raw`\bMailKit\.Security\.AuthenticationException\b`,
  String.raw`\bInvalid login: ${CODE}`,
  String.raw`\bUsername and Password not accepted\b`,
].join('|'));

/** Characters of a message looked at: the refusal opens it, or follows a logger's or a wrapper's line. */
const HEAD_CHARS = 2000;

/** The key of a mail server's refusal of the application's login; null when the message reports none. */
export function mailLoginRejected(head: string): string | null {
  const text = head.length > HEAD_CHARS ? head.slice(0, HEAD_CHARS) : head;
  return REFUSAL.test(text) ? 'mail-login-rejected' : null;
}
