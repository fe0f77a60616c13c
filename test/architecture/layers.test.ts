import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFile, groupOf, importCycles, importGraph, importsOf, mayImport, type Group } from './layer-rules.js';

// Imports point down the layers of docs/architecture.md: model/errors/log/metrics ← store ←
// replica ← control/policy ← dns/api ← app (app.ts, main.ts, cli/) and its input, config/.

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the layer rule', () => {
  it.each<[from: string, to: string, allowed: boolean]>([
    ['control/plane.ts', 'errors/catalogue.ts', true],
    ['control/plane.ts', 'replica/replica.ts', true],
    ['api/rpc/dispatcher.ts', 'control/plane.ts', true],
    ['app.ts', 'config/config.ts', true],
    ['cli/cli.ts', 'api/rpc/signature.ts', true],
    ['config/config.ts', 'model/ids.ts', true],
    ['replica/policy-index.ts', 'api/authz/index.ts', false],
    ['control/plane.ts', 'api/rpc/errors.ts', false],
    ['control/plane.ts', 'config/config.ts', false],
    ['dns/dns-service.ts', 'config/config.ts', false],
    ['config/config.ts', 'store/redis/connection.ts', false],
    ['config/config.ts', 'api/authz/bearer.ts', false],
    ['store/types.ts', 'replica/replica.ts', false],
    ['model/types.ts', 'store/types.ts', false],
    // Siblings: the same rank, different groups.
    ['control/endpoint-create.ts', 'policy/default-endpoint-policy.ts', true],
    ['policy/compile.ts', 'control/plane.ts', false],
    ['dns/lookup/types.ts', 'api/http/http-server.ts', false],
    ['api/authz/routes.ts', 'dns/zone/zone.ts', false],
    ['model/ids.ts', 'log/logger.ts', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    const fromGroup = groupOf(from) as Group;
    const toGroup = groupOf(to) as Group;
    expect(fromGroup).toBeDefined();
    expect(toGroup).toBeDefined();
    expect(mayImport(fromGroup, toGroup)).toBe(allowed);
  });

  it('reads static, type-only, re-exported and dynamic imports, not text in comments or strings', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "import './side-effect.js';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      "const e = await import('./e.js');",
      "type F = import('./f.js').F;",
      "// import { g } from './g.js';",
      'const h = "import { h } from \'./h.js\'";',
      'const i = await import(name);',
    ].join('\n');
    expect(importsOf('x.ts', text)).toEqual(['./a.js', '../b.js', './side-effect.js', './c.js', './d.js', './e.js', './f.js', undefined]);
  });

  it('names the file and the import of an upward, sibling or unplaced import', () => {
    const text = [
      "import { compilePolicy } from '../policy/index.js';",
      "import type { EndpointPolicySource } from '../api/authz/index.js';",
      "const later = await import('../control/plane.js');",
      "import { x } from '../elsewhere/x.js';",
      "import { fine } from '../store/types.js';",
      "import { y } from 'node:fs';",
    ].join('\n');
    expect(checkFile('replica/policy-index.ts', text)).toEqual([
      { file: 'replica/policy-index.ts', specifier: '../policy/index.js', reason: 'upward: replica may not import policy' },
      { file: 'replica/policy-index.ts', specifier: '../api/authz/index.js', reason: 'upward: replica may not import api' },
      { file: 'replica/policy-index.ts', specifier: '../control/plane.js', reason: 'upward: replica may not import control' },
      { file: 'replica/policy-index.ts', specifier: '../elsewhere/x.js', reason: 'elsewhere/x.ts has no place in the layer table' },
    ]);
    expect(checkFile('stray/file.ts', '')).toEqual([
      { file: 'stray/file.ts', specifier: '', reason: 'file has no place in the layer table' },
    ]);
    expect(checkFile('serve.ts', "import { loadConfig } from './config/config.js';")).toEqual([]);
  });

  it('finds import cycles of two files, of three, a file importing itself, and none in a chain', () => {
    const graph = importGraph(
      new Map([
        ['a.ts', "import type { B } from './b.js';"],
        ['b.ts', "import { a } from './a.js';"],
        ['c/x.ts', "import { y } from './y.js';\nimport { fs } from 'node:fs';"],
        ['c/y.ts', "import { z } from './z.js';"],
        ['c/z.ts', "import { x } from '../c/x.js';\nimport { a } from '../a.js';"],
        ['self.ts', "export * from './self.js';"],
        ['d.ts', "import { e } from './e.js';"],
        ['e.ts', "import { a } from './a.js';"],
      ]),
    );
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts'], ['c/x.ts', 'c/y.ts', 'c/z.ts'], ['self.ts']]);
  });
});

describe('src/', () => {
  it('has every TypeScript file in a layer and no import that runs up or sideways', () => {
    const files = typeScriptFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    const violations = files.flatMap((path) => {
      const srcPath = relative(SRC, path).split(sep).join('/');
      return checkFile(srcPath, readFileSync(path, 'utf8'));
    });
    expect(violations.map((v) => `src/${v.file} → ${v.specifier}: ${v.reason}`)).toEqual([]);
  });

  // Two files that import each other are one concern split in two, or a shared one without its own
  // home (docs/architecture.md "Layers"): give the shared part a file both import.
  it('has no import cycle between files', () => {
    const files = new Map(typeScriptFiles(SRC).map((path) => [relative(SRC, path).split(sep).join('/'), readFileSync(path, 'utf8')]));
    const cycles = importCycles(importGraph(files));
    expect(cycles.map((group) => group.map((file) => `src/${file}`).join(' → '))).toEqual([]);
  });
});
