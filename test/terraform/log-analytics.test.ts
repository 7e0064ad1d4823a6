// terraform/log-analytics.tf: off unless one variable turns it on; a bucket upgraded to Log Analytics
// fed only with what a sweep may read, a dataset linked to it, and for the runtime account query jobs
// on the project and read on that dataset alone.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadModule, parseModule, type Block, type Module } from './load-terraform.js';
import { iamResources, projectRolesOutsideAllowList } from './invariants.js';

const DIR = fileURLToPath(new URL('../../terraform/', import.meta.url));
let file: Module;
let whole: Module;

beforeAll(async () => {
  file = await parseModule({ 'log-analytics.tf': await readFile(`${DIR}log-analytics.tf`, 'utf8') });
  whole = await loadModule(DIR);
});

const resource = (type: string, name = 'gardener'): Block => {
  const block = file.resources[type]?.[name];
  expect(block).toBeDefined();
  return block!;
};

describe('Log Analytics in Terraform', () => {
  test('one boolean variable, false by default, turns it on', () => {
    expect(Object.keys(file.variables)).toEqual(['enable_log_analytics']);
    expect(file.variables.enable_log_analytics).toMatchObject({ type: '${bool}', default: false });
  });

  test('every resource of the file exists only when it is on', () => {
    const all = Object.entries(file.resources).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => [`${type}.${name}`, body] as const));
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const [, body] of all) expect(body.count).toBe('${local.log_analytics}');
    expect(file.locals.log_analytics).toBe('${var.enable_log_analytics ? 1 : 0}');
  });

  test('the bucket is upgraded to Log Analytics and the dataset is linked to it', () => {
    expect(resource('google_logging_project_bucket_config')).toMatchObject({ enable_analytics: true });
    expect(resource('google_logging_linked_dataset').bucket).toBe('${google_logging_project_bucket_config.gardener[0].bucket_id}');
    expect(String(resource('google_logging_project_sink').destination)).toContain('/buckets/${google_logging_project_bucket_config.gardener[0].bucket_id}');
  });

  test('the sink copies only Cloud Run entries a sweep may read, never the gardener\'s own', () => {
    expect(resource('google_logging_project_sink').filter).toBe('${local.log_analytics_filter}');
    const filter = String(file.locals.log_analytics_filter);
    expect(filter).toContain('resource.type=\\"cloud_run_revision\\"');
    expect(filter).toContain('(severity>=NOTICE OR severity=DEFAULT)');
    expect(filter).toContain('NOT resource.labels.service_name=\\"${var.function_name}\\"');
    expect(filter).toContain('var.services');
  });

  test('the runtime account runs query jobs on the project and reads the linked dataset, nothing more', () => {
    const grants = iamResources(file).map(([type, , body]) => ({ type, role: body.role, member: body.member })).sort((a, b) => (a.type < b.type ? 1 : -1));
    expect(grants).toEqual([
      { type: 'google_project_iam_member', role: 'roles/bigquery.jobUser', member: '${google_service_account.runtime.member}' },
      { type: 'google_bigquery_dataset_iam_member', role: 'roles/bigquery.dataViewer', member: '${google_service_account.runtime.member}' },
    ]);
    expect(resource('google_bigquery_dataset_iam_member', 'runtime_reads_linked_logs').dataset_id).toBe('${google_logging_linked_dataset.gardener[0].link_id}');
    // No BigQuery role anywhere else in the module, and the project-level allow-list still holds.
    const bigqueryElsewhere = iamResources(whole).filter(([, , body]) => String(body.role).startsWith('roles/bigquery.')).map(([type, name]) => `${type}.${name}`);
    expect(bigqueryElsewhere.sort()).toEqual(['google_bigquery_dataset_iam_member.runtime_reads_linked_logs', 'google_project_iam_member.runtime_runs_queries']);
    expect(projectRolesOutsideAllowList(whole)).toEqual([]);
  });

  test('outputs the view name the config needs', () => {
    expect(String(file.outputs.log_analytics_table?.value)).toContain('._AllLogs');
  });
});
