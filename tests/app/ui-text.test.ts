// What the studio says on screen cites no internal document: a user has no MODEL.md (the
// Calibration area said "the likelihood term of MODEL.md §6"). Markup of every component,
// outside its script, style and HTML comments, is checked; code comments may cite it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const APP = path.resolve(__dirname, '../../src/app');

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? svelteFiles(p) : p.endsWith('.svelte') ? [p] : [];
  });
}

/** The component's markup: script and style blocks and HTML comments removed. */
export function markupOf(source: string): string {
  return source
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
}

describe('on-screen text', () => {
  const files = svelteFiles(APP);
  it('finds the components', () => expect(files.length).toBeGreaterThan(50));
  it('the markup helper keeps text and drops script, style and comments', () => {
    expect(markupOf('<script>// MODEL.md</script><!-- MODEL.md --><p>x</p><style>/* MODEL.md */</style>')).toBe('<p>x</p>');
  });
  for (const f of files) {
    it(`${path.relative(APP, f)} cites no MODEL.md`, () => {
      expect(markupOf(readFileSync(f, 'utf8'))).not.toMatch(/MODEL\.md/);
    });
  }
});
