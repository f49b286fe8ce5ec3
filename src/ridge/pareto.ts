// Multi-objective bookkeeping (all objectives minimised): Pareto dominance, non-dominated
// sorting and crowding distance as in NSGA-II (Deb, Pratap, Agarwal & Meyarivan, "A fast and
// elitist multiobjective genetic algorithm: NSGA-II", IEEE TEVC 6(2), 2002, §III-A/B), and the
// choice of one model on the front as Robyn makes it (R/R/clusters.R `errors_scores`: each
// objective min-max normalised over the candidates, then the smallest Euclidean distance to
// the origin).

/** a dominates b: no worse in every objective and better in at least one. */
export function dominates(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let better = false;
  for (let k = 0; k < a.length; k++) {
    if (a[k] > b[k]) return false;
    if (a[k] < b[k]) better = true;
  }
  return better;
}

/** Front number (1-based) of every point: 1 = non-dominated, 2 = non-dominated once 1 is removed, ... */
export function nonDominatedFronts(points: ArrayLike<number>[]): Int32Array {
  const n = points.length;
  const front = new Int32Array(n);
  const dominatedBy = new Int32Array(n);
  const dominating: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (dominates(points[i], points[j])) {
        dominating[i].push(j);
        dominatedBy[j]++;
      } else if (dominates(points[j], points[i])) {
        dominating[j].push(i);
        dominatedBy[i]++;
      }
    }
  }
  let current: number[] = [];
  for (let i = 0; i < n; i++) if (dominatedBy[i] === 0) current.push(i);
  for (let f = 1; current.length > 0; f++) {
    const next: number[] = [];
    for (const i of current) {
      front[i] = f;
      for (const j of dominating[i]) if (--dominatedBy[j] === 0) next.push(j);
    }
    current = next.sort((a, b) => a - b);
  }
  return front;
}

/** NSGA-II crowding distance of the points `members` (indices into points) within one front. */
export function crowdingDistance(points: ArrayLike<number>[], members: number[]): Map<number, number> {
  const d = new Map<number, number>(members.map((i) => [i, 0]));
  if (members.length === 0) return d;
  const m = points[members[0]].length;
  for (let k = 0; k < m; k++) {
    const order = [...members].sort((a, b) => points[a][k] - points[b][k] || a - b);
    const lo = points[order[0]][k];
    const hi = points[order[order.length - 1]][k];
    d.set(order[0], Infinity);
    d.set(order[order.length - 1], Infinity);
    const span = hi - lo;
    if (!(span > 0) || !Number.isFinite(span)) continue;
    for (let r = 1; r < order.length - 1; r++) {
      const gap = points[order[r + 1]][k] - points[order[r - 1]][k];
      if (Number.isFinite(gap)) d.set(order[r], d.get(order[r])! + gap / span);
    }
  }
  return d;
}

/**
 * The `count` survivors of NSGA-II's environmental selection: whole fronts in order, the last
 * one cut by crowding distance (larger first; ties by index, so the choice is deterministic).
 */
export function selectSurvivors(points: ArrayLike<number>[], count: number): number[] {
  const fronts = nonDominatedFronts(points);
  const out: number[] = [];
  for (let f = 1; out.length < count; f++) {
    const members: number[] = [];
    for (let i = 0; i < points.length; i++) if (fronts[i] === f) members.push(i);
    if (members.length === 0) break;
    if (out.length + members.length <= count) {
      out.push(...members);
      continue;
    }
    const cd = crowdingDistance(points, members);
    members.sort((a, b) => cd.get(b)! - cd.get(a)! || a - b);
    out.push(...members.slice(0, count - out.length));
  }
  return out;
}

/**
 * Robyn's pick among `members`: objectives min-max normalised over the members (an infinite
 * value is replaced by the largest finite one, a constant objective counts 0), then the
 * smallest sqrt(Σ normalised²). Ties go to the lower index.
 */
export function closestToOrigin(points: ArrayLike<number>[], members: number[]): number {
  const m = points[members[0]].length;
  const score = new Map<number, number>(members.map((i) => [i, 0]));
  for (let k = 0; k < m; k++) {
    const finite = members.map((i) => points[i][k]).filter(Number.isFinite);
    const hiF = finite.length ? Math.max(...finite) : 0;
    const loF = finite.length ? Math.min(...finite) : 0;
    for (const i of members) {
      const v = Number.isFinite(points[i][k]) ? points[i][k] : hiF;
      const n = hiF > loF ? (v - loF) / (hiF - loF) : 0;
      score.set(i, score.get(i)! + n * n);
    }
  }
  let best = members[0];
  for (const i of members) if (score.get(i)! < score.get(best)! || (score.get(i) === score.get(best) && i < best)) best = i;
  return best;
}
