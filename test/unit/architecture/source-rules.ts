/**
 * The boundary test's rules about what modules define and import, as pure functions over source
 * text and import lists, so a test can plant a violation in synthetic input and see it flagged.
 */
import ts from 'typescript';
import type { SourceImport } from './source-imports';

export interface SourceText {
  /** Repo-relative path with forward slashes. */
  file: string;
  text: string;
}

function parse(source: SourceText): ts.SourceFile {
  return ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true);
}

function isExported(statement: ts.Statement): boolean {
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  return !!modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

/** Names a module declares and exports itself: functions, classes, constants, types, enums, and `export { local }`. Re-exports are not definitions. */
export function exportedDeclarations(source: SourceText): string[] {
  const statements = parse(source).statements;
  const imported = new Set(statements.filter(ts.isImportDeclaration).flatMap(importedNames));
  const names: string[] = [];
  for (const statement of statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (statement.moduleSpecifier || !clause || !ts.isNamedExports(clause)) continue;
      // `import { x } …; export { x }` passes x on: a re-export, not a definition.
      names.push(
        ...clause.elements.filter((e) => !imported.has((e.propertyName ?? e.name).text)).map((e) => e.name.text),
      );
      continue;
    }
    if (!isExported(statement)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.push(statement.name.text);
    }
  }
  return [...new Set(names)];
}

function importedNames(declaration: ts.ImportDeclaration): string[] {
  const clause = declaration.importClause;
  if (!clause) return [];
  const bindings = clause.namedBindings;
  const named =
    bindings && ts.isNamedImports(bindings)
      ? bindings.elements.map((e) => e.name.text)
      : bindings
        ? [bindings.name.text]
        : [];
  return [...(clause.name ? [clause.name.text] : []), ...named];
}

/** A name several modules may each define by convention (one per plugin module in a folder). */
export interface SharedExportName {
  name: string;
  /** Folder prefix, e.g. `core/cli/commands/`. */
  under: string;
}

/** `name: file, file` for every exported name that more than one module defines. */
export function duplicateExports(sources: readonly SourceText[], shared: readonly SharedExportName[] = []): string[] {
  const definedIn = new Map<string, string[]>();
  for (const source of sources) {
    for (const name of exportedDeclarations(source)) {
      if (shared.some((s) => s.name === name && source.file.startsWith(s.under))) continue;
      definedIn.set(name, [...(definedIn.get(name) ?? []), source.file]);
    }
  }
  return [...definedIn].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
}

/** `file:line: statement` for each statement of an index file that is not a re-export (`export … from`). */
export function indexNonReexports(source: SourceText): string[] {
  const parsed = parse(source);
  return parsed.statements
    .filter((statement) => !(ts.isExportDeclaration(statement) && statement.moduleSpecifier))
    .map(
      (statement) =>
        `${source.file}:${parsed.getLineAndCharacterOfPosition(statement.getStart()).line + 1}: ${statement.getText().split('\n')[0]}`,
    );
}

/** What the renderer may import from core: whole folders (the contract) and single modules (types, tables, pure helpers). */
export interface RendererCoreAllowance {
  folders: readonly string[];
  modules: readonly string[];
}

/** The renderer's imports of core that are outside the allowance. */
export function forbiddenRendererImports(
  imports: readonly SourceImport[],
  allowed: RendererCoreAllowance,
): SourceImport[] {
  return imports.filter((imp) => {
    if (!imp.target?.startsWith('core/')) return false;
    const module = imp.target.replace(/\.(ts|js)$/, '');
    return !allowed.folders.some((folder) => module.startsWith(folder)) && !allowed.modules.includes(module);
  });
}
