// The session save is debounced (400 ms after the last change), so a change made just
// before a reload or a tab close was lost. SessionSync writes the pending state at once when
// the page is hidden (pagehide; visibilitychange to hidden). Here in Node, with a store that
// records what it is given and stand-ins for window and document (runes do not run in Node,
// so the states are handed to `changed` as the studio's effect does); the Chromium test
// s5-g-session-flush reloads the built studio right after an edit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FitRunner } from '../../src/app/fit/runner';
import { SessionSync, type SessionSnapshot } from '../../src/app/state/session.svelte';
import { Studio } from '../../src/app/state/studio.svelte';
import type { NoteStorage } from '../../src/app/state/session-note';
import { loadDataset, type RunRecord, type SessionInput, type SessionRecord, type SessionStore } from '../../src/store';

const run = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;

/** sessionStorage as a Map. */
function memoryStorage(): NoteStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

const runner: FitRunner = { run: () => Promise.reject(new Error('no fits in this test')) };

function setup(stored: SessionRecord | null = null) {
  const saved: SessionInput[] = [];
  const notes = memoryStorage();
  const store = {
    load: () => Promise.resolve(stored),
    save: (r: SessionInput) => (saved.push(r), Promise.resolve({ ok: true as const, value: undefined })),
  } as unknown as SessionStore;
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const win = new EventTarget();
  const studio = new Studio(runner);
  const sync = new SessionSync(studio, { open: () => Promise.resolve(store), page: { window: win, document: doc }, notes });
  const state = (seed: number): SessionSnapshot => ({ dataset: null, origin: null, spec: null, preset: 'pymc', settings: { ...studio.fit.settings, seed }, current_run_id: null });
  const setVisibility = (v: 'hidden' | 'visible') => {
    doc.visibilityState = v;
    doc.dispatchEvent(new Event('visibilitychange'));
  };
  const seeds = () => saved.map((s) => s.settings?.seed);
  return { sync, studio, win, notes, state, setVisibility, seeds };
}

/** Lets the save's awaits (store open, put) run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('session saves', () => {
  it('are debounced: one save of the latest state, 400 ms after the last change', async () => {
    const { sync, state, seeds } = setup();
    sync.changed(state(1));
    vi.advanceTimersByTime(300);
    sync.changed(state(2));
    vi.advanceTimersByTime(399);
    await settle();
    expect(seeds()).toEqual([]);
    vi.advanceTimersByTime(1);
    await settle();
    expect(seeds()).toEqual([2]);
  });

  it('are written at once on visibilitychange to hidden, once; not when the page becomes visible', async () => {
    const { sync, state, setVisibility, seeds } = setup();
    const stop = sync.listen();
    sync.changed(state(4242));
    vi.advanceTimersByTime(100);
    setVisibility('visible');
    await settle();
    expect(seeds()).toEqual([]);
    setVisibility('hidden');
    await settle();
    expect(seeds()).toEqual([4242]);
    // The debounced save it replaced does not write the same state again, nor does hiding again.
    vi.advanceTimersByTime(1000);
    setVisibility('visible');
    setVisibility('hidden');
    await settle();
    expect(seeds()).toEqual([4242]);
    stop();
  });

  it('are written at once on pagehide (a reload), with the latest state; not after the stopper ran', async () => {
    const { sync, win, state, seeds } = setup();
    const stop = sync.listen();
    sync.changed(state(11));
    sync.changed(state(12));
    win.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(seeds()).toEqual([12]);

    stop();
    sync.changed(state(13));
    win.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(seeds()).toEqual([12]); // no listener now: the debounce alone saves it
    vi.advanceTimersByTime(400);
    await settle();
    expect(seeds()).toEqual([12, 13]);
  });
});

describe('the note left at pagehide for the reload (session-note.ts)', () => {
  const saved: SessionRecord = {
    session_version: 1,
    saved_at: '2026-11-23T08:00:00Z',
    dataset: run.dataset,
    origin: { kind: 'demo' },
    spec: run.inference_data.attrs.model,
    preset: 'pymc',
    settings: { seed: 5 },
    current_run_id: null,
  };
  const edited = { ...run.inference_data.attrs.model, l_max: run.inference_data.attrs.model.l_max + 3 };

  it('is written at pagehide with the pending state, and restored over the saved session once', async () => {
    const first = setup();
    const stop = first.sync.listen();
    first.sync.changed({ dataset: loadDataset(run.dataset), origin: null, spec: edited, preset: 'custom', settings: { ...first.studio.fit.settings, seed: 77 }, current_run_id: null });
    first.win.dispatchEvent(new Event('pagehide'));
    stop();
    expect(first.notes.items.size).toBe(1);

    // The reload: the same tab's storage, the saved session from before the change.
    const next = setup(saved);
    for (const [k, v] of first.notes.items) next.notes.setItem(k, v);
    await next.sync.restore();
    expect(next.studio.data.dataset?.fingerprint).toBe(run.dataset.fingerprint);
    expect(next.studio.model.spec?.l_max).toBe(edited.l_max);
    expect(next.studio.model.preset).toBe('custom');
    expect(next.studio.fit.settings.seed).toBe(77);
    expect(next.notes.items.size).toBe(0); // read once: a later reload goes by the saved session
  });

  it('gives the model back only onto the dataset it was made for; the sampler settings always', async () => {
    const { sync, studio, notes } = setup(saved);
    notes.setItem('carryover.session-pending', JSON.stringify({ dataset: 'another dataset', spec: edited, preset: 'custom', settings: { seed: 78, chains: 'many' }, current_run_id: null }));
    await sync.restore();
    expect(studio.model.spec?.l_max).toBe(saved.spec!.l_max);
    expect(studio.model.preset).toBe('pymc');
    expect(studio.fit.settings.seed).toBe(78);
    expect(studio.fit.settings.chains).not.toBe('many'); // a bad field is left out, as in stored preferences
  });

  it('no pending change at pagehide: no note; a damaged note is dropped', async () => {
    const { sync, win, notes, studio } = setup(saved);
    const stop = sync.listen();
    win.dispatchEvent(new Event('pagehide'));
    stop();
    expect(notes.items.size).toBe(0);
    notes.setItem('carryover.session-pending', '{"dataset": 3');
    await sync.restore();
    expect(studio.model.spec?.l_max).toBe(saved.spec!.l_max);
    expect(notes.items.size).toBe(0);
  });

  it('is dropped when the page comes back from the back/forward cache, and the state saved the usual way', async () => {
    const { sync, win, notes, state, seeds } = setup(saved);
    const stop = sync.listen();
    sync.changed(state(31));
    win.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(seeds()).toEqual([31]);
    expect(notes.items.size).toBe(1);
    const show = Object.assign(new Event('pageshow'), { persisted: true });
    win.dispatchEvent(show);
    expect(notes.items.size).toBe(0); // a later reload goes by the saves, not this note
    vi.advanceTimersByTime(400);
    await settle();
    expect(seeds()).toEqual([31, 31]);
    stop();
  });
});
