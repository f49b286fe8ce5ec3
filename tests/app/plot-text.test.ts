// Text sent to Plotly: user-derived names cannot become markup, and titles wrap to fit.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapePlotText, escapeValues, safeFigure, titleLines, wrapPlotText } from '../../src/app/lib/plot-text';

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

  it('escapes titles, axis titles and trace names; wraps the chart title', () => {
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

  it('wraps an x-axis title that would not fit a phone, never a y-axis title', () => {
    const long = 'competitor_sales_B revenue, summed over the window';
    const axes = { xaxis: { title: { text: long } }, yaxis: { title: { text: long } } };
    const phone = safeFigure([], { title: { text: 't' }, ...axes }, 340, 17).layout as Record<string, { title: { text: string } }>;
    const lines = phone.xaxis.title.text.split('<br>');
    expect(lines.length).toBe(2);
    // 0.6 × 340 px in a 12 px font: 30 characters a line.
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(Math.floor((0.6 * 340) / (0.55 * 12)));
    expect(lines.join(' ')).toBe(long);
    expect(phone.yaxis.title.text).toBe(long);
    const desktop = safeFigure([], { title: { text: 't' }, ...axes }, 1100, 17).layout as Record<string, { title: { text: string } }>;
    expect(desktop.xaxis.title.text).toBe(long);
  });
});

// Plotly's own decoding of drawn text (plotly.js 4.1.1 src/lib/svg_text_utils.js,
// convertEntities with its ENTITY_MATCH and entityToUnicode), run after it splits the
// string at tags: what the chart finally shows for a string with no tags in it.
const PLOTLY_ENTITIES: Record<string, string> = { mu: 'μ', amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', times: '×', plusmn: '±', deg: '°' };
const plotlyShows = (s: string) =>
  s.replace(/&(#\d+|#x[\da-fA-F]+|[a-z]+);/g, (all, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return PLOTLY_ENTITIES[e] ?? all;
  });

describe('user text in categories, labels and hover text', () => {
  const HOSTILE = [
    `<img src=x onerror="window.__xss='img'">`,
    `"><svg onload="window.__xss='attr'">`,
    `<a href="javascript:window.__xss='link'">click</a>`,
    'tv &lt;b&gt; &#60;i&#62; &amp; radio',
    '<b>bold</b><br>',
  ];

  it('any string: no tag survives and Plotly shows exactly the original', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...HOSTILE), fc.stringMatching(/^[<>&a-z#;0-9 "'=/]{0,30}$/)), (s) => {
        const e = escapePlotText(s);
        expect(e).not.toMatch(/[<>]/);
        expect(plotlyShows(e)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('escapes bar categories, heatmap axes, text matrices, customdata, category orders and annotations', () => {
    const [img, attr, link, entities] = HOSTILE;
    const z = [
      [1, 0.5],
      [0.5, 1],
    ];
    const { data, layout } = safeFigure(
      [
        { type: 'bar', x: [img, attr], y: [1, 2], customdata: [[img, 1], [attr, 2]], hovertext: [link, 'ok'] },
        { type: 'heatmap', x: [img, entities], y: [attr, 'sales'], z, text: [[link, 'a'], ['b', img]], colorbar: { title: { text: link } } },
        { type: 'scatter', x: [1, 2], y: [link, 'search'], legendgrouptitle: { text: img } },
      ],
      { title: { text: 'T' }, xaxis: { title: { text: 'x' }, categoryarray: [attr, img], ticktext: [entities] }, annotations: [{ text: link }] },
      800,
    );
    const shown = (v: unknown): unknown => (typeof v === 'string' ? plotlyShows(v) : Array.isArray(v) ? v.map(shown) : v);
    const [bar, heat, scatter] = data as Array<Record<string, unknown>>;
    for (const [escaped, original] of [
      [bar.x, [img, attr]],
      [bar.customdata, [[img, 1], [attr, 2]]],
      [bar.hovertext, [link, 'ok']],
      [heat.x, [img, entities]],
      [heat.y, [attr, 'sales']],
      [heat.text, [[link, 'a'], ['b', img]]],
      [scatter.y, [link, 'search']],
      [(layout.xaxis as { categoryarray: string[] }).categoryarray, [attr, img]],
      [(layout.xaxis as { ticktext: string[] }).ticktext, [entities]],
    ] as const) {
      expect(JSON.stringify(escaped)).not.toMatch(/[<>]/);
      expect(shown(escaped)).toEqual(original);
    }
    expect((heat.colorbar as { title: { text: string } }).title.text).toBe(escapePlotText(link));
    expect((scatter.legendgrouptitle as { text: string }).text).toBe(escapePlotText(img));
    expect((layout.annotations as Array<{ text: string }>)[0].text).toBe(escapePlotText(link));
    // Numbers are left alone, and a numeric series is passed on without a copy.
    expect(bar.y).toEqual([1, 2]);
    expect(heat.z).toBe(z);
    expect(scatter.x).toEqual([1, 2]);
  });

  it('leaves numeric and typed arrays as they are', () => {
    const big = Array.from({ length: 1000 }, (_, i) => i);
    const typed = new Float64Array([1, 2]);
    expect(escapeValues(big)).toBe(big);
    expect(escapeValues(typed)).toBe(typed);
    expect(escapeValues([['a<b', 1]])).toEqual([['a&lt;b', 1]]);
  });
});
