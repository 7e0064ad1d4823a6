// A Serilog message template rendered with its event's properties, as Serilog renders the message
// when a sink prints it: `Retrying {Operation} after {DelayMs}ms` with `Operation: "Acknowledge"` is
// `Retrying "Acknowledge" after 250ms`. Compact JSON (CLEF) carries the template (`@mt`) and the
// properties at the top level rather than the rendered text, so the same record printed by the console
// sink and written as CLEF is one text only once the template is rendered here.
// Rules (Serilog's MessageTemplate parser and renderer): `{{` and `}}` are literal braces; a hole is
// `{Name}`, `{@Name}` (destructured), `{$Name}` (stringified), `{0}` (positional), with `,alignment`
// and `:format`; a string value is quoted (its own quotes escaped) unless the hole's format is `l`; a
// hole with no property prints as written. This is Serilog's own rendering, the one CLEF's `@m` holds
// (RenderedCompactJsonFormatter) and a `{Message}` output template prints; a console template with
// `{Message:lj}` prints strings bare, and that text stays apart from the rendered one.
// Values a format changed (`{Amount:0.00}`) come rendered in `@r`, in the order of the formatted holes.

/** Holes rendered at most: a template is a line of prose, never thousands of holes. */
const MAX_HOLES = 64;
const MAX_TEMPLATE_CHARS = 4096;
const HOLE = /^\{([@$]?)([A-Za-z0-9_]{1,128})(?:,(-?\d{1,3}))?(?::([^{}]{0,64}))?\}/;

/** `template` with its holes filled from `properties`; `renderings` are the `@r` values of the formatted holes. */
export function renderSerilogTemplate(template: string, properties: Record<string, unknown>, renderings: readonly unknown[] = []): string {
  const text = template.length > MAX_TEMPLATE_CHARS ? template.slice(0, MAX_TEMPLATE_CHARS) : template;
  let out = '';
  let holes = 0;
  let formatted = 0;
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    const close = text.indexOf('}', i);
    if (open < 0 && close < 0) {
      out += text.slice(i);
      break;
    }
    if (close >= 0 && (open < 0 || close < open)) {
      // `}}` is one brace; a lone `}` is text.
      out += text.slice(i, close + 1);
      i = close + (text[close + 1] === '}' ? 2 : 1);
      continue;
    }
    out += text.slice(i, open);
    if (text[open + 1] === '{') {
      out += '{';
      i = open + 2;
      continue;
    }
    const hole = holes < MAX_HOLES ? HOLE.exec(text.slice(open, open + 256)) : null;
    if (!hole) {
      out += '{';
      i = open + 1;
      continue;
    }
    holes++;
    const [whole, sigil, name, alignment, format] = hole as unknown as [string, string, string, string | undefined, string | undefined];
    let value: string;
    if (format !== undefined && typeof renderings[formatted] === 'string') value = renderings[formatted] as string;
    else if (Object.prototype.hasOwnProperty.call(properties, name)) value = renderValue(properties[name], sigil === '$', format === 'l' || format === 'lj');
    else value = whole;
    if (format !== undefined) formatted++;
    out += align(value, alignment);
    i = open + whole.length;
  }
  return out;
}

function align(value: string, alignment: string | undefined): string {
  if (alignment === undefined) return value;
  const width = Number(alignment);
  return width < 0 ? value.padEnd(-width) : value.padStart(width);
}

/** A property value as Serilog's default renderer prints it (`:l` prints strings without quotes). */
function renderValue(value: unknown, stringify: boolean, literal: boolean, depth = 0): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return literal && depth === 0 ? value : quoted(value);
  if (typeof value === 'number') return String(value);
  // .NET's Boolean.ToString().
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (stringify || depth >= 4) return quoted(JSON.stringify(value) ?? '');
  if (Array.isArray(value)) return `[${value.slice(0, 50).map((v) => renderValue(v, false, false, depth + 1)).join(', ')}]`;
  if (typeof value === 'object') {
    // A destructured object: `Point { X: 1, Y: 2 }`, its type tag from `$type` when the formatter kept it.
    const entries = Object.entries(value as Record<string, unknown>);
    const tag = entries.find(([k]) => k === '$type')?.[1];
    const fields = entries.filter(([k]) => k !== '$type').slice(0, 50).map(([k, v]) => `${k}: ${renderValue(v, false, false, depth + 1)}`);
    const body = fields.length === 0 ? '{ }' : `{ ${fields.join(', ')} }`;
    return typeof tag === 'string' ? `${tag} ${body}` : body;
  }
  return String(value);
}

// Serilog escapes only the quote.
function quoted(text: string): string {
  return `"${text.replace(/"/g, '\\"')}"`;
}
