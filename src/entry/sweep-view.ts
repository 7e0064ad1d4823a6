// What a sweep of an exported file reads of it, for `classify`: the entries the file source lets
// through (the severity prefilter and the lines a record head pulls in: FileEntryReader), joined as
// the sweep joins them and floored as it floors them, in a classifier of their own. So each entry the
// sweep reads gets from `classify` the id the sweep files it under. Read together with everything
// else, two things moved ids: a line the sweep never reads (another worker's INFO line between uWSGI's
// `… Broken pipe` and its `OSError: write error`) kept apart lines the sweep joins, and an entry below
// the floor (a record's exception line alone, with no severity of its own) took part in merging
// problems and decided which id the merged problem kept.
import { CompanionLedger, createClassifier, type Classifier } from '../classify/index.js';
import { prepareJoined } from '../prepare-entries.js';
import type { Cluster, RawEntry, Severity } from '../shared/types.js';
import { FileEntryReader } from '../source/log-file.js';
import { createJoiner, type Joined } from '../source/reassemble.js';
import type { Piece } from '../source/split-json-stream.js';
import { isTracePiece } from '../source/trace-pieces.js';

/** Every time there is: `classify` reads the whole file, whatever its window. */
const ALL_TIME = { start: -Infinity, end: Infinity };

export class SweepView {
  readonly classifier: Classifier = createClassifier();
  /** File index -> the sweep classifier's handle, or -1: the sweep does not classify the entry. */
  readonly handles: number[] = [];
  /** The entries the sweep classifies, as the sweep notes them (classify/companions.ts). */
  readonly ledger = new CompanionLedger(isTracePiece);
  /** File index -> its entry's number in the ledger, or -1. */
  private readonly sightings: number[] = [];
  private readonly reader: FileEntryReader;
  private readonly joiner = createJoiner();
  /** Entries handed to the reader and not yet read or left, by object: the follow rules hold a few. */
  private readonly pending = new Map<RawEntry, number>();
  /** The joiner's input position -> file index. */
  private readonly lines: number[] = [];
  private readonly read: RawEntry[] = [];
  private readonly joined: Joined[] = [];

  constructor(private readonly floor: Severity) {
    this.reader = new FileEntryReader({ window: ALL_TIME, services: [], severityFloor: floor }, (raw) => this.pending.delete(raw));
  }

  /** The file's entry at `index`, parsed (`raw`) from its `piece`. */
  push(piece: Piece, raw: RawEntry, index: number): void {
    while (this.handles.length <= index) this.handles.push(-1);
    this.pending.set(raw, index);
    this.reader.push([{ json: 'json' in piece ? piece.json : '', value: raw }], this.read);
    this.pass();
  }

  /** The sweep's cluster for the file's entry at `index` (one the sweep classifies). */
  placed(index: number): { id: string; template: string } {
    return this.ledger.placed(this.sightings[index]!, this.classifier);
  }

  /** The sweep's clusters, as it files them. */
  clusters(): Cluster[] {
    return this.ledger.clusters(this.classifier, this.classifier.clusters());
  }

  end(): void {
    this.reader.end(this.read);
    this.pass();
    this.joiner.end(this.joined);
    this.classify();
  }

  private pass(): void {
    for (const raw of this.read) {
      this.lines.push(this.pending.get(raw)!);
      this.pending.delete(raw);
      this.joiner.push(raw, this.joined);
    }
    this.read.length = 0;
    this.classify();
  }

  private classify(): void {
    for (const joined of this.joined) {
      const prepared = prepareJoined(joined, this.floor);
      if (!('entry' in prepared)) continue;
      const handle = this.classifier.add(prepared.entry);
      const sighting = this.ledger.note(handle, prepared.entry);
      for (const member of joined.members) {
        this.handles[this.lines[member]!] = handle;
        this.sightings[this.lines[member]!] = sighting;
      }
    }
    this.joined.length = 0;
  }
}
