// Contributions over time as a diverging stack: each component's positive part is stacked
// above zero and its negative part below zero, with the net (their sum, the model's mean
// prediction) as a line. Stacking signed values in one stack, as Plotly's stackgroup does,
// makes a negative component (seasonality in a low season, a control with a negative
// effect) eat into the areas beneath it, so the bands no longer show anything's size.
// Diverging stacks are the usual remedy for signed parts of a whole (Heiberger & Robbins
// 2014, "Design of diverging stacked bar charts"); PyMC-Marketing and Meridian stack only
// media over a baseline, which hides the sign problem rather than solving it.

export interface StackInput {
  name: string;
  /** Per-period posterior means (original units). */
  mean: ArrayLike<number>;
}

export interface StackPart {
  /** Index of the component in the input (its colour and legend entry). */
  index: number;
  name: string;
  /** The part on this side of zero per period (0 where the component is on the other side); null where unknown. */
  y: Array<number | null>;
}

export interface SignedStack {
  /** Parts ≥ 0, stacked upwards from zero in input order. */
  above: StackPart[];
  /** Parts ≤ 0, stacked downwards from zero in input order. */
  below: StackPart[];
  /** Σ of the components' means per period; null where any is not finite. */
  net: Array<number | null>;
}

/** Splits each component by sign; a side a component never reaches gets no part. */
export function signedStack(components: StackInput[]): SignedStack {
  const T = components.reduce((n, c) => Math.max(n, c.mean.length), 0);
  const above: StackPart[] = [];
  const below: StackPart[] = [];
  const net: Array<number | null> = new Array(T).fill(0);
  components.forEach((c, index) => {
    const up: Array<number | null> = new Array(T);
    const down: Array<number | null> = new Array(T);
    let hasUp = false;
    let hasDown = false;
    for (let t = 0; t < T; t++) {
      const v = t < c.mean.length ? c.mean[t] : NaN;
      if (!Number.isFinite(v)) {
        up[t] = down[t] = net[t] = null;
        continue;
      }
      up[t] = v > 0 ? v : 0;
      down[t] = v < 0 ? v : 0;
      hasUp ||= v > 0;
      hasDown ||= v < 0;
      if (net[t] !== null) net[t] = (net[t] as number) + v;
    }
    if (hasUp) above.push({ index, name: c.name, y: up });
    if (hasDown) below.push({ index, name: c.name, y: down });
  });
  return { above, below, net };
}
