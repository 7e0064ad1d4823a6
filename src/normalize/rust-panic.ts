// Rust prints a panic in one of two shapes, by compiler version. Before 1.73 the message is quoted
// on the panic's line (`thread 'main' panicked at 'called `Option::unwrap()` on a `None` value',
// src/main.rs:31:47`); from 1.73 the place ends the line and the message follows on the next ones
// (`thread 'main' panicked at src/main.rs:31:47:` / `called …`). The same panic built by two
// compilers is one problem: the older shape is read as the newer, so its message stays text (a
// quoted message reads as a value, and two different panics would look alike).

// The thread's name (`main`, `tokio-runtime-worker`, `<unnamed>`), the id newer versions print after it,
// the quoted message (lazy: a message may hold `', `), the place that ends the line.
const OLD_PANIC = /^(thread '[^'\n]{0,100}'(?: \(\d{1,20}\))? panicked at )'([\s\S]{0,4000}?)', ([^\s'][^\s']{0,300}:\d{1,7}:\d{1,7})(?=\n|$)/;

/** The text with a pre-1.73 panic line in the 1.73 shape; the text itself otherwise. */
export function currentPanicShape(text: string): string {
  if (!text.startsWith('thread \'')) return text;
  const m = OLD_PANIC.exec(text);
  if (!m) return text;
  return `${m[1]}${m[3]}:\n${m[2]}${text.slice(m[0].length)}`;
}
