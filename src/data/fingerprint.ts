// Dataset fingerprint: 64-bit FNV-1a (Fowler, Noll, Vo; IETF draft-eastlake-fnv, offset
// basis 0xcbf29ce484222325, prime 2^40 + 0x1b3) over a canonical byte string:
//   "carryover-dataset-1\n" grain "\n" dates joined by "\n" "\n"
//   then per series, in order target, channels (spend, impressions, clicks), controls:
//   "<role>:<name>\n" and the values as IEEE-754 float64 little-endian (−0 written as +0).
// Same numbers, names and dates → same hash on every machine; rendered "fnv1a64:<16 hex>".
import type { Dataset } from '../core/types';

export class Fnv1a64 {
  // 64-bit state as four 16-bit limbs, low first (JS numbers are exact to 2^53).
  private h = [0x2325, 0x8422, 0x9ce4, 0xcbf2];

  update(bytes: Uint8Array): this {
    let [h0, h1, h2, h3] = this.h;
    for (let i = 0; i < bytes.length; i++) {
      h0 ^= bytes[i];
      // h *= 0x100000001b3 (mod 2^64): h·0x1b3 + (h << 40); 2^40 is 0x100 in limb 2.
      let t0 = h0 * 0x1b3;
      let t1 = h1 * 0x1b3;
      let t2 = h2 * 0x1b3 + h0 * 0x100;
      let t3 = h3 * 0x1b3 + h1 * 0x100;
      t1 += t0 >>> 16;
      t2 += t1 >>> 16;
      t3 += t2 >>> 16;
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h2 = t2 & 0xffff;
      h3 = t3 & 0xffff;
    }
    this.h = [h0, h1, h2, h3];
    return this;
  }

  hex(): string {
    return this.h
      .slice()
      .reverse()
      .map((x) => x.toString(16).padStart(4, '0'))
      .join('');
  }
}

const encoder = new TextEncoder();

function updateFloats(h: Fnv1a64, values: Float64Array): void {
  const chunk = new DataView(new ArrayBuffer(8 * 1024));
  for (let start = 0; start < values.length; start += 1024) {
    const end = Math.min(values.length, start + 1024);
    for (let i = start; i < end; i++) chunk.setFloat64(8 * (i - start), values[i] === 0 ? 0 : values[i], true);
    h.update(new Uint8Array(chunk.buffer, 0, 8 * (end - start)));
  }
}

export function datasetFingerprint(d: Omit<Dataset, 'fingerprint'>): string {
  const h = new Fnv1a64();
  h.update(encoder.encode(`carryover-dataset-1\n${d.grain}\n${d.dates.join('\n')}\n`));
  const series: Array<[string, Float64Array]> = [[`target:${d.target.name}`, d.target.values]];
  for (const c of d.channels) {
    series.push([`spend:${c.name}`, c.spend]);
    if (c.impressions) series.push([`impressions:${c.name}`, c.impressions]);
    if (c.clicks) series.push([`clicks:${c.name}`, c.clicks]);
  }
  for (const c of d.controls) series.push([`control:${c.name}`, c.values]);
  for (const [label, values] of series) {
    h.update(encoder.encode(label + '\n'));
    updateFloats(h, values);
  }
  return `fnv1a64:${h.hex()}`;
}
