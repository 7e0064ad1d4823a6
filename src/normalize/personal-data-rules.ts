// Redaction rules for personal data: e-mail addresses (in every spelling a log gives them), client
// addresses, phone numbers and payment cards. Same contract as the secret rules: bounded
// quantifiers, no two adjacent parts that can match the same characters in many ways.
// A client address (public: private and loopback ones name our own machines) becomes `<IP>`, the classifier's own mask for it, so a template is the same
// whether redaction or masking saw the address first.
import type { RedactRule } from './redact-rules.js';
import { REDACTED, isCardNumber, isIpv6Address, isInternalAddress } from './secret-shapes.js';

/** What an address becomes: the classifier's mask name, so the text stays classifiable. */
export const IP_MARKER = '<IP>';

// `@` as logs spell it: plain, URL-encoded once or twice, as an HTML entity, JSON- or C-escaped, fullwidth.
const AT = String.raw`(@|%2540|%40|&#0{0,3}64;|&#[xX]0{0,3}40;|\\u0040|\\x40|＠)`;
const DOMAIN = String.raw`((?:[A-Za-z0-9\-\u00C0-\uFF1F\uFF21-\uFFFF]{1,63}\.){1,8}[A-Za-z\u00C0-\uFF1F\uFF21-\uFFFF]{2,24})`;
// The part of an address from its `@` to the end of the domain's first label: what every match holds,
// looked for from the `@` rather than from every letter that could start a local part.
const LOCAL_CHAR = String.raw`[A-Za-z0-9._%+\-\u00C0-\uFF1F\uFF21-\uFFFF]`;
const AT_AND_LABEL = new RegExp(
  AT + String.raw`(?<=${LOCAL_CHAR}${AT})[A-Za-z0-9\-\u00C0-\uFF1F\uFF21-\uFFFF]{1,63}\.`,
);
// A version after `@` reads like a domain when its qualifier is letters: JBoss Modules and the JDK print a
// frame's module as `name@version/` (`at org.jboss.resteasy.resteasy-core@6.2.7.Final//…`), Maven and
// npm name artifacts `name@1.2.3.RELEASE`. No address's domain is two or more all-digit labels and a
// last one (`a@163.com`, one digit label, is an address and stays redacted).
const VERSION_DOMAIN = /^[0-9]{1,9}(?:\.[0-9]{1,9}){1,6}\.[A-Za-z][A-Za-z0-9-]{0,23}$/;
const isVersion = (domain: string | undefined): boolean => domain !== undefined && VERSION_DOMAIN.test(domain);

const IPV4_OCTET = String.raw`(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])`;

export const PERSONAL_DATA_RULES: readonly RedactRule[] = [
  {
    // `"jane q. public"@example.com`: the quoted local part may hold spaces and dots.
    name: 'email, quoted local part',
    hints: ['"@', '"%40', '"&#', '"＠'],
    pattern: new RegExp(String.raw`"[^"\\\n@]{1,64}"(?=(?:@|%40|&#0{0,3}64;|＠)[A-Za-z0-9\-\u00C0-\uFFFF]{1,63}\.)`, 'g'),
    replace: '***',
  },
  {
    // The local part goes, the domain stays (`***@cornell.edu`): which organisation is useful, who is not.
    // A domain directly followed by another `@` would be the next pass's local part: it goes too.
    // Any script (`josé@…`, `张伟@例子.公司`): everything from U+00C0 up counts as a letter (but the
    // fullwidth `＠`). Plain ranges, not \p{L} with the u flag, which is several times slower.
    name: 'email address',
    hints: ['@', '%40', '%2540', '&#', '\\u0040', '\\x40', '＠'],
    requires: AT_AND_LABEL,
    pattern: new RegExp(
      LOCAL_CHAR + '{1,64}' + AT + DOMAIN +
        String.raw`(?![A-Za-z0-9\-\u00C0-\uFF1F\uFF21-\uFFFF])(?=(@|%40)?)`,
      'g',
    ),
    replace: (m, [at, domain, next]) => (isVersion(domain) ? m : `***${at}${next === undefined ? domain : '***'}`),
  },
  {
    // 13-19 digits, grouped by spaces or dashes or not; only a network prefix with a valid Luhn digit.
    name: 'payment card number',
    hints: [],
    pattern: /(?<![0-9.,-])[0-9](?:[ -]?[0-9]){12,18}(?![0-9]|-[0-9])/g,
    replace: (m) => (isCardNumber(m) ? REDACTED : m),
  },
  {
    // Before the address rules: a phone number's groups are not an address, and a `+44 20 …`
    // must not lose its country code to a different rule.
    name: 'phone number, international',
    hints: ['+'],
    pattern: /(?<![\w+])\+[1-9][0-9]{0,3}(?:(?:[ .-]\(?[0-9]{1,4}\)?){1,5}|[0-9]{4,12})(?![\w:])/g,
    replace: (m) => {
      const digits = m.replace(/[^0-9]/g, '').length;
      return digits >= 8 && digits <= 15 ? REDACTED : m;
    },
  },
  {
    name: 'phone number, North American',
    hints: [],
    pattern: /(?<![\w.-])(?:\([2-9][0-9]{2}\)[ .-]?|[2-9][0-9]{2}[.-])[2-9][0-9]{2}[.-][0-9]{4}(?![\w.-])/g,
    replace: REDACTED,
  },
  {
    // With its port: `10.0.0.3:6379` masks as one address, as the classifier would have masked it.
    name: 'IPv4 address',
    hints: ['.'],
    pattern: new RegExp(
      String.raw`(?<![\w.:-])${IPV4_OCTET}(?:\.${IPV4_OCTET}){3}(?::[0-9]{1,5})?(?![\w-]|\.[0-9])`,
      'g',
    ),
    replace: (m) => (isInternalAddress(m) ? m : IP_MARKER),
  },
  {
    name: 'IPv6 address',
    hints: [':'],
    // Two colons with at most four hex digits between them.
    requires: /:[0-9A-Fa-f]{0,4}:/,
    pattern: /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g,
    replace: (m) => (isIpv6Address(m) && !isInternalAddress(m) ? IP_MARKER : m),
  },
];
