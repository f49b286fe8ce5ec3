// Issue 8, accessibility, in the built studio with data loaded, a short fit done and each
// area's main action run (Optimize's plan, a small ridge run, the demo journeys):
// - axe-core finds no serious or critical violation in any area;
// - Tab reaches every interactive control of every area, each once, in document order (no
//   positive tabindex, nothing skipped, nothing trapped), and each shows a focus indicator;
// - the step tabs follow the WAI-ARIA tabs pattern: arrows and Home/End move and select,
//   Enter and Space keep the focused tab selected, Tab leaves the tab list for the panel.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { STEPS, type StepId } from '../../src/app/state/steps';
import { DESKTOP, PHONE, useBrowser } from './harness';
import { seriousAxeViolations } from './support/axe';
import { loadDemo, waitResults } from './support/flows';

const browser = useBrowser();
const IDS = STEPS.map((s) => s.id);

async function setNumber(page: Page, label: string, v: number): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(String(v));
  await input.press('Tab');
}

/** Opens an area and waits for what it shows once it has worked (plots drawn included). */
async function visit(page: Page, id: StepId): Promise<void> {
  await page.locator(`#tab-${id}`).click();
  await page.waitForSelector(`#tab-${id}[aria-selected="true"]`);
  if (id === 'optimize') await page.locator('[data-testid="plan-summary"]').waitFor({ timeout: 120_000 });
  if (id === 'diagnostics') await page.locator('[data-testid="chain-table"]').waitFor({ timeout: 120_000 });
  if (id === 'attribution') await page.waitForSelector('[data-testid="attribution-view"]', { timeout: 30_000 });
  if (id === 'ridge') await page.waitForSelector('[data-testid="ridge"]', { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await browser().drawAllPlots();
}

/** The studio with the demo data, a short fit, and every area's work done once. */
async function prepared(): Promise<Page> {
  const page = await browser().open();
  await loadDemo(page);
  await page.locator('#tab-fit').click();
  for (const [label, v] of [['Chains', 2], ['Warmup', 150], ['Draws', 150], ['Seed', 31]] as const) await setNumber(page, label, v);
  await page.getByRole('button', { name: 'Start fit' }).click();
  await waitResults(page);
  await visit(page, 'ridge');
  await setNumber(page, 'Population', 8);
  await setNumber(page, 'Generations', 2);
  await setNumber(page, 'Bootstrap replicates', 50);
  await page.getByRole('button', { name: 'Run ridge' }).click();
  await page.waitForSelector('[data-testid="ridge"][data-completed="1"]', { timeout: 120_000 });
  await visit(page, 'attribution');
  await page.getByRole('button', { name: /demo journeys/ }).click();
  await page.waitForSelector('[data-testid="mta-results"]', { timeout: 120_000 });
  return page;
}

interface Walk {
  /** Focusable controls after the selected tab, in document order: [id, description]. */
  expected: Array<[string, string]>;
  /** What Tab focused, in order, until focus left the page or came back round. */
  visited: Array<{ id: string; what: string; indicator: boolean }>;
  positiveTabindex: string[];
}

/** Marks the controls Tab should reach (after the selected tab), in document order. */
function markTabbables(): { expected: Array<[string, string]>; positiveTabindex: string[] } {
  const describe = (el: Element) => {
    const label = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${label.trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
  };
  const candidates = Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"], [contenteditable=""]'));
  const positiveTabindex = candidates.filter((el) => el.tabIndex > 0).map(describe);
  const selectedTab = document.querySelector('[role="tab"][aria-selected="true"]')!;
  const seenRadioGroups = new Set<string>();
  const expected: Array<[string, string]> = [];
  let n = 0;
  for (const el of candidates) {
    if (!(selectedTab.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (el.tabIndex < 0 || (el as HTMLInputElement).disabled || el.closest('[inert], fieldset:disabled')) continue;
    if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    // Summary of a closed <details> is reachable; its content is not (checkVisibility above).
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      // One stop per radio group: the checked radio, or the first one when none is.
      const key = `${el.form?.id ?? ''}|${el.name}`;
      const group = Array.from(document.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(el.name)}"]`)).filter((r) => r.form === el.form && !r.disabled);
      const stop = group.find((r) => r.checked) ?? group[0];
      if (seenRadioGroups.has(key) || el !== stop) continue;
      seenRadioGroups.add(key);
    }
    const id = `k${n++}`;
    el.dataset.kbd = id;
    expected.push([id, describe(el)]);
  }
  return { expected, positiveTabindex };
}

/** The focused element's id, description, and whether a focus indicator is drawn (its own or its label's). */
function focused(): { id: string; what: string; indicator: boolean } | null {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return null;
  const drawn = (e: Element | null) => {
    if (!e) return false;
    const cs = getComputedStyle(e);
    return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
  };
  const label = el.closest('label');
  return { id: el.dataset.kbd ?? '', what: `${el.tagName.toLowerCase()}#${el.id} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? ''}`, indicator: drawn(el) || drawn(label) };
}

async function walk(page: Page): Promise<Walk> {
  const { expected, positiveTabindex } = await page.evaluate(markTabbables);
  await page.locator('[role="tab"][aria-selected="true"]').focus();
  const visited: Walk['visited'] = [];
  for (let i = 0; i < expected.length + 3; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(focused);
    if (!f || f.id === '' || visited.some((v) => v.id === f.id)) {
      if (f && f.id === '' && !(await page.evaluate(() => document.activeElement?.getAttribute('role') === 'tab'))) visited.push(f);
      break;
    }
    visited.push(f);
  }
  return { expected, visited, positiveTabindex };
}

let page: Page;

describe('accessibility', () => {
  beforeAll(async () => {
    page = await prepared();
  }, 600_000);

  it('axe finds no serious or critical violation in any area, with data, a fit and each area at work, at 1280 and 390 px', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      for (const id of IDS) {
        await visit(page, id);
        expect.soft(await seriousAxeViolations(page), `${id} @ ${viewport.width}px: axe serious/critical`).toEqual([]);
      }
    }
    await page.setViewportSize(DESKTOP);
  }, 600_000);

  it('Tab reaches every control of every area once, in document order, with a visible focus', async () => {
    for (const id of IDS) {
      await visit(page, id);
      const w = await walk(page);
      expect.soft(w.positiveTabindex, `${id}: positive tabindex breaks the order`).toEqual([]);
      expect.soft(w.expected.length, `${id}: controls found`).toBeGreaterThan(0);
      expect.soft(w.visited.map((v) => v.id), `${id}: Tab order\n${w.expected.map((e) => e.join(' ')).join('\n')}\nvisited:\n${w.visited.map((v) => `${v.id} ${v.what}`).join('\n')}`).toEqual(w.expected.map((e) => e[0]));
      const unmarked = w.visited.filter((v) => !v.indicator).map((v) => v.what);
      expect.soft(unmarked, `${id}: focused without a visible indicator`).toEqual([]);
    }
  }, 600_000);

  it('the walk catches what it is meant to: a positive tabindex, a control Tab skips, a focus without a ring', async () => {
    await visit(page, 'fit');
    await page.evaluate(() => {
      const section = document.querySelector('#panel section')!;
      const add = (text: string, f: (b: HTMLButtonElement) => void) => {
        const b = document.createElement('button');
        b.textContent = text;
        b.className = 'planted';
        f(b);
        section.append(b);
      };
      add('planted: jumps the queue', (b) => (b.tabIndex = 5));
      add('planted: no focus ring', (b) => (b.style.outline = 'none'));
    });
    const w = await walk(page);
    expect(w.positiveTabindex).toEqual([expect.stringContaining('jumps the queue')]);
    // The tabindex=5 button is focused before everything else, not where it stands: the order differs.
    expect(w.visited.map((v) => v.id)).not.toEqual(w.expected.map((e) => e[0]));
    expect(w.visited.filter((v) => !v.indicator).map((v) => v.what)).toEqual([expect.stringContaining('no focus ring')]);
    await page.evaluate(() => document.querySelectorAll('.planted').forEach((b) => b.remove()));
  });

  it('step tabs: arrows and Home/End move and select, Enter and Space keep the tab, Tab enters the panel', async () => {
    await visit(page, 'data');
    const tab = page.locator('#tab-data');
    await tab.focus();
    const focusedId = () => page.evaluate(() => document.activeElement?.id);
    const selected = () => page.locator('[role="tab"][aria-selected="true"]').getAttribute('id');
    for (let i = 1; i < IDS.length; i++) {
      await page.keyboard.press('ArrowRight');
      await expect(focusedId()).resolves.toBe(`tab-${IDS[i]}`);
      await expect(selected()).resolves.toBe(`tab-${IDS[i]}`);
      await expect(page.locator('#panel').getAttribute('aria-labelledby')).resolves.toBe(`tab-${IDS[i]}`);
    }
    await page.keyboard.press('ArrowRight');
    await expect(selected()).resolves.toBe('tab-data');
    await page.keyboard.press('End');
    await expect(selected()).resolves.toBe(`tab-${IDS.at(-1)}`);
    await page.keyboard.press('Home');
    await expect(selected()).resolves.toBe('tab-data');
    await page.keyboard.press('ArrowLeft');
    await expect(selected()).resolves.toBe(`tab-${IDS.at(-1)}`);
    for (const key of ['Enter', ' ']) {
      await page.keyboard.press(key);
      await expect(selected()).resolves.toBe(`tab-${IDS.at(-1)}`);
      await expect(focusedId()).resolves.toBe(`tab-${IDS.at(-1)}`);
    }
    // Clicking, then Enter on another tab reached by arrows, selects that one.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(selected()).resolves.toBe('tab-model');
    await expect(page.getByRole('heading', { name: '2 · Model' }).isVisible()).resolves.toBe(true);
    // Tab leaves the tab list (the other tabs are not Tab stops) for the panel's first control.
    await page.keyboard.press('Tab');
    const inPanel = await page.evaluate(() => !!document.activeElement?.closest('#panel'));
    expect(inPanel).toBe(true);
  });
});
