import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crmSections } from '../../entrypoints/options/crm';
import { connectionChecks } from '../../lib/crm/checks';
import { crmConnectors } from '../../lib/crm/connectors';
import { crmKinds, crmSettingsKinds } from '../../lib/crm/settings';
import { pageReaders } from '../../lib/extract';
import { extractorIds, type ExtractorId } from '../../lib/extract/types';
import vitestConfig from '../../vitest.config';

// The project's shape, checked so that it does not drift: every reader and every CRM has all its
// parts, the test globs find tests, every dependency is used, and no source file holds two ideas.
// docs/architecture.md says what each rule is for.

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((path) => path && existsSync(join(root, path)));

/** Every extractor id a golden draft names as the source of one of its fields. */
function idsInGoldens(): Set<string> {
  const ids = new Set<string>();
  for (const dir of ['tests/fixtures/pages', 'tests/fixtures/texts', 'tests/fixtures/badges']) {
    for (const name of readdirSync(join(root, dir)).filter((file) => file.endsWith('.expected.json'))) {
      // A badge's golden keeps its payload's format beside the draft.
      const golden = JSON.parse(read(`${dir}/${name}`)) as { fieldSources: Record<string, string> } | { draft: { fieldSources: Record<string, string> } };
      const draft = 'draft' in golden ? golden.draft : golden;
      for (const id of Object.values(draft.fieldSources)) ids.add(id);
    }
  }
  return ids;
}

describe('page readers', () => {
  const inGoldens = idsInGoldens();
  it.each([...extractorIds])('%s has its reader and a golden fixture whose draft it fills', (id: ExtractorId) => {
    if (id === 'contact-text') expect(existsSync(join(root, 'lib/extract/contact-text.ts'))).toBe(true);
    else if (id === 'badge-code') expect(existsSync(join(root, 'lib/scan/payload.ts'))).toBe(true);
    else {
      expect(pageReaders[id].id).toBe(id);
      expect(existsSync(join(root, `lib/extract/${id}.ts`)), `lib/extract/${id}.ts`).toBe(true);
    }
    expect(inGoldens.has(id), `no golden draft under tests/fixtures has a field read by ${id}`).toBe(true);
  });

  it('names no reader that is not an extractor id', () => {
    for (const id of inGoldens) expect(extractorIds).toContain(id);
  });
});

describe('CRMs', () => {
  const crmDoc = read('docs/crms.md');
  it.each([...crmKinds])('%s has every piece', (kind) => {
    const label = crmSettingsKinds[kind].label;
    expect(crmConnectors[kind].batchSize).toBeGreaterThan(0);
    expect(typeof crmConnectors[kind].send).toBe('function');
    expect(crmSettingsKinds[kind].schema).toBeDefined();
    expect(typeof connectionChecks[kind]).toBe('function');
    expect(crmSections[kind]).toBeDefined();
    for (const file of ['settings.ts', 'form.ts', 'connector.ts', 'check.ts', 'connector.test.ts']) {
      expect(existsSync(join(root, 'lib/crm', kind, file)), `lib/crm/${kind}/${file}`).toBe(true);
    }
    const fields = `entrypoints/options/crm/${kind[0]!.toUpperCase()}${kind.slice(1)}Fields.tsx`;
    expect(existsSync(join(root, fields)), fields).toBe(true);
    expect(crmDoc, `docs/crms.md has no "## ${label}" section`).toMatch(new RegExp(`^## ${label}$`, 'm'));
  });
});

/** A Vitest glob (`**`, `*`, `{a,b}`) as a regular expression over paths from the root. */
function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (glob.startsWith('**/', i)) {
      pattern += '(?:.*/)?';
      i += 2;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '{') pattern += '(?:';
    else if (char === '}') pattern += ')';
    else if (char === ',') pattern += '|';
    else pattern += char.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

describe('the test runner', () => {
  const projects = (vitestConfig.test?.projects ?? []) as Array<{ test: { name: string; include: string[]; setupFiles?: string[] } }>;
  const globs = projects.flatMap(({ test }) => test.include.map((glob) => [test.name, glob] as const));
  it.each(globs)('the %s project\'s glob %s matches files', (_name, glob) => {
    expect(tracked.filter((path) => globToRegExp(glob).test(path)).length).toBeGreaterThan(0);
  });

  it('finds every test file in one project', () => {
    const tests = tracked.filter((path) => /\.test\.tsx?$/.test(path));
    const unfound = tests.filter((path) => !globs.some(([, glob]) => globToRegExp(glob).test(path)));
    expect(unfound).toEqual([]);
  });
});

describe('dependencies', () => {
  const manifest = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };
  const names = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)];
  const sources = tracked.filter((path) => /\.(tsx?|m?js|cjs)$/.test(path) && !path.startsWith('tests/fixtures/')).map(read).join('\n');
  const scripts = Object.values(manifest.scripts).join(' && ');
  const tsTypes = (JSON.parse(read('tsconfig.json')) as { compilerOptions: { types?: string[] } }).compilerOptions.types ?? [];
  const packageJson = (name: string) => JSON.parse(read(`node_modules/${name}/package.json`)) as { bin?: string | Record<string, string>; peerDependencies?: Record<string, string> };
  const imported = (name: string) => new RegExp(`['"]${name.replace(/[/.]/g, '\\$&')}(?:/[^'"]*)?['"]`).test(sources);
  const runByScript = (name: string) => {
    const bin = packageJson(name).bin;
    const bins = typeof bin === 'string' ? [name] : Object.keys(bin ?? {});
    return bins.some((command) => new RegExp(`(^|[\\s&])${command}(\\s|$)`).test(scripts));
  };
  const used = new Set(names.filter((name) => imported(name) || runByScript(name)));
  // Type packages go with what they type; a peer dependency with the package that needs it.
  for (const name of names) {
    const typed = name.startsWith('@types/') ? name.slice('@types/'.length) : undefined;
    if (typed && (used.has(typed) || tsTypes.includes(typed))) used.add(name);
  }
  for (const name of [...used]) for (const peer of Object.keys(packageJson(name).peerDependencies ?? {})) if (names.includes(peer)) used.add(peer);

  it.each(names)('%s is imported, run by a script, or needed by one that is', (name) => {
    expect(used.has(name)).toBe(true);
  });
});

describe('source files', () => {
  it('hold one idea each: none is over 300 lines (tests and fixtures aside)', () => {
    const long = tracked
      .filter((path) => /\.(tsx?|m?js)$/.test(path) && !/\.test\.tsx?$/.test(path) && !path.startsWith('tests/fixtures/'))
      .filter((path) => read(path).split('\n').length > 300)
      .map((path) => relative(root, join(root, path)));
    expect(long).toEqual([]);
  });
});
