// The parts of an issue body (or of the evidence comment) the gardener owns, each between hidden
// markers, so it can rewrite its own parts in place and keep whatever a person wrote around them.

export const SECTION_NAMES = ['note', 'evidence', 'related'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

const STATE_BLOCK = '<!-- log-gardener:state ';

export function openMarker(name: SectionName): string {
  return `<!-- log-gardener:${name} -->`;
}

function closeMarker(name: SectionName): string {
  return `<!-- /log-gardener:${name} -->`;
}

/** The marker that opens the evidence section; the gardener's evidence comment contains it. */
export const EVIDENCE_MARKER = openMarker('evidence');

/** True for the one comment the gardener keeps current on an issue it adopted. */
export function isEvidenceComment(body: string | null | undefined): boolean {
  return typeof body === 'string' && body.includes(EVIDENCE_MARKER);
}

export function renderSection(name: SectionName, content: string): string {
  return `${openMarker(name)}\n${content.trim()}\n${closeMarker(name)}`;
}

function locate(text: string, name: SectionName): { start: number; end: number } | null {
  const start = text.indexOf(openMarker(name));
  if (start < 0) return null;
  const close = text.indexOf(closeMarker(name), start);
  if (close < 0) return null;
  return { start, end: close + closeMarker(name).length };
}

/** The content of a section, or null when the text has none. */
export function readSection(text: string, name: SectionName): string | null {
  const at = locate(text, name);
  if (!at) return null;
  return text.slice(at.start + openMarker(name).length, at.end - closeMarker(name).length).trim();
}

/**
 * Replaces a section's content (content null removes it). A missing section goes before the first
 * later section, else before the state block, else at the end: the order stays note, evidence, related.
 */
export function upsertSection(text: string, name: SectionName, content: string | null): string {
  const at = locate(text, name);
  if (at) {
    if (content === null) return (text.slice(0, at.start).trimEnd() + '\n\n' + text.slice(at.end).trimStart()).trim() + '\n';
    return text.slice(0, at.start) + renderSection(name, content) + text.slice(at.end);
  }
  if (content === null) return text;
  const block = renderSection(name, content);
  const later = SECTION_NAMES.slice(SECTION_NAMES.indexOf(name) + 1)
    .map((n) => text.indexOf(openMarker(n)))
    .filter((i) => i >= 0);
  const stateAt = text.indexOf(STATE_BLOCK);
  const before = later.length > 0 ? Math.min(...later) : stateAt;
  if (before < 0) return text.trim() ? `${text.trimEnd()}\n\n${block}\n` : `${block}\n`;
  return `${text.slice(0, before)}${block}\n\n${text.slice(before)}`;
}
