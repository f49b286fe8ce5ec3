// Which test files can run without the reference data in ../shared (the GitHub Pages
// workflow has only the repository). A test file needs it when it, or any repository file
// it imports through relative paths (helpers, fixtures, transitively), names a path into
// ../shared in its code. Comments are ignored (many files cite ../shared/MODEL.md); string
// literals count whatever they are used for, so the scan errs on the side of "needs
// shared": a wrongly excluded suite only loses coverage on Pages, a wrongly included one
// would fail there.
//
// Used by tests/pwa/list-no-shared.mjs, which prints the list for `vitest run`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** '../shared', '../../../shared/data', path.join(root, '..', 'shared'), …  */
export const SHARED_REFERENCE = /(?:\.\.\/)+shared\b|(["'`])shared\1|(["'`])shared\//;

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bnew\s+URL\s*\(\s*|\brequire\s*\(\s*)(["'`])(\.{1,2}\/[^"'`]+)\1/g;
const EXTENSIONS = ['', '.ts', '.svelte.ts', '.js', '.mjs', '/index.ts'];

/** The file a relative specifier names, or null (a directory, a missing file, a URL to data). */
export function resolveImport(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [...EXTENSIONS.map((e) => base + e), base.replace(/\.js$/, '.ts')];
  for (const c of candidates) if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

/** Relative imports of one source file. */
export function relativeImports(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const r = resolveImport(file, m[2]);
    if (r && /\.(ts|js|mjs|svelte)$/.test(r)) out.push(r);
  }
  return out;
}

/**
 * The source with its comments blanked out (strings, template literals and regular
 * expression literals kept), so that `'http://x'` or `/["']/` is not taken for a comment.
 * A `/` starts a regular expression when the previous significant character cannot end an
 * operand (the usual tokenizer heuristic; ECMA-262 §12 leaves it to the grammar).
 */
export function stripComments(src: string): string {
  let out = '';
  let i = 0;
  let prev = '';
  const n = src.length;
  while (i < n) {
    const c = src[i];
    const d = src[i + 1];
    if (c === '/' && d === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && d === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      out += ' ';
      continue;
    }
    if (c === '"' || c === "'" || c === '`' || (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev)))) {
      let j = i + 1;
      let inClass = false;
      while (j < n) {
        const e = src[j];
        if (e === '\\') j += 2;
        else if (c === '/' && e === '[') (inClass = true), j++;
        else if (c === '/' && e === ']') (inClass = false), j++;
        else if (e === c && !inClass) break;
        else if (e === '\n' && c !== '`') break;
        else j++;
      }
      out += src.slice(i, j + 1);
      i = j + 1;
      prev = 'a';
      continue;
    }
    out += c;
    if (!/\s/.test(c)) prev = c;
    i++;
  }
  return out;
}

/** Whether `file` or anything it reaches through relative imports refers to ../shared. */
export function needsShared(file: string, memo = new Map<string, boolean>()): boolean {
  const known = memo.get(file);
  if (known !== undefined) return known;
  memo.set(file, false); // cycles: a module does not need shared through itself
  const code = stripComments(readFileSync(file, 'utf8'));
  const result = SHARED_REFERENCE.test(code) || relativeImports(file, code).some((dep) => needsShared(dep, memo));
  memo.set(file, result);
  return result;
}

/** Every test file vitest would run (tests/**\/*.test.ts), relative to `root`, sorted. */
export function allTestFiles(root: string, dir = 'tests'): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir)).sort()) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...allTestFiles(root, rel));
    else if (name.endsWith('.test.ts')) out.push(rel);
  }
  return out;
}

/** The test files that need nothing from ../shared. */
export function testsWithoutShared(root: string): string[] {
  const memo = new Map<string, boolean>();
  return allTestFiles(root).filter((f) => !needsShared(path.join(root, f), memo));
}
