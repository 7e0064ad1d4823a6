// structlog's dict_tracebacks processor (ExceptionDictTransformer, the exception renderer structlog's docs
// set beside JSONRenderer for production) writes an exception as a list of stacks: the exception raised
// last first, then its causes, each `{exc_type, exc_value, is_cause, frames: [{filename, lineno, name,
// locals}]}` (structlog's tracebacks.py). Read as the traceback Python prints for it (causes first, the
// exception raised last at the end), a record says what its format_exc_info twin says, and the classifier
// reads its exception and frames as it reads any traceback. Locals are values, not the problem: left out.
import { isRecord } from './is-record.js';

/** Stacks and frames read at most: a traceback longer than this says no more of which problem it is. */
const MAX_STACKS = 16;
const MAX_FRAMES = 200;

/** The Python traceback a dict_tracebacks list stands for, or undefined when the value is no such list. */
export function dictTracebackText(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const stacks = value.slice(0, MAX_STACKS);
  if (!stacks.every(isStack)) return undefined;
  const parts: string[] = [];
  for (let i = stacks.length - 1; i >= 0; i--) {
    const stack = stacks[i] as Stack;
    if (i < stacks.length - 1) {
      // The stack printed before this one is its cause (`raise … from`) or the exception it was handling.
      parts.push((stacks[i + 1] as Stack).is_cause === true
        ? '\nThe above exception was the direct cause of the following exception:\n'
        : '\nDuring handling of the above exception, another exception occurred:\n');
    }
    const frames = (Array.isArray(stack.frames) ? stack.frames : []).slice(0, MAX_FRAMES).filter(isRecord);
    const lines = frames.map((f) => `  File "${String(f.filename ?? '?')}", line ${String(f.lineno ?? '?')}, in ${String(f.name ?? '?')}`);
    const value = typeof stack.exc_value === 'string' ? stack.exc_value : '';
    parts.push(['Traceback (most recent call last):', ...lines, value === '' ? stack.exc_type : `${stack.exc_type}: ${value}`].join('\n'));
  }
  return parts.join('\n');
}

interface Stack {
  exc_type: string;
  exc_value?: unknown;
  is_cause?: unknown;
  frames?: unknown;
}

function isStack(v: unknown): v is Stack {
  return isRecord(v) && typeof v.exc_type === 'string' && /^[A-Za-z_][\w.]{0,200}$/.test(v.exc_type) && (v.frames === undefined || Array.isArray(v.frames));
}
