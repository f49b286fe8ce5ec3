// The production build for a sub-path (CARRYOVER_BASE=/carryover/, as GitHub Pages serves
// a project site): every URL lives under the base, sw.js precaches every file the build
// wrote, the manifest resolves to the base, and index.html carries the Content-Security-
// Policy of issue 8 with no inline script anywhere.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUBPATH, subpathBuild } from './support/subpath-build';

let out = '';
let html = '';

beforeAll(async () => {
  out = await subpathBuild();
  html = readFileSync(path.join(out, 'index.html'), 'utf8');
}, 300_000);

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/** sw.js's precache list, read back from the generated script. */
function precached(): string[] {
  const sw = readFileSync(path.join(out, 'sw.js'), 'utf8');
  const m = /const __PRECACHE__ = (\[[\s\S]*?\]);/.exec(sw);
  expect(m, 'sw.js declares __PRECACHE__').not.toBeNull();
  return JSON.parse(m![1]) as string[];
}

/** The CSP meta tag's directives: name → sources. */
function csp(): Map<string, string[]> {
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  expect(m, 'index.html has a CSP meta tag').not.toBeNull();
  const out = new Map<string, string[]>();
  for (const part of m![1].split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name, sources);
  }
  return out;
}

describe('sub-path build', () => {
  it('puts every URL of index.html under the base', () => {
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(3);
    for (const u of urls) if (!u.startsWith('data:')) expect(u, u).toMatch(new RegExp(`^${SUBPATH}`));
    expect(html).toContain(`<link rel="manifest" href="${SUBPATH}manifest.webmanifest"`);
  });

  it('leaves no root-absolute path to a build file in the code (it would miss the base)', () => {
    for (const f of filesUnder(out).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(path.join(out, f), 'utf8');
      const bad = [...code.matchAll(/["'`]\/(assets|demo|holidays|icons)\//g)].map((m) => code.slice(m.index, m.index + 50));
      expect(bad, f).toEqual([]);
    }
  });

  it('precaches every file the build wrote (WASM, workers, Plotly, demo data, holidays, icons)', () => {
    const written = filesUnder(out)
      .filter((f) => f !== 'sw.js')
      .sort();
    expect(precached()).toEqual(['./', ...written]);
    const list = precached().join('\n');
    for (const re of [/assets\/engine-[\w-]+\.wasm/, /assets\/chain\.worker-[\w-]+\.js/, /assets\/parse\.worker-[\w-]+\.js/, /assets\/plotly-bundle-[\w-]+\.js/, /demo\/mmm_example\.csv/, /holidays\/holidays\.json/, /icons\/maskable-512\.png/, /manifest\.webmanifest/]) {
      expect(list).toMatch(re);
    }
  });

  it('is a production build that registers sw.js at the base', () => {
    // A development-mode build (NODE_ENV left at 'test') drops the registration as dead code.
    const code = filesUnder(out)
      .filter((f) => f.startsWith('assets/index-') && f.endsWith('.js'))
      .map((f) => readFileSync(path.join(out, f), 'utf8'))
      .join('\n');
    // Booleans, not toMatch: a failure would otherwise print the whole bundle.
    expect(/serviceWorker\.register\(/.test(code), 'serviceWorker.register( in the bundle').toBe(true);
    expect(/`\$\{\w+\}sw\.js`|["'`]\/carryover\/sw\.js["'`]/.test(code), 'the worker is sw.js under the base').toBe(true);
    expect(code.includes(`\`${SUBPATH}\``) || code.includes(`"${SUBPATH}"`), 'the base is /carryover/').toBe(true);
  });

  it('has a manifest whose start URL and scope are the base', () => {
    const manifestUrl = new URL(`${SUBPATH}manifest.webmanifest`, 'https://user.github.io');
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.webmanifest'), 'utf8'));
    expect(new URL(m.start_url, manifestUrl).pathname).toBe(SUBPATH);
    expect(new URL(m.scope, manifestUrl).pathname).toBe(SUBPATH);
    expect(m.display).toBe('standalone');
    expect(m.name).toMatch(/Carryover/);
    expect(m.short_name.length).toBeLessThanOrEqual(12);
    const theme = /<meta name="theme-color" content="([^"]+)"/.exec(html)?.[1];
    expect(m.theme_color).toBe(theme);
    for (const icon of m.icons) expect(filesUnder(out)).toContain(new URL(icon.src, manifestUrl).pathname.slice(SUBPATH.length));
  });
});

describe('Content-Security-Policy of the built page', () => {
  it('has the policy of issue 8', () => {
    const p = csp();
    expect(p.get('default-src')).toEqual(["'self'"]);
    expect(p.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(p.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(p.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(p.get('connect-src')).toEqual(["'self'"]);
    expect(p.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(p.get('manifest-src')).toEqual(["'self'"]);
    expect(p.get('object-src')).toEqual(["'none'"]);
  });

  it('allows no eval and no host outside the origin', () => {
    for (const [name, sources] of csp()) {
      expect(sources, name).not.toContain("'unsafe-eval'");
      for (const s of sources) expect(s, `${name} ${s}`).toMatch(/^('self'|'none'|'unsafe-inline'|'wasm-unsafe-eval'|data:|blob:)$/);
    }
    expect(csp().get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('has no inline script or inline event handler in index.html', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\ssrc="/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });
});
