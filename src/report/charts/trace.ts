// Trace sparklines (issue 4/5): one small chart per parameter with one line per chain over
// the post-warmup draws, thinned evenly to keep the file small. Well-mixed chains overlap
// as a "hairy caterpillar"; a chain sitting apart is the picture behind a failing R-hat.
import { html, type SafeHtml } from '../html';
import { chart } from './frame';

/** One decimal is a tenth of a pixel in a 260-pixel sparkline: enough, and half the bytes. */
const px1 = (v: number): string => (Math.round(v * 10) / 10).toString();

export interface TraceInput {
  id: string;
  parameter: string;
  /** Draw index of each kept point (shared by the chains). */
  draws: number[];
  /** One array of values per chain, aligned with `draws`. */
  chains: number[][];
}

export function traceChart(t: TraceInput): SafeHtml {
  const all = t.chains.flat().filter(Number.isFinite);
  const lastDraw = t.draws.length ? t.draws[t.draws.length - 1] : 1;
  return chart(
    {
      id: t.id,
      kind: 'trace',
      title: `Trace: ${t.parameter}`,
      width: 260,
      height: 104,
      margin: { top: 20, right: 10, bottom: 30, left: 54 },
      compact: true,
      x: { kind: 'linear', title: 'draw', min: 0, max: lastDraw, ticks: 3, nice: false },
      y: { kind: 'linear', title: 'value', min: Math.min(...all), max: Math.max(...all), ticks: 3 },
      description: `Sampled values of ${t.parameter} by draw, one line per chain (${t.chains.length} chains).`,
    },
    (f) =>
      t.chains.map((values, c) => {
        let d = '';
        let pen = false;
        values.forEach((v, i) => {
          if (!Number.isFinite(v)) {
            pen = false;
            return;
          }
          d += `${pen ? 'L' : 'M'}${px1(f.x.map(t.draws[i]))} ${px1(f.y.map(v))}`;
          pen = true;
        });
        return html`<path class="trace chain-${c % 8}" d="${d}"><title>chain ${c + 1}</title></path>`;
      }),
  );
}
