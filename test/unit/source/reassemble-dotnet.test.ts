// One .NET process writing records of the simple console formatter while another is half written: each
// category line heads the message line right under it, so a routine record landing among a `fail:`
// record's lines takes its own message line with it and leaves the exception to the record that threw it.
import { describe, expect, it } from '@jest/globals';
import { netMessageUnder } from '../../../src/source/dotnet-lines.js';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, texts } from '../../support/cloud-run-lines.js';

const { line } = cloudRunLines('stdout');

const FAIL = [
  'fail: Microsoft.AspNetCore.Antiforgery.DefaultAntiforgery[7]',
  '      An exception was thrown while deserializing the token.',
  '      Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException: The antiforgery token could not be decrypted.',
  '       ---> System.Security.Cryptography.CryptographicException: The key {5b1e} was not found in the key ring.',
  '         at Microsoft.AspNetCore.DataProtection.KeyManagement.KeyRingBasedDataProtector.UnprotectCore(Byte[] protectedData)',
  '         --- End of inner exception stack trace ---',
  '         at Microsoft.AspNetCore.Antiforgery.DefaultAntiforgeryTokenSerializer.Deserialize(String serializedToken)',
];
// Routine records whose messages name errors and warnings: the look-alikes that took the exception.
const SYNC = ['info: Portal.Jobs.AccountSync[0]', '      Account sync finished: 529 accounts, 0 errors, 0 warnings'];
const REQUEST = ['info: Microsoft.AspNetCore.Hosting.Diagnostics[2]', '      Request finished HTTP/1.1 GET http://portal/api/accounts/2011 - 200 - application/json 12.3ms'];

/** One entry per line, 10 µs apart. */
const at = (lines: readonly string[]) => lines.map((t, i) => line(t, 10 * i));

describe('reassemble: .NET records of one process among each other', () => {
  it.each([
    ['between the message and the exception', [...FAIL.slice(0, 2), ...SYNC, ...FAIL.slice(2)], [SYNC]],
    ['between the inner exception and the frames', [...FAIL.slice(0, 4), ...REQUEST, ...FAIL.slice(4)], [REQUEST]],
    ['two of them', [...FAIL.slice(0, 2), ...SYNC, ...FAIL.slice(2, 4), ...REQUEST, ...FAIL.slice(4)], [SYNC, REQUEST]],
    // The category line, then a line of the exception, then the category line's message (padded as the
    // exception message's own further lines are): the message is the category line's.
    ['split by the inner exception line', [...FAIL.slice(0, 3), SYNC[0]!, FAIL[3]!, SYNC[1]!, ...FAIL.slice(4)], [SYNC]],
  ])('a routine record %s keeps its message line, the exception stays whole', (_name, order, others) => {
    const entries = at(order);
    for (const input of [entries, [...entries].reverse()]) {
      const out = texts(reassembleAll(input));
      expect(out.filter((t) => t.startsWith('fail: '))).toEqual([FAIL.join('\n')]);
      expect(out.filter((t) => !t.startsWith('fail: ')).sort()).toEqual(others.flat().sort());
    }
  });

  it('two category lines in a row, then two message lines: the first message is the first record\'s', () => {
    const WARN = ['warn: Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware[3]', '      Failed to determine the https port for redirect.'];
    const LIFETIME = ['info: Microsoft.Hosting.Lifetime[14]', '      Hosting environment: Production'];
    const entries = at([WARN[0]!, LIFETIME[0]!, WARN[1]!, LIFETIME[1]!]);
    for (const input of [entries, [...entries].reverse()]) {
      // Whether the second message line went with the first record too, the lines cannot tell; its own
      // message is never the other's.
      const warn = texts(reassembleAll(input)).filter((t) => t.startsWith('warn: '));
      expect(warn).toHaveLength(1);
      expect(warn[0]!.startsWith(WARN.join('\n'))).toBe(true);
    }
  });

  it('a record written whole with its message takes no other record\'s message line after it', () => {
    // The warning written in one entry, then a routine record split by lines: its message is its own.
    const WARN = 'warn: Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware[3]\n      Failed to determine the https port for redirect.';
    const entries = at([WARN, ...SYNC]);
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([SYNC.join('\n'), WARN].sort());
    }
  });

  it('a category line among frames does not take the frame list\'s own lines', () => {
    // `--- End of inner exception stack trace ---` and the frames are indented deeper than a message.
    const order = [...FAIL.slice(0, 5), SYNC[0]!, ...FAIL.slice(5), SYNC[1]!];
    const entries = at(order);
    for (const input of [entries, [...entries].reverse()]) {
      const out = texts(reassembleAll(input));
      expect(out.filter((t) => t.startsWith('fail: '))).toEqual([FAIL.join('\n')]);
    }
  });
});

describe('netMessageUnder', () => {
  it.each([
    ['a message line', SYNC[0]!, SYNC[1]!, true],
    ['under any level', 'warn: X[3]', '      Failed to determine the https port for redirect.', true],
    ['an exception line', SYNC[0]!, FAIL[2]!, false],
    ['an inner exception', SYNC[0]!, FAIL[3]!, false],
    ['a frame', SYNC[0]!, FAIL[4]!, false],
    ['the end of an inner exception', SYNC[0]!, FAIL[5]!, false],
    ['under a line that is no category line', 'Account sync finished', SYNC[1]!, false],
    ['a line not padded by six', SYNC[0]!, '   at A.B()', false],
  ])('%s: %s', (_name, header, text, expected) => {
    expect(netMessageUnder(header, text)).toBe(expected);
  });
});
