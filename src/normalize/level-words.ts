// The level names a log header writes in words, shared by the header reader (log-header.ts) and the
// process manager's prefix (process-prefix.ts), which must tell a level (`ERROR | msg`) from a
// program's name (`web.1 | msg`) by the same list.

/** Level words, as one alternation for patterns built from it. */
export const LEVEL_WORDS = 'TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|CRITICAL|CRIT|FATAL|SEVERE|ALERT|EMERG|EMERGENCY|PANIC';
/** A whole word that is a level, any case. */
export const LEVEL_WORD = new RegExp(`^(?:${LEVEL_WORDS})$`, 'i');
