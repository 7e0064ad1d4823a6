// Nouns that introduce a name: `for tenant acme`, `user bob not found`, `table orders`, `in region
// europe-west4`. The word right after one is the name of a thing, a value, however few different
// names a window happens to show. General vocabulary of the things services name, not any one
// service's words (compare the unit and calendar lists the masker keeps).
const NOUNS = new Set([
  'tenant', 'tenants', 'user', 'users', 'username', 'account', 'customer', 'org', 'organization', 'organisation',
  'team', 'workspace', 'project', 'owner', 'member', 'group', 'role',
  'table', 'schema', 'database', 'db', 'collection', 'index', 'column', 'dataset',
  'queue', 'topic', 'subscription', 'channel', 'stream', 'partition', 'shard', 'bucket',
  'model', 'region', 'zone', 'location', 'cluster', 'namespace', 'node', 'pod', 'container', 'instance',
  'host', 'hostname', 'service', 'deployment', 'revision', 'job', 'task', 'pipeline', 'workflow', 'worker',
  'branch', 'repo', 'repository', 'file', 'filename', 'directory', 'plugin', 'module', 'package', 'feature',
  'flag', 'plan', 'product', 'sku', 'store', 'merchant', 'vendor', 'provider', 'currency', 'locale', 'language',
  'country', 'device', 'app', 'application', 'endpoint', 'domain', 'key', 'secret', 'bot', 'tag',
]);

/**
 * The token before a value position: a noun from the list, bare and lower case. Capitalised, it
 * starts a sentence (`Instance spawned`, `Task succeeded`) and the next word is a verb.
 */
export function introducesName(token: string | undefined): boolean {
  return token !== undefined && token.length <= 16 && NOUNS.has(token);
}
