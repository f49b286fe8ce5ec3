// Deterministic random numbers for the sampler: one independent stream per chain.
//
// Generator: xoshiro256++ (Blackman & Vigna, "Scrambled linear pseudorandom number
// generators", ACM TOMS 2021; reference C at prng.di.unimi.it/xoshiro256plusplus.c).
// Seeding: the 256-bit state is filled by splitmix64 (Steele, Lea & Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014) from the user seed, as the xoshiro authors
// recommend. Streams: chain c starts c `jump()`s (2^128 steps each) after chain 0, so the
// streams of different chains never overlap for any realistic run length.
//
// Everything here is integer arithmetic plus Math.log / Math.sqrt compiled into the module
// (AssemblyScript's software log, IEEE sqrt), so the same seed gives the same bits in every
// WASM host.

// Jump polynomial for 2^128 steps (reference C, `jump()`).
const JUMP0: u64 = 0x180ec6d33cfd0aba;
const JUMP1: u64 = 0xd5a61266f0c9392c;
const JUMP2: u64 = 0xa9582618e03fc9aa;
const JUMP3: u64 = 0x39abdc4529b1661c;

/** 2^-53: spacing of the doubles produced by `uniform`. */
const TWO_POW_M53: f64 = 1.1102230246251565e-16;

export class Rng {
  s0: u64 = 0;
  s1: u64 = 0;
  s2: u64 = 0;
  s3: u64 = 0;
  /** splitmix64 state, used only while seeding. */
  private sm: u64 = 0;
  /** The second normal of the last polar pair (Marsaglia & Bray 1964), if not used yet. */
  private spare: f64 = 0;
  private hasSpare: bool = false;

  /** Seeds stream `stream` (the chain index, >= 0) of the generator for `seed`. */
  seed(seed: u64, stream: i32): void {
    this.sm = seed;
    this.s0 = this.splitmix64();
    this.s1 = this.splitmix64();
    this.s2 = this.splitmix64();
    this.s3 = this.splitmix64();
    for (let i = 0; i < stream; i++) this.jump();
    this.hasSpare = false;
    this.spare = 0;
  }

  /** splitmix64 step (reference C at prng.di.unimi.it/splitmix64.c). */
  splitmix64(): u64 {
    this.sm += 0x9e3779b97f4a7c15;
    let z = this.sm;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }

  /** Next 64 random bits (xoshiro256++ `next()`). */
  next(): u64 {
    const s0 = this.s0;
    const s3 = this.s3;
    const result = rotl<u64>(s0 + s3, 23) + s0;
    const t = this.s1 << 17;
    this.s2 ^= s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl<u64>(this.s3, 45);
    return result;
  }

  /** Advances the state by 2^128 steps (reference C, `jump()`). */
  jump(): void {
    let a: u64 = 0;
    let b: u64 = 0;
    let c: u64 = 0;
    let d: u64 = 0;
    for (let w = 0; w < 4; w++) {
      const word = w == 0 ? JUMP0 : w == 1 ? JUMP1 : w == 2 ? JUMP2 : JUMP3;
      for (let bit = 0; bit < 64; bit++) {
        if ((word >> (<u64>bit)) & 1) {
          a ^= this.s0;
          b ^= this.s1;
          c ^= this.s2;
          d ^= this.s3;
        }
        this.next();
      }
    }
    this.s0 = a;
    this.s1 = b;
    this.s2 = c;
    this.s3 = d;
  }

  /**
   * Uniform on the open interval (0, 1): the top 53 bits, centred in their cell, so 0 and 1
   * never occur (log(u) is always finite).
   */
  uniform(): f64 {
    return (<f64>(this.next() >> 11) + 0.5) * TWO_POW_M53;
  }

  /**
   * Standard normal by Marsaglia's polar method (Marsaglia & Bray 1964, "A convenient method
   * for generating normal variables"): exact, and needs only log and sqrt, both computed
   * inside the module. The second variate of each pair is kept for the next call; it is part
   * of the generator state, so a chain continues identically across chunks.
   */
  normal(): f64 {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: f64 = 0;
    let v: f64 = 0;
    let s: f64 = 0;
    do {
      u = 2.0 * this.uniform() - 1.0;
      v = 2.0 * this.uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const f = Math.sqrt((-2.0 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }
}
