// A failed run opens with what failed and the one fix that applies. The stages already say what went
// wrong; this picks the first failure that is a cause (not "no writes: an earlier stage failed") and
// names the remedy an operator would look up otherwise. Rules are ordered data, first match wins.
import type { StageError } from '../shared/types.js';

export interface FailureAdvice {
  /** The failure that caused the others, as the stage reported it. */
  failure: StageError;
  /** What to do about it, one line. */
  fix: string;
}

const RULES: Array<{ stage?: StageError['stage']; match: RegExp; fix: string }> = [
  {
    match: /could not load the default credentials|application default credentials|invalid_grant|reauthenticat/i,
    fix: 'no Google credentials: run `gcloud auth application-default login` (on Google Cloud, the function uses its service account)',
  },
  {
    stage: 'source',
    match: /roles\/logging\.viewAccessor/,
    fix: 'permission denied reading the log view: grant the identity that runs the sweep roles/logging.viewAccessor on the project with a condition on the view\'s name (terraform/iam.tf does), or unset LOGGING_VIEW to read the whole project',
  },  {
    stage: 'source',
    match: /PERMISSION_DENIED|UNAUTHENTICATED|roles\/logging\.viewer/,
    fix: 'permission denied reading logs: grant the identity that runs the sweep roles/logging.viewer on the project (`gcloud projects add-iam-policy-binding PROJECT --member=... --role=roles/logging.viewer`)',
  },
  {
    stage: 'source',
    match: /RESOURCE_EXHAUSTED|quota/i,
    fix: 'Cloud Logging read quota (60 reads a minute per project, shared): retry later, or sweep a shorter window more often',
  },
  {
    stage: 'source',
    match: /UNAVAILABLE|ECONNREFUSED|ENOTFOUND|DEADLINE_EXCEEDED/,
    fix: 'Cloud Logging could not be reached: check the network (or LOGGING_EMULATOR_HOST) and rerun',
  },
  {
    match: /secretmanager|secret version/i,
    fix: "the App's private key could not be read: add it with `gcloud secrets versions add`, or grant roles/secretmanager.secretAccessor on the secret",
  },
  {
    stage: 'github',
    match: /\b401\b|rejected the App's credentials|bad credentials|cannot sign a JWT/i,
    fix: "GitHub refused the App (401): check that GITHUB_APP_ID belongs to the private key and the key was not revoked (App settings, Private keys)",
  },
  {
    stage: 'github',
    match: /not installed|installation/i,
    fix: 'the GitHub App is not installed on the repository (404): install it there (App settings, Install App) with Issues read/write, Contents read/write, Metadata read',
  },
  {
    stage: 'github',
    match: /\b404\b|not found/i,
    fix: 'GitHub answered 404: check GITHUB_REPOSITORY and GITHUB_API_URL, and that the App is installed on that repository',
  },
  {
    match: /\b403\b|forbidden|Resource not accessible by integration/i,
    fix: 'GitHub refused the write (403): the App needs Issues (read/write), Contents (read/write) and Metadata (read) on the repository; accept the new permissions in the installation',
  },
  {
    stage: 'github',
    match: /cannot reach GitHub|fetch failed|ECONNREFUSED|ENOTFOUND/i,
    fix: 'GitHub could not be reached: check GITHUB_API_URL and the network, then rerun',
  },
  {
    stage: 'config',
    match: /needs GITHUB_/,
    fix: "give the sweep the GitHub App's settings (GITHUB_REPOSITORY, GITHUB_APP_ID, and GITHUB_APP_PRIVATE_KEY_SECRET or GITHUB_APP_PRIVATE_KEY), or run it as a dry run",
  },
  {
    stage: 'config',
    match: /bad configuration/,
    fix: 'correct the key named above in config/gardener.yaml (or the environment variable that overrides it) and redeploy',
  },
];

// Consequences, not causes: shown after the cause, never as the headline.
const CONSEQUENCE = /^no GitHub writes this run: an earlier stage failed/;

export function adviseFailure(errors: readonly StageError[]): FailureAdvice | null {
  if (errors.length === 0) return null;
  const failure = errors.find((e) => !CONSEQUENCE.test(e.message)) ?? errors[0]!;
  const rule = RULES.find((r) => (!r.stage || r.stage === failure.stage) && r.match.test(failure.message));
  return { failure, fix: rule?.fix ?? 'fix the cause above and rerun: writes are idempotent, a rerun converges to the same issues' };
}
