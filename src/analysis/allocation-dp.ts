// Exact maximisation of a separable objective over a budget grid by dynamic programming:
// maximise Σ_c F_c[k_c] subject to Σ_c k_c = G and 0 ≤ k_c ≤ K_c, where F_c[k] is channel
// c's value with k grid units of the free budget. This is the classic resource-allocation
// recursion (Bellman 1957, "Dynamic Programming", ch. 1; Ibaraki & Katoh 1988, "Resource
// Allocation Problems", §3): V_c(u) = max_k F_c[k] + V_{c−1}(u − k). It needs no concavity,
// so S-shaped (Hill, slope > 1) responses are handled: the result is the best point of the
// grid, globally. Cost O(C · G · max K).

export interface DpResult {
  /** Units per channel. */
  units: Int32Array;
  value: number;
}

/** tables[c][k] for k = 0..K_c; returns null when Σ K_c < G (the grid cannot place G units). */
export function allocateOnGrid(tables: Float64Array[], G: number): DpResult | null {
  const C = tables.length;
  let reach = 0;
  for (const t of tables) reach += t.length - 1;
  if (reach < G) return null;
  // choice[c][u]: units given to channel c when channels 0..c share u units.
  const choice = tables.map(() => new Int32Array(G + 1));
  let prev = new Float64Array(G + 1).fill(-Infinity);
  for (let u = 0; u < Math.min(G, tables[0].length - 1) + 1; u++) {
    prev[u] = tables[0][u];
    choice[0][u] = u;
  }
  for (let c = 1; c < C; c++) {
    const cur = new Float64Array(G + 1).fill(-Infinity);
    const F = tables[c];
    const K = F.length - 1;
    for (let u = 0; u <= G; u++) {
      let best = -Infinity;
      let arg = 0;
      for (let k = 0; k <= Math.min(K, u); k++) {
        const v = F[k] + prev[u - k];
        if (v > best) {
          best = v;
          arg = k;
        }
      }
      cur[u] = best;
      choice[c][u] = arg;
    }
    prev = cur;
  }
  if (prev[G] === -Infinity) return null;
  const units = new Int32Array(C);
  let u = G;
  for (let c = C - 1; c >= 0; c--) {
    units[c] = choice[c][u];
    u -= units[c];
  }
  return { units, value: prev[G] };
}

/** The DP value for every total u = 0..G (the best outcome per budget on the grid). */
export function valueByBudget(tables: Float64Array[], G: number): Float64Array {
  let prev = new Float64Array(G + 1).fill(-Infinity);
  for (let u = 0; u < Math.min(G, tables[0].length - 1) + 1; u++) prev[u] = tables[0][u];
  for (let c = 1; c < tables.length; c++) {
    const cur = new Float64Array(G + 1).fill(-Infinity);
    const F = tables[c];
    for (let u = 0; u <= G; u++)
      for (let k = 0; k <= Math.min(F.length - 1, u); k++) cur[u] = Math.max(cur[u], F[k] + prev[u - k]);
    prev = cur;
  }
  return prev;
}
