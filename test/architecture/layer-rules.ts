import ts from 'typescript';
import { posix } from 'node:path';

/**
 * The layer table of docs/architecture.md ("Layers"), as data. Every file of src/ belongs to one
 * group; a group may import its own files and the groups listed in `mayImport` — by default every
 * group of a lower rank. Groups of one rank are siblings and import each other only where listed
 * (control → policy; the policy language stands without the control plane, and DNS and the API
 * meet only in the app).
 */
export const GROUPS = {
  model: { rank: 0 },
  errors: { rank: 0 },
  log: { rank: 0 },
  metrics: { rank: 0 },
  store: { rank: 1 },
  replica: { rank: 2 },
  // The control plane stores policy documents and takes the default one from the policy language.
  control: { rank: 3, mayImport: ['policy'] },
  policy: { rank: 3 },
  dns: { rank: 4 },
  api: { rank: 4 },
  // The configuration is the app's input: it parses flags and the environment into plain values
  // and needs nothing but the bottom layer. Lower layers take what they need as arguments.
  config: { rank: 5, mayImport: ['model', 'errors', 'log', 'metrics'] },
  app: { rank: 5, mayImport: ['config'] },
} as const satisfies Record<string, { rank: number; mayImport?: readonly string[] }>;

export type Group = keyof typeof GROUPS;

/** The group of a file, by its path under src/ ('control/plane.ts'); undefined when the table has no place for it. */
export function groupOf(srcPath: string): Group | undefined {
  // The files directly in src/ (app.ts, main.ts, …) compose the program.
  if (!srcPath.includes('/')) return 'app';
  const top = srcPath.split('/')[0] ?? '';
  if (top === 'cli') return 'app';
  return top in GROUPS && top !== 'app' ? (top as Group) : undefined;
}

/** Whether a file of group `from` may import a file of group `to`. */
export function mayImport(from: Group, to: Group): boolean {
  if (from === to) return true;
  const rule: { rank: number; mayImport?: readonly string[] } = GROUPS[from];
  if (rule.mayImport?.includes(to)) return true;
  if (from === 'config') return false;
  return GROUPS[to].rank < rule.rank;
}

/**
 * Every module specifier a TypeScript source names: static imports (type-only too), re-exports,
 * dynamic `import('…')` and `import('…')` types. Specifiers built from expressions are returned as
 * undefined so that a caller can refuse them: the rule cannot follow them.
 */
export function importsOf(fileName: string, text: string): (string | undefined)[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const found: (string | undefined)[] = [];
  const literal = (node: ts.Node | undefined): string | undefined =>
    node !== undefined && ts.isStringLiteralLike(node) ? node.text : undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier !== undefined) found.push(literal(node.moduleSpecifier));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      found.push(literal(node.moduleReference.expression));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      found.push(literal(node.arguments[0]));
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      found.push(literal(node.argument.literal));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The src/-relative path a relative specifier names ('../api/x.js' from 'replica/a.ts' → 'api/x.ts'); undefined for packages and node: modules. */
export function resolveWithinSrc(fromSrcPath: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(fromSrcPath), specifier));
  return joined.replace(/\.js$/, '.ts');
}

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

/** The imports of one file that break the table, each named file → import with the reason. */
export function checkFile(srcPath: string, text: string): Violation[] {
  const violations: Violation[] = [];
  const from = groupOf(srcPath);
  if (from === undefined) {
    return [{ file: srcPath, specifier: '', reason: 'file has no place in the layer table' }];
  }
  for (const specifier of importsOf(srcPath, text)) {
    if (specifier === undefined) {
      violations.push({ file: srcPath, specifier: '(expression)', reason: 'import names its module by an expression' });
      continue;
    }
    const target = resolveWithinSrc(srcPath, specifier);
    if (target === undefined) continue;
    if (target.startsWith('../')) {
      violations.push({ file: srcPath, specifier, reason: 'import leaves src/' });
      continue;
    }
    const to = groupOf(target);
    if (to === undefined) {
      violations.push({ file: srcPath, specifier, reason: `${target} has no place in the layer table` });
    } else if (!mayImport(from, to)) {
      const rise = GROUPS[to].rank - GROUPS[from].rank;
      const how = rise > 0 ? 'upward' : rise === 0 ? 'sibling' : 'outside its list';
      violations.push({ file: srcPath, specifier, reason: `${how}: ${from} may not import ${to}` });
    }
  }
  return violations;
}

/**
 * The import cycles among files: every strongly connected group of two or more files (or a file
 * that imports itself), each as its files sorted, the groups sorted. `graph` maps a file to the
 * files it imports (type-only imports count: a cycle of types is still two files that cannot be
 * read apart). Tarjan's algorithm, iterative so a deep chain cannot overflow the stack.
 */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!;
        if (!graph.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== frame.node);
      if (group.length > 1 || edges.includes(frame.node)) cycles.push(group.sort());
    }
  }
  return cycles.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** The files of src/ each file imports (src/-relative paths, relative specifiers only). */
export function importGraph(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [srcPath, text] of files) {
    const targets = importsOf(srcPath, text)
      .map((specifier) => (specifier === undefined ? undefined : resolveWithinSrc(srcPath, specifier)))
      .filter((target): target is string => target !== undefined && files.has(target));
    graph.set(srcPath, [...new Set(targets)]);
  }
  return graph;
}
