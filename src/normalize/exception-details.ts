// Visual Studio's exception helper copies a .NET exception (its "Copy Details") as the type alone on
// the first line, then the exception's properties, each on a line of its own indented by two spaces:
//   Microsoft.Data.SqlClient.SqlException
//     HResult=0x80131904
//     Message=Transaction (Process ID 62) was deadlocked on lock resources with another process …
//     Source=Core Microsoft SqlClient Data Provider
//     StackTrace:
//      at Microsoft.Data.SqlClient.SqlConnection.OnError(…)
// The same exception logged by the application prints as its ToString(): `Type: Message` and the
// frames. Which one a report holds says where it was copied from, not what failed: the helper's shape
// is read as ToString's, so the type and message are one line (the HRESULT and the source assembly
// name the type's family, which the type already says).
// https://learn.microsoft.com/visualstudio/debugger/exception-helper

const TYPE = String.raw`[A-Za-z_][\w\`+]{0,127}(?:\.[A-Za-z_][\w\`+]{0,127}){0,31}`;
const DETAILS = new RegExp(String.raw`^[ \t]{0,4}(${TYPE})[ \t]*\r?\n  HResult=(?:0x[0-9A-Fa-f]{1,8}|-?\d{1,11})[ \t]*\r?\n  Message=([^\n]{0,4000})\n(?:  Source=[^\n]{0,400}\n)?(?:  StackTrace:[ \t]*\r?\n)?`);

/** The text with the exception helper's copy read as ToString's shape; the text itself otherwise. */
export function exceptionDetailsShape(text: string): string {
  // Cheap refusal first: the second line opens with the HResult property.
  const nl = text.indexOf('\n');
  if (nl < 0 || nl > 200 || !text.startsWith('  HResult=', nl + 1)) return text;
  const m = DETAILS.exec(text);
  if (!m) return text;
  return `${m[1]}: ${(m[2] as string).trimEnd()}\n${text.slice(m[0].length)}`.trimEnd();
}
