// Maps byte strings (channel names, user ids) to dense integer ids without decoding them:
// an open-addressing hash table keyed by FNV-1a (Fowler–Noll–Vo, 32-bit) over the bytes.
// Each distinct name is decoded to a JS string once, when it is first seen.
import { grown } from './grow';

const decoder = new TextDecoder('utf-8');
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const CACHE_MASK = 4095;

export class ByteInterner {
  readonly names: string[] = [];
  private slots: Int32Array; // id + 1, 0 = empty
  private mask: number;
  private hashes = new Int32Array(16);
  private nameStart = new Int32Array(16);
  private nameLen = new Int32Array(16);
  private arena = new Uint8Array(1024);
  private arenaUsed = 0;
  /** Whether to keep decoded names (false for user ids, which only need to be told apart). */
  private readonly keepNames: boolean;

  constructor(keepNames = true, initialSlots = 1024) {
    this.keepNames = keepNames;
    this.slots = new Int32Array(initialSlots);
    this.mask = initialSlots - 1;
  }

  get size(): number {
    return this.count;
  }

  private count = 0;

  /**
   * Same as intern, tried first through a cache keyed by length and three bytes: a path file
   * repeats a few channel names millions of times, and checking the bytes of the one
   * candidate costs less than hashing them.
   */
  lookup(buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    const key = ((len << 24) ^ (buf[start] << 16) ^ (buf[start + (len >> 1)] << 8) ^ buf[end - 1]) | 0;
    const slot = (key ^ (key >>> 12)) & CACHE_MASK;
    if (this.cacheKey[slot] === key) {
      const id = this.cacheId[slot];
      if (id >= 0 && this.nameLen[id] === len && this.equals(id, buf, start, len)) return id;
    }
    const id = this.intern(buf, start, end);
    this.cacheKey[slot] = key;
    this.cacheId[slot] = id;
    return id;
  }

  private cacheKey = new Int32Array(CACHE_MASK + 1);
  private cacheId = new Int32Array(CACHE_MASK + 1).fill(-1);

  intern(buf: Uint8Array, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], FNV_PRIME);
    const len = end - start;
    let slot = h & this.mask;
    for (;;) {
      const v = this.slots[slot];
      if (v === 0) break;
      const id = v - 1;
      if (this.hashes[id] === h && this.nameLen[id] === len && this.equals(id, buf, start, len)) return id;
      slot = (slot + 1) & this.mask;
    }
    return this.add(h, slot, buf, start, end);
  }

  /** Interns a JS string (used for names given as text, e.g. event rows built in tests). */
  internString(s: string): number {
    const bytes = new TextEncoder().encode(s);
    return this.intern(bytes, 0, bytes.length);
  }

  private equals(id: number, buf: Uint8Array, start: number, len: number): boolean {
    const a = this.arena;
    const o = this.nameStart[id];
    for (let i = 0; i < len; i++) if (a[o + i] !== buf[start + i]) return false;
    return true;
  }

  private add(h: number, slot: number, buf: Uint8Array, start: number, end: number): number {
    const id = this.count++;
    if (id === this.hashes.length) this.growIds();
    const len = end - start;
    if (this.arenaUsed + len > this.arena.length) {
      const a = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len));
      a.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = a;
    }
    this.arena.set(buf.subarray(start, end), this.arenaUsed);
    this.hashes[id] = h;
    this.nameStart[id] = this.arenaUsed;
    this.nameLen[id] = len;
    this.arenaUsed += len;
    this.slots[slot] = id + 1;
    if (this.keepNames) this.names.push(decoder.decode(buf.subarray(start, end)));
    if (this.count * 2 > this.slots.length) this.rehash();
    return id;
  }

  private growIds(): void {
    const n = this.hashes.length * 2;
    this.hashes = grown(this.hashes, n);
    this.nameStart = grown(this.nameStart, n);
    this.nameLen = grown(this.nameLen, n);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count; id++) {
      let s = this.hashes[id] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
