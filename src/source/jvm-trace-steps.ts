// How the JVM records of jvm-record-lines.ts go on, line by line, for the trace grammar (trace-grammar.ts):
// Reactor's checkpoint block inside a trace, Netty's leak report under its message, and a Java exception
// printed without frames under the log line that logged it.
import { CAUSE, FRAME, isBlank, isIndented, MORE } from './trace-lines.js';
import {
  JAVA_EXCEPTION, NETTY_LEAK_DROPPED, NETTY_LEAK_RECORD, NETTY_LEAK_RECORDS, REACTOR_ASSEMBLY, REACTOR_OBSERVED, REACTOR_ORIGINAL, REACTOR_SITE,
} from './jvm-record-lines.js';

export type JvmState =
  | 'jvm-exception' | 'reactor-assembly' | 'reactor-sites' | 'reactor-original' | 'leak-records' | 'leak-record' | 'leak-frames';

/**
 * The states such a record may end in: an exception with no frames ends where it is printed; a report cut
 * after a line that announces more is still the report (see the grammar's CAN_END).
 */
export const JVM_CAN_END: readonly JvmState[] = ['jvm-exception', 'reactor-sites', 'reactor-original', 'leak-records', 'leak-record', 'leak-frames'];

/**
 * The state after line `s` in `state`: a JVM state, a frame state of the grammar, null when the line does
 * not continue the record, undefined when these records have nothing to say (the grammar decides).
 */
export function stepJvmRecord(state: string, s: string): JvmState | 'frames' | 'frames-cause' | null | undefined {
  switch (state) {
    case 'header': // a log line naming an error
      if (JAVA_EXCEPTION.test(s)) return 'jvm-exception';
      if (NETTY_LEAK_RECORDS.test(s)) return 'leak-records';
      return NETTY_LEAK_RECORD.test(s) ? 'leak-record' : undefined;
    case 'frames':
    case 'frames-cause':
      if (REACTOR_OBSERVED.test(s)) return 'reactor-sites';
      return REACTOR_ASSEMBLY.test(s) ? 'reactor-assembly' : undefined;
    case 'jvm-exception': // its frames, or straight its suppressed exceptions and causes when it has none
      if (FRAME.test(s) || MORE.test(s)) return 'frames';
      return CAUSE.test(s) ? 'frames-cause' : null;
    case 'reactor-assembly': // the assembly's frames, bare
      if (REACTOR_OBSERVED.test(s)) return 'reactor-sites';
      return isIndented(s) && !isBlank(s) ? 'reactor-assembly' : null;
    case 'reactor-sites':
      if (REACTOR_SITE.test(s)) return 'reactor-sites';
      if (REACTOR_ORIGINAL.test(s)) return 'reactor-original';
      if (FRAME.test(s)) return 'frames';
      return CAUSE.test(s) ? 'frames-cause' : null;
    case 'reactor-original':
      if (FRAME.test(s)) return 'frames';
      return CAUSE.test(s) ? 'frames-cause' : null;
    case 'leak-records':
      if (NETTY_LEAK_RECORD.test(s)) return 'leak-record';
      return NETTY_LEAK_DROPPED.test(s) ? 'leak-records' : null;
    case 'leak-record':
    case 'leak-frames':
      if (isIndented(s) && !isBlank(s)) return 'leak-frames';
      if (NETTY_LEAK_RECORD.test(s)) return 'leak-record';
      return NETTY_LEAK_DROPPED.test(s) ? 'leak-frames' : null;
    default:
      return undefined;
  }
}
