// DbLink (src/store/connection.ts): the first loss is kept and told once; after it, calls are
// refused with that reason, and a request that threw InvalidStateError (what IndexedDB throws
// on a closed connection) is explained by the loss, not as unavailable storage.
import { describe, expect, it } from 'vitest';
import { DbLink, lostError } from '../../src/store/connection';

const closed = new DOMException('The database connection is closing.', 'InvalidStateError');

describe('DbLink', () => {
  it('before a loss: nothing refused, IndexedDB errors explained as before', () => {
    const link = new DbLink();
    expect(link.lost).toBeNull();
    expect(link.refuse('save the run')).toBeNull();
    expect(link.error(closed, 'save the run').message).toBe("The browser's storage is unavailable (InvalidStateError), so Carryover could not save the run.");
  });

  it('the first loss wins and is told once; later calls are refused with it', () => {
    const heard: string[] = [];
    const link = new DbLink({ lost: (r) => heard.push(r) });
    link.events.lost('upgraded');
    link.events.lost('terminated');
    expect(heard).toEqual(['upgraded']);
    expect(link.lost).toBe('upgraded');
    expect(link.refuse('open the run')).toEqual({
      message: 'Carryover was updated in another tab, so this tab could not open the run.',
      hint: 'Reload this tab to keep working; nothing saved is lost.',
      severity: 'error',
    });
    expect(link.error(closed, 'open the run')).toEqual(link.refuse('open the run'));
  });

  it('blocked is passed on as often as it comes; without listeners nothing throws', () => {
    let n = 0;
    const link = new DbLink({ blocked: () => n++ });
    link.events.blocked();
    link.events.blocked();
    expect(n).toBe(2);
    expect(link.lost).toBeNull();
    const bare = new DbLink();
    bare.events.blocked();
    bare.events.lost('deleted');
    expect(bare.lost).toBe('deleted');
  });

  it('each reason names its cause and what to do; without an action, the library as a whole', () => {
    expect(lostError('upgraded').message).toBe('Carryover was updated in another tab, so this tab can no longer read or save runs.');
    expect(lostError('deleted', 'list the saved runs').message).toBe('The runs library was deleted in another tab, so this tab could not list the saved runs.');
    expect(lostError('terminated').hint).toMatch(/^Reload this tab to keep working\. If site data was cleared, saved runs are gone/);
    for (const r of ['upgraded', 'deleted', 'terminated'] as const) expect(`${lostError(r).message} ${lostError(r).hint}`).not.toMatch(/unavailable|[Pp]rivate/);
  });
});
