// grown() (src/mta/grow.ts): the type, the values and zeros after them, and the original
// left untouched, for each array type the readers grow.
import { expect, it } from 'vitest';
import { grown } from '../../src/mta/grow';

it('copies into a longer array of the same type, zero-filled', () => {
  for (const a of [Int32Array.of(-3, 7), Uint32Array.of(4e9, 1), Uint16Array.of(65535, 2), Uint8Array.of(255, 0), Float64Array.of(0.1, -Infinity)]) {
    const b = grown(a, 5);
    expect(b.constructor).toBe(a.constructor);
    expect(Array.from(b)).toEqual([...Array.from(a), 0, 0, 0]);
    b[0] = 1;
    expect(a[0]).not.toBe(1);
  }
});
