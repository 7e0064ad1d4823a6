// The rules that keep the deployment safe, as checks that return the violations they find.
import { nested, strings, type Block, type Module } from './load-terraform.js';

const PUBLIC_MEMBERS = /\b(allUsers|allAuthenticatedUsers)\b/;
const BASIC_ROLES = new Set(['roles/owner', 'roles/editor', 'roles/viewer']);
// Only what cannot be scoped lower than the project: reading logs, and what a function build needs.
const PROJECT_ROLES_ALLOWED = new Set(['roles/logging.viewer', 'roles/logging.logWriter', 'roles/artifactregistry.writer']);

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

/** Authoritative bindings replace what others granted; members are additive and safe to share a project. */
export function authoritativeBindings(module: Module): string[] {
  return iamResources(module)
    .filter(([type]) => !type.endsWith('_iam_member'))
    .map(([type, name]) => `${type}.${name}`);
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
