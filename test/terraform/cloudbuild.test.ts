// The Cloud Build pipeline in two builds: cloudbuild.yaml installs, tests and builds as an unprivileged
// identity (third-party code runs there); cloudbuild-deploy.yaml holds the deploying identity's rights
// and runs only pinned Terraform and Cloud SDK images over a saved plan.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

interface Step {
  id?: string;
  name?: string;
  entrypoint?: string;
  args?: string[];
  dir?: string;
  waitFor?: string[];
}
interface Build {
  steps: Step[];
  substitutions?: Record<string, string>;
  options?: { env?: string[] };
  artifacts?: { objects?: { location?: string; paths?: string[] } };
  serviceAccount?: string;
}

const FILES = { test: 'cloudbuild.yaml', deploy: 'cloudbuild-deploy.yaml' } as const;
const texts: Record<string, string> = {};
const builds: Record<string, Build> = {};

beforeAll(async () => {
  for (const file of Object.values(FILES)) {
    texts[file] = await readFile(file, 'utf8');
    builds[file] = parse(texts[file], { strict: true, uniqueKeys: true }) as Build;
  }
});

function step(file: string, id: string): Step {
  const found = builds[file]!.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id} in ${file}`);
  return found;
}

/** A step's builder image after substitution. */
function image(file: string, s: Step): string {
  return String(s.name).replace(/\$\{(_[A-Z0-9_]+)\}/g, (all, name: string) => builds[file]!.substitutions?.[name] ?? all);
}

/** Every step a step waits for, directly or not. */
function before(file: string, id: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    for (const dep of step(file, name).waitFor ?? []) {
      if (dep === '-' || seen.has(dep)) continue;
      seen.add(dep);
      visit(dep);
    }
  };
  visit(id);
  return seen;
}

describe.each(Object.values(FILES))('%s', (file) => {
  test('is valid YAML whose steps all have an id, a builder and known waitFor ids', () => {
    const ids = builds[file]!.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of builds[file]!.steps) {
      expect(typeof s.id).toBe('string');
      expect(typeof s.name).toBe('string');
      expect(Array.isArray(s.waitFor)).toBe(true);
      for (const dep of s.waitFor!) expect(['-', ...ids]).toContain(dep);
    }
  });

  test('every image is pinned by digest, not by a tag that can move', () => {
    for (const s of builds[file]!.steps) expect([s.id, image(file, s)]).toEqual([s.id, expect.stringMatching(/^[a-z0-9./-]+(:[\w.-]+)?@sha256:[0-9a-f]{64}$/)]);
  });

  test('every substitution it uses is declared (Cloud Build rejects unknown ones)', () => {
    const used = new Set([...texts[file]!.matchAll(/(?<!\$)\$\{?(_[A-Z0-9_]+)\}?/g)].map((m) => m[1]!));
    expect([...used].filter((name) => !(name in (builds[file]!.substitutions ?? {})))).toEqual([]);
  });

  test('shell variables are escaped ($$name), so Cloud Build reads no unknown lower-case substitution', () => {
    const loose = [...texts[file]!.matchAll(/(?<!\$)\$([a-z][a-z0-9_]*|\{[a-z][a-z0-9_]*\})/g)].map((m) => m[0]);
    expect(loose).toEqual([]);
  });
});

describe('the build-and-test half (cloudbuild.yaml)', () => {
  const file = FILES.test;

  test('installs without running install scripts, tests, builds and stores the bundle of its commit', () => {
    expect(step(file, 'install').args).toEqual(expect.arrayContaining(['ci', '--ignore-scripts']));
    expect(step(file, 'test').args).toEqual(['test']);
    expect(step(file, 'build').args).toEqual(['run', 'build']);
    expect([...before(file, 'bundle')]).toEqual(expect.arrayContaining(['install', 'test', 'build']));
    expect(builds[file]!.artifacts?.objects).toEqual({ location: 'gs://${_ARTIFACTS_BUCKET}/bundles/$COMMIT_SHA/', paths: ['bundle.tgz'] });
  });

  test('the bundle it stores holds the allow-list only', () => {
    const args = step(file, 'bundle').args ?? [];
    expect(args.slice(2).sort()).toEqual(['config/gardener.yaml', 'dist/src', 'package-lock.json', 'package.json']);
  });

  test('holds no deploy identity: no Terraform, no gcloud, no impersonation, no state bucket', () => {
    expect(builds[file]!.serviceAccount).toBeUndefined();
    for (const s of builds[file]!.steps) expect([s.id, image(file, s)]).toEqual([s.id, expect.stringMatching(/^node:/)]);
    expect(texts[file]).not.toMatch(/^[^#]*\b(terraform|gcloud|gsutil|impersonate|TF_VAR_|_TF_STATE_BUCKET|GOOGLE_APPLICATION_CREDENTIALS)\b/m);
  });
});

describe('the deploy half (cloudbuild-deploy.yaml)', () => {
  const file = FILES.deploy;

  test('runs no package code: no npm, no node image, no tests', () => {
    for (const s of builds[file]!.steps) {
      expect([s.id, image(file, s)]).toEqual([s.id, expect.not.stringMatching(/^node:/)]);
      expect([s.id, s.entrypoint]).toEqual([s.id, expect.not.stringMatching(/^(npm|npx|node|yarn|pnpm)$/)]);
    }
    expect(texts[file]).not.toMatch(/^[^#]*\b(npm|npx|yarn|pnpm)\b/m);
  });

  test('deploys the bundle stored for its commit, with Terraform given that bundle as the source', () => {
    expect(String(step(file, 'fetch-bundle').args?.join(' '))).toContain('gs://${_ARTIFACTS_BUCKET}/bundles/$COMMIT_SHA/bundle.tgz');
    expect(builds[file]!.options?.env).toEqual(expect.arrayContaining(['TF_VAR_source_root=/workspace/.build/bundle']));
  });

  test('plans to a file, then applies exactly that plan, after init with the committed lock file only', () => {
    expect(String(step(file, 'terraform-init').args?.join(' '))).toContain('terraform init -lockfile=readonly');
    const planArgs = step(file, 'plan').args ?? [];
    expect(planArgs[0]).toBe('plan');
    const out = planArgs.find((a) => a.startsWith('-out='))!.slice('-out='.length);
    const applyArgs = step(file, 'deploy').args ?? [];
    expect(applyArgs[0]).toBe('apply');
    expect(applyArgs.at(-1)).toBe(out);
    expect(applyArgs).not.toContain('-auto-approve');
    expect([...before(file, 'deploy')]).toEqual(expect.arrayContaining(['fetch-bundle', 'terraform-init', 'plan']));
    for (const id of ['terraform-init', 'plan', 'deploy']) expect(step(file, id).dir).toBe('terraform');
  });

  test('takes project, region and function name as substitutions', () => {
    expect(builds[file]!.substitutions).toEqual(expect.objectContaining({ _REGION: expect.any(String), _FUNCTION: expect.any(String) }));
    expect(builds[file]!.options?.env ?? []).toEqual(
      expect.arrayContaining(['TF_VAR_project_id=$PROJECT_ID', 'TF_VAR_region=${_REGION}', 'TF_VAR_function_name=${_FUNCTION}']),
    );
  });
});
