// Units a CFO can read off the page: every amount says whether it is a total over the data
// window (and which window), per period, or over the plan's horizon, and in what: the
// target's own units, with ROAS as target per unit of spend. No currency is recorded, and
// the report says so instead of implying one.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseForReport, renderExecutiveSummary, reportInput } from '../../src/report';
import { shortFit } from './fixture';
import { text } from './shown-number';

let doc: string;

beforeAll(async () => {
  const { idata } = await shortFit();
  const a = analyseForReport(idata);
  if ('errors' in a) throw new Error(JSON.stringify(a.errors));
  doc = renderExecutiveSummary(reportInput(idata, a, { target: 'revenue', created_at: '2026-01-01T00:00:00.000Z' }));
}, 300_000);

/** The header cells of the table whose caption starts with `caption`. */
function head(caption: string): { caption: string; cols: string[] } {
  const t = [...doc.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map((m) => m[1]).find((b) => text(/<caption>([\s\S]*?)<\/caption>/.exec(b)![1]).startsWith(caption));
  if (!t) throw new Error(`no table "${caption}"`);
  return { caption: text(/<caption>([\s\S]*?)<\/caption>/.exec(t)![1]), cols: [...(/<thead>([\s\S]*?)<\/thead>/.exec(t)?.[1] ?? '').matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((c) => text(c[1])) };
}

const axisTitles = (kind: string) =>
  [...doc.matchAll(/<svg [\s\S]*?<\/svg>/g)].map((m) => m[0]).filter((s) => s.includes(`data-chart="${kind}"`)).map((s) => [...s.matchAll(/<text class="axis-title"[^>]*>([^<]+)</g)].map((m) => m[1]));

describe('units and periods in the report', () => {
  it('the channel table: totals over the named window; contribution and ROAS in the target’s units', () => {
    const t = head('Channels over the data window');
    expect(t.caption).toContain('totals over 179 weeks (2018-04-02 to 2021-08-30)');
    expect(t.cols).toEqual(['Channel', 'Spend, total', 'Contribution to revenue, total', 'Share of media', 'ROAS (revenue per unit of spend)', 'Marginal ROAS (revenue per extra unit)', 'Saturated?']);
    expect(head('Base and totals').caption).toBe('Base and totals (contribution to revenue, total over the window)');
  });

  it('says that amounts are in the data’s own units and no currency is recorded', () => {
    expect(text(doc)).toContain('Units: as in the input data, spend in its spend units and revenue in its own. Carryover records no currency and converts none');
  });

  it('the budget: spend per week in the plan, totals over the horizon in the outcome and the scenarios', () => {
    expect(head('Spend per week, current and optimal').cols.slice(1, 3)).toEqual(['Current', 'Optimal']);
    expect(head('Expected revenue from media over 52 weeks plus carry-over').caption).toBeTruthy();
    const s = head('Scenarios over the same 52 weeks');
    expect(s.cols).toContain('Total spend over 52 weeks');
    expect(s.cols).toContain('Expected revenue from media, plus carry-over');
  });

  it('response curves: total over the data window against spend per week; marginal ROAS in revenue per extra unit', () => {
    const response = axisTitles('response');
    expect(response.length).toBeGreaterThan(0);
    for (const [x, y] of response.map((a) => [a.find((t) => t.includes('spend per')), a.find((t) => !t.includes('spend per'))])) {
      expect(x).toMatch(/spend per week$/);
      expect(y).toBe('revenue, total over 179 weeks');
    }
    for (const a of axisTitles('marginal-roas')) expect(a).toContain('revenue per extra unit');
  });
});

describe('two marginal returns, told apart', () => {
  it('the plan table says how its next-unit return differs from the channel table’s marginal ROAS', () => {
    const budget = text(/<section id="budget"[\s\S]*?<\/section>/.exec(doc)![0]);
    expect(budget).toContain('It differs from the marginal ROAS under Contributions and ROAS, which is measured over the past data window at its mean spend, without the carry-over after the window.');
  });
});
