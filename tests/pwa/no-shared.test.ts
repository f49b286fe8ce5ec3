// The selection of tests the Pages workflow runs (no-shared.ts) on a small made-up
// repository with known answers, then on this repository. The word is assembled at run
// time so that this file itself stays selectable.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { needsShared, stripComments, testsWithoutShared } from './no-shared';

const S = ['sha', 'red'].join('');
const root = mkdtempSync(path.join(tmpdir(), 'no-shared-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

write('src/types.ts', `// Names follow ../${S}/MODEL.md\n/* see ../../${S}/data */\nexport type X = 1;\n`);
write('tests/helpers/data.ts', `import type { X } from '../../src/types';\nexport const DIR = new URL('../../../${S}/data/', import.meta.url);\n`);
write('tests/helpers/pure.ts', `import { b } from './cycle-b';\nexport const a = 'http://example.com/' + b;\n`);
write('tests/helpers/cycle-b.ts', `import { a } from './pure';\nexport const b = /["'\`]/.source; export const c = () => a;\n`);
write('tests/one/uses-helper.test.ts', `import { DIR } from '../helpers/data';\n`);
write('tests/one/direct.test.ts', `const p = path.join(root, '..', '${S}', 'x.csv');\n`);
write('tests/one/comment-only.test.ts', `// reads nothing from ../${S}\nimport type { X } from '../../src/types';\nimport { a } from '../helpers/pure';\n`);
write('tests/two/dynamic.test.ts', `const m = await import('../helpers/data.js');\n`);
write('tests/two/clean.test.ts', `import { c } from '../helpers/cycle-b';\nconst s = "// not a comment";\n`);

describe('tests that run without the reference data folder', () => {
  it('blanks comments but keeps strings, templates and regular expressions', () => {
    expect(stripComments(`a // x\nb /* y */ c`)).toBe('a \nb   c');
    expect(stripComments(`'http://x' + "//y" + \`//z\``)).toBe(`'http://x' + "//y" + \`//z\``);
    expect(stripComments(`const r = /["'\`]/; // q`)).toBe(`const r = /["'\`]/; `);
    expect(stripComments(`x = a / b; // c`)).toBe('x = a / b; ');
  });

  it('follows relative imports transitively and ignores mentions in comments', () => {
    expect(testsWithoutShared(root)).toEqual(['tests/one/comment-only.test.ts', 'tests/two/clean.test.ts']);
  });

  it('counts a path in any string, even one that looks like a comment', () => {
    write('tests/three/string.test.ts', `const s = "// see ../${S}/x";\n`);
    expect(needsShared(path.join(root, 'tests/three/string.test.ts'))).toBe(true);
  });

  it('on this repository: keeps its own suites, drops the data suites', () => {
    const repo = path.resolve(__dirname, '../..');
    const picked = testsWithoutShared(repo);
    expect(picked).toContain('tests/pwa/no-shared.test.ts');
    expect(picked).toContain('tests/pwa/service-worker.test.ts');
    expect(picked).toContain('tests/pwa/workflow.test.ts');
    expect(picked).not.toContain('tests/browser/data.test.ts');
    expect(picked).not.toContain('tests/browser/privacy.test.ts');
  });
});
