// A service-worker global scope in a Node vm context, with an in-memory Cache Storage that
// follows the Cache API's matching rules that matter here (W3C Service Workers, "Request
// Matching": a query string matches only with ignoreSearch; a stored response carrying a
// `Vary` header matches a different request only with ignoreVary — our fake requests never
// carry the varied header, so any Vary means a miss without ignoreVary). The generated
// sw.js runs in it unchanged, so its install, activate, fetch and message handling can be
// checked without a browser.
import vm from 'node:vm';

export interface FakeRequestInit {
  method?: string;
  mode?: string;
  cache?: string;
}

export class FakeRequest {
  readonly method: string;
  readonly mode: string;
  readonly cache: string;
  constructor(
    readonly url: string,
    init: FakeRequestInit = {},
  ) {
    this.method = init.method ?? 'GET';
    this.mode = init.mode ?? 'cors';
    this.cache = init.cache ?? 'default';
  }
}

type Stored = { url: string; response: Response };

export class FakeCache {
  readonly entries: Stored[] = [];
  constructor(private readonly env: FakeSwEnv) {}

  async addAll(requests: FakeRequest[]): Promise<void> {
    // All or nothing, as the Cache API's addAll.
    const responses = await Promise.all(requests.map((r) => this.env.fetch(r)));
    const bad = responses.findIndex((r) => !r.ok);
    if (bad >= 0) throw new TypeError(`addAll: ${requests[bad].url} answered ${responses[bad].status}`);
    requests.forEach((r, i) => this.put(r, responses[i]));
  }

  put(req: FakeRequest | string, response: Response): void {
    const url = typeof req === 'string' ? req : req.url;
    const i = this.entries.findIndex((e) => e.url === url);
    if (i >= 0) this.entries.splice(i, 1);
    this.entries.push({ url, response });
  }

  async match(req: FakeRequest | string, opts: { ignoreSearch?: boolean; ignoreVary?: boolean } = {}): Promise<Response | undefined> {
    const strip = (u: string) => {
      const x = new URL(u);
      x.hash = '';
      if (opts.ignoreSearch) x.search = '';
      return x.href;
    };
    const want = strip(typeof req === 'string' ? req : req.url);
    const hit = this.entries.find((e) => strip(e.url) === want && (opts.ignoreVary || !e.response.headers.has('vary')));
    return hit?.response.clone();
  }

  urls(): string[] {
    return this.entries.map((e) => e.url).sort();
  }
}

export interface FetchEventResult {
  /** The promise given to respondWith, or undefined when the worker let the request through. */
  response?: Promise<Response>;
}

export class FakeSwEnv {
  readonly caches = new Map<string, FakeCache>();
  readonly fetched: FakeRequest[] = [];
  readonly listeners = new Map<string, Array<(e: unknown) => void>>();
  skipWaitingCalls = 0;
  claimCalls = 0;

  /**
   * @param scriptUrl where sw.js is served (its scope is its directory)
   * @param files what the network answers: URL → body; anything else is a 404
   */
  constructor(
    readonly scriptUrl: string,
    readonly files: Map<string, string>,
  ) {}

  get scope(): string {
    return new URL('./', this.scriptUrl).href;
  }

  fetch = async (req: FakeRequest | string): Promise<Response> => {
    const r = typeof req === 'string' ? new FakeRequest(req) : req;
    this.fetched.push(r);
    const body = this.files.get(new URL(r.url).href.replace(/[?#].*$/, ''));
    // Like `vite preview`: every response varies on Origin (TOOLCHAIN.md pitfall 9).
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { status: 200, headers: { vary: 'Origin' } });
  };

  /** Runs the worker script in a fresh context whose globals are this environment. */
  load(script: string): void {
    const env = this;
    const cacheStorage = {
      async open(name: string) {
        let c = env.caches.get(name);
        if (!c) env.caches.set(name, (c = new FakeCache(env)));
        return c;
      },
      async keys() {
        return [...env.caches.keys()];
      },
      async delete(name: string) {
        return env.caches.delete(name);
      },
    };
    const self = {
      location: new URL(this.scriptUrl),
      registration: { scope: this.scope },
      clients: { claim: async () => void env.claimCalls++ },
      skipWaiting: async () => void env.skipWaitingCalls++,
      addEventListener: (type: string, fn: (e: unknown) => void) => {
        env.listeners.set(type, [...(env.listeners.get(type) ?? []), fn]);
      },
    };
    const context = vm.createContext({ self, caches: cacheStorage, fetch: this.fetch, Request: FakeRequest, Response, URL, Promise, console });
    vm.runInContext(script, context, { filename: 'sw.js' });
  }

  /** Dispatches an extendable event (install, activate) and waits for its waitUntil promises. */
  async extendable(type: 'install' | 'activate'): Promise<void> {
    const waits: Promise<unknown>[] = [];
    for (const fn of this.listeners.get(type) ?? []) fn({ waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
  }

  dispatchFetch(req: FakeRequest): FetchEventResult {
    const out: FetchEventResult = {};
    for (const fn of this.listeners.get('fetch') ?? []) {
      fn({
        request: req,
        respondWith: (p: Promise<Response>) => {
          out.response = p;
        },
      });
    }
    return out;
  }

  message(data: unknown): void {
    for (const fn of this.listeners.get('message') ?? []) fn({ data });
  }
}
