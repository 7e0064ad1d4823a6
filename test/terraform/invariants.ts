// The rules that keep the deployment safe, as checks that return the violations they find.
import { nested, strings, type Block, type Module } from './load-terraform.js';

const PUBLIC_MEMBERS = /\b(allUsers|allAuthenticatedUsers)\b/;
const BASIC_ROLES = new Set(['roles/owner', 'roles/editor', 'roles/viewer']);
// Only what cannot be scoped lower than the project (writing build logs, pushing the function's image),
// and the log view grant, which Google scopes with a condition on the view (see logViewGrants); with
// Log Analytics on, creating query jobs (log-analytics.tf).
const PROJECT_ROLES_ALLOWED = new Set(['roles/logging.viewAccessor', 'roles/logging.logWriter', 'roles/artifactregistry.writer', 'roles/bigquery.jobUser']);
// Roles that read logs. Any of them on the project without a condition opens every log of the project.
const LOG_READ_ROLES = /^roles\/logging\.(viewer|privateLogViewer|viewAccessor|admin)$|^roles\/(owner|editor|viewer)$/;
const INVOKER_BINDING_TYPES = new Set(['google_cloud_run_service_iam_binding', 'google_cloudfunctions2_function_iam_binding']);

export function iamResources(module: Module): Array<[string, string, Block]> {
  const found: Array<[string, string, Block]> = [];
  for (const [type, byName] of Object.entries(module.resources)) {
    if (!/_iam_(member|binding|policy)$/.test(type)) continue;
    for (const [name, body] of Object.entries(byName)) found.push([type, name, body]);
  }
  return found;
}

export function publicGrants(module: Module): string[] {
  const found: string[] = [];
  for (const [kind, tree] of [['resource', module.resources], ['data', module.data]] as const) {
    for (const [path, text] of strings(tree)) if (PUBLIC_MEMBERS.test(text)) found.push(`${kind}.${path}`);
  }
  return found;
}

export function basicRoles(module: Module): string[] {
  const found: string[] = [];
  for (const [path, text] of strings({ ...module.resources, ...module.data })) {
    if (BASIC_ROLES.has(text.trim())) found.push(`${path} = ${text}`);
  }
  return found;
}

/**
 * Authoritative bindings replace what others granted, so on a shared project they would remove other
 * teams' grants. The one place that is wanted is the invoker role on the gardener's own service: there
 * an extra member (allUsers after a debugging session) must go. Anything else authoritative is reported.
 */
export function authoritativeBindings(module: Module): string[] {
  return iamResources(module)
    .filter(([type, , body]) => !type.endsWith('_iam_member') && !(INVOKER_BINDING_TYPES.has(type) && /invoker/.test(String(body.role))))
    .map(([type, name]) => `${type}.${name}`);
}

/** Every grant of an invoker role, as [type, name, members]. */
export function invokerGrants(module: Module): Array<[string, string, string[]]> {
  return iamResources(module)
    .filter(([, , body]) => /invoker/.test(String(body.role)))
    .map(([type, name, body]) => [type, name, body.members !== undefined ? (body.members as string[]) : [String(body.member)]]);
}

/**
 * Log reads granted on the project without a condition that names one log view: each would let the
 * identity read every log of the project (roles/logging.viewer: all but Data Access audit logs).
 */
export function projectWideLogReads(module: Module): string[] {
  const found: string[] = [];
  for (const [type, name, body] of iamResources(module)) {
    if (!type.startsWith('google_project_iam_') || !LOG_READ_ROLES.test(String(body.role))) continue;
    const expression = String(nested(body, 'condition')?.expression ?? '');
    const resolved = withLocals(expression, module.locals);
    const onOneView = String(body.role) === 'roles/logging.viewAccessor' && /^resource\.name == "projects\/[^"]+\/locations\/[^"]+\/buckets\/[^"]+\/views\/[^"/]+"$/.test(resolved);
    if (!onOneView) found.push(`${type}.${name}: ${String(body.role)}${expression ? ` if ${expression}` : ''}`);
  }
  return found;
}

export function projectRolesOutsideAllowList(module: Module): string[] {
  return Object.entries(module.resources.google_project_iam_member ?? {})
    .filter(([, body]) => !PROJECT_ROLES_ALLOWED.has(String(body.role)))
    .map(([name, body]) => `google_project_iam_member.${name}: ${String(body.role)}`);
}

/** secretAccessor only on a secret this module manages, never on the project. */
export function unscopedSecretAccess(module: Module): string[] {
  const found: string[] = [];
  for (const [type, name, body] of iamResources(module)) {
    if (!String(body.role).startsWith('roles/secretmanager.')) continue;
    const scoped =
      type === 'google_secret_manager_secret_iam_member' &&
      /^\$\{google_secret_manager_secret\.[a-z0-9_]+\.secret_id\}$/.test(String(body.secret_id));
    if (!scoped) found.push(`${type}.${name}`);
  }
  return found;
}

/** An expression with each `${local.x}` replaced by that local's text (a few levels deep). */
function withLocals(text: string, locals: Record<string, unknown>): string {
  let out = text;
  for (let i = 0; i < 4; i++) out = out.replace(/\$\{local\.([a-z0-9_]+)\}/g, (all, name: string) => (typeof locals[name] === 'string' ? (locals[name] as string) : all));
  return out;
}

/** Files the bundle takes: the literal names and fileset patterns of local.bundle_files. */
export function bundleAllowList(module: Module): string[] | null {
  const bundle = module.data.archive_file?.bundle;
  if (!bundle || 'source_dir' in bundle || 'source_file' in bundle || 'excludes' in bundle) return null;
  const dynamic = (bundle.dynamic as Record<string, Block[]> | undefined)?.source?.[0];
  if (dynamic?.for_each !== '${local.bundle_files}') return null;
  const text = String(module.locals.bundle_files ?? '');
  return [...text.matchAll(/"([^"$]+)"/g)].map((m) => m[1]!);
}

/** A Terraform fileset pattern (`*` within a segment, `**` across segments) as a regular expression. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

export interface SchedulerFacts {
  usesOidc: boolean;
  oidcAccount: string;
  audience: string;
  uri: string;
  method: string;
}

export function schedulerFacts(job: Block): SchedulerFacts {
  const target = nested(job, 'http_target');
  const oidc = nested(target, 'oidc_token');
  return {
    usesOidc: oidc !== undefined && nested(target, 'oauth_token') === undefined,
    oidcAccount: String(oidc?.service_account_email ?? ''),
    audience: String(oidc?.audience ?? ''),
    uri: String(target?.uri ?? ''),
    method: String(target?.http_method ?? ''),
  };
}

/**
 * The attempt deadline in seconds as a function of the timeout, from `${var.function_timeout_seconds + K}s`
 * (optionally capped: `${min(var.function_timeout_seconds + K, CAP)}s`). Null for any other shape (the
 * test then fails and asks for a look).
 */
export function deadlineFor(expression: string): ((timeout: number) => number) | null {
  const text = expression.trim();
  const plain = /^\$\{var\.function_timeout_seconds \+ (\d+)\}s$/.exec(text);
  if (plain) return (timeout) => timeout + Number(plain[1]);
  const capped = /^\$\{min\(var\.function_timeout_seconds \+ (\d+), (\d+)\)\}s$/.exec(text);
  if (capped) return (timeout) => Math.min(timeout + Number(capped[1]), Number(capped[2]));
  return null;
}

/** Bounds a validation condition sets on a number variable: `var.x >= A && var.x <= B`. */
export function numberBounds(variable: Block, name: string): { min: number; max: number } | null {
  const validation = (variable.validation as Block[] | undefined)?.[0];
  const condition = String(validation?.condition ?? '');
  const min = new RegExp(`var\\.${name} >= (\\d+)`).exec(condition);
  const max = new RegExp(`var\\.${name} <= (\\d+)`).exec(condition);
  return min && max ? { min: Number(min[1]), max: Number(max[1]) } : null;
}
