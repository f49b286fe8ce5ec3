// Tables at phone width (390 px) on the demo data and a short demo fit: none scrolls sideways
// (each row becomes a card) and none loses anything on the way: every row of a card table
// labels each of its cells with that column's header, and every header is there. Then the
// same tables at 1280 px are plain tables again (the header row shows, no cell label drawn).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { DESKTOP, PHONE, REPO_ROOT, useBrowser } from './harness';
import { importFolder, loadDemo, startShortFit, waitResults } from './support/flows';

const browser = useBrowser();

interface TableReport {
  /** Which tables scroll sideways: heading of their section and widths. */
  scrolling: string[];
  /** Card tables whose rows do not label their cells with the headers. */
  unlabelled: string[];
  /** Card tables shown as cards. */
  cards: number;
  /** Visible header rows of card tables. */
  visibleHeaders: number;
}

/** Looks at every visible table of the step. */
function probeTables(): TableReport {
  const out: TableReport = { scrolling: [], unlabelled: [], cards: 0, visibleHeaders: 0 };
  const where = (el: Element) => el.closest('section')?.querySelector('h2, h3')?.textContent?.trim() ?? '?';
  for (const box of document.querySelectorAll<HTMLElement>('.table-scroll')) {
    if (box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1) out.scrolling.push(`${where(box)}: ${box.scrollWidth} > ${box.clientWidth}`);
  }
  for (const table of document.querySelectorAll<HTMLTableElement>('table.cards')) {
    if (table.offsetParent === null) continue;
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent!.replace(/[▾▴]/g, '').trim());
    const head = table.querySelector('thead')!;
    if (head.getBoundingClientRect().height > 2) out.visibleHeaders++;
    if (getComputedStyle(table.querySelector('tbody tr')!).display === 'block') out.cards++;
    for (const tr of table.querySelectorAll('tbody tr')) {
      const labels = [...tr.children].slice(1).map((td) => td.getAttribute('data-label') ?? '');
      if (labels.join('|') !== heads.slice(1).join('|')) out.unlabelled.push(`${where(table)}: [${labels.join(', ')}] vs [${heads.slice(1).join(', ')}]`);
    }
  }
  return out;
}

async function expectCards(step: string, minCards: number) {
  const page = browser().page;
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  const phone = await page.evaluate(probeTables);
  expect(phone.scrolling, `${step} @ 390: tables scrolling sideways`).toEqual([]);
  expect(phone.unlabelled, `${step}: cells not labelled with their column`).toEqual([]);
  expect(phone.cards, `${step} @ 390: tables shown as cards`).toBeGreaterThanOrEqual(minCards);
  expect(phone.visibleHeaders, `${step} @ 390: header rows still drawn`).toBe(0);
  await browser().screenshot(`phone-tables-${step}`);
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(300);
  const desk = await page.evaluate(probeTables);
  expect(desk.cards, `${step} @ 1280: still cards`).toBe(0);
  expect(desk.visibleHeaders, `${step} @ 1280: header rows`).toBe(phone.cards);
}

describe('tables on a phone', () => {
  it('Data: files, column roles, column summary and VIF as cards', async () => {
    const page = await browser().open(PHONE);
    await loadDemo(page);
    await expectCards('data', 4);
    await browser().assertLayout('data @ 1280');
  });

  it('Data of a measurement workspace: long file paths wrap inside their cards', async () => {
    const page = browser().page;
    await page.setViewportSize(PHONE);
    await importFolder(page, path.join(REPO_ROOT, '../shared/data/synthetic/dev_workspace_hill'));
    await expectCards('workspace', 4);
    // Daily spend files are "daily", not "dayly".
    await expect(page.getByText('(daily)').first().isVisible()).resolves.toBe(true);
    // Back to the demo for the fit below.
    await loadDemo(page);
  });

  it('Results and Diagnostics of a short fit: parameters, convergence, chains, test statistics', async () => {
    const s = browser();
    const page = s.page;
    await startShortFit(page, 5);
    await waitResults(page);
    // The channel table (Roas.svelte) and the parameter table.
    await expectCards('results', 1);
    await page.locator('#tab-diagnostics').click();
    await page.getByTestId('convergence-table').waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Test statistics' }).waitFor({ timeout: 60_000 });
    await expectCards('diagnostics', 3);
    // The phone's sort control re-sorts the cards as the header buttons do.
    await page.setViewportSize(PHONE);
    await page.getByLabel('Sort by').selectOption('key:worst');
    const keys = await page.locator('[data-testid="convergence-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    expect(keys).toEqual([...keys].sort());
    // The hidden header's sort buttons leave the Tab order on a phone, and come back at 1280 px.
    const tabbable = () => page.locator('[data-testid="convergence-table"] thead button').evaluateAll((bs) => bs.filter((b) => (b as HTMLElement).tabIndex >= 0).length);
    await expect(tabbable()).resolves.toBe(0);
    await page.setViewportSize(DESKTOP);
    await expect.poll(tabbable).toBe(5);
    await page.setViewportSize(PHONE);
    await s.assertLayout('diagnostics @ 390');
    await s.assertAccessible('diagnostics @ 390');
  });
});
