// The executive report rendered from a real short fit: one self-contained, inert document
// (no script, nothing fetched, a CSP whose style hash matches its only stylesheet), every
// section present with the run's numbers, every chart titled and labelled, user text
// escaped, the provisional banner exactly when a gate that affects estimates fails, and an
// infeasible budget shown with its reason.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InferenceData, LiftTest } from '../../src/core/types';
import { num } from '../../src/core/number-format';
import { impliedLiftDraws } from '../../src/calibration/lift-agreement';
import { estimate as summarise } from '../../src/core/estimate';
import { analyseForReport, renderExecutiveSummary, reportInput, type ReportAnalysis, type ReportInput } from '../../src/report';
import { fmtAmount, fmtEst, fmtRatio, pctOf } from '../../src/report/format';
import { estCell } from '../../src/report/cells';
import { optimizeBudget } from '../../src/analysis/optimizer';
import { shortFit } from './fixture';

const EVIL = '<img src=x onerror=alert(1)>';
const EVIL2 = '"><svg onload=alert(2)>';

/** Every start tag: its name and attribute names (a small scanner; the report is our own markup). */
function tags(doc: string): Array<{ name: string; attrs: string[] }> {
  return [...doc.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1].toLowerCase(),
    attrs: [...m[2].matchAll(/\s([^\s=>/]+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase()),
  }));
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const svgs = (doc: string) => [...doc.matchAll(/<svg [\s\S]*?<\/svg>/g)].map((m) => m[0]);
const kindOf = (svg: string) => /data-chart="([\w-]+)"/.exec(svg)?.[1];

let idata: InferenceData;
let analysis: ReportAnalysis;
let input: ReportInput;
let doc: string;

beforeAll(async () => {
  ({ idata } = await shortFit());
  const a = analyseForReport(idata);
  if ('errors' in a) throw new Error(JSON.stringify(a.errors));
  analysis = a;
  input = reportInput(idata, a, { target: 'y', sources: ['mmm_example.csv'], created_at: '2026-01-01T00:00:00.000Z' });
  doc = renderExecutiveSummary(input);
}, 300_000);

describe('the executive report of a real fit', () => {
  it('is one inert, self-contained document: no script, no external resource, no URL to fetch', () => {
    expect(doc.startsWith('<!doctype html>')).toBe(true);
    const t = tags(doc);
    const names = new Set(t.map((x) => x.name));
    for (const n of ['script', 'link', 'img', 'iframe', 'object', 'embed', 'image', 'use', 'foreignobject', 'base', 'form']) expect(names.has(n), n).toBe(false);
    expect(t.flatMap((x) => x.attrs).filter((a) => a.startsWith('on') || a === 'src' || a === 'srcset' || a === 'style' || a === 'xlink:href')).toEqual([]);
    for (const m of doc.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#[\w-]+$/);
    expect(doc).not.toMatch(/https?:\/\//i);
    expect(doc).not.toMatch(/url\(|@import/);
    expect(doc.length).toBeLessThan(400_000);
  });

  it('carries a CSP that forbids every fetch and allows exactly its one stylesheet by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(doc)?.[1];
    const styles = [...doc.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0][1], 'utf8').digest('base64');
    expect(csp).toBe(`default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`);
    // The CSP must come before the stylesheet it governs.
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<style>'));
  });

  it('has every section, each with the run’s data', () => {
    for (const id of ['summary', 'contributions', 'budget', 'curves', 'diagnostics', 'spec']) expect(doc).toContain(`<section id="${id}"`);
    const charts = svgs(doc);
    const count = (k: string) => charts.filter((s) => kindOf(s) === k).length;
    const C = input.metadata.model.channels.length;
    expect([count('waterfall'), count('allocation'), count('response'), count('marginal-roas')]).toEqual([1, 1, C, C]);
    expect(count('trace')).toBe(Object.keys(input.parameters).length);
    // Waterfall: intercept, 3 controls, seasonality, 2 channels, total.
    expect([...charts.find((s) => kindOf(s) === 'waterfall')!.matchAll(/<rect class="bar /g)]).toHaveLength(1 + 3 + 1 + C + 1);
    // Traces: one line per chain.
    for (const s of charts.filter((x) => kindOf(x) === 'trace')) expect([...s.matchAll(/<path class="trace chain-\d"/g)]).toHaveLength(2);
    // Contributions: each channel's estimate as the analysis computed it.
    for (const c of analysis.analysis.contributions.channels) expect(doc).toContain(estCell(c.contribution).value);
    for (const r of analysis.analysis.roas) expect(doc).toContain(estCell(r.roas, fmtRatio).value);
    // Budget: current and optimal spend per channel, lift with its interval, P(lift > 0).
    const res = analysis.budget!.result;
    if (!res.feasible) throw new Error(res.reason);
    for (const c of res.constraints) {
      expect(doc).toContain(fmtAmount(res.current.spend_per_period[c.channel]));
      expect(doc).toContain(fmtAmount(res.optimal.spend_per_period[c.channel]));
    }
    // The reallocation table's row per channel ends with the next unit's return at both plans, with intervals.
    for (const c of res.constraints)
      expect(doc).toMatch(new RegExp(`<tr><th scope="row">${c.channel}</th>.*<td class="num">${esc(estCell(c.marginal_return.current, fmtRatio).value)}</td><td class="num">${esc(estCell(c.marginal_return.optimal, fmtRatio).value)}</td></tr>`));
    expect(doc).toContain(estCell(res.lift).value);
    expect(doc).toMatch(/P\(lift &gt; 0\)<\/th><td class="num">\d+\.\d%/);
    // Diagnostics: every gate with its status, R-hat of each parameter.
    for (const [name, g] of Object.entries(input.diagnostics.gates)) expect(doc).toMatch(new RegExp(`<th scope="row">${name}</th><td><span class="badge ${g.status}">`));
    for (const [key, p] of Object.entries(input.parameters)) expect(doc).toContain(`<th scope="row">${key}</th><td class="num">${estCell(p).value}</td>`);
    // Data and model: range and every prior.
    expect(doc).toContain(`${input.metadata.data_range.first} to ${input.metadata.data_range.last} (179 weeks)`);
    expect(doc).toContain('<code>adstock_alpha</code> ~ Beta(alpha=1, beta=3)');
    expect(doc).toContain('HalfNormal(sigma=2)');
  });

  it('gives every chart a title, a description and both axis titles', () => {
    for (const s of svgs(doc)) {
      expect(s).toMatch(/<title id="[\w-]+-title">[^<]+<\/title><desc id="[\w-]+-desc">[^<]+<\/desc>/);
      expect(s).toMatch(/<text class="chart-title"[^>]*>[^<]+</);
      expect([...s.matchAll(/<text class="axis-title"[^>]*>([^<]+)</g)]).toHaveLength(2);
      expect(s).not.toMatch(/NaN|undefined|Infinity/);
    }
    const ids = [...doc.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes a summary whose estimates all carry their 90% interval', () => {
    const summary = /<section id="summary"[\s\S]*?<\/section>/.exec(doc)![0];
    const c = analysis.analysis.contributions;
    const top = [...c.channels].sort((a, b) => b.contribution.mean! - a.contribution.mean!)[0];
    expect(summary).toContain(`Media drove ${fmtEst(c.media_total)} of y`);
    expect(summary).toContain(fmtEst(c.media_share_of_target, pctOf));
    expect(summary).toContain(`The channel that contributed the most is ${top.channel}: ${fmtEst(top.contribution)}`);
    const best = [...analysis.analysis.roas].sort((a, b) => b.roas.mean! - a.roas.mean!)[0];
    expect(summary).toContain(`highest for ${best.channel}: ${fmtEst(best.roas, fmtRatio)}`);
    // Each paragraph that quotes an estimate quotes its interval right after it.
    const paragraphs = [...summary.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]);
    expect(paragraphs.length).toBeGreaterThanOrEqual(8);
    for (const p of paragraphs) {
      const estimates = (p.match(/[\dkMBT%] \(90% interval [^)]+\)/g) ?? []).length;
      const decimals = (p.match(/(?<![\d-])-?\d[\d,]*\.\d+[kMB%]?|\d+(\.\d+)?[kMB](?![a-z])/g) ?? []).length;
      // Every decimal or suffixed quantity is a mean or an interval end (3 numbers per estimate),
      // except percentages of the sum check and P(lift > 0) and the diagnostics' values and
      // thresholds (R-hat, Pareto k, E-BFMI, coverage), which are not posterior estimates.
      const exempt = (p.match(/within \d+\.\d+%|improvement \d+%|\d+\.\d+× current|R-hat up to \d+\.\d+|1\.01 or less|Pareto k up to \d+\.\d+|E-BFMI \d+\.\d+|holds only \d+\.\d+%/g) ?? []).length;
      expect(decimals - exempt, p).toBeLessThanOrEqual(3 * estimates);
    }
  });

  it('shows the provisional banner exactly when a gate that affects the estimates fails', () => {
    expect(doc.includes('data-testid="provisional"')).toBe(input.diagnostics.estimates_provisional);
    const gates = Object.fromEntries(Object.entries(input.diagnostics.gates).map(([k, g]) => [k, { ...g, status: 'pass' as const, action: null }]));
    // A failing gate that does not affect the estimates (Pareto k) is flagged, not provisional.
    const efficiency = { ...gates, pareto_k: { ...gates.pareto_k, status: 'fail' as const } };
    expect(efficiency.pareto_k.affects_estimates).toBe(false);
    const clean = renderExecutiveSummary({ ...input, diagnostics: { ...input.diagnostics, gates: efficiency, estimates_provisional: false } });
    expect(clean).not.toContain('data-testid="provisional"');
    expect(clean).not.toMatch(/badge fail">provisional|PROVISIONAL/);
    expect(clean).toMatch(/<p>All readiness gates that affect the estimates pass \([^)]*\)\. Also flagged, without changing the estimates: leave-one-out checks are unreliable for some observations \(Pareto k up to [\d.]+\) \(pareto_k fail\)\.<\/p>/);
    const failing = { ...gates, r_hat: { ...gates.r_hat, status: 'fail' as const, detail: 'max R-hat 1.2 (intercept)', action: 'increase warmup' } };
    const bad = renderExecutiveSummary({ ...input, diagnostics: { ...input.diagnostics, gates: failing, estimates_provisional: true } });
    expect(bad).toMatch(/data-testid="provisional"><strong>Provisional.<\/strong>[^<]*r_hat: max R-hat 1.2 \(intercept\)[^<]*increase warmup/);
    expect([...bad.matchAll(/badge fail">provisional/g)]).toHaveLength(3);
    expect(bad).toContain('<p>PROVISIONAL: the r_hat gate fails: the chains disagree (R-hat up to');
    expect(bad).toContain('Contributions, ROAS and the budget plan below are not reliable and are provisional until the model is refitted');
  });

  it('shows an infeasible budget plainly, with the reason and what to do', () => {
    const b = analysis.budget!;
    const min = Object.fromEntries(b.response.channels.map((c) => [c, { min: { value: 1, relative: true } }]));
    const budget = 0.5 * b.response.current.reduce((s, v) => s + v, 0) * 52;
    const res = optimizeBudget(b.response, { budget, horizon: 52, constraints: min });
    expect(res.feasible).toBe(false);
    const out = renderExecutiveSummary({ ...input, budget: { rule: 'test rule', result: res, scenarios: [] } });
    const section = /<section id="budget"[\s\S]*?<\/section>/.exec(out)![0];
    expect(section).toContain('<span class="badge fail">infeasible</span> No plan meets all the constraints: the minimums');
    expect(section).toContain('What to do: raise the budget or lower the minimums');
    expect(section).not.toContain('data-chart="allocation"');
    expect(out).toMatch(/No budget plan meets all the constraints: the minimums/);
  });
});

describe('written for a reader who has only this file', () => {
  it('cites no internal document, source file or JSON field', () => {
    const calibrated: InferenceData = { ...idata, attrs: { ...idata.attrs, imputed_cells: [{ column: 'x1', row: 3, method: 'mean' }, { column: 'x1', row: 4, method: 'mean' }, { column: 'event_1', row: 9, method: 'zero' }], model: { ...idata.attrs.model, lift_tests: [{ channel: 'x1', x: 1, delta_x: 1, delta_y: 1, sigma: 1, label: 'geo test' }] } } };
    const out = renderExecutiveSummary(reportInput(calibrated, analysis, { target: 'y' }));
    for (const d of [doc, out]) expect(d).not.toMatch(/\.md\b|§|\bsrc\/|\.ts\b|\bmetadata\.|\battrs\.|imputed_cells/);
    expect(out).toContain("Each test raised a channel's spend from x by delta_x per week and measured delta_y more outcome per week");
    expect(out).toContain('<caption>Lift tests the model was fitted to (amounts per week)</caption>');
    expect(out).toContain('<td>3 (missing values filled in; x1 2 cells, event_1 1 cell; each stays flagged in the run&#39;s data and exports)</td>');
  });

  it('states when it was made and fitted as a UTC date-time, not a raw timestamp', () => {
    expect(doc).toContain(' · report created 2026-01-01 00:00 UTC · ');
    const at = (created: string) => /<th scope="row">Fitted at<\/th><td>([^<]*)<\/td>/.exec(renderExecutiveSummary(reportInput({ ...idata, attrs: { ...idata.attrs, created_at: created } }, analysis, { target: 'y', created_at: created })))![1];
    expect(at('2026-11-23T20:05:42.123+13:00')).toBe('2026-11-23 07:05 UTC');
    expect(doc).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });

  it('gives ESS as whole draws: in the gates and in each parameter row', () => {
    for (const name of ['ess_bulk', 'ess_tail']) expect(input.diagnostics.gates[name].detail).toMatch(/^min (bulk|tail) ESS \d{1,3}(,\d{3})*( \(just (over|under)\))? \(/);
    const params = /<table class="params">[\s\S]*?<\/table>/.exec(doc)![0];
    let rows = 0;
    for (const [key, p] of Object.entries(input.parameters)) {
      const m = new RegExp(`<th scope="row">${esc(key)}</th><td class="num">[^<]*(?:<span class="ci">[^<]*</span>)?</td><td class="num[^"]*">[^<]*</td><td class="num">([^<]*)</td><td class="num">([^<]*)</td>`).exec(params);
      expect(m, key).not.toBeNull();
      for (const [cell, value] of [[m![1], p.ess_bulk], [m![2], p.ess_tail]] as const) {
        if (value === null) { expect(cell).toBe('n/a'); continue; }
        expect(cell, key).toMatch(/^\d{1,3}(,\d{3})*$/);
        expect(Math.abs(Number(cell.replaceAll(',', '')) - value), key).toBeLessThanOrEqual(0.5);
      }
      rows++;
    }
    expect(rows).toBe(Object.keys(input.parameters).length);
  });
});

describe('user text is escaped everywhere', () => {
  it('a channel, a control, the target and a file named like markup appear as text, never as elements or attributes', () => {
    const hostile: ReportInput = JSON.parse(JSON.stringify(input).replaceAll('x1', EVIL).replaceAll('event_1', EVIL2.replaceAll('"', '\\"')));
    hostile.target = `${EVIL} & co`;
    hostile.sources = [`raw/${EVIL}.csv`];
    const out = renderExecutiveSummary(hostile);
    const t = tags(out);
    expect(t.filter((x) => x.name === 'img')).toEqual([]);
    expect(t.filter((x) => x.attrs.some((a) => a.startsWith('on')))).toEqual([]);
    expect(t.filter((x) => x.name === 'svg')).toHaveLength(svgs(doc).length);
    expect(out).not.toContain(EVIL);
    expect(out).not.toContain(EVIL2);
    const shown = '&lt;img src=x onerror=alert(1)&gt;';
    // In the title, summary, waterfall label, tables, curves, traces and the spec.
    expect(out.split(shown).length - 1).toBeGreaterThan(20);
    expect(out).toContain('&quot;&gt;&lt;svg onload=alert(2)&gt;');
    expect(out).toContain(`<title>Marketing mix model: executive summary — ${shown} &amp; co</title>`);
  });
});

describe('lift-test agreement of a calibrated run', () => {
  // Tests built around the fit's own implied lift, so the expected z is known by
  // construction: Δy at the implied mean (z = 0), and 3 σ below it (z = +3, flagged).
  function calibrated() {
    const post = analysis.posterior;
    const tests: LiftTest[] = [];
    const implied = (t: LiftTest) => summarise(impliedLiftDraws(t, post.spec, post.draws, post.data.channelMax[post.spec.channels.findIndex((c) => c.name === t.channel)], post.data.targetMaxAbs));
    for (const [channel, shift, label] of [['x1', 0, EVIL], ['x2', 3, 'geo test B']] as const) {
      const c = post.spec.channels.findIndex((ch) => ch.name === channel);
      const base = { channel, x: 0.5 * post.data.channelMax[c], delta_x: 0.2 * post.data.channelMax[c], delta_y: 0, sigma: 1, label };
      const m = implied(base).mean!;
      const sigma = 0.1 * Math.abs(m) + 1;
      tests.push({ ...base, sigma, delta_y: m - shift * sigma });
    }
    tests.push({ channel: 'radio', x: 1, delta_x: 1, delta_y: 1, sigma: 1, label: 'old radio test' });
    const withTests: InferenceData = { ...idata, attrs: { ...idata.attrs, model: { ...idata.attrs.model, lift_tests: tests } } };
    return { tests, implied, out: renderExecutiveSummary(reportInput(withTests, analysis, { target: 'y' })) };
  }

  it('one row per test: Δy ± σ, implied lift [90%] as the Results step writes numbers, z, and the flag past 2 σ', () => {
    const { tests, implied, out } = calibrated();
    const table = /<table class="compact" data-testid="lift-agreement">[\s\S]*?<\/table>/.exec(out)![0];
    expect(table).toContain("<caption>Lift-test agreement: the fitted model&#39;s implied lift per period against each test (1 of 2 flagged)</caption>");
    const rows = [...table.matchAll(/<tr><th scope="row">[\s\S]*?<\/tr>/g)].map((m) => m[0]);
    expect(rows).toHaveLength(2);
    const cells = (t: LiftTest) => {
      const e = implied(t);
      return `<td class="num">${num(t.delta_y)} ± ${num(t.sigma)}</td><td class="num">${num(e.mean)} [${num(e.q05)}, ${num(e.q95)}]</td>`;
    };
    expect(rows[0]).toBe(`<tr><th scope="row">&lt;img src=x onerror=alert(1)&gt;</th><td>x1</td>${cells(tests[0])}<td class="num">0.00</td><td><span class="badge pass">agrees</span> within 2 σ</td></tr>`);
    expect(rows[1]).toBe(`<tr><th scope="row">geo test B</th><td>x2</td>${cells(tests[1])}<td class="num">+3.00</td><td><span class="badge fail">flagged</span> model above the test by more than 2 σ</td></tr>`);
    expect(out).not.toContain(EVIL);
    expect(out).toContain('Lift test old radio test: channel radio is not in the model, so its agreement cannot be computed');
    // The plain-language summary names the flagged test with its z, and only that one.
    expect(out).toContain('The model disagrees with a test by more than 2 standard errors: geo test B (z = +3.00); see Data and model before acting on its channel.');
  });

  it('the summary says so when every test agrees', () => {
    const { tests } = calibrated();
    const only: InferenceData = { ...idata, attrs: { ...idata.attrs, model: { ...idata.attrs.model, lift_tests: [tests[0]] } } };
    const out = renderExecutiveSummary(reportInput(only, analysis, { target: 'y' }));
    expect(out).toContain('The model’s implied lift agrees with the test (within 2 standard errors).');
    expect(out).not.toContain('disagrees');
  });

  it('an uncalibrated run has no agreement table', () => {
    expect(doc).not.toContain('lift-agreement');
    expect(doc).not.toContain('standard errors');
    expect(doc).toContain('No lift test calibrates this model.');
  });
});
