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
}

let build: Build;

beforeAll(async () => {
  build = parse(await readFile('cloudbuild.yaml', 'utf8'), { strict: true, uniqueKeys: true }) as Build;
});

function step(id: string): Step {
  const found = build.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

/** Every step a step waits for, directly or not. */
function before(id: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    for (const dep of step(name).waitFor ?? []) {
      if (dep === '-' || seen.has(dep)) continue;
      seen.add(dep);
      visit(dep);
    }
  };
  visit(id);
  return seen;
}

describe('cloudbuild.yaml', () => {
  test('is valid YAML whose steps all have an id, a builder and known waitFor ids', () => {
    const ids = build.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of build.steps) {
      expect(typeof s.id).toBe('string');
      expect(typeof s.name).toBe('string');
      expect(Array.isArray(s.waitFor)).toBe(true);
      for (const dep of s.waitFor!) expect(['-', ...ids]).toContain(dep);
    }
  });

  test('installs, tests and builds with npm, then deploys only after tests and build passed', () => {
    expect(step('install').args?.[0]).toBe('ci');
    expect(step('test').args).toEqual(['test']);
    expect(step('build').args).toEqual(['run', 'build']);
    expect([...before('deploy')]).toEqual(expect.arrayContaining(['install', 'test', 'build']));
    expect(step('deploy').args).toEqual(expect.arrayContaining(['apply', '-auto-approve']));
    expect(step('deploy').dir).toBe('terraform');
  });

  test('takes project, region and function name as substitutions', () => {
    expect(build.substitutions).toEqual(expect.objectContaining({ _REGION: expect.any(String), _FUNCTION: expect.any(String) }));
    const env = build.options?.env ?? [];
    expect(env).toEqual(expect.arrayContaining(['TF_VAR_project_id=$PROJECT_ID', 'TF_VAR_region=${_REGION}', 'TF_VAR_function_name=${_FUNCTION}']));
  });

  test('every substitution it uses is declared (Cloud Build rejects unknown ones)', async () => {
    const text = await readFile('cloudbuild.yaml', 'utf8');
    const used = new Set([...text.matchAll(/\$\{?(_[A-Z0-9_]+)\}?/g)].map((m) => m[1]!));
    expect([...used].filter((name) => !(name in (build.substitutions ?? {})))).toEqual([]);
  });
});
