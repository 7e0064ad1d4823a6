// Playwright names the failing call in front of every error it throws and may add a `Call log:` block
// or a boxed notice under it (playwright-error.ts, shared/playwright-blocks.ts): the call and what went
// wrong are the error; the call log, the URL and the box are detail.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { playwrightAfterPrefix, withoutPlaywrightBlocks } from '../../../src/classify/playwright-error.js';
import { problemText } from '../../../src/classify/problem-text.js';
import { stackSignature } from '../../../src/classify/stack-signature.js';
import { maskTokens } from '../../../src/normalize/mask.js';
import { textSeverity } from '../../../src/normalize/text-severity.js';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, pieces, texts } from '../../support/cloud-run-lines.js';
import { expectWhole } from '../../support/expect-whole.js';

const key = (message: string) => errorIdentity(maskTokens(message).join(' '))?.key;

// As Playwright Test's report and console.error print them (the call log under `page.goto`, as in
// microsoft/playwright#12328 and #15079).
const GOTO_DNS = 'Error: page.goto: net::ERR_NAME_NOT_RESOLVED at https://example.com/login\nCall log:\n  - navigating to "https://example.com/login", waiting until "load"';
const GOTO_TIMEOUT = 'TimeoutError: page.goto: Timeout 30000ms exceeded.\nCall log:\n  - navigating to "https://shop.example/p/1", waiting until "load"';

describe("a Playwright error's identity", () => {
  it.each([
    // the same failure of the same call, whatever the URL, the timeout, the class or the prefix
    [GOTO_DNS, 'render https://shop.example/p/7 failed: Error: page.goto: net::ERR_NAME_NOT_RESOLVED at https://shop.example/p/7'],
    // Python's port names the class (`Page.goto`)
    [GOTO_DNS, 'Page.goto: net::ERR_NAME_NOT_RESOLVED at https://aalto.example.org/'],
    [GOTO_TIMEOUT, 'page.goto: Timeout 15000ms exceeded.'],
    // microsoft/playwright#31950 (Python) and a Node client's spelling of the same call
    ['Browser.new_page: Target page, context or browser has been closed', 'Error: browser.newPage: Target page, context or browser has been closed'],
  ])('%j is %j', (a, b) => {
    expect(key(a)).toBeDefined();
    expect(key(a)).toBe(key(b));
  });

  it.each([
    // another call failing alike, another failure of one call (microsoft/playwright#37289: locator.click)
    [GOTO_TIMEOUT, 'locator.click: Timeout 30000ms exceeded.'],
    [GOTO_DNS, 'Error: page.goto: net::ERR_CONNECTION_REFUSED at http://localhost:3000/'],
    [GOTO_DNS, 'Error: page.pdf: Target page, context or browser has been closed'],
    ["Error: browserType.launch: Executable doesn't exist at /ms-playwright/webkit-2092/pw_run.sh", 'Error: browserType.launch: Target page, context or browser has been closed'],
  ])('%j is not %j', (a, b) => {
    expect(key(a)).not.toBe(key(b));
  });

  it.each([
    'config.load: missing key "region"',
    'os.Open: no such file or directory',
    'page.goto failed after 3 attempts',
  ])('reads none in %j', (message) => {
    expect(key(message)?.startsWith('playwright') ?? false).toBe(false);
  });
});

describe('playwrightAfterPrefix', () => {
  it('splits an application prefix from a bare Error of Playwright', () => {
    expect(playwrightAfterPrefix('render https://x.example/p/1 failed: Error: page.pdf: Target page, context or browser has been closed'))
      .toEqual({ prefix: 'render https://x.example/p/1 failed:', error: 'Error: page.pdf: Target page, context or browser has been closed' });
  });
  it.each(['Error: page.goto: Timeout 30000ms exceeded.', 'render failed: Error: boom', 'render failed: Error: cache.get: miss'])('leaves %j', (line) => {
    expect(playwrightAfterPrefix(line)).toBeNull();
  });
});

describe('withoutPlaywrightBlocks', () => {
  it('drops the call log and the boxed notice, and keeps what follows', () => {
    const text = [
      "Error: browserType.launch: Executable doesn't exist at /ms-playwright/webkit-2092/pw_run.sh",
      '╔═════════════════════════════════════════════════════════════════════════╗',
      '║ Looks like Playwright Test or Playwright was just installed or updated. ║',
      '║     npx playwright install                                              ║',
      '╚═════════════════════════════════════════════════════════════════════════╝',
      '    at launchWebkit (/app/src/browsers.js:18:32)',
    ].join('\n');
    expect(withoutPlaywrightBlocks(text)).toBe("Error: browserType.launch: Executable doesn't exist at /ms-playwright/webkit-2092/pw_run.sh\n    at launchWebkit (/app/src/browsers.js:18:32)");
    expect(problemText(GOTO_TIMEOUT)).toBe(problemText('TimeoutError: page.goto: Timeout 30000ms exceeded.'));
  });
  it('leaves a text without them as it is', () => {
    const text = 'order failed\n  - item 1 out of stock';
    expect(withoutPlaywrightBlocks(text)).toBe(text);
  });
});

const FRAMES = ['    at renderPdf (/app/src/render.js:41:16)', '    at async /app/src/server.js:27:17'];
// `console.error('render %s failed:', url, err)`: the prefix, the error, its call log, a blank line, its frames.
const record = (error: string) => [`render https://shop.example/p/1 failed: ${error}`, ...FRAMES].join('\n');

describe("a trace of Playwright's error", () => {
  it('reads the error under an application prefix across its call log, and the prefix as its line', () => {
    const sig = stackSignature(record(`${GOTO_DNS.replace('https://example.com/login', 'https://shop.example/p/1')}\n`));
    expect(sig?.exceptionType).toBe('Error');
    expect(sig?.message).toBe('page.goto: net::ERR_NAME_NOT_RESOLVED at <URL>');
    expect(sig?.frames).toEqual(['src/render.js:renderPdf', 'src/server.js:<anonymous>']);
    expect(sig?.reportedAs).toBe('render <URL> failed:');
  });

  it("keeps two calls' failures through one frame of the application's two signatures", () => {
    const dns = stackSignature(record(`${GOTO_DNS}\n`));
    const closed = stackSignature(record('Error: page.pdf: Target page, context or browser has been closed'));
    expect(dns?.identity).toBeDefined();
    expect(closed?.identity).toBeDefined();
    expect(dns?.identity).not.toBe(closed?.identity);
  });

  it('states ERROR when a call log stands between the error and its frames', () => {
    expect(textSeverity(record(`${GOTO_TIMEOUT}\n`))).toBe('ERROR');
    expect(textSeverity(['render failed', 'Call log:', '  - navigating to "https://x.example/"', ...FRAMES].join('\n'))).toBeNull();
  });
});

describe("Playwright's error split one line per entry", () => {
  const { split } = cloudRunLines('stderr');
  const OTHERS = ['GET /healthz 200 1ms', 'browser pool: 2 idle', 'GET /healthz 200 2ms'];

  it('joins back with its call log and its frames', () => {
    expectWhole(record(`${GOTO_TIMEOUT}\n`), OTHERS);
  });

  it('joins back with its boxed notice and its frames', () => {
    expectWhole([
      "render https://shop.example/p/1?view=mobile failed: Error: browserType.launch: Executable doesn't exist at /ms-playwright/webkit-2092/pw_run.sh",
      '╔═════════════════════════════════════════════════════════════════════════╗',
      '║ Looks like Playwright Test or Playwright was just installed or updated. ║',
      '║ Please run the following command to download new browsers:              ║',
      '║                                                                         ║',
      '║     npx playwright install                                              ║',
      '║                                                                         ║',
      '║ <3 Playwright Team                                                      ║',
      '╚═════════════════════════════════════════════════════════════════════════╝',
      '    at launchWebkit (/app/src/browsers.js:18:32)',
      '    at async renderPreview (/app/src/render.js:77:19)',
    ].join('\n'), OTHERS);
  });

  it('keeps a call log whose error line was lost one piece, and a line that merely starts with a dash apart', () => {
    expect(pieces(reassembleAll(split(['Call log:', '  - navigating to "https://x.example/", waiting until "load"', ...FRAMES].join('\n'), 0)))).toEqual([true]);
    const out = reassembleAll(split(['cart updated', '- 2 items'].join('\n'), 0));
    expect(texts(out)).toEqual(['cart updated', '- 2 items']);
  });
});
