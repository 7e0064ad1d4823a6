// Each instance's own timeline, for the writers with a marked sighting.
import { markedTimelines } from '../../../src/classify/writer-timelines.js';

describe('markedTimelines', () => {
  it('lists each marked writer\'s sightings in time order, ties in sighting order', () => {
    //           sighting: 0  1  2  3  4  5
    const writers = [1, 2, 1, 1, 2, 1];
    const times = [30, 5, 10, 10, 1, 0];
    const marks = [0, 0, 1, 0, 0, 0];
    expect(markedTimelines(writers, times, marks)).toEqual([[5, 2, 3, 0]]);
  });

  it('leaves out writers with no marked sighting, and sightings with no writer', () => {
    const writers = [-1, 7, 8, -1, 8];
    const times = [0, 1, 2, 3, 4];
    expect(markedTimelines(writers, times, [1, 0, 0, 1, 1])).toEqual([[2, 4]]);
    expect(markedTimelines(writers, times, [1, 0, 0, 1, 0])).toEqual([]);
  });

  it('gives one timeline a writer, in the order writers first wrote', () => {
    const writers = [3, 4, 3, 4];
    const times = [2, 1, 1, 2];
    expect(markedTimelines(writers, times, [0, 1, 1, 0])).toEqual([[2, 0], [1, 3]]);
  });

  it('has nothing to say of an empty sweep or one with no mark', () => {
    expect(markedTimelines([], [], [])).toEqual([]);
    expect(markedTimelines([0, 0], [1, 2], [0, 0])).toEqual([]);
  });
});
