// Channel names -> dense ids, on bytes: open addressing keyed by a word-at-a-time hash. Names
// are copied into an arena so the JS side can decode each new one once.
import { zalloc } from './mem';

export const MAX_CHANNELS: i32 = 65535;
const SLOTS: i32 = 1 << 17; // twice the id space: the table never fills
const ARENA: i32 = 1 << 22;
/** A channel name longer than this is refused (it is almost surely a parsing mistake). */
export const MAX_NAME: i32 = 1024;

let slots: usize = 0;
let hashes: usize = 0;
let words: usize = 0; // first 8 bytes of each name (zero-padded), u64
let starts: usize = 0;
let lens: usize = 0;
let arena: usize = 0;
let arenaUsed: i32 = 0;
export let channelCount: i32 = 0;

export function internerInit(): void {
  if (slots != 0) return;
  slots = zalloc(<usize>SLOTS << 2);
  hashes = zalloc(<usize>(MAX_CHANNELS + 1) << 2);
  words = zalloc(<usize>(MAX_CHANNELS + 1) << 3);
  starts = zalloc(<usize>(MAX_CHANNELS + 1) << 2);
  lens = zalloc(<usize>(MAX_CHANNELS + 1) << 2);
  arena = zalloc(<usize>ARENA);
}

/** The first min(len, 8) bytes at p as a zero-padded word (p must have 8 readable bytes). */
function firstWord(p: usize, len: i32): u64 {
  const w = load<u64>(p);
  return len >= 8 ? w : w & ((<u64>1 << (<u64>len << 3)) - 1);
}

/**
 * A 32-bit hash of the name read a word at a time (a multiply-xorshift mix as in SplitMix64,
 * Steele et al. 2014), so a lookup costs a few loads instead of a multiply per byte.
 * The caller guarantees 8 readable bytes past the end of the name.
 */
function hashName(p: usize, len: i32, first: u64): u32 {
  let h: u64 = first ^ (<u64>len * 0x9e3779b97f4a7c15);
  for (let i = 8; i < len; i += 8) {
    let w = load<u64>(p + <usize>i);
    if (len - i < 8) w &= (<u64>1 << (<u64>(len - i) << 3)) - 1;
    h = (h ^ (h >> 31)) * 0xbf58476d1ce4e5b9 ^ w;
  }
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9;
  h = (h ^ (h >> 27)) * 0x94d049bb133111eb;
  return <u32>(h ^ (h >> 31));
}

function same(id: i32, p: usize, len: i32, first: u64): bool {
  if (load<i32>(lens + (<usize>id << 2)) != len || load<u64>(words + (<usize>id << 3)) != first) return false;
  if (len <= 8) return true;
  const q = arena + <usize>load<i32>(starts + (<usize>id << 2));
  return memory.compare(q + 8, p + 8, len - 8) == 0;
}

/**
 * Id of the name at p (len bytes, with 8 readable bytes beyond); -1 when there are too many
 * channels, -2 when the name is too long.
 */
export function intern(p: usize, len: i32): i32 {
  const first = firstWord(p, len);
  const h = hashName(p, len, first);
  let slot = <i32>(h & <u32>(SLOTS - 1));
  while (true) {
    const v = load<i32>(slots + (<usize>slot << 2));
    if (v == 0) break;
    const id = v - 1;
    if (load<u32>(hashes + (<usize>id << 2)) == h && same(id, p, len, first)) return id;
    slot = (slot + 1) & (SLOTS - 1);
  }
  if (channelCount >= MAX_CHANNELS) return -1;
  if (len > MAX_NAME || arenaUsed + len + 8 > ARENA) return -2;
  const id = channelCount++;
  memory.copy(arena + <usize>arenaUsed, p, len);
  store<u32>(hashes + (<usize>id << 2), h);
  store<u64>(words + (<usize>id << 3), first);
  store<i32>(starts + (<usize>id << 2), arenaUsed);
  store<i32>(lens + (<usize>id << 2), len);
  arenaUsed += len;
  store<i32>(slots + (<usize>slot << 2), id + 1);
  return id;
}

export function channelNamePtr(id: i32): usize {
  return arena + <usize>load<i32>(starts + (<usize>id << 2));
}

export function channelNameLen(id: i32): i32 {
  return load<i32>(lens + (<usize>id << 2));
}

// A direct-mapped cache of short names (up to 16 bytes, read as two words): a hit needs no
// hashing at all. Entries: word 0, word 1, length, id.
const CACHE: i32 = 256;
let cache: usize = 0;

function mask(w: u64, len: i32): u64 {
  return len >= 8 ? w : len <= 0 ? 0 : w & ((<u64>1 << (<u64>len << 3)) - 1);
}

/** Id of the name at p, through the short-name cache; as intern() otherwise (16 readable bytes past p). */
export function lookup(p: usize, len: i32): i32 {
  if (len > 16) return intern(p, len);
  if (cache == 0) {
    cache = heap.alloc(<usize>CACHE * 24);
    memory.fill(cache, 0xff, <usize>CACHE * 24);
  }
  const w0 = mask(load<u64>(p), len);
  const w1 = mask(load<u64>(p + 8), len - 8);
  const e = cache + <usize>(<i32>(((w0 ^ (w1 * 0x9e3779b97f4a7c15) ^ <u64>len) * 0xbf58476d1ce4e5b9) >> 56) * 24);
  if (load<u64>(e) == w0 && load<u64>(e, 8) == w1 && load<i32>(e, 16) == len) return load<i32>(e, 20);
  const id = intern(p, len);
  if (id >= 0) {
    store<u64>(e, w0);
    store<u64>(e, w1, 8);
    store<i32>(e, len, 16);
    store<i32>(e, id, 20);
  }
  return id;
}
