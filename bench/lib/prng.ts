// A small seeded generator (mulberry32) so that generated logs are the same on every machine and run:
// tests compare outputs byte for byte, and benchmarks must measure the same data twice.

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** Mixes a seed and a label into a 32-bit state, so forks of one seed do not share a sequence. */
function mixSeed(seed: number, label: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < label.length; i += 1) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x85ebca6b);
    h = (h ^ (h >>> 13)) >>> 0;
  }
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Prng {
  private state: number;

  constructor(seed: number, label = '') {
    this.state = mixSeed(Math.trunc(seed) >>> 0, label);
  }

  /** A new generator whose sequence depends on this one's seed and the label only. */
  static fork(seed: number, label: string): Prng {
    return new Prng(seed, label);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Float in [lo, hi) rounded to `digits` decimals. */
  float(lo: number, hi: number, digits: number): number {
    const f = 10 ** digits;
    return Math.round((lo + this.next() * (hi - lo)) * f) / f;
  }

  /** Decimal text with exactly `digits` decimals in [lo, hi), as `%.Nf` prints it. */
  fixed(lo: number, hi: number, digits: number): string {
    return (lo + this.next() * (hi - lo)).toFixed(digits);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  private chars(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i += 1) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  hex(n: number): string {
    return this.chars(HEX, n);
  }

  alnum(n: number): string {
    return this.chars(ALNUM, n);
  }

  upperAlnum(n: number): string {
    return this.chars(UPPER_ALNUM, n);
  }

  lower(n: number): string {
    return this.chars(LOWER, n);
  }

  base64url(n: number): string {
    return this.chars(BASE64URL, n);
  }

  base64(n: number): string {
    return this.chars(BASE64, n);
  }

  /** A version 4 UUID. */
  uuid(): string {
    const variant = HEX[8 + this.int(0, 3)] ?? '8';
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }

  /** A public-looking IPv4 address (never 10/8, 127/8, 172.16/12, 192.168/16, 169.254/16). */
  publicIpv4(): string {
    const first = this.pick([23, 34, 35, 45, 64, 66, 73, 98, 104, 128, 142, 151, 185, 203, 212]);
    return `${first}.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }

  /** An address inside a VPC (10.0.0.0/8). */
  privateIpv4(): string {
    return `10.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(2, 254)}`;
  }

  ipv6(): string {
    return `2600:1700:${this.hex(4)}:${this.hex(4)}::${this.hex(4)}`;
  }
}
