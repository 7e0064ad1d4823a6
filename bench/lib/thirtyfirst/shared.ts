// What the thirty-first day's services share: its project, and a Cloud Run day of requests' parts
// (request-parts.ts) bound to it.
import { requestParts } from '../request-parts.js';

export { as, digits, fam, peer, pyTraceback, type PyFrame } from '../day-parts.js';
export { containerExit, interleave, jsonText, requestLog, traceHex, UA, type Req } from '../request-parts.js';

export const PROJECT = 'kestrelmoor-run-prod';

export const { traceOf, req } = requestParts(PROJECT);
