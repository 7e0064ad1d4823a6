import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from '@cdktf/hcl2json';
import { loadModule, nested, parseModule, type Block, type Module } from './load-terraform.js';
import {
  authoritativeBindings,
  basicRoles,
  bundleAllowList,
  deadlineFor,
  globToRegExp,
  invokerGrants,
  numberBounds,
  projectWideLogReads,
  projectRolesOutsideAllowList,
  publicGrants,
  schedulerFacts,
  unscopedSecretAccess,
} from './invariants.js';

const DIR = fileURLToPath(new URL('../../terraform/', import.meta.url));
let module: Module;

beforeAll(async () => {
  module = await loadModule(DIR);
});

function only(type: string): Block {
  const all = Object.values(module.resources[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0]!;
}

describe('the Terraform keeps the gardener private and least-privileged', () => {
  test('nothing is granted to allUsers or allAuthenticatedUsers', () => {
    expect(publicGrants(module)).toEqual([]);
  });

  test('no basic role (owner, editor, viewer) anywhere', () => {
    expect(basicRoles(module)).toEqual([]);
  });

  test('bindings are additive members, but for the invoker binding on the function, never policies', () => {
    expect(authoritativeBindings(module)).toEqual([]);
  });

  test('project-wide roles are only those that have no narrower scope', () => {
    expect(projectRolesOutsideAllowList(module)).toEqual([]);
    const runtimeRoles = Object.values(module.resources.google_project_iam_member ?? {})
      .filter((b) => b.member === '${google_service_account.runtime.member}')
      .filter((b) => b.count !== '${local.log_analytics}') // off by default: log-analytics.test.ts
      .map((b) => b.role);
    expect(runtimeRoles).toEqual(['roles/logging.viewAccessor']);
  });

  test('no identity reads the project\'s logs: the runtime reads one log view, granted on that view only', () => {
    expect(projectWideLogReads(module)).toEqual([]);
    const grant = module.resources.google_project_iam_member?.runtime_reads_logs;
    expect(grant).toEqual(expect.objectContaining({ role: 'roles/logging.viewAccessor', member: '${google_service_account.runtime.member}' }));
    expect(nested(grant, 'condition')?.expression).toBe('resource.name == "${local.log_view_name}"');
    // The name in the condition is the view Terraform creates, on the configured bucket.
    expect(module.locals.log_view_name).toBe('${local.log_bucket_name}/views/${local.log_view_id}');
    expect(module.locals.log_bucket_name).toBe('projects/${var.project_id}/locations/${var.log_bucket_location}/buckets/${var.log_bucket}');
    expect(module.variables.log_bucket?.default).toBe('_Default');
    const view = only('google_logging_log_view');
    expect([view.name, view.bucket]).toEqual(['${local.log_view_id}', '${local.log_bucket_name}']);
  });

  test('the log view holds Cloud Run logs of this project only, without Data Access audit logs', () => {
    const filter = String(only('google_logging_log_view').filter);
    expect(filter).toContain('SOURCE(\\"projects/${var.project_id}\\")');
    expect(filter).toContain('resource.type = \\"cloud_run_revision\\"');
    expect(filter).toContain('NOT LOG_ID(\\"cloudaudit.googleapis.com/data_access\\")');
    expect(filter).toMatch(/^\$\{join\(" AND ", \[/);
  });

  test('the function reads through that view (LOGGING_VIEW)', () => {
    const env = String(nested(only('google_cloudfunctions2_function'), 'service_config')?.environment_variables);
    expect(env).toMatch(/LOGGING_VIEW\s*=\s*local\.log_view_name/);
  });

  test('secret access is granted on the App key secret only, to the runtime identity', () => {
    expect(unscopedSecretAccess(module)).toEqual([]);
    const grants = Object.values(module.resources.google_secret_manager_secret_iam_member ?? {});
    expect(grants).toEqual([
      expect.objectContaining({
        secret_id: '${google_secret_manager_secret.github_app_key.secret_id}',
        role: 'roles/secretmanager.secretAccessor',
        member: '${google_service_account.runtime.member}',
      }),
    ]);
  });

  test('the secret has no value in Terraform (versions are added outside it)', () => {
    expect(module.resources.google_secret_manager_secret_version).toBeUndefined();
    expect(Object.keys(module.resources.google_secret_manager_secret ?? {})).toEqual(['github_app_key']);
  });

  test('only the scheduler identity may invoke, and only this function: one authoritative binding', () => {
    expect(invokerGrants(module)).toEqual([['google_cloud_run_service_iam_binding', 'invokers', ['${google_service_account.scheduler.member}']]]);
    expect(module.resources.google_cloud_run_service_iam_binding?.invokers).toEqual(
      expect.objectContaining({ service: '${google_cloudfunctions2_function.gardener.service_config[0].service}', role: 'roles/run.invoker' }),
    );
  });

  test('the build-and-test identity can store bundles and write its logs, nothing else', () => {
    const ci = '${google_service_account.ci.member}';
    const grants = Object.entries(module.resources)
      .flatMap(([type, byName]) => Object.values(byName).map((body) => ({ type, body })))
      .filter(({ body }) => body.member === ci || (Array.isArray(body.members) && body.members.includes(ci)))
      .map(({ type, body }) => [type, body.role, body.bucket ?? body.project]);
    expect(grants.sort()).toEqual([
      ['google_project_iam_member', 'roles/logging.logWriter', '${var.project_id}'],
      ['google_storage_bucket_iam_member', 'roles/storage.objectCreator', '${google_storage_bucket.artifacts.name}'],
    ]);
  });
});

describe('the function', () => {
  test('is a 2nd-gen function on nodejs22 with entry point logGardener and one instance at most', () => {
    const fn = only('google_cloudfunctions2_function');
    const build = nested(fn, 'build_config');
    const service = nested(fn, 'service_config');
    expect(build?.runtime).toBe('nodejs22');
    expect(build?.entry_point).toBe('logGardener');
    expect(service?.max_instance_count).toBe(1);
    expect(service?.timeout_seconds).toBe('${var.function_timeout_seconds}');
    expect(service?.available_memory).toBe('${var.function_memory}');
    expect(service?.service_account_email).toBe('${google_service_account.runtime.email}');
  });

  test('takes a second request on the same instance so that it can answer 409', () => {
    const service = nested(only('google_cloudfunctions2_function'), 'service_config');
    expect(Number(service?.max_instance_request_concurrency)).toBeGreaterThan(1);
  });

  test('gets the App key from the secret as environment, and its settings as environment', () => {
    const service = nested(only('google_cloudfunctions2_function'), 'service_config');
    expect(nested(service, 'secret_environment_variables')).toEqual(
      expect.objectContaining({
        key: 'GITHUB_APP_PRIVATE_KEY',
        secret: '${google_secret_manager_secret.github_app_key.secret_id}',
      }),
    );
    const env = String(service?.environment_variables);
    for (const name of ['GOOGLE_CLOUD_PROJECT', 'GITHUB_REPOSITORY', 'GITHUB_APP_ID', 'LOG_LEVEL']) {
      expect(env).toContain(name);
    }
  });

  test('ships an allow-list: the manifest, the lock file, the shipped config and compiled code only', () => {
    const allowed = bundleAllowList(module);
    expect(allowed).toEqual(['package.json', 'package-lock.json', 'config/gardener.yaml', 'dist/src/**/*.js']);
    const ships = (path: string): boolean => allowed!.some((pattern) => globToRegExp(pattern).test(path));
    for (const path of ['package.json', 'config/gardener.yaml', 'dist/src/entry/function.js', 'dist/src/plan/rank.js']) expect([path, ships(path)]).toEqual([path, true]);
    const stray = [
      '.env', '.npmrc', 'key.pem', 'dist/src/.env', 'dist/src/key.pem', 'config/.env', 'config/local.yaml', 'terraform/terraform.tfvars',
      'dist/src/entry/function.js.map', 'dist/test/unit/x.test.js', 'src/entry/function.ts', 'node_modules/x/index.js', '.git/config', 'app.private-key.pem',
    ];
    for (const path of stray) expect([path, ships(path)]).toEqual([path, false]);
  });

  test('is built from a bundle object named by the archive content hash', () => {
    const object = only('google_storage_bucket_object');
    expect(String(object.name)).toMatch(/\$\{data\.archive_file\.bundle\.output_(sha256|sha512|md5|base64sha256)\}/);
    const source = nested(nested(nested(only('google_cloudfunctions2_function'), 'build_config'), 'source'), 'storage_source');
    expect(source?.object).toBe('${google_storage_bucket_object.bundle.name}');
  });

  test('the source and artifacts buckets are not public', () => {
    const buckets = Object.entries(module.resources.google_storage_bucket ?? {});
    expect(buckets.map(([name]) => name).sort()).toEqual(['artifacts', 'source']);
    for (const [, bucket] of buckets) {
      expect(bucket.public_access_prevention).toBe('enforced');
      expect(bucket.uniform_bucket_level_access).toBe(true);
    }
  });
});

describe('the scheduler', () => {
  test('POSTs to the function with an OIDC token of its own identity, audience the function', () => {
    const facts = schedulerFacts(only('google_cloud_scheduler_job'));
    expect(facts).toEqual({
      usesOidc: true,
      oidcAccount: '${google_service_account.scheduler.email}',
      audience: '${google_cloudfunctions2_function.gardener.service_config[0].uri}',
      uri: '${google_cloudfunctions2_function.gardener.service_config[0].uri}',
      method: 'POST',
    });
  });

  test('runs every 3 hours by default', () => {
    expect(only('google_cloud_scheduler_job').schedule).toBe('${var.schedule}');
    expect(module.variables.schedule?.default).toBe('0 */3 * * *');
  });

  test('waits for the whole function timeout, within Cloud Scheduler limits, for every allowed timeout', () => {
    const deadline = deadlineFor(String(only('google_cloud_scheduler_job').attempt_deadline));
    expect(deadline).not.toBeNull();
    const bounds = numberBounds(module.variables.function_timeout_seconds!, 'function_timeout_seconds');
    expect(bounds).not.toBeNull();
    for (let timeout = bounds!.min; timeout <= bounds!.max; timeout += 1) {
      const seconds = deadline!(timeout);
      if (seconds < timeout || seconds > 1800 || seconds < 15) throw new Error(`timeout ${timeout}s gives deadline ${seconds}s`);
    }
    expect(deadline!(Number(module.variables.function_timeout_seconds!.default))).toBeGreaterThanOrEqual(540);
  });

  test('retries a failed sweep a bounded number of times', () => {
    const retry = nested(only('google_cloud_scheduler_job'), 'retry_config');
    expect(Number(retry?.retry_count)).toBeGreaterThanOrEqual(0);
    expect(Number(retry?.retry_count)).toBeLessThanOrEqual(3);
  });
});

describe('the module is usable', () => {
  test('pins the google provider to 6.x', () => {
    const providers = module.terraform.flatMap((t) => (t.required_providers ?? []) as Block[]);
    const google = providers.map((p) => p.google as Block | undefined).find(Boolean);
    expect(google?.version).toBe('~> 6.0');
  });

  test('enables the APIs it uses', () => {
    const apis = String(module.locals.required_apis);
    for (const api of ['logging', 'cloudfunctions', 'run', 'cloudbuild', 'cloudscheduler', 'secretmanager', 'artifactregistry', 'iam']) {
      expect(apis).toContain(`"${api}.googleapis.com"`);
    }
  });

  test('every variable has a type and a description, every output a description', () => {
    for (const [name, variable] of Object.entries(module.variables)) {
      expect([name, typeof variable.type, typeof variable.description]).toEqual([name, 'string', 'string']);
    }
    for (const [name, output] of Object.entries(module.outputs)) {
      expect([name, typeof output.description]).toEqual([name, 'string']);
    }
  });

  test('terraform.tfvars.example sets only declared variables and every required one', async () => {
    const example = (await parse('terraform.tfvars.example', await readFile(`${DIR}terraform.tfvars.example`, 'utf8'))) as Block;
    const declared = Object.keys(module.variables);
    const required = declared.filter((name) => !('default' in module.variables[name]!));
    expect(Object.keys(example).filter((name) => !declared.includes(name))).toEqual([]);
    expect(required.filter((name) => !(name in example))).toEqual([]);
  });
});

describe('the checks catch what they guard against', () => {
  const unsafe = `
    resource "google_cloud_run_service_iam_member" "open" {
      service = "x"
      role    = "roles/run.invoker"
      member  = "allUsers"
    }
    resource "google_project_iam_member" "wide" {
      project = "p"
      role    = "roles/editor"
      member  = "serviceAccount:a@b"
    }
    resource "google_project_iam_member" "all_secrets" {
      project = "p"
      role    = "roles/secretmanager.secretAccessor"
      member  = "serviceAccount:a@b"
    }
    resource "google_project_iam_binding" "authoritative" {
      project = "p"
      role    = "roles/logging.viewer"
      members = ["allAuthenticatedUsers"]
    }
  `;

  test('each unsafe pattern is reported', async () => {
    const bad = await parseModule({ 'unsafe.tf': unsafe });
    expect(publicGrants(bad)).toHaveLength(2);
    expect(basicRoles(bad)).toEqual(['google_project_iam_member.wide.role = roles/editor']);
    expect(unscopedSecretAccess(bad)).toEqual(['google_project_iam_member.all_secrets']);
    expect(authoritativeBindings(bad)).toEqual(['google_project_iam_binding.authoritative']);
    expect(projectRolesOutsideAllowList(bad)).toHaveLength(2);
  });

  test('project-wide log reads, an unconditioned or bucket-wide view grant, and a deny-list bundle are caught', async () => {
    const bad = await parseModule({
      'logs.tf': `
        locals {
          bucket = "projects/p/locations/global/buckets/_Default"
          view   = "\${local.bucket}/views/v"
        }
        resource "google_project_iam_member" "viewer" {
          project = "p"
          role    = "roles/logging.viewer"
          member  = "serviceAccount:a@b"
        }
        resource "google_project_iam_member" "any_view" {
          project = "p"
          role    = "roles/logging.viewAccessor"
          member  = "serviceAccount:a@b"
        }
        resource "google_project_iam_member" "whole_bucket" {
          project = "p"
          role    = "roles/logging.viewAccessor"
          member  = "serviceAccount:a@b"
          condition {
            title      = "bucket"
            expression = "resource.name.startsWith(\\"\${local.bucket}\\")"
          }
        }
        resource "google_project_iam_member" "one_view" {
          project = "p"
          role    = "roles/logging.viewAccessor"
          member  = "serviceAccount:a@b"
          condition {
            title      = "view"
            expression = "resource.name == \\"\${local.view}\\""
          }
        }
        resource "google_cloud_run_service_iam_member" "extra" {
          service = "s"
          role    = "roles/run.invoker"
          member  = "user:someone@example.com"
        }
        data "archive_file" "bundle" {
          type       = "zip"
          source_dir = "."
          excludes   = [".git/**"]
        }`,
    });
    expect(projectWideLogReads(bad).map((v) => v.split(':')[0]).sort()).toEqual([
      'google_project_iam_member.any_view',
      'google_project_iam_member.viewer',
      'google_project_iam_member.whole_bucket',
    ]);
    expect(invokerGrants(bad)).toEqual([['google_cloud_run_service_iam_member', 'extra', ['user:someone@example.com']]]);
    expect(bundleAllowList(bad)).toBeNull();
    expect(globToRegExp('dist/src/**/*.js').test('dist/src/a/b.js.map')).toBe(false);
  });

  test('a scheduler without OIDC and a deadline shorter than the timeout are caught', async () => {
    const bad = await parseModule({
      'job.tf': `resource "google_cloud_scheduler_job" "j" {
        http_target {
          uri = "https://x"
          oauth_token { service_account_email = "a@b" }
        }
      }`,
    });
    expect(schedulerFacts(bad.resources.google_cloud_scheduler_job!.j!).usesOidc).toBe(false);
    expect(deadlineFor('${min(var.function_timeout_seconds + 30, 1800)}s')!(1800)).toBe(1800);
    expect(deadlineFor('${var.function_timeout_seconds + 30}s')!(1800)).toBe(1830);
    expect(deadlineFor('${var.function_timeout_seconds - 10}s')).toBeNull();
  });
});
