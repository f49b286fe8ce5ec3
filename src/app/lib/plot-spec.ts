// Every plot in the studio says what it shows: a title and, for x/y charts, a title on
// each axis it draws. Plot.svelte refuses (throws in dev, shows an error otherwise) a
// figure that lacks them, so a chart without labels cannot ship unnoticed.
import type { Data, Layout } from 'plotly.js';

const text = (t: unknown): string => {
  if (typeof t === 'string') return t.trim();
  if (t && typeof t === 'object' && 'text' in t) return String((t as { text: unknown }).text ?? '').trim();
  return '';
};

/** Axis keys ('xaxis', 'yaxis2', ...) the traces use. Heatmaps and bars use x/y axes too. */
function usedAxes(data: Partial<Data>[]): string[] {
  const axes = new Set<string>();
  for (const d of data) {
    const t = (d as { type?: string }).type ?? 'scatter';
    if (t === 'pie' || t === 'table' || t === 'indicator') continue;
    const xa = ((d as { xaxis?: string }).xaxis ?? 'x').replace(/^x/, 'xaxis');
    const ya = ((d as { yaxis?: string }).yaxis ?? 'y').replace(/^y/, 'yaxis');
    axes.add(xa);
    axes.add(ya);
  }
  return [...axes];
}

/** Problems with a figure's labels; empty when it has a title and every used axis a title. */
export function labelProblems(data: Partial<Data>[], layout: Partial<Layout>): string[] {
  const problems: string[] = [];
  if (!text(layout.title)) problems.push('no title');
  const l = layout as Record<string, unknown>;
  for (const axis of usedAxes(data)) {
    const a = l[axis] as { title?: unknown } | undefined;
    if (!text(a?.title)) problems.push(`no ${axis} title`);
  }
  return problems;
}
