// Reactor's checkpoint block names the request an error travelled through on its sites: WebFlux's
// `*__checkpoint ⇢ HTTP GET "/api/orders/12" [ExceptionHandlingWebHandler]`, WebClient's `*__checkpoint ⇢
// Request to POST https://… [DefaultWebClient]` (before 3.4: `|_ checkpoint ⇢ …`). Which request it was is
// a value of the record, like its id: a piece of the record holding such a line is the same problem's
// whatever request it names, as its whole records are.

// Over a line key (record-lines.ts): digits already read 0, spacing single.
const CHECKPOINT_REQUEST = /^((?:\*_+|\|_ ?)checkpoint [⇢?] )(?:HTTP [A-Z]{3,7} "[^"\n]{0,2000}"|Request to [A-Z]{3,7} \S{1,2000})/;

/** The key with the request a checkpoint site names set aside; the key itself otherwise. */
export function withoutCheckpointRequest(key: string): string {
  if (key.indexOf('checkpoint') < 0) return key;
  return key.replace(CHECKPOINT_REQUEST, '$1<REQUEST>');
}
