// The pieces every trace parser shares: one exception of a chain with its frames, and the names
// a frame keeps once the parts that move with every deploy are gone.

export interface Section {
  type: string;
  message: string;
  frames: Array<{ name: string; own: boolean }>;
  /** The message was read from the lines under a type line that held none (a Prisma error's). */
  messageBelow?: true;
}

/** Last two path segments: stable across deploy roots (/app vs /workspace). */
export function shortPath(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/').filter((p) => p.length > 0);
  return parts.slice(-2).join('/');
}

/** Lambdas and generated classes carry counters and hashes: `lambda$run$0`, `$$Enhancer…$$5a1f`. */
export function stableName(name: string): string {
  return name.replace(/\$\$[^.$]*\$\$[0-9a-fA-F]+/g, '').replace(/\$\d+/g, '').replace(/0x[0-9a-f]+/gi, '');
}
