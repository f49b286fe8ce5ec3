// Doubling the typed arrays that the journey readers, the channel interner and the Markov
// chain builder fill one row at a time (amortised O(1) per append).

type Growable = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

/** A new array of a's type and length n (≥ a.length): a's values first, zeros after. */
export function grown<T extends Growable>(a: T, n: number): T {
  const b = new (a.constructor as new (length: number) => T)(n);
  b.set(a);
  return b;
}
