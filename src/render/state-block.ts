// The gardener's memory inside an issue: a hidden HTML comment holding JSON, keyed by cluster id.
// GitHub renders nothing for it; a person can still see and edit it in the source view.
import { redact } from '../normalize/index.js';
import { PRIORITIES, type IssueState } from '../shared/types.js';

const ENTRY_KINDS = ['text', 'stack', 'request'] as const;
/** Samples kept in the state block, each at most MAX_STATE_SAMPLE_CHARS: enough to re-derive an id. */
export const MAX_STATE_SAMPLES = 3;
export const MAX_STATE_SAMPLE_CHARS = 1000;
/** A problem has one service; a few more are read from a person's edit, not dozens. */
const MAX_STATE_SERVICES = 8;

const OPEN = '<!-- log-gardener:state ';
const CLOSE = ' -->';
const BLOCK = /<!-- log-gardener:state (\{[^\n]*?\}) -->/;

export function renderStateBlock(state: IssueState): string {
  // JSON cannot contain a raw "-->" sequence that would end the comment early: escape '>' inside it.
  // `@` and `#` too: a person reading the source sees no @mention or #123 reference that looks live,
  // and no notification is ever sent from it. JSON.parse reads them back; old blocks parse as before.
  return OPEN + JSON.stringify(state).replace(/>/g, '\\u003e').replace(/@/g, '\\u0040').replace(/#/g, '\\u0023') + CLOSE;
}

/** Parses the block out of a body; null when absent or not a state the gardener could have written. */
export function parseStateBlock(text: string | null | undefined): IssueState | null {
  if (!text) return null;
  const match = BLOCK.exec(text);
  if (!match) return null;
  let value: unknown;
  try {
    value = JSON.parse(match[1]!);
  } catch {
    return null;
  }
  return isIssueState(value) ? dropBadOptionals(value) : null;
}

/** Replaces the block in a body (or appends it), leaving the rest of the text as it is. */
export function withStateBlock(body: string, state: IssueState): string {
  const block = renderStateBlock(state);
  return BLOCK.test(body) ? body.replace(BLOCK, () => block) : `${body.trimEnd()}\n\n${block}\n`;
}

function isIssueState(v: unknown): v is IssueState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    s.version === 1 &&
    typeof s.clusterId === 'string' &&
    Array.isArray(s.aliases) && s.aliases.every((a) => typeof a === 'string') &&
    typeof s.template === 'string' &&
    typeof s.totalCount === 'number' &&
    typeof s.lastWindowCount === 'number' &&
    typeof s.firstSeen === 'string' &&
    typeof s.lastSeen === 'string' &&
    typeof s.windowEnd === 'string' &&
    (PRIORITIES as readonly unknown[]).includes(s.priority) &&
    optional(s.firstRevision, 'string')
  );
}

/** Optional fields a person garbled are dropped, not fatal: losing the block would mean a duplicate. */
function dropBadOptionals(s: IssueState): IssueState {
  const out: Record<string, unknown> = { ...s };
  for (const key of ['title', 'component', 'exceptionType', 'staleNotedAt', 'reopenedAt', 'closedAt']) {
    if (!optional(out[key], 'string')) delete out[key];
  }
  if (out.trackedIn !== undefined && !(Number.isInteger(out.trackedIn) && (out.trackedIn as number) > 0)) delete out.trackedIn;
  if (out.priorityOwner !== undefined && out.priorityOwner !== 'gardener' && out.priorityOwner !== 'person') delete out.priorityOwner;
  // A block written by an older release may hold what today's rules redact: read it redacted, so the
  // next write heals the issue instead of being refused by the last outgoing check forever.
  out.template = redact(s.template);
  if (out.samples !== undefined) {
    out.samples = Array.isArray(out.samples)
      ? out.samples.filter((t): t is string => typeof t === 'string' && t !== '').slice(0, MAX_STATE_SAMPLES).map(redact)
      : [];
  }
  if (out.services !== undefined) {
    // Garbled: as if absent, so the services the evidence names stand in.
    if (!Array.isArray(out.services) || !out.services.every((n) => typeof n === 'string')) delete out.services;
    else out.services = (out.services as string[]).slice(0, MAX_STATE_SERVICES);
  }
  if (out.kind !== undefined && !(ENTRY_KINDS as readonly unknown[]).includes(out.kind)) delete out.kind;
  if (out.related !== undefined) {
    out.related = Array.isArray(out.related) ? out.related.filter((n) => Number.isInteger(n) && (n as number) > 0) : [];
  }
  return out as unknown as IssueState;
}

function optional(v: unknown, type: 'string'): boolean {
  return v === undefined || typeof v === type;
}
