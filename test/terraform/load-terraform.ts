// Reads terraform/*.tf with the HCL parser Terraform's CDK uses and merges the files into one document,
// the way Terraform sees a module: every block of every file.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';

export type Block = Record<string, unknown>;

export interface Module {
  /** resource type -> name -> body */
  resources: Record<string, Record<string, Block>>;
  data: Record<string, Record<string, Block>>;
  variables: Record<string, Block>;
  outputs: Record<string, Block>;
  locals: Record<string, unknown>;
  terraform: Block[];
}

export async function parseModule(files: Record<string, string>): Promise<Module> {
  const module: Module = { resources: {}, data: {}, variables: {}, outputs: {}, locals: {}, terraform: [] };
  for (const [name, text] of Object.entries(files)) {
    const doc = (await parse(name, text)) as Record<string, unknown>;
    mergeTyped(module.resources, doc.resource);
    mergeTyped(module.data, doc.data);
    for (const [key, list] of Object.entries((doc.variable ?? {}) as Record<string, Block[]>)) module.variables[key] = list[0]!;
    for (const [key, list] of Object.entries((doc.output ?? {}) as Record<string, Block[]>)) module.outputs[key] = list[0]!;
    for (const block of (doc.locals ?? []) as Block[]) Object.assign(module.locals, block);
    module.terraform.push(...((doc.terraform ?? []) as Block[]));
  }
  return module;
}

export async function loadModule(dir: string): Promise<Module> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.tf')).sort();
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await readFile(join(dir, name), 'utf8');
  return parseModule(files);
}

function mergeTyped(target: Record<string, Record<string, Block>>, source: unknown): void {
  for (const [type, byName] of Object.entries((source ?? {}) as Record<string, Record<string, Block[]>>)) {
    target[type] ??= {};
    for (const [name, list] of Object.entries(byName)) target[type][name] = list[0]!;
  }
}

/** The first element of a nested block (hcl2json turns every nested block into a list). */
export function nested(block: Block | undefined, key: string): Block | undefined {
  const value = block?.[key];
  return Array.isArray(value) ? (value[0] as Block | undefined) : undefined;
}

/** Every string anywhere in a value, with the path that leads to it. */
export function* strings(value: unknown, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${path}[${i}]`);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* strings(item, path ? `${path}.${key}` : key);
  }
}
