// The follow rules (follow-rules.ts) over a stream of entries in either time order, as a file holds
// them: oldest first (JSONL, the Logging API) a line's head came before it, so it is judged at once;
// newest first (`gcloud logging read --format=json`) its head comes after it, so a line that may be
// pulled is held, with the lines of its writer behind it (their order is the reassembly's business),
// until a line decides it or the input has moved on past its reach. Memory: a few lines per writer.
import type { RawEntry } from '../shared/types.js';
import { FOLLOW_GAP_US, FOLLOW_REACH, followLine, pulledByHead, type FollowLine } from './follow-rules.js';
import { microTime } from './stdout-line.js';

interface Held {
  raw: RawEntry;
  line: FollowLine;
  /** Read whatever the rules say (the prefilter kept it, or it heads a record). */
  keep: boolean;
}

interface Writer {
  /** Its last lines, in arrival order (at most FOLLOW_REACH + 1). */
  recent: FollowLine[];
  /** Newest first: lines held from the first one undecided, in arrival order. */
  held: Held[];
  /** 1: its lines arrive oldest first, -1: newest first, 0: not known yet. */
  direction: number;
}

/** Hears each entry that is not read. */
export type Dropped = (raw: RawEntry) => void;

export interface FollowCounts {
  /** Lines read because a record head pulled them. */
  pulled: number;
  /** Lines read because they head such a record, which the prefilter alone would have dropped. */
  heads: number;
}

/** Writers not heard from for this long (µs of entry time) are forgotten. */
const FORGET_US = FOLLOW_GAP_US * (FOLLOW_REACH + 1);

export class LineFollower {
  private readonly writers = new Map<string, Writer>();
  /** Writers holding lines (newest first). */
  private readonly holding = new Set<string>();
  private pushed = 0;
  /** The input's time order, from consecutive entries: the default of a writer with one line so far. */
  private direction = 0;
  private lastTime: number | null = null;
  readonly counts: FollowCounts = { pulled: 0, heads: 0 };

  /**
   * One entry that passed the window and services; `kept`: the prefilter's verdict. What is read
   * goes to `out`, in input order per writer; what is not goes to `dropped`.
   */
  push(raw: RawEntry, kept: boolean, out: RawEntry[], dropped: Dropped): void {
    const time = microTime(raw);
    if (time !== null) {
      if (this.lastTime !== null && time !== this.lastTime) this.direction = time > this.lastTime ? 1 : -1;
      this.lastTime = time;
      if (this.holding.size > 0) this.expire(time, out, dropped);
      if (++this.pushed % 4096 === 0) this.forget(time);
    }
    const line = followLine(raw, time, kept);
    if (line === null) {
      if (kept) out.push(raw);
      else dropped(raw);
      return;
    }
    const keep = kept || line.head !== 0;
    if (!kept && line.head !== 0) this.counts.heads++;
    let w = this.writers.get(line.stream);
    if (w === undefined) {
      w = { recent: [], held: [], direction: 0 };
      this.writers.set(line.stream, w);
    }
    const last = w.recent[w.recent.length - 1];
    if (last !== undefined && line.time !== last.time) {
      const direction = line.time > last.time ? 1 : -1;
      // Oldest first after all (or turned round: two files joined?): what is held is decided on what came.
      if (direction === 1 && w.held.length > 0) this.release(line.stream, w, out, dropped);
      w.direction = direction;
    }
    w.recent.push(line);
    if (w.recent.length > FOLLOW_REACH + 1) w.recent.shift();
    if ((w.direction || this.direction) === 1) {
      // Oldest first: the lines before it are those that came before it.
      const pulled = !keep && w.recent.some((r) => r.head !== 0) && pulledByHead(line, w.recent.slice(0, -1).reverse(), true) === true;
      if (pulled) this.counts.pulled++;
      if (keep || pulled) out.push(raw);
      else dropped(raw);
      return;
    }
    w.held.push({ raw, line, keep });
    this.holding.add(line.stream);
    this.settle(line.stream, w, out, dropped, false);
  }

  /** The end of the input: every held line is decided on what came. */
  end(out: RawEntry[], dropped: Dropped): void {
    for (const stream of [...this.holding]) this.release(stream, this.writers.get(stream)!, out, dropped);
  }

  /** Passes on the writer's held lines from the first, while each is decided. */
  private settle(stream: string, w: Writer, out: RawEntry[], dropped: Dropped, complete: boolean): void {
    while (w.held.length > 0) {
      const first = w.held[0]!;
      let read = first.keep;
      if (!read) {
        const before = w.held.slice(1, 1 + FOLLOW_REACH).map((h) => h.line);
        const pulled = pulledByHead(first.line, before, complete);
        if (pulled === null) return;
        if (pulled) this.counts.pulled++;
        read = pulled;
      }
      w.held.shift();
      if (read) out.push(first.raw);
      else dropped(first.raw);
    }
    this.holding.delete(stream);
  }

  private release(stream: string, w: Writer, out: RawEntry[], dropped: Dropped): void {
    this.settle(stream, w, out, dropped, true);
  }

  /** Input further than the gap from a writer's last line brings it no line of a record it holds. */
  private expire(time: number, out: RawEntry[], dropped: Dropped): void {
    for (const stream of [...this.holding]) {
      const w = this.writers.get(stream)!;
      const last = w.recent[w.recent.length - 1]!;
      if (Math.abs(last.time - time) > FOLLOW_GAP_US) this.release(stream, w, out, dropped);
    }
  }

  private forget(time: number): void {
    for (const [stream, w] of this.writers) {
      const last = w.recent[w.recent.length - 1];
      if (!this.holding.has(stream) && (last === undefined || Math.abs(time - last.time) > FORGET_US)) this.writers.delete(stream);
    }
  }
}
