import { adviseFailure } from '../../../src/report/failure-advice.js';
import type { StageError } from '../../../src/shared/types.js';

describe('adviseFailure', () => {
  it.each<[string, StageError, RegExp]>([
    ['no credentials', { stage: 'source', message: 'Cloud Logging read failed for project p: error: Could not load the default credentials. Browse to https://…' }, /gcloud auth application-default login/],
    ['permission denied on logs', { stage: 'source', message: "Cloud Logging refused to read logs of project p (PERMISSION_DENIED): grant the gardener's identity roles/logging.viewer on the project" }, /roles\/logging\.viewer/],
    ['permission denied on a log view', { stage: 'source', message: "Cloud Logging refused to read logs of log view projects/p/locations/global/buckets/_Default/views/v (PERMISSION_DENIED): grant the gardener's identity roles/logging.viewAccessor on the view projects/p/locations/global/buckets/_Default/views/v" }, /viewAccessor on the project with a condition/],
    ['read quota', { stage: 'source', message: 'Cloud Logging read quota of project p stayed exhausted (RESOURCE_EXHAUSTED): …' }, /retry later/],
    ['secret denied', { stage: 'config', message: 'access to secret version projects/p/secrets/k/versions/latest denied (PERMISSION_DENIED): …' }, /roles\/secretmanager\.secretAccessor/],
    ['GitHub 401', { stage: 'github', message: "GitHub App setup failed: cannot look up the installation: GitHub rejected the App's credentials: check … (401 Bad credentials)" }, /GITHUB_APP_ID belongs to the private key/],
    ['App not installed', { stage: 'github', message: 'GitHub App setup failed: cannot look up the installation: the GitHub App is not installed on acme/api (or the installation id is wrong): … (Not Found)' }, /install it there/],
    ['GitHub 404', { stage: 'github', message: 'reading issues failed: cannot list issues: not found: check GITHUB_REPOSITORY (acme/api) …' }, /GITHUB_REPOSITORY/],
    ['GitHub 403 on a write', { stage: 'apply', message: 'create GCP-new-P1-x: cannot create for cluster c1: forbidden: the App needs Issues (read/write) … (403 Resource not accessible by integration)' }, /Issues \(read\/write\)/],
    ['no GitHub App settings', { stage: 'config', message: 'bad configuration: github: a sweep that writes needs GITHUB_REPOSITORY, GITHUB_APP_ID (or use a dry run)' }, /GITHUB_APP_ID/],
    ['a bad deployed config', { stage: 'config', message: 'bad configuration: windw: unknown key, did you mean `window`?' }, /config\/gardener\.yaml/],
    ['something else', { stage: 'worklog', message: 'commit failed: boom' }, /rerun/],
  ])('%s', (_name, error, fix) => {
    const advice = adviseFailure([error]);
    expect(advice?.failure).toBe(error);
    expect(advice?.fix).toMatch(fix);
  });

  it('heads with the cause, not the "no writes" consequence', () => {
    const cause: StageError = { stage: 'source', message: 'Cloud Logging refused to read logs of project p (PERMISSION_DENIED): …' };
    const advice = adviseFailure([{ stage: 'apply', message: 'no GitHub writes this run: an earlier stage failed (see other errors)' }, cause]);
    expect(advice?.failure).toBe(cause);
  });

  it('has nothing to say about a run without errors', () => {
    expect(adviseFailure([])).toBeNull();
  });
});
