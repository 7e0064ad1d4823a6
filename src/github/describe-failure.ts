// Turns what Octokit throws into a GitHubError whose message names the likely fix.
import { GitHubError } from '../shared/errors.js';

interface Context {
  repository: string;
  apiUrl: string;
  appId: string;
}

/** GitHub's status for a failed request; 0 when no answer came back (Octokit reports those as 500). */
export function statusOf(error: unknown): number {
  const e = error as { status?: unknown; response?: unknown; request?: unknown } | null;
  if (typeof e?.status !== 'number') return 0;
  if (e.request !== undefined && e.response === undefined) return 0;
  return e.status;
}

/** The server's own words for a failed request, without the request's headers or body. */
export function messageOf(error: unknown): string {
  let text = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  if (cause && /unknown error|fetch failed/i.test(text)) text = `${text}: ${cause.message}${cause.cause instanceof Error ? `: ${cause.cause.message}` : ''}`;
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

export function isRetryable(status: number): boolean {
  return status === 0 || status === 403 || status === 429 || status >= 500;
}

export function describeFailure(what: string, error: unknown, ctx: Context): GitHubError {
  if (error instanceof GitHubError) return error;
  const status = statusOf(error);
  const said = messageOf(error);
  let hint: string;
  if (status === 401) {
    hint = `GitHub rejected the App's credentials: check that GITHUB_APP_ID (${ctx.appId}) belongs to the private key and that the key was not revoked`;
  } else if (status === 404 && /installation/.test(what)) {
    hint = `the GitHub App is not installed on ${ctx.repository} (or the installation id is wrong): install the App on the repository, or fix GITHUB_INSTALLATION_ID`;
  } else if (status === 404) {
    hint = `not found: check GITHUB_REPOSITORY (${ctx.repository}) and GITHUB_API_URL (${ctx.apiUrl})`;
  } else if (status === 403) {
    hint = `forbidden: the App needs Issues (read/write), Contents (read/write) and Metadata (read) on ${ctx.repository}, or a rate limit held`;
  } else if (status === 0 && /secretOrPrivateKey|private key|DECODER|PEM|asn1|sign/i.test(said)) {
    hint = 'the GitHub App private key cannot sign a JWT: check GITHUB_APP_PRIVATE_KEY (PEM text) or the secret it comes from';
  } else if (status === 0) {
    hint = `cannot reach GitHub at ${ctx.apiUrl} (GITHUB_API_URL)`;
  } else {
    hint = `GitHub answered ${status}`;
  }
  return new GitHubError(status, isRetryable(status), `cannot ${what}: ${hint} (${said})`, { cause: error });
}
