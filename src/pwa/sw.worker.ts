// Carryover's service worker (issue 8): after one visit the studio loads and fits with the
// network off. It is a classic script, not a module (module service workers are not
// supported everywhere), so it imports nothing. vite-plugins/service-worker.ts strips the
// types and prepends the two constants below, computed from the build's files.
//
// Strategy (TOOLCHAIN.md "Offline and GitHub Pages"): precache every file of the build at
// install, serve cache-first, delete this deployment's older caches at activate. A new
// version waits until the page asks it to take over (message 'skip-waiting'), which the
// page does only when the user clicks and no fit is running (src/pwa/update.svelte.ts).

/** Paths of every file of the build, relative to this script (e.g. 'assets/index-X.js'). */
declare const __PRECACHE__: readonly string[];
/** Hash of every precached file's name and bytes: changes whenever any file changes. */
declare const __BUILD_HASH__: string;

const sw = self as unknown as ServiceWorkerGlobalScope;

// Several copies of the studio can share one origin (user.github.io/a/ and /b/): caches are
// named per scope so one deployment never deletes another's.
const CACHE_PREFIX = `carryover:${sw.registration.scope}:`;
const CACHE_NAME = CACHE_PREFIX + __BUILD_HASH__;
const SHELL_URL = new URL('index.html', sw.location.href).href;

sw.addEventListener('install', (event) => {
  event.waitUntil(precacheAll());
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(deleteOldCaches().then(() => sw.clients.claim()));
});

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data && data.type === 'skip-waiting') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  // Only this origin's GETs: nothing else is ours to answer (and nothing else is requested).
  if (req.method !== 'GET' || new URL(req.url).origin !== sw.location.origin) return;
  event.respondWith(respond(req));
});

/** Downloads every file of the build into a fresh cache; any failure fails the install. */
async function precacheAll(): Promise<void> {
  const cache = await caches.open(CACHE_NAME);
  // cache: 'reload' bypasses the HTTP cache, so a new version never stores a stale file.
  const requests = __PRECACHE__.map((p) => new Request(new URL(p, sw.location.href).href, { cache: 'reload' }));
  await cache.addAll(requests);
}

async function deleteOldCaches(): Promise<void> {
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE_NAME).map((k) => caches.delete(k)));
}

/**
 * Cache first. ignoreSearch: a query string never defeats the cache (?v=, #step links);
 * ignoreVary: `vite preview` and some hosts send `Vary: Origin`, which would make module
 * scripts miss (TOOLCHAIN.md pitfall 9). A page navigation that is not a file of the build
 * gets the app shell; anything else not cached goes to the network.
 */
async function respond(req: Request): Promise<Response> {
  const cache = await caches.open(CACHE_NAME);
  const hit = await cache.match(req, { ignoreSearch: true, ignoreVary: true });
  if (hit) return hit;
  if (req.mode === 'navigate' && req.url.startsWith(sw.registration.scope)) {
    const shell = await cache.match(SHELL_URL, { ignoreVary: true });
    if (shell) return shell;
  }
  return fetch(req);
}
