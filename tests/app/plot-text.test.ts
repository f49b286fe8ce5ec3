// Text sent to Plotly: user-derived names cannot become markup, and titles wrap to fit.
import { describe, expect, it } from 'vitest';
import { escapePlotText, safeFigure, titleLines, wrapPlotText } from '../../src/app/lib/plot-text';

describe('plot text', () => {
  it('escapes markup Plotly would interpret', () => {
    expect(escapePlotText('<a href="javascript:x">tv & radio</a>')).toBe('&lt;a href="javascript:x"&gt;tv &amp; radio&lt;/a&gt;');
  });

  it('wraps at word boundaries within the width', () => {
    const t = 'Response curves: contribution against spend per period (90% bands)';
    const w = wrapPlotText(t, 30);
    const lines = w.split('<br>');
    expect(lines.join(' ')).toBe(t);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
    expect(wrapPlotText('short', 30)).toBe('short');
  });

  it('escapes titles, axis titles and trace names; wraps only the chart title', () => {
    const { data, layout } = safeFigure(
      [{ type: 'scatter', name: '<b>tv</b>' }, { type: 'bar' }],
      { title: { text: 'Spend of <img src=x> over a long period of time', font: { size: 20 } }, xaxis: { title: { text: '<i>date</i>' } }, yaxis2: { title: { text: 'a<b' } } },
      200,
      14,
    );
    expect((data[0] as { name: string }).name).toBe('&lt;b&gt;tv&lt;/b&gt;');
    expect(data[1]).toEqual({ type: 'bar' });
    const title = (layout.title as { text: string; font: { size: number } });
    expect(title.font.size).toBe(20);
    expect(title.text.replace(/<br>/g, ' ')).toBe('Spend of &lt;img src=x&gt; over a long period of time');
    expect(titleLines(layout)).toBeGreaterThan(1);
    expect((layout.xaxis as { title: { text: string } }).title.text).toBe('&lt;i&gt;date&lt;/i&gt;');
    expect((layout as Record<string, { title: { text: string } }>).yaxis2.title.text).toBe('a&lt;b');
  });
});
