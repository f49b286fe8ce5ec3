// The parse worker in a real browser: client.ts and parse.worker.ts bundled by Vite (as the
// app bundles them), driven in Debian's chromium. Checks a File read in the worker, the
// progress proxy, Float64Arrays transferred back, the same fingerprint as in Node, and an
// abort that terminates the worker. Skipped where no chromium is installed.
import { existsSync, mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { sharedFile } from './helpers';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(__dirname, '../..');

const PAGE = `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><script type="module">
import { DataClient } from './client.js';
const client = new DataClient();
const text = await (await fetch('./mmm_example.csv')).text();
const progress = [];
try {
  const parsed = await client.parse({ files: [new File([text], 'mmm_example.csv')], onProgress: (p) => progress.push(p.phase) });
  const built = await client.buildDataset(parsed, await client.detectRoles(parsed));
  const ac = new AbortController();
  const pending = client.parse({ files: [{ name: 'a.csv', text }], signal: ac.signal });
  ac.abort();
  let aborted = '';
  try { await pending; } catch (e) { aborted = e.name; }
  let stale = '';
  try { await client.detectRoles(parsed); } catch (e) { stale = e.message; }
  const again = await client.parse({ files: [{ name: 'b.csv', text }] });
  window.result = { format: parsed.format, rows: built.dataset.dates.length, fingerprint: built.dataset.fingerprint,
    typed: built.dataset.target.values instanceof Float64Array, progress, aborted, stale, again: again.format };
} catch (e) { window.result = { error: String(e) }; }
</script></body></html>`;

describe.skipIf(!existsSync(CHROMIUM))('parse worker in chromium', () => {
  const out = mkdtempSync(join(tmpdir(), 'carryover-data-'));
  let server: Server | undefined;
  afterAll(() => {
    server?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('parses, builds, transfers and aborts through the Comlink client', async () => {
    await build({
      root: ROOT,
      configFile: false,
      logLevel: 'error',
      publicDir: false,
      worker: { format: 'es' },
      build: { outDir: out, emptyOutDir: true, lib: { entry: join(ROOT, 'src/data/client.ts'), formats: ['es'], fileName: 'client' } },
    });
    writeFileSync(join(out, 'index.html'), PAGE);
    cpSync(join(ROOT, 'public/demo/mmm_example.csv'), join(out, 'mmm_example.csv'));
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.csv': 'text/csv' };
    server = createServer(async (req, res) => {
      try {
        const body = await readFile(join(out, (req.url ?? '/').split('?')[0]));
        res.writeHead(200, { 'content-type': types[extname(req.url ?? '')] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    }).listen(0);
    await new Promise((r) => server!.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    try {
      const page = await browser.newPage();
      await page.goto(`http://localhost:${port}/index.html`);
      await page.waitForFunction(() => (window as unknown as { result?: unknown }).result, null, { timeout: 60_000 });
      const result = await page.evaluate(() => (window as unknown as { result: Record<string, unknown> }).result);
      const file = sharedFile('pymc-marketing/mmm_example.csv');
      const p = parseFiles([file]);
      const node = buildDataset(p, detectRoles(p)).dataset!;
      expect(result).toEqual({
        format: 'wide',
        rows: 179,
        fingerprint: node.fingerprint, // same bytes hashed in the browser and in Node
        typed: true,
        progress: expect.arrayContaining(['reading', 'done']),
        aborted: 'AbortError',
        stale: expect.stringMatching(/parse the files again/),
        again: 'wide',
      });
    } finally {
      await browser.close();
    }
  }, 120_000);
});
