// Ajv's first error -> the key as the user wrote it and what is wrong with it in their terms: an
// unknown key with the nearest valid one, a value that is not one of the allowed ones with the list.
import type { ErrorObject } from 'ajv';

interface Node {
  properties?: Record<string, unknown>;
  anyOf?: Array<{ const?: unknown }>;
  enum?: unknown[];
  pattern?: string;
}

const DURATION_PATTERN = '^([0-9]{1,6}[smhdw])+$';

export function describeSchemaError(errors: readonly ErrorObject[]): { key: string; message: string } {
  // A union of literals fails as one `anyOf` after one error per literal: the anyOf says it all.
  const error = errors.find((e) => e.keyword === 'anyOf') ?? errors[0];
  if (!error) return { key: '', message: 'invalid configuration' };
  const base = error.instancePath.replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.');
  const params = error.params as { additionalProperty?: string; missingProperty?: string; type?: string };
  const child = params.additionalProperty ?? params.missingProperty;
  const key = child ? (base ? `${base}.${child}` : child) : base || '(root)';
  const schema = (error.parentSchema ?? {}) as Node;
  switch (error.keyword) {
    case 'additionalProperties': {
      const valid = Object.keys(schema.properties ?? {});
      const near = nearest(params.additionalProperty!, valid);
      return { key, message: near ? `unknown key, did you mean \`${near}\`?` : `unknown key (valid here: ${valid.join(', ')})` };
    }
    case 'required':
      return { key, message: 'is required' };
    case 'anyOf':
    case 'enum': {
      const allowed = schema.enum ?? (schema.anyOf ?? []).map((branch) => branch.const);
      return { key, message: `${shown(error.data)} is not allowed: use one of ${allowed.map(String).join(', ')}` };
    }
    case 'pattern':
      return { key, message: schema.pattern === DURATION_PATTERN ? `${shown(error.data)} is not a duration such as 90m, 6h or 2d` : `${shown(error.data)} does not match ${schema.pattern}` };
    case 'type':
      return { key, message: `must be ${article(params.type ?? 'value')}, got ${shown(error.data)}` };
    default:
      return { key, message: `${error.message ?? 'invalid value'}, got ${shown(error.data)}` };
  }
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The valid key closest to what was written, when it is close enough to be a typo. */
export function nearest(written: string, valid: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of valid) {
    const d = distance(written.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(written.length / 3)) ? best : null;
}

/** Levenshtein distance, with an adjacent swap counting as one edit. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}
