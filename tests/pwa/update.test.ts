// The update flow's page side (src/pwa/update.svelte.ts) against a scripted service-worker
// lifecycle: the first install announces nothing; an update is announced, not forced; the
// switch is refused while a fit holds the busy flag and happens on the user's click once it
// is released; the page reloads only after the new worker took control.
import { describe, expect, it } from 'vitest';
import { BusyRegistry } from '../../src/pwa/busy.svelte';
import { SKIP_WAITING, UpdateState, type ContainerLike, type RegistrationLike, type WorkerLike } from '../../src/pwa/update.svelte';

class FakeWorker extends EventTarget implements WorkerLike {
  state = 'installing';
  readonly messages: unknown[] = [];
  postMessage(m: unknown) {
    this.messages.push(m);
  }
  to(state: string) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget implements RegistrationLike {
  waiting: FakeWorker | null = null;
  installing: FakeWorker | null = null;
  /** The browser found a new sw.js and starts installing it. */
  found(): FakeWorker {
    const w = new FakeWorker();
    this.installing = w;
    this.dispatchEvent(new Event('updatefound'));
    return w;
  }
  /** The install finished: the worker waits (a page is controlled by the old one). */
  installed(w: FakeWorker) {
    this.installing = null;
    this.waiting = w;
    w.to('installed');
  }
}

class FakeContainer extends EventTarget implements ContainerLike {
  constructor(public controller: unknown) {
    super();
  }
  takeControl(w: unknown) {
    this.controller = w;
    this.dispatchEvent(new Event('controllerchange'));
  }
}

function setup(controlled: boolean) {
  const busy = new BusyRegistry();
  let reloads = 0;
  const updates = new UpdateState(busy, () => reloads++);
  const reg = new FakeRegistration();
  const container = new FakeContainer(controlled ? { old: true } : null);
  updates.watch(reg, container);
  return { busy, updates, reg, container, reloads: () => reloads };
}

describe('busy flag', () => {
  it('is held until every holder released, and a double release is harmless', () => {
    const busy = new BusyRegistry();
    expect(busy.active).toBe(false);
    const a = busy.hold('a fit is running');
    const b = busy.hold('an import is running');
    expect(busy.reasons).toEqual(['a fit is running', 'an import is running']);
    a();
    a();
    expect(busy.active).toBe(true);
    expect(busy.reasons).toEqual(['an import is running']);
    b();
    expect(busy.active).toBe(false);
  });
});

describe('update announcements', () => {
  it('announce nothing on the first install, which claims the page', () => {
    const { updates, reg, container, reloads } = setup(false);
    const w = reg.found();
    reg.installed(w);
    w.to('activated');
    container.takeControl(w);
    expect(updates.visible).toBe(false);
    expect(updates.phase).toBe('idle');
    expect(reloads()).toBe(0);
    expect(w.messages).toEqual([]);
  });

  it('offer a waiting version, and switch only on the click', () => {
    const { updates, reg, container, reloads } = setup(true);
    const w = reg.found();
    expect(updates.visible).toBe(false);
    reg.installed(w);
    expect(updates.phase).toBe('ready');
    expect(updates.visible).toBe(true);
    expect(w.messages).toEqual([]);
    expect(updates.apply()).toBe(true);
    expect(w.messages).toEqual([SKIP_WAITING]);
    expect(updates.phase).toBe('applying');
    expect(reloads()).toBe(0); // not before the new worker controls the page
    container.takeControl(w);
    expect(reloads()).toBe(1);
  });

  it('refuse to switch while a fit runs, then switch once it is done', () => {
    const { busy, updates, reg, container, reloads } = setup(true);
    const release = busy.hold('a fit is running');
    const w = reg.found();
    reg.installed(w);
    expect(updates.visible).toBe(true);
    expect(updates.blocked).toBe(true);
    expect(updates.apply()).toBe(false);
    expect(w.messages).toEqual([]);
    expect(updates.phase).toBe('ready');
    release();
    expect(updates.blocked).toBe(false);
    expect(updates.apply()).toBe(true);
    container.takeControl(w);
    expect(reloads()).toBe(1);
  });

  it('pick up a version that was already waiting when the page loaded', () => {
    const busy = new BusyRegistry();
    const updates = new UpdateState(busy, () => undefined);
    const reg = new FakeRegistration();
    const w = new FakeWorker();
    w.state = 'installed';
    reg.waiting = w;
    updates.watch(reg, new FakeContainer({ old: true }));
    expect(updates.phase).toBe('ready');
    updates.apply();
    expect(w.messages).toEqual([SKIP_WAITING]);
  });

  it('"Later" hides the banner until the next version; a superseded version is withdrawn', () => {
    const { updates, reg } = setup(true);
    const w1 = reg.found();
    reg.installed(w1);
    updates.dismiss();
    expect(updates.visible).toBe(false);
    w1.to('redundant');
    expect(updates.phase).toBe('idle');
    expect(updates.apply()).toBe(false);
    const w2 = reg.found();
    reg.installed(w2);
    expect(updates.visible).toBe(true);
    updates.apply();
    expect(w1.messages).toEqual([]);
    expect(w2.messages).toEqual([SKIP_WAITING]);
  });

  it('say so when another tab switched versions, and reload only on the click', () => {
    const { updates, container, reloads, busy } = setup(true);
    container.takeControl({ newer: true });
    expect(updates.phase).toBe('elsewhere');
    expect(updates.visible).toBe(true);
    expect(reloads()).toBe(0);
    const release = busy.hold('a fit is running');
    expect(updates.apply()).toBe(false);
    release();
    expect(updates.apply()).toBe(true);
    expect(reloads()).toBe(1);
  });
});
