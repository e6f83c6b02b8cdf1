/**
 * Reads the source tree's import statements for the boundary test: static imports and re-exports,
 * dynamic `import()` and `require()` calls. Type-only imports are left out: they vanish at build
 * time and so cannot form a runtime dependency.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const SOURCE_SUFFIXES = ['.ts', '.js', '.mjs', '.cjs', '.svelte'];

export interface SourceImport {
  /** Repo-relative path of the importing file, with forward slashes. */
  file: string;
  /** The specifier as written. */
  specifier: string;
  /** Repo-relative path the specifier points to (relative specifiers only), else null. */
  target: string | null;
  line: number;
}

/** Repo-relative paths of the source files under `dirs`, skipping dependencies and build output. */
export function listSourceFiles(dirs: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('dist') ? [] : walk(rel);
      return SOURCE_SUFFIXES.some((suffix) => entry.name.endsWith(suffix)) ? [rel] : [];
    });
  return dirs.flatMap(walk).sort();
}

/** A `.svelte` file's script blocks, with the markup blanked out so line numbers still match. */
function scriptText(file: string, text: string): string {
  if (!file.endsWith('.svelte')) return text;
  const scripts = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return scripts.join('\n');
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    !clause.name &&
    !!bindings &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return (
    !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly)
  );
}

function stringArgument(call: ts.CallExpression): string | null {
  const [first] = call.arguments;
  return first && ts.isStringLiteralLike(first) ? first.text : null;
}

/** The runtime imports of one repo-relative file. */
export function readImports(file: string): SourceImport[] {
  return parseImports(file, readFileSync(path.join(REPO_ROOT, file), 'utf8'));
}

/** Every import of one repo-relative file, type-only ones included. */
export function readImportsWithTypes(file: string): SourceImport[] {
  return parseImports(file, readFileSync(path.join(REPO_ROOT, file), 'utf8'), true);
}

/** The imports in `text`, read as the repo-relative file `file` (so relative specifiers resolve from there). */
export function parseImports(file: string, fileText: string, includeTypeOnly = false): SourceImport[] {
  const text = scriptText(file, fileText);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: SourceImport[] = [];
  const add = (specifier: string, node: ts.Node): void => {
    const target = specifier.startsWith('.') ? path.posix.join(path.posix.dirname(file), specifier) : null;
    found.push({ file, specifier, target, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      (includeTypeOnly || !isTypeOnlyImport(node))
    )
      add(node.moduleSpecifier.text, node);
    else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      (includeTypeOnly || !isTypeOnlyExport(node))
    )
      add(node.moduleSpecifier.text, node);
    else if (ts.isCallExpression(node)) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const specifier = isDynamicImport || isRequire ? stringArgument(node) : null;
      if (specifier !== null) add(specifier, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The imports of a core/ file that reach into hosts/ (the CLI, the web host): entry points drive core, never the reverse. */
export function coreImportsOfHosts(imports: readonly SourceImport[]): SourceImport[] {
  return imports.filter(
    (imp) => coreLayerOf(imp.file) !== null && imp.target !== null && /^hosts(\/|$)/.test(imp.target),
  );
}

/** The `core/` layer a repo-relative path belongs to (`core/types.ts` is the layer `types`), else null. */
export function coreLayerOf(repoPath: string): string | null {
  const match = /^core\/([^/]+?)(?:\.[a-z]+)?(?:\/|$)/.exec(repoPath);
  return match ? match[1] : null;
}

/** Dependency cycles in a directed graph (one per strongly connected component of two or more nodes). */
export function findCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) connect(node);
  return components;
}
