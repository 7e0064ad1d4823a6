// The GitHub App's installation client: @octokit/app for the JWT and installation tokens, Octokit's
// throttling (primary and secondary limits, write pacing) and retry (5xx) plugins in every request.
import { App } from '@octokit/app';
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import type { Logger } from 'pino';
import { SecretRefusedError, findSecretShapeIn } from '../normalize/index.js';
import { GitHubError } from '../shared/errors.js';
import { describeFailure } from './describe-failure.js';

export interface GitHubStoreOptions {
  appId: string;
  privateKey: string;
  /** owner/name */
  repository: string;
  apiUrl: string;
  installationId?: number;
  managedLabel: string;
  logger?: Logger;
  /** Test hook: override throttle/retry timings so tests run fast. */
  retry?: {
    /** Retries of one request after a rate limit or a 5xx (default 3). */
    retries?: number;
    /** Wait after a secondary rate limit that names no retry-after (GitHub asks for a minute: default 60). */
    minRetryAfterSeconds?: number;
    /** Milliseconds one second of retry-after / back-off lasts (default 1000). */
    retryAfterBaseMs?: number;
    /** Spacing of writes (default Octokit's: 1 s, 3 s for requests that notify people, 2 s for search). */
    writeIntervalMs?: number;
  };
}

export type GitHubOctokit = InstanceType<ReturnType<typeof buildOctokitClass>>;

export interface GitHubClient {
  octokit: GitHubOctokit;
  owner: string;
  repo: string;
  appId: number;
  /** The App's bot account, `<slug>[bot]`: the author of everything the gardener writes. */
  botLogin: string | null;
  installationId: number;
  apiUrl: string;
  repositoryUrl: string;
  managedLabel: string;
  logger: Logger | undefined;
}

/** Longest wait for a primary rate limit's reset that a sweep sits out; past it, the request fails. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 120;

/**
 * Issue search: GitHub allows 30 searches a minute. Octokit spaces every search 2 s apart, which
 * turns a sweep's few searches into a fixed wait; a budget of 30 a minute, one at a time, keeps
 * within the same limit and lets them go at once (a 31st waits for the next minute). Shared by every
 * client of the process, so that back-to-back sweeps draw on one budget.
 */
const SEARCH_BUDGET = new Bottleneck.Group({
  maxConcurrent: 1, reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 60_000,
});

/** Set once for the run, when GitHub's secondary limit asks for more than a sweep can wait. */
interface WriteStop {
  reason: string | null;
}

function buildOctokitClass(options: GitHubStoreOptions, stop: WriteStop = { reason: null }) {
  const retries = options.retry?.retries ?? 3;
  const baseMs = options.retry?.retryAfterBaseMs ?? 1000;
  const pace = options.retry?.writeIntervalMs;
  const log = options.logger;
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _o: unknown, retryCount: number) => {
    const again = retryCount < retries && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
    log?.warn({ method: request.method, url: request.url, retryAfter, retryCount, again }, `GitHub ${kind} rate limit`);
    // GitHub asked for a pause longer than a sweep waits: any further write would only prolong the
    // penalty (and risk the App's integration being flagged). No more writes this run; reads go on.
    if (kind === 'secondary' && retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS && stop.reason === null) {
      stop.reason = `GitHub asked to wait ${retryAfter} s after a secondary rate limit (more than the ${MAX_RATE_LIMIT_WAIT_SECONDS} s a sweep waits): no more writes this run`;
      log?.error({ retryAfter }, stop.reason);
    }
    return again;
  };
  return Octokit.plugin(throttling, retry, refuseSecretsPlugin, stopWritesPlugin(stop)).defaults({
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'log-gardener',
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => log?.warn(message),
      error: (message: string) => log?.error(message),
    },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      fallbackSecondaryRateRetryAfter: options.retry?.minRetryAfterSeconds ?? 60,
      retryAfterBaseValue: baseMs,
      ...(pace === undefined
        ? { search: SEARCH_BUDGET }
        : {
            write: new Bottleneck.Group({ maxConcurrent: 1, minTime: pace }),
            notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: pace * 3 }),
            search: new Bottleneck.Group({ maxConcurrent: 1, minTime: pace * 2 }),
          }),
    },
    retry: { retries, retryAfterBaseValue: baseMs },
  });
}

// Parameters that are the request's plumbing, not content: the token travels in headers, never scanned.
const NOT_CONTENT = new Set(['headers', 'request', 'mediaType', 'baseUrl', 'method', 'url']);

/**
 * The last check on every request: a title, body, comment, search query or committed file that holds
 * a value shaped like a secret is not sent. The refusal is final (not retried, not looked for later).
 */
function refuseSecretsPlugin(octokit: Octokit): void {
  octokit.hook.before('request', (options) => {
    const content: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) if (!NOT_CONTENT.has(key)) content[key] = value;
    // A committed file travels base64-encoded.
    if (typeof content.content === 'string') content.content = Buffer.from(content.content, 'base64').toString('utf8');
    const request = options.request as { published?: unknown } | undefined;
    const shape = findSecretShapeIn(content, typeof request?.published === 'string' ? request.published : '');
    if (shape === null) return;
    const refused = new SecretRefusedError(`${options.method} ${String(options.url)}`, shape);
    throw new GitHubError(0, false, refused.message, { cause: refused });
  });
}

/** After a write stop, every request but a read fails at once, without reaching GitHub. */
function stopWritesPlugin(stop: WriteStop) {
  return (octokit: Octokit): void => {
    octokit.hook.before('request', (options) => {
      if (stop.reason === null || options.method === 'GET' || options.method === 'HEAD') return;
      throw new GitHubError(403, true, stop.reason);
    });
  };
}

/** Authenticates as the App, finds its installation on the repository, and returns a client for it. */
export async function connectGitHub(options: GitHubStoreOptions): Promise<GitHubClient> {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(options.repository);
  if (!match) throw new GitHubError(0, false, `GitHub repository "${options.repository}" must be owner/name (GITHUB_REPOSITORY)`);
  const [, owner, repo] = match as unknown as [string, string, string];
  if (!/^[0-9]+$/.test(options.appId)) throw new GitHubError(0, false, `GitHub App id "${options.appId}" must be a number (GITHUB_APP_ID)`);
  if (!/-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/.test(options.privateKey)) {
    throw new GitHubError(0, false, 'GitHub App private key is not a PEM private key (GITHUB_APP_PRIVATE_KEY or its secret)');
  }
  const OctokitClass = buildOctokitClass(options);
  const app = new App({ appId: options.appId, privateKey: options.privateKey, Octokit: OctokitClass });

  const slug = await appSlug(app, options);

  let installationId = options.installationId;
  if (installationId === undefined) {
    const found = await step(`find the installation of GitHub App "${slug}" on ${owner}/${repo}`, options, () =>
      app.octokit.request('GET /repos/{owner}/{repo}/installation', { owner, repo }),
    );
    installationId = found.data.id;
  }
  const id = installationId;
  const octokit = await step(`get an installation token (installation ${id})`, options, async () => {
    const installation = await app.getInstallationOctokit(id);
    // The token is otherwise fetched lazily, and a wrong installation would surface as a 404 elsewhere.
    await installation.auth({ type: 'installation' });
    return installation;
  });

  return {
    octokit: octokit as GitHubOctokit,
    owner,
    repo,
    appId: Number(options.appId),
    botLogin: slug ? `${slug}[bot]` : null,
    installationId: id,
    apiUrl: options.apiUrl,
    repositoryUrl: `${htmlBase(options.apiUrl)}/${owner}/${repo}`,
    managedLabel: options.managedLabel,
    logger: options.logger,
  };
}

/**
 * The App's slug names its bot account. A server that does not serve GET /app (404; some GitHub
 * Enterprise proxies and API stand-ins) costs only that name: the gardener's own writes are then
 * recognised by performed_via_github_app. Bad credentials (401) still stop the run.
 */
async function appSlug(app: App, options: GitHubStoreOptions): Promise<string | null> {
  try {
    const appInfo = await step(`authenticate as GitHub App ${options.appId}`, options, () => app.octokit.request('GET /app'));
    const slug = appInfo.data?.slug;
    if (!slug) throw new GitHubError(0, false, 'GitHub answered GET /app without the App slug');
    return slug;
  } catch (error) {
    if (error instanceof GitHubError && error.status === 404) {
      options.logger?.warn('GET /app is not served: recognising the gardener\'s writes by their App id only');
      return null;
    }
    throw error;
  }
}

async function step<T>(what: string, options: GitHubStoreOptions, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw describeFailure(what, error, { repository: options.repository, apiUrl: options.apiUrl, appId: options.appId });
  }
}

/** The web address that goes with a REST base URL: api.github.com, GHES's /api/v3, or the URL itself. */
export function htmlBase(apiUrl: string): string {
  const url = apiUrl.replace(/\/+$/, '');
  if (/^https:\/\/api\.github\.com$/i.test(url)) return 'https://github.com';
  return url.replace(/\/api\/v3$/i, '');
}
