// Registers sw.js (emitted by vite-plugins/service-worker.ts at the root of the build) for
// the base path, in production builds only: the dev server has no sw.js and must never be
// served stale files from a cache.
import type { RegistrationLike, UpdateState } from './update.svelte';

/** How often a long-open tab looks for a new version, at most (when it becomes visible). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

export type Registration = { ok: true } | { ok: false; reason: string };

export async function registerServiceWorker(updates: UpdateState): Promise<Registration> {
  if (!import.meta.env.PROD) return { ok: true };
  if (!('serviceWorker' in navigator)) {
    return { ok: false, reason: 'this browser (or a private window) does not allow service workers' };
  }
  const base = import.meta.env.BASE_URL;
  let reg: ServiceWorkerRegistration;
  try {
    reg = await navigator.serviceWorker.register(`${base}sw.js`, { scope: base });
  } catch (e) {
    return { ok: false, reason: (e as Error).message || String(e) };
  }
  // Some embedders (and Playwright's serviceWorkers: 'block') resolve register() with nothing.
  if (!reg) return { ok: false, reason: 'service workers are blocked here; the studio works but not offline' };
  updates.watch(reg as unknown as RegistrationLike, navigator.serviceWorker);
  let lastCheck = Date.now();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || Date.now() - lastCheck < CHECK_EVERY_MS) return;
    lastCheck = Date.now();
    // Offline, the check fails; that is expected and the current version keeps working.
    reg.update().catch(() => undefined);
  });
  return { ok: true };
}
