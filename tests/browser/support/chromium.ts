// Launches Debian's chromium through playwright-core (Playwright's own browser download
// is not reachable here). Flags from TOOLCHAIN.md "Browser testing": no sandbox (root in
// CI), no GPU, and nothing that phones home on its own (QUIC, sync, component updates),
// so that every request we record comes from the studio.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(): string {
  const fromEnv = process.env.CARRYOVER_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const p of CANDIDATES) if (existsSync(p)) return p;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const p = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (p) return p;
    } catch {
      /* not on PATH */
    }
  }
  throw new Error(
    'Chromium not found (looked at /usr/bin/chromium, /usr/bin/chromium-browser and PATH). ' +
      'Install Debian\'s package: `apt-get install -y chromium` (.ci/run does this), or set CARRYOVER_CHROMIUM to its path.',
  );
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
}
