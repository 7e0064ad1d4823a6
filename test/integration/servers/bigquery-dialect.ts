// GoogleSQL (BigQuery) -> DuckDB, for the constructs the gardener's queries use, so that the local
// BigQuery server answers them by running them, not by recognising them. Both engines read regular
// expressions with RE2, so patterns pass through unchanged. This bridge lives only in the tests; the
// product's SQL is written for BigQuery alone.
//
// The differences bridged, each found by running the product's queries on DuckDB:
//  1. String literals: GoogleSQL reads backslash escapes in '…' (`'\\b'` is `\b`); DuckDB's standard
//     literals do not, so each literal is decoded and written again (quotes doubled).
//  2. Table paths: `project.dataset.view` in backticks -> the local table `all_logs`.
//  3. Named parameters: `@name` -> `$name`; a TIMESTAMP parameter is cast to TIMESTAMPTZ.
//  4. `x IN UNNEST(@list)` -> `list_contains($list, x)`.
//  5. CONCAT: NULL if any argument is NULL in GoogleSQL, NULL read as '' in DuckDB -> `a || b || …`.
//  6. STRUCT(expr AS name, …) -> struct_pack(name := expr, …).
//  7. ARRAY_AGG(x IGNORE NULLS) -> list_filter(list(x), v -> v IS NOT NULL).
//  8. SELECT * EXCEPT (…) -> SELECT * EXCLUDE (…).
//  9. SAFE_CAST(x AS FLOAT64) -> TRY_CAST(x AS DOUBLE); CAST(… AS STRING) -> VARCHAR.
// 10. JSON_VALUE(json, path): NULL for an object or array in GoogleSQL, its JSON text in DuckDB's
//     json_extract_string -> a macro that returns NULL for those.
// 11. REGEXP_REPLACE replaces every match in GoogleSQL, the first in DuckDB -> the 'g' option.
// 12. REGEXP_EXTRACT returns the first group (NULL without a match) -> group 1, '' read as NULL.
// 13. REGEXP_CONTAINS -> regexp_matches; UNIX_MILLIS -> epoch_ms, UNIX_MICROS -> epoch_us; DIV(a, b) -> a // b;
//     ARRAY_LENGTH -> len.
// 14. TO_JSON_STRING(NULL) is the text 'null' in GoogleSQL, NULL in DuckDB's to_json -> a macro.

/** Macros the translated SQL calls: create them once per connection. */
export const DIALECT_MACROS = [
  `CREATE OR REPLACE MACRO bq_json_value(j, p) AS CASE WHEN json_type(j, p) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(j, p) END`,
  `CREATE OR REPLACE MACRO bq_regexp_replace(s, p, r) AS regexp_replace(s, p, r, 'g')`,
  `CREATE OR REPLACE MACRO bq_regexp_extract(s, p) AS nullif(regexp_extract(s, p, 1), '')`,
  `CREATE OR REPLACE MACRO bq_div(a, b) AS (a // b)`,
  `CREATE OR REPLACE MACRO bq_to_json_string(x) AS coalesce(to_json(x)::VARCHAR, 'null')`,
];

const FUNCTIONS: Record<string, string> = {
  JSON_VALUE: 'bq_json_value',
  REGEXP_REPLACE: 'bq_regexp_replace',
  REGEXP_EXTRACT: 'bq_regexp_extract',
  REGEXP_CONTAINS: 'regexp_matches',
  UNIX_MILLIS: 'epoch_ms',
  UNIX_MICROS: 'epoch_us',
  DIV: 'bq_div',
  TO_JSON_STRING: 'bq_to_json_string',
  ARRAY_LENGTH: 'len',
  SAFE_CAST: 'TRY_CAST',
};

export interface Translated {
  sql: string;
  /** Parameter names the SQL uses, as DuckDB binds them (`$name`). */
  params: string[];
}

/** GoogleSQL text -> DuckDB text. `timestampParams`: parameters whose type is TIMESTAMP. */
export function toDuckDb(sql: string, timestampParams: ReadonlySet<string>): Translated {
  const params = new Set<string>();
  // Literals out of the way first (their text must not be rewritten), as DuckDB literals.
  const literals: string[] = [];
  let code = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'") {
      let value = '';
      i++;
      while (i < sql.length && sql[i] !== "'") {
        if (sql[i] === '\\') {
          value += sql[i + 1];
          i += 2;
        } else value += sql[i++];
      }
      literals.push(`'${value.replace(/'/g, "''")}'`);
      code += `\u0000${literals.length - 1}\u0000`;
    } else if (c === '`') {
      const end = sql.indexOf('`', i + 1);
      code += 'all_logs';
      i = end;
    } else code += c;
  }
  code = code.replace(/@(\w+)/g, (_m, name: string) => {
    params.add(name);
    return timestampParams.has(name) ? `CAST($${name} AS TIMESTAMPTZ)` : `$${name}`;
  });
  code = code.replace(/(\w+\([^()]*\)) IN UNNEST\((\$\w+)\)/g, 'list_contains($2, $1)');
  code = code.replace(/\* EXCEPT \(/g, '* EXCLUDE (');
  code = code.replace(/ AS FLOAT64\)/g, ' AS DOUBLE)').replace(/ AS STRING\)/g, ' AS VARCHAR)');
  code = rewriteCalls(code, 'CONCAT', (args) => `(${args.join(' || ')})`);
  code = rewriteCalls(code, 'STRUCT', (args) => `struct_pack(${args.map(structField).join(', ')})`);
  code = rewriteCalls(code, 'ARRAY_AGG', (args) => {
    const inner = args.join(', ').replace(/ IGNORE NULLS$/, '');
    return `list_filter(list(${inner}), v -> v IS NOT NULL)`;
  });
  code = code.replace(/\b([A-Z_]+)\(/g, (m, name: string) => (FUNCTIONS[name] ? `${FUNCTIONS[name]}(` : m));
  const out = code.replace(/\u0000(\d+)\u0000/g, (_m, k: string) => literals[Number(k)]!);
  return { sql: out, params: [...params] };
}

/** `expr AS name` -> `name := expr`. */
function structField(arg: string): string {
  const m = /^([\s\S]+) AS (\w+)$/.exec(arg.trim());
  if (!m) throw new Error(`STRUCT field without a name: ${arg}`);
  return `${m[2]} := ${m[1]}`;
}

/** Rewrites every call NAME(args…) (balanced parentheses, top-level commas), innermost last. */
function rewriteCalls(code: string, name: string, rewrite: (args: string[]) => string): string {
  const pattern = new RegExp(`\\b${name}\\(`, 'g');
  let m: RegExpExecArray | null;
  let out = code;
  while ((m = pattern.exec(out)) !== null) {
    const open = m.index + name.length;
    const args: string[] = [];
    let depth = 0;
    let start = open + 1;
    let close = -1;
    for (let i = open; i < out.length; i++) {
      const c = out[i];
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) {
        close = i;
        break;
      } else if (c === ',' && depth === 1) {
        args.push(out.slice(start, i).trim());
        start = i + 1;
      }
    }
    if (close < 0) throw new Error(`unbalanced ${name}(`);
    args.push(out.slice(start, close).trim());
    const replaced = rewrite(args.map((a) => rewriteCalls(a, name, rewrite)));
    out = out.slice(0, m.index) + replaced + out.slice(close + 1);
    pattern.lastIndex = m.index + replaced.length;
  }
  return out;
}
