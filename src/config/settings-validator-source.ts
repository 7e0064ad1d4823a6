// The settings check as code: Ajv's standalone output for the published schema, written by `npm run
// schema` into settings-validator.generated.ts, so that a run neither builds the schema (TypeBox's
// modules) nor compiles it (Ajv) before it reads its first line. The schema in schema.ts stays the one
// source: a test fails when the written code is not what this gives for it today.
import { Ajv, type Options } from 'ajv';
import * as standalone from 'ajv/dist/standalone/index.js';
import { publishedSchema } from './schema.js';

// verbose: each error carries the schema it broke, to name the valid keys and the allowed values.
export const SETTINGS_AJV_OPTIONS: Options = { allErrors: false, useDefaults: true, strict: false, verbose: true };

const HEADER = [
  '// @ts-nocheck',
  '// Written by `npm run schema` (settings-validator-source.ts) from the schema in schema.ts: do not edit.',
  "import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';",
  "// Node hands an ES module a CommonJS module's exports object; a transpiler may hand its default.",
  "const ucs2length = typeof ucs2lengthModule === 'function' ? ucs2lengthModule : ucs2lengthModule.default;",
  '',
].join('\n');

export function settingsValidatorSource(): string {
  const ajv = new Ajv({ ...SETTINGS_AJV_OPTIONS, code: { source: true, esm: true } });
  const validate = ajv.compile(publishedSchema());
  const generate = (standalone as unknown as { default: (ajv: Ajv, validate: unknown) => string }).default;
  // Ajv's ESM output still loads its string-length helper with require(), which an ES module lacks.
  const code = generate(ajv, validate).replaceAll('require("ajv/dist/runtime/ucs2length").default', 'ucs2length');
  if (code.includes('require(')) throw new Error('the settings check needs a helper it cannot import');
  return `${HEADER}${code}\n`;
}
