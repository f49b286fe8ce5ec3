// Hostile input (issue 8): a CSV whose file name, headers and text cells are XSS payloads
// (support/hostile.ts) goes through the studio — import, roles, model, a short fit, the
// results charts, the Optimize step, the runs library, the export — and then through the
// executive report the studio builds and downloads, opened in Chromium on its own. Nothing may
// run (window.__xss stays unset, no dialog), nothing a payload could arm may exist in the
// DOM, and the payloads must show up as text. The harness also fails on any CSP violation,
// which an injected inline handler would raise even though the CSP stops it running.
import type { Dialog, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { useBrowser } from './harness';
import { downloadReport, exportNewestRun, importFiles, startShortFit, waitResults } from './support/flows';
import { HOSTILE_FILE, PAYLOADS, hostileCsv, inertReport } from './support/hostile';

const browser = useBrowser();
const dialogs: string[] = [];
/** The executive report the studio downloaded for the hostile run. */
let report: { name: string; text: string } | null = null;

beforeAll(() => {
  browser().context.on('dialog', (d: Dialog) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
});

async function expectInert(page: Page, where: string): Promise<string> {
  const r = await page.evaluate(inertReport);
  expect(r.flag, `${where}: a payload ran`).toBeUndefined();
  expect(r.armed, `${where}: armed elements`).toEqual([]);
  expect(dialogs, `${where}: dialogs`).toEqual([]);
  return r.text;
}

describe('XSS payloads in a CSV stay text in the studio', () => {
  it('import: file name, column names and cell values are shown as text', async () => {
    const page = await browser().open();
    await importFiles(page, [{ name: HOSTILE_FILE, mimeType: 'text/csv', buffer: Buffer.from(hostileCsv()) }]);
    const text = await expectInert(page, 'data step');
    // The names are on the page as the user wrote them (escaped, not dropped).
    expect(text).toContain(PAYLOADS.img);
    expect(text).toContain(PAYLOADS.attr);
    expect(text).toContain(PAYLOADS.jsUrl);
    expect(text).toContain(HOSTILE_FILE.replace(/\.csv$/, ''));
    await browser().drawAllPlots();
    await expectInert(page, 'data step with charts');
  });

  it('model step, a short fit and its results charts', async () => {
    const page = browser().page;
    await startShortFit(page, 5);
    expect(await waitResults(page)).toBeGreaterThan(0);
    await browser().drawAllPlots();
    const text = await expectInert(page, 'results');
    expect(text).toContain(PAYLOADS.img);
    await page.locator('#tab-model').click();
    await page.getByRole('heading', { name: '2 · Model' }).waitFor();
    await browser().drawAllPlots();
    expect(await expectInert(page, 'model step')).toContain(PAYLOADS.attr);
  });

  it('Optimize step and the report download', async () => {
    const page = browser().page;
    report = await downloadReport(page);
    await browser().drawAllPlots();
    expect(await expectInert(page, 'optimize step')).toContain(PAYLOADS.img);
  });

  it('runs library and the exported run file', async () => {
    const page = browser().page;
    const download = await exportNewestRun(page);
    await expectInert(page, 'runs library');
    // The file keeps the names verbatim: it is data, for the studio to read back as text.
    const body = readFileSync(await download.path(), 'utf8');
    expect(body).toContain(JSON.stringify(PAYLOADS.img).slice(1, -1));

  });
});

describe('XSS payloads in the downloaded executive report stay text', () => {
  it('opened in the browser: nothing runs, nothing is armed, the names read as text', async () => {
    // Its own context: the report is a file a reader opens on their machine, not part of the app.
    const context = await browser().browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const violations: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(`report ${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
    await page.exposeBinding('__reportCsp', (_src, v: string) => void violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __reportCsp(v: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`));
    });
    try {
      expect(report, 'the studio tests above downloaded the report').not.toBeNull();
      await page.setContent(report!.text, { waitUntil: 'load' });
      await page.waitForTimeout(300); // let any error/load handler fire
      const text = await expectInert(page, 'report');
      expect(text).toContain(PAYLOADS.img);
      expect(text).toContain(PAYLOADS.attr);
      expect(violations).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
