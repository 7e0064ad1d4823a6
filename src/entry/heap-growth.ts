// How far the JavaScript heap may grow past what a sweep keeps alive before the collector reclaims it.
//
// A sweep keeps little (its problems and memos: about 40 MB after a full collection at 1M entries) but
// makes a steady stream of short-lived objects (each entry's text, its parsed object, its reading),
// some of which outlive a young-generation collection while their batch is read and end up in the old
// generation as garbage (about 1 MB every few dozen milliseconds). Left to itself, V8 lets the old
// generation grow to up to four times what was alive after its last full collection when the process
// spends little time collecting, which it does here: the heap swung from 40 to about 150 MB between
// full collections and set the process's peak memory, not what the sweep holds. Growing half of the
// live size instead makes a full collection (about 10 ms on a 40 MB heap) come every few seconds of
// reading rather than every few dozen, and keeps the peak near what is alive, however many entries are
// read. It bounds nothing: a sweep that holds more gets a heap that size and more, as before.
import { setFlagsFromString } from 'node:v8';

/** Old-generation growth over the live size at each full collection, in percent (V8 picks 10 to 300). */
export const HEAP_GROWING_PERCENT = 50;

/** For a process of our own (the command line): a setting of the whole process, so not for a library. */
export function keepHeapNearLive(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
