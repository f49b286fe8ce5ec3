// Category labels short enough for a phone's axis: a long column name such as
// "competitor_activity_score_control" takes most of a 390 px chart as a tick label and
// Plotly then clips it at the edge. Names are cut to `max` characters with an ellipsis and
// kept distinct (they are categories: two equal labels would merge into one row); the full
// names stay in the hover text.

/** Each name cut to at most `max` characters (ellipsis included), all distinct. */
export function shortLabels(names: readonly string[], max: number): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  for (const name of names) {
    let label = name.length <= max ? name : `${name.slice(0, max - 1)}…`;
    // A clash (two names with one prefix, or a cut name equal to a short one): number it.
    for (let k = 2; used.has(label) || (label !== name && names.includes(label)); k++) {
      const tag = `…${k}`;
      label = `${name.slice(0, Math.max(1, max - tag.length))}${tag}`;
    }
    used.add(label);
    out.push(label);
  }
  return out;
}
