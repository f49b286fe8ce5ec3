// The GitHub Pages workflow (.github/workflows/pages.yml), parsed with a small YAML reader
// (support/mini-yaml.ts, itself checked first on documents with known values): triggers,
// token permissions, one deployment at a time, the official Pages actions in order, the
// build for the repository's base path, and the tests that need no ../shared.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml, type YamlValue } from './support/mini-yaml';

const WORKFLOW = path.resolve(__dirname, '../../.github/workflows/pages.yml');

describe('mini YAML reader', () => {
  it('reads nested mappings, sequences of mappings, quoting, comments and core-schema scalars', () => {
    const doc = [
      '# a comment',
      'name: "Deploy # not a comment"',
      'on:',
      '  push:',
      '    branches: [main, "release"]',
      '  workflow_dispatch:',
      'n: 22',
      'flag: true',
      "quoted: 'it''s'",
      'expr: ${{ steps.a.outputs.b }}/',
      'steps:',
      '  - name: one   # trailing comment',
      '    with:',
      '      path: dist',
      '  - run: echo hi',
      'list:',
      '- a',
      '- 3',
      '-',
      '  - nested',
    ].join('\n');
    expect(parseYaml(doc)).toEqual({
      name: 'Deploy # not a comment',
      on: { push: { branches: ['main', 'release'] }, workflow_dispatch: null },
      n: 22,
      flag: true,
      quoted: "it's",
      expr: '${{ steps.a.outputs.b }}/',
      steps: [{ name: 'one', with: { path: 'dist' } }, { run: 'echo hi' }],
      list: ['a', 3, ['nested']],
    });
  });

  it('reads literal and folded block scalars with their chomping', () => {
    const doc = ['a: |', '  x=1', '  # kept: inside a block', '', '  y=2', 'b: >-', '  one', '  two', 'c: 1'].join('\n');
    expect(parseYaml(doc)).toEqual({ a: 'x=1\n# kept: inside a block\n\ny=2\n', b: 'one two', c: 1 });
  });

  it('names the line of what it cannot read instead of guessing', () => {
    expect(() => parseYaml('a: 1\n  b: 2')).toThrow(/line 2/);
    expect(() => parseYaml('a: &anchor 1')).toThrow(/line 1: unsupported/);
    expect(() => parseYaml('a: {b: 1}')).toThrow(/line 1: unsupported/);
    expect(() => parseYaml('a: 1\na: 2')).toThrow(/line 2: duplicate key a/);
    expect(() => parseYaml('a:\n\t- b')).toThrow(/line 2: tabs/);
  });
});

type Map_ = { [k: string]: YamlValue };
const asMap = (v: YamlValue | undefined, what: string): Map_ => {
  expect(v !== null && typeof v === 'object' && !Array.isArray(v), `${what} is a mapping`).toBe(true);
  return v as Map_;
};

describe('GitHub Pages workflow', () => {
  const wf = asMap(parseYaml(readFileSync(WORKFLOW, 'utf8')), 'workflow');
  const jobs = asMap(wf.jobs, 'jobs');
  const build = asMap(jobs.build, 'jobs.build');
  const deploy = asMap(jobs.deploy, 'jobs.deploy');
  const steps = (job: Map_) => (job.steps as YamlValue[]).map((s, i) => asMap(s, `step ${i}`));
  const uses = (job: Map_) => steps(job).flatMap((s) => (typeof s.uses === 'string' ? [s.uses.split('@')[0]] : []));
  const stepUsing = (job: Map_, action: string) => steps(job).find((s) => typeof s.uses === 'string' && s.uses.startsWith(`${action}@`));

  it('runs on pushes to main and by hand', () => {
    const on = asMap(wf.on, 'on');
    expect(asMap(on.push, 'on.push').branches).toEqual(['main']);
    expect('workflow_dispatch' in on).toBe(true);
  });

  it('grants exactly what Pages deployment needs, one deployment at a time', () => {
    expect(wf.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    expect(wf.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
  });

  it('builds with the official actions in order, pinned to a major version', () => {
    expect(uses(build)).toEqual(['actions/checkout', 'actions/setup-node', 'actions/configure-pages', 'actions/upload-pages-artifact']);
    for (const s of [...steps(build), ...steps(deploy)]) if (typeof s.uses === 'string') expect(s.uses).toMatch(/@v\d+$/);
    const node = asMap(stepUsing(build, 'actions/setup-node')!.with, 'setup-node with');
    expect(Number(node['node-version'])).toBeGreaterThanOrEqual(20);
    expect(asMap(stepUsing(build, 'actions/upload-pages-artifact')!.with, 'upload with').path).toBe('dist');
  });

  it('installs from the lockfile, runs the tests that need no reference data, then builds for the Pages base path', () => {
    const runs = steps(build).map((s) => (typeof s.run === 'string' ? s.run : ''));
    const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
    const install = at(/^npm ci\b/m);
    const test = at(/node tests\/pwa\/list-no-shared\.mjs/);
    const site = steps(build).findIndex((s) => s.env && typeof asMap(s.env, 'env').CARRYOVER_BASE === 'string');
    const upload = steps(build).indexOf(stepUsing(build, 'actions/upload-pages-artifact')!);
    const configure = steps(build).indexOf(stepUsing(build, 'actions/configure-pages')!);
    expect(install).toBeGreaterThanOrEqual(0);
    expect(runs[test]).toMatch(/npx vitest run \$files/);
    expect([install < test, test < site, configure < site, site < upload]).toEqual([true, true, true, true]);
    const siteStep = steps(build)[site];
    const pagesId = stepUsing(build, 'actions/configure-pages')!.id;
    expect(asMap(siteStep.env, 'env').CARRYOVER_BASE).toBe(`\${{ steps.${pagesId}.outputs.base_path }}/`);
    expect(siteStep.run).toMatch(/^npx vite build$/);
  });

  it('deploys the uploaded site to the github-pages environment', () => {
    expect(deploy.needs).toBe('build');
    const step = stepUsing(deploy, 'actions/deploy-pages')!;
    expect(step).toBeDefined();
    expect(deploy.environment).toEqual({ name: 'github-pages', url: `\${{ steps.${step.id}.outputs.page_url }}` });
  });
});
