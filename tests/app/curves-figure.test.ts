// Response-curve traces: on the spend axis each channel's curve runs over its own spend per
// period; on the relative axis over its multipliers, every current-spend cross at 1×. Each
// cross has its channel's colour (they were all black) and sits on its curve at 1×.
import { describe, expect, it } from 'vitest';
import type { ResponseCurve } from '../../src/analysis/response';
import { curveTraces, PALETTE } from '../../src/app/results/curves-figure';

const mult = [0, 0.5, 1, 2, 3];
function curve(channel: string, spend: number, scale: number): ResponseCurve {
  const mean = mult.map((m) => scale * Math.log1p(m));
  const e = (v: number) => ({ mean: v, sd: 0.1, q05: v - 1, q25: v - 0.5, q50: v, q75: v + 0.5, q95: v + 1 });
  return { channel, multipliers: mult, spend_per_period: mult.map((m) => m * spend), contribution: mean.map(e), mean, draws_used: 100 } as unknown as ResponseCurve;
}

describe('response curve traces', () => {
  const curves = [curve('ooh', 45_000, 10), curve('facebook', 2_000, 4)];
  type T = { x: number[]; y: Array<number | null>; name: string; marker?: { color: string }; line?: { color: string }; showlegend?: boolean };

  it('spend axis: curves over spend per period; crosses at current spend, one per channel in its colour', () => {
    const t = curveTraces(curves, 'spend') as unknown as T[];
    expect(t).toHaveLength(2 * 5 + 2);
    expect(t[4].x).toEqual(curves[0].spend_per_period);
    expect(t[9].x).toEqual(curves[1].spend_per_period);
    const crosses = t.slice(10);
    expect(crosses.map((c) => c.x[0])).toEqual([45_000, 2_000]);
    expect(crosses.map((c) => c.y[0])).toEqual([10 * Math.log(2), 4 * Math.log(2)]);
    expect(crosses.map((c) => c.marker!.color)).toEqual([t[4].line!.color, t[9].line!.color]);
    expect(crosses.map((c) => c.marker!.color)).toEqual(PALETTE.slice(0, 2));
    expect(crosses.map((c) => c.showlegend)).toEqual([true, false]);
  });

  it('relative axis: curves over the multipliers, every cross at 1×, same y as on the spend axis', () => {
    const t = curveTraces(curves, 'multiple') as unknown as T[];
    expect(t[4].x).toEqual(mult);
    expect(t[9].x).toEqual(mult);
    expect(t.slice(10).map((c) => c.x[0])).toEqual([1, 1]);
    expect(t.map((c) => c.y)).toEqual((curveTraces(curves, 'spend') as unknown as T[]).map((c) => c.y));
  });
});
