// The generator against an independent BigInt transcription of the reference C
// (prng.di.unimi.it: splitmix64.c, xoshiro256plusplus.c with jump()), plus the published
// first splitmix64 outputs for seed 0, and the distribution of its uniforms and normals.
import { describe, expect, it } from 'vitest';
import { wasmModule } from '../../src/node/wasm-bytes';

const M64 = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & M64;

class RefXoshiro {
  s: bigint[];
  constructor(seed: bigint, stream: number) {
    let sm = seed;
    const splitmix = () => {
      sm = (sm + 0x9e3779b97f4a7c15n) & M64;
      let z = sm;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
      return z ^ (z >> 31n);
    };
    this.s = [splitmix(), splitmix(), splitmix(), splitmix()];
    for (let i = 0; i < stream; i++) this.jump();
  }
  next(): bigint {
    const s = this.s;
    const result = (rotl((s[0] + s[3]) & M64, 23n) + s[0]) & M64;
    const t = (s[1] << 17n) & M64;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45n);
    return result;
  }
  jump(): void {
    const JUMP = [0x180ec6d33cfd0aban, 0xd5a61266f0c9392cn, 0xa9582618e03fc9aan, 0x39abdc4529b1661cn];
    const acc = [0n, 0n, 0n, 0n];
    for (const word of JUMP) {
      for (let b = 0n; b < 64n; b++) {
        if ((word >> b) & 1n) for (let i = 0; i < 4; i++) acc[i] ^= this.s[i];
        this.next();
      }
    }
    this.s = acc;
  }
}

interface RngExports {
  memory: WebAssembly.Memory;
  alloc(n: number): number;
  rngTestSeed(lo: number, hi: number, stream: number): void;
  rngTestNext(out: number, n: number): void;
  rngTestUniform(out: number, n: number): void;
  rngTestNormal(out: number, n: number): void;
}

const e = new WebAssembly.Instance(wasmModule('engine'), {}).exports as unknown as RngExports;
const buf = e.alloc(8 * 200_000);

function seed(s: bigint, stream: number): void {
  e.rngTestSeed(Number(s & 0xffffffffn), Number(s >> 32n), stream);
}
function raw(n: number): bigint[] {
  e.rngTestNext(buf, n);
  return Array.from(new BigUint64Array(e.memory.buffer, buf, n));
}
function floats(fn: 'rngTestUniform' | 'rngTestNormal', n: number): Float64Array {
  e[fn](buf, n);
  return new Float64Array(e.memory.buffer, buf, n).slice();
}

describe('xoshiro256++ seeded by splitmix64', () => {
  it('splitmix64(0) starts 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4 (published values), so stream 0 of seed 0 is their xoshiro state', () => {
    const ref = new RefXoshiro(0n, 0);
    expect(ref.s[0]).toBe(0xe220a8397b1dcdafn);
    expect(ref.s[1]).toBe(0x6e789e6aa1b965f4n);
    seed(0n, 0);
    expect(raw(1000)).toEqual(Array.from({ length: 1000 }, () => ref.next()));
  });

  it('matches the reference for large seeds and jumped streams', () => {
    for (const [s, stream] of [
      [0xdeadbeefcafebaben, 0],
      [12345n, 1],
      [(1n << 53n) - 1n, 3],
      [7n, 17],
    ] as const) {
      const ref = new RefXoshiro(s, stream);
      seed(s, stream);
      expect(raw(300)).toEqual(Array.from({ length: 300 }, () => ref.next()));
    }
  });

  it('uniforms are the top 53 bits centred in their cell: strictly inside (0, 1)', () => {
    const ref = new RefXoshiro(99n, 2);
    seed(99n, 2);
    const u = floats('rngTestUniform', 1000);
    for (let i = 0; i < 1000; i++) expect(u[i]).toBe((Number(ref.next() >> 11n) + 0.5) * 2 ** -53);
    seed(5n, 0);
    const many = floats('rngTestUniform', 200_000);
    let min = 1;
    let max = 0;
    let sum = 0;
    for (const x of many) (min = Math.min(min, x)), (max = Math.max(max, x)), (sum += x);
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    // Mean 1/2 with sd sqrt(1/12 / n) = 6.5e-4; 5 sd.
    expect(Math.abs(sum / many.length - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / many.length));
  });

  it('normals have the N(0,1) moments and tail frequencies', () => {
    seed(42n, 0);
    const z = floats('rngTestNormal', 200_000);
    const n = z.length;
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    let beyond2 = 0;
    for (const x of z) {
      m1 += x;
      m2 += x * x;
      m4 += x ** 4;
      if (Math.abs(x) > 2) beyond2++;
    }
    // Standard errors: mean 1/sqrt(n), E z² = 1 with sd sqrt(2/n), E z⁴ = 3 with sd sqrt(96/n).
    expect(Math.abs(m1 / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    // P(|z| > 2) = 0.0455003.
    const p = 0.0455003;
    expect(Math.abs(beyond2 / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });

  it('streams of different chains differ from the first output on', () => {
    seed(1n, 0);
    const a = raw(4);
    seed(1n, 1);
    const b = raw(4);
    for (let i = 0; i < 4; i++) expect(a[i]).not.toBe(b[i]);
  });
});
