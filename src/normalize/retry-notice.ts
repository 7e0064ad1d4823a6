// A retry library's notice that a call failed and will be made again, quoting the error it got:
// tenacity's `before_sleep_log`, `Retrying {fn} in {sleep} seconds as it raised {Type}: {message}.`
// (or `… as it returned {value}.`), the hook LangChain's and LlamaIndex's retry decorators install at
// WARNING (`Retrying langchain.chat_models.openai.ChatOpenAI.completion_with_retry.<locals>.
// _completion_with_retry in 4.0 seconds as it raised RateLimitError: …`, pasted bare in many reports,
// three in a row in assafelovic/gpt-researcher#518: a Python program that never configured logging prints a WARNING through `logging`'s last
// resort as the bare message).
//
// Two things follow from the shape. It states a warning of its own even printed bare: the hook logs
// at the level it was given, and only WARNING and above reach a bare stream. And it is not one more
// surface of the error it quotes: "calls are being retried" and "the call failed" (after the last
// attempt, under its own report) are two things a person watches apart; the first is a rate or a
// flap, the second a failed request. So core-merge.ts never joins it with the error's own record.
//
// Read on a message (raw or a masked template: the delay may be masked, `in <NUM> as it raised`).

/** tenacity's message: `Retrying <fn> in <delay> seconds as it raised <Type>` / `as it returned `. */
const TENACITY = /^Retrying \S{1,512} in \S{1,40}(?: seconds)? as it (?:raised [A-Za-z_<][\w.<>*]{0,200}(?::|\.?$)|returned )/;

/** Whether `message` (its first line, after any header) is a retry library's notice of a retried call. */
export function isRetryNotice(message: string): boolean {
  return message.startsWith('Retrying ') && TENACITY.test(message.slice(0, 1024));
}

/**
 * RE2 twin for the server-side prefilter (severityTextPattern, case-insensitive there): a superset of
 * TENACITY at the start of a text, kept short (the filter is read for every entry).
 */
export const RETRY_NOTICE_RE2 = 'retrying \\S+ in .+ as it r';
