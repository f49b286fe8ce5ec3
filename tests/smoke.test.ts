import { describe, expect, it } from 'vitest';
import { wasmBytes } from '../src/node/wasm-bytes';

describe('toolchain', () => {
  it('the engine WASM instantiates without imports and allocates', async () => {
    const { instance } = await WebAssembly.instantiate(wasmBytes('engine') as BufferSource, {});
    const alloc = instance.exports.alloc as (n: number) => number;
    const a = alloc(64);
    const b = alloc(64);
    expect(b - a).toBeGreaterThanOrEqual(64);
  });
});
