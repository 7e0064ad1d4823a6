// A config rule's `match` pattern, run by an RE2-semantics engine (re2js, a pure-JS port of RE2: no
// native build, no install scripts): matching takes time linear in the text whatever the pattern, as
// in Cloud Logging's own filters. A pattern with nested quantifiers (`(a+)+$`) cannot stall a sweep.
// The cost is RE2's syntax: no lookaround and no backreferences; such a pattern is refused at load.
import { RE2JS } from 're2js';

export interface RulePattern {
  test(text: string): boolean;
}

/** Thrown for a pattern the engine cannot run: `reason` says why, in a few words. */
export class RulePatternError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RulePatternError';
  }
}

/** Compiles a rule's pattern, case-insensitive; throws RulePatternError when it cannot run in linear time. */
export function compileRulePattern(source: string): RulePattern {
  try {
    const pattern = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
    return { test: (text: string) => pattern.test(text) };
  } catch (error) {
    const said = error instanceof Error ? error.message : String(error);
    const lookaround = /\(\?[=!<]|\\[1-9]/.test(source);
    throw new RulePatternError(
      lookaround
        ? 'uses lookaround or a backreference, which a linear-time (RE2) engine cannot run'
        : `is not a valid RE2 regular expression (${said.replace(/^error parsing regexp: /, '')})`,
    );
  }
}
