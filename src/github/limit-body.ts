// GitHub refuses issue and comment bodies over 65,536 characters. Cut the visible text, never the
// hidden state block at the end, and say that something was cut.
const GITHUB_MAX_BODY = 65_536;
const STATE_BLOCK = /<!-- log-gardener:state \{[^\n]*?\} -->/;
const NOTE = '\n\n_… cut here: the full text did not fit in GitHub\'s 65,536-character limit._\n\n';

export function limitBody(body: string, max = GITHUB_MAX_BODY): string {
  if (body.length <= max) return body;
  const block = STATE_BLOCK.exec(body)?.[0] ?? '';
  const rest = block ? body.replace(block, '') : body;
  const room = Math.max(0, max - NOTE.length - block.length - 1);
  // Do not split a surrogate pair at the cut.
  let cut = rest.slice(0, room);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}${NOTE}${block}`.slice(0, max);
}
